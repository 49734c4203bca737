"""Step 2: the 12-digit account that owns the stream, validated as typed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Static

from wizard.core.fields import ACCOUNT
from wizard.core.problems import Problem
from wizard.core.render import Bundle
from wizard.tui.messages import AnswerChanged
from wizard.tui.widgets.safe_input import FieldInput
from wizard.tui.widgets.steps.base import FieldMessage, StepPane


class AccountPane(StepPane):
    FIRST = "#account-input"

    def compose_fields(self) -> ComposeResult:
        yield Static(ACCOUNT.help, classes="help")
        yield Static(ACCOUNT.label, classes="label")
        yield FieldInput(self.answers.account, placeholder="123456789012", id="account-input", compact=True)
        yield FieldMessage(id="account-message", classes="field-message")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(AnswerChanged(account=event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(AnswerChanged(account=event.value, advance=True))

    def show(self, bundle: Bundle, problems: list[Problem]) -> None:
        value = self.answers.account
        rule = ACCOUNT.check(value, self.answers)
        self.query_one(FieldMessage).show(rule, value, f"✓ account {value.strip()}")
