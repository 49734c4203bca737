"""What every step pane shares: a title, the engine's messages under fields, and refresh rules."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, Static

from wizard.core.fields import FieldSpec, Step
from wizard.core.model import Answers
from wizard.core.problems import Problem
from wizard.core.render import Bundle


class FieldMessage(Static):
    """The engine's rule for a field, as it is; a hint while the field is still empty."""

    shown: str | None = None

    def show(self, rule: str | None, value: str, ok: str = "") -> None:
        """One restyle at most, and no re-render while the text stays the same (most keystrokes)."""
        typed = bool(value.strip())
        self.update_classes({"-error": bool(rule) and typed, "-hint": bool(rule) and not typed, "-ok": not rule})
        text = rule or ok
        if text != self.shown:
            self.shown = text
            self.update(Content(text))


class ProblemList(Static):
    """The step's open problems as the engine words them (str(Problem))."""

    shown: str | None = None

    def show(self, problems: list[Problem]) -> None:
        self.display = bool(problems)
        text = "\n".join(f"• {p}" for p in problems)
        if text != self.shown:
            self.shown = text
            self.update(Content(text))


class EntryList(OptionList):
    """A list of answers: Enter edits the highlighted one, Delete removes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("delete,backspace", "remove", "Remove", show=False)]

    class RemoveRequested(Message):
        def __init__(self, entries: EntryList, index: int) -> None:
            super().__init__()
            self.entries, self.index = entries, index

    def action_remove(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.RemoveRequested(self, self.highlighted))


class StepPane(VerticalScroll):
    """Base of the six panes. The screen calls `refresh_from` only while the pane is visible."""

    FIRST: str = ""  # selector of the widget that takes focus when the step is shown

    def __init__(self, step: Step, answers: Answers, *, id: str) -> None:
        super().__init__(id=id, classes="step-pane")
        self.step = step
        self.answers = answers

    def compose(self) -> ComposeResult:
        yield Static(self.step.title, classes="step-title")
        yield from self.compose_fields()

    def compose_fields(self) -> ComposeResult:
        yield from ()

    def refresh_from(self, bundle: Bundle) -> None:
        self.answers = bundle.answers
        self.show(bundle, self.step.problems(bundle.problems))

    def show(self, bundle: Bundle, problems: list[Problem]) -> None:
        """Bring the widgets in line with the bundle; overridden per step."""

    def focus_first(self) -> None:
        if self.FIRST:
            target: Widget = self.query_one(self.FIRST)
            if target.focusable:
                # Scrolled into view after the next layout: a pane just shown has no geometry yet.
                target.focus(scroll_visible=False)
                self.call_after_refresh(self._reveal, target)

    def _reveal(self, target: Widget) -> None:
        """Centre the focused field when it is not fully in view; the pane scrolls only vertically."""
        region, view = target.region, self.scrollable_content_region
        if self.screen.focused is target and not (view.y <= region.y and region.bottom <= view.bottom):
            self.scroll_to_center(target, origin_visible=True)


class EntryStepPane(StepPane):
    """A step that edits a list of answers through one field: streams, principals.

    The field is checked as typed with the core's own rule for one item; Enter or the add
    button commits it (`_commit`, per step).
    """

    SPEC: FieldSpec
    ADD_BUTTON = ""  # id of the button that commits the field

    def _rule(self, value: str) -> str | None:
        return self.SPEC.check(value, self.answers)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        value = event.value
        self.query_one(FieldMessage).show(self._rule(value) if value.strip() else None, value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._commit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == self.ADD_BUTTON:
            event.stop()
            self._commit()

    def _commit(self) -> None:
        raise NotImplementedError
