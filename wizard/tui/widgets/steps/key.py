"""Step 3: the AWS managed key or a customer managed key, in any form the engine accepts."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, RadioSet, Static

from wizard.core.fields import KEY, KEY_ALIAS_NOTE, KEY_CHOICES, is_alias_only, key_kind
from wizard.core.model import MANAGED_KEY
from wizard.core.problems import Problem
from wizard.core.render import Bundle
from wizard.tui.messages import AnswerChanged
from wizard.tui.widgets.safe_input import FieldInput
from wizard.tui.widgets.steps.base import FieldMessage, StepPane
from wizard.tui.widgets.toggles import Choice


class KindSet(RadioSet):
    """The key's kind: Space or a click chooses; Enter chooses and goes on to what follows."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "enter", show=False)]

    class Entered(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def action_enter(self) -> None:
        self.post_message(self.Entered(max(self._selected or 0, 0)))


class KeyPane(StepPane):
    FIRST = "#key-kind"

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        given = self.answers.key
        self.kind = key_kind(given) if given.strip() else ""
        self.customer_text = given if self.kind == "customer" else ""

    def compose_fields(self) -> ComposeResult:
        with KindSet(id="key-kind"):
            for choice in KEY_CHOICES:
                yield Choice(choice.label, value=self.kind == choice.value, id=f"key-{choice.value}")
        for choice in KEY_CHOICES:
            yield Static(Content.from_markup("[b]$label[/b]: $text", label=choice.label, text=choice.group),
                         classes="help key-choice")
        yield Static(KEY.help, classes="label", id="key-label")
        yield FieldInput(self.customer_text, placeholder="1234abcd-…, arn:aws:kms:…, alias/NAME", id="key-input",
                        compact=True)
        yield FieldMessage(id="key-message", classes="field-message")
        yield Static(KEY_ALIAS_NOTE, id="key-alias-note", classes="note")

    def on_mount(self) -> None:
        self._show_kind()
        # RadioSet puts its cursor on the first button when mounted; start it on the chosen kind,
        # so Enter on a prefilled answer keeps it. Textual has no public setter for the cursor.
        radio = self.query_one(RadioSet)
        if radio.pressed_index >= 0:
            radio._selected = radio.pressed_index

    def first(self) -> str:
        """A customer key's identifier is where typing goes; otherwise the choice of kind."""
        return "#key-input" if self.kind == "customer" else "#key-kind"

    def _show_kind(self) -> None:
        customer = self.kind == "customer"
        for selector in ("#key-label", "#key-input", "#key-message"):
            self.query_one(selector).display = customer

    def _choose(self, kind: str, *, go_on: bool) -> None:
        """A kind chosen: a customer key's identifier is typed next; the managed key needs nothing
        more, so Enter on it moves to the next step."""
        changed = kind != self.kind
        self.kind = kind
        self._show_kind()
        key = MANAGED_KEY if kind == "managed" else self.customer_text
        if kind == "customer":
            self.post_message(AnswerChanged(key=key))
            self.focus_on("#key-input")
        elif changed or self.answers.key != key:
            self.post_message(AnswerChanged(key=key, advance=go_on))
        elif go_on:
            self.post_message(AnswerChanged(advance=True))

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self._choose((event.pressed.id or "").removeprefix("key-"), go_on=False)

    def on_kind_set_entered(self, event: KindSet.Entered) -> None:
        event.stop()
        kind = KEY_CHOICES[event.index].value
        with self.prevent(RadioSet.Changed):
            self.query_one(f"#key-{kind}", Choice).value = True
        self._choose(kind, go_on=True)

    def on_key(self, event: events.Key) -> None:
        """Typing on the choice of kind means typing a key identifier: a customer managed key."""
        if event.is_printable and (event.character or " ").strip() and isinstance(self.screen.focused, KindSet):
            event.stop()
            event.prevent_default()
            with self.prevent(RadioSet.Changed):
                self.query_one("#key-customer", Choice).value = True
            self._choose("customer", go_on=False)
            field = self.query_one("#key-input", Input)
            field.insert_text_at_cursor(event.character)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.customer_text = event.value
        if self.kind == "customer":
            self.post_message(AnswerChanged(key=event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(AnswerChanged(advance=True))

    def show(self, bundle: Bundle, problems: list[Problem]) -> None:
        value = self.answers.key
        rule = KEY.check(value, self.answers)
        self.query_one(FieldMessage).show(rule, value, "✓ key accepted")
        self.query_one("#key-alias-note").display = not rule and is_alias_only(value)
