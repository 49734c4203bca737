"""Step 4: the streams, a list to add to, edit and remove from."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Static

from wizard.core.fields import STREAMS
from wizard.core.problems import Problem
from wizard.core.render import Bundle
from wizard.tui.widgets.steps.base import EntryInput, EntryList, EntryStepPane, FieldMessage, ProblemList


class StreamsPane(EntryStepPane):
    FIRST = INPUT = "#stream-input"
    SPEC = STREAMS
    ANSWER = "streams"
    ADD_BUTTON = "stream-add"

    def compose_fields(self) -> ComposeResult:
        yield Static(STREAMS.help + " Enter adds, and on an empty field moves on. Down goes to the list: "
                     "Enter edits a stream, Delete removes it.", classes="help")
        with Horizontal(classes="entry-row"):
            yield EntryInput(placeholder="stream name or ARN", id="stream-input", compact=True)
            yield Button("Add", id="stream-add", compact=True)
        yield FieldMessage(id="stream-message", classes="field-message")
        yield EntryList(id="stream-list", classes="entries")
        yield Static("", classes="undo")
        yield ProblemList(id="stream-problems", classes="problems")

    def build(self, value: str) -> str | None:
        rule = self._rule(value)
        others = [s for i, s in enumerate(self.items) if i != self.editing]
        if not rule and value in others:
            rule = "already in the list"
        if rule:
            self.query_one(FieldMessage).show(rule, value)
            return None
        return value

    def load(self, item: str | None) -> None:
        self._field().value = item or ""

    def describe(self, item: str) -> str:
        return item

    def show(self, bundle: Bundle, problems: list[Problem]) -> None:
        rules = {i: [rule] for i, stream in enumerate(self.items) if (rule := self._rule(stream))}
        self.refresh_list(rules)
        listed = {s.strip() for s in self.items}
        self.query_one(ProblemList).show([p for p in problems if p.value not in listed])
