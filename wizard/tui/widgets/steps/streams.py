"""Step 4: the streams, a list to add to, edit and remove from."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from wizard.core.fields import STREAMS
from wizard.core.problems import Problem
from wizard.core.render import Bundle
from wizard.tui.messages import AnswerChanged, NavigateRequested
from wizard.tui.widgets.steps.base import EntryList, EntryStepPane, FieldMessage, ProblemList


class StreamsPane(EntryStepPane):
    FIRST = "#stream-input"
    SPEC = STREAMS
    ADD_BUTTON = "stream-add"

    editing: int | None = None

    def compose_fields(self) -> ComposeResult:
        yield Static(STREAMS.help + " Enter adds; Enter on a listed stream edits it, Delete removes it.",
                     classes="help")
        with Horizontal(classes="entry-row"):
            yield Input(placeholder="stream name or ARN", id="stream-input", compact=True)
            yield Button("Add", id="stream-add", compact=True)
        yield FieldMessage(id="stream-message", classes="field-message")
        yield EntryList(id="stream-list", classes="entries")
        yield ProblemList(id="stream-problems", classes="problems")

    def _commit(self) -> None:
        field = self.query_one("#stream-input", Input)
        value = field.value.strip()
        streams = list(self.answers.streams)
        if not value:
            if streams and self.editing is None:
                self.post_message(NavigateRequested(+1))
            return
        rule = self._rule(value)
        if rule:
            self.query_one(FieldMessage).show(rule, value)
            return
        if self.editing is not None and self.editing < len(streams):
            streams[self.editing] = value
        elif value in streams:
            self.query_one(FieldMessage).show("already in the list", value)
            return
        else:
            streams.append(value)
        self.editing = None
        self.query_one("#stream-add", Button).label = "Add"
        field.value = ""
        self.post_message(AnswerChanged(streams=tuple(streams)))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Edit the chosen stream in the field above."""
        event.stop()
        self.editing = event.option_index
        field = self.query_one("#stream-input", Input)
        field.value = self.answers.streams[event.option_index]
        self.query_one("#stream-add", Button).label = "Update"
        field.focus()

    def on_entry_list_remove_requested(self, event: EntryList.RemoveRequested) -> None:
        event.stop()
        streams = list(self.answers.streams)
        if event.index < len(streams):
            del streams[event.index]
            self.editing = None
            self.query_one("#stream-add", Button).label = "Add"
            self.post_message(AnswerChanged(streams=tuple(streams)))

    def show(self, bundle: Bundle, problems: list[Problem]) -> None:
        entries = self.query_one(EntryList)
        highlighted = entries.highlighted
        entries.clear_options()
        for stream in self.answers.streams:
            rule = self._rule(stream)
            prompt = Content(stream) if not rule else Content.assemble(stream, (f"\n  {rule}", "$text-error"))
            entries.add_option(Option(prompt))
        if self.answers.streams:
            entries.highlighted = min(highlighted or 0, len(self.answers.streams) - 1)
        entries.display = bool(self.answers.streams)
        listed = {s.strip() for s in self.answers.streams}
        self.query_one(ProblemList).show([p for p in problems if p.value not in listed])
