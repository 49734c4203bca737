"""Step 5: the roles that use the stream, what each does, and enhanced fan-out."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Checkbox, Input, OptionList, Select, Static, Switch
from textual.widgets.option_list import Option

from wizard.core.fields import FAN_OUT, PRINCIPALS, ROLE_CHOICES, SERVICE_CHOICES
from wizard.core.model import Principal
from wizard.core.problems import Problem
from wizard.core.render import Bundle
from wizard.tui.messages import AnswerChanged
from wizard.tui.widgets.steps.base import EntryList, EntryStepPane, FieldMessage, ProblemList

ROLE_TITLES = {c.value: c.label for c in ROLE_CHOICES}
SERVICE_TITLES = {c.value: c.label for c in SERVICE_CHOICES}


def describe(principal: Principal) -> str:
    """`app-reader: consumer · AWS Lambda (…)` as listed in the pane and the review."""
    roles = ", ".join(ROLE_TITLES.get(r, r) for r in principal.roles) or "no role yet"
    service = f" · {SERVICE_TITLES.get(principal.service, principal.service)}" if principal.service else ""
    return f"{principal.ref}: {roles}{service}"


class PrincipalsPane(EntryStepPane):
    FIRST = "#principal-input"
    SPEC = PRINCIPALS
    ADD_BUTTON = "principal-add"

    editing: int | None = None

    def compose_fields(self) -> ComposeResult:
        yield Static(PRINCIPALS.help + " Enter in the name field adds; Enter on a listed role edits it, "
                     "Delete removes it.", classes="help")
        yield Input(placeholder="role name, role ARN or user ARN", id="principal-input", compact=True)
        yield FieldMessage(id="principal-message", classes="field-message")
        with Horizontal(id="roles"):
            for choice in ROLE_CHOICES:
                yield Checkbox(choice.label, id=f"role-{choice.value}", compact=True)
        yield Select([(c.label, c.value) for c in SERVICE_CHOICES], value="", allow_blank=False,
                     id="service", compact=True)
        with Horizontal(classes="entry-row"):
            yield Button("Add", id="principal-add", compact=True, variant="primary")
            yield Button("Clear", id="principal-clear", compact=True)
        yield EntryList(id="principal-list", classes="entries")
        yield ProblemList(id="principal-problems", classes="problems")
        with Horizontal(id="fan-out-row"):
            yield Switch(self.answers.fan_out, id="fan-out")
            yield Static(Content.from_markup("[b]$label[/b]: $help", label=FAN_OUT.label, help=FAN_OUT.help),
                         classes="help")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        # Textual also runs EntryStepPane's handler (handlers run along the MRO): it takes "Add".
        if event.button.id == "principal-clear":
            event.stop()
            self._load(None)

    def on_switch_changed(self, event: Switch.Changed) -> None:
        event.stop()
        self.post_message(AnswerChanged(fan_out=event.value))

    def _commit(self) -> None:
        """Add the principal in the editor, or replace the one being edited."""
        value = self.query_one("#principal-input", Input).value.strip()
        rule = self._rule(value)
        if rule:
            self.query_one(FieldMessage).show(rule, value or " ")
            return
        roles = tuple(c.value for c in ROLE_CHOICES if self.query_one(f"#role-{c.value}", Checkbox).value)
        service = self.query_one("#service", Select).value
        principal = Principal(value, roles, service if isinstance(service, str) and service else None)
        principals = list(self.answers.principals)
        if self.editing is not None and self.editing < len(principals):
            principals[self.editing] = principal
        else:
            principals.append(principal)
        self._load(None)
        self.post_message(AnswerChanged(principals=tuple(principals)))

    def _load(self, index: int | None) -> None:
        """Put a listed principal (or nothing, for a new one) into the editor."""
        self.editing = index
        principal = self.answers.principals[index] if index is not None else Principal("")
        self.query_one("#principal-input", Input).value = principal.ref
        for choice in ROLE_CHOICES:
            self.query_one(f"#role-{choice.value}", Checkbox).value = choice.value in principal.roles
        self.query_one("#service", Select).value = principal.service or ""
        self.query_one("#principal-add", Button).label = "Update" if index is not None else "Add"
        self.query_one(FieldMessage).show(None, "")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._load(event.option_index)
        self.query_one("#principal-input", Input).focus()

    def on_entry_list_remove_requested(self, event: EntryList.RemoveRequested) -> None:
        event.stop()
        principals = list(self.answers.principals)
        if event.index < len(principals):
            del principals[event.index]
            self._load(None)
            self.post_message(AnswerChanged(principals=tuple(principals)))

    def show(self, bundle: Bundle, problems: list[Problem]) -> None:
        entries = self.query_one(EntryList)
        highlighted = entries.highlighted
        entries.clear_options()
        shown: set[Problem] = set()
        for principal in self.answers.principals:
            own = [p for p in problems if p.value == principal.ref.strip()]
            shown.update(own)
            parts = [Content(describe(principal))]
            parts += [Content.styled(f"\n  {p.rule}", "$text-error") for p in own]
            entries.add_option(Option(Content("").join(parts)))
        if self.answers.principals:
            entries.highlighted = min(highlighted or 0, len(self.answers.principals) - 1)
        entries.display = bool(self.answers.principals)
        self.query_one(ProblemList).show([p for p in problems if p not in shown])
