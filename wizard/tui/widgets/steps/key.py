"""Step 3: the AWS managed key or a customer managed key, in any form the engine accepts."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, RadioButton, RadioSet, Static

from wizard.core.fields import KEY, KEY_ALIAS_NOTE, KEY_CHOICES, is_alias_only, key_kind
from wizard.core.model import MANAGED_KEY
from wizard.core.problems import Problem
from wizard.core.render import Bundle
from wizard.tui.messages import AnswerChanged, NavigateRequested
from wizard.tui.widgets.steps.base import FieldMessage, StepPane


class KeyPane(StepPane):
    FIRST = "#key-kind"

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        given = self.answers.key
        self.kind = key_kind(given) if given.strip() else ""
        self.customer_text = given if self.kind == "customer" else ""

    def compose_fields(self) -> ComposeResult:
        with RadioSet(id="key-kind"):
            for choice in KEY_CHOICES:
                yield RadioButton(choice.label, value=self.kind == choice.value, id=f"key-{choice.value}")
        for choice in KEY_CHOICES:
            yield Static(Content.from_markup("[b]$label[/b]: $text", label=choice.label, text=choice.group),
                         classes="help key-choice")
        yield Static(KEY.help, classes="label", id="key-label")
        yield Input(self.customer_text, placeholder="1234abcd-…, arn:aws:kms:…, alias/NAME", id="key-input",
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

    def _show_kind(self) -> None:
        customer = self.kind == "customer"
        for selector in ("#key-label", "#key-input", "#key-message"):
            self.query_one(selector).display = customer

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.kind = (event.pressed.id or "").removeprefix("key-")
        self._show_kind()
        key = MANAGED_KEY if self.kind == "managed" else self.customer_text
        self.post_message(AnswerChanged(key=key))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.customer_text = event.value
        if self.kind == "customer":
            self.post_message(AnswerChanged(key=event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(NavigateRequested(+1))

    def show(self, bundle: Bundle, problems: list[Problem]) -> None:
        value = self.answers.key
        rule = KEY.check(value, self.answers)
        self.query_one(FieldMessage).show(rule, value, "✓ key accepted")
        self.query_one("#key-alias-note").display = not rule and is_alias_only(value)
