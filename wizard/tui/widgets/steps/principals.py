"""Step 5: the roles that use the stream, what each does, and enhanced fan-out."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Static, Switch

from wizard.core.fields import (
    CONSUMER_NAME_HELP,
    FAN_OUT,
    PRINCIPALS,
    ROLE_CHOICES,
    SERVICE_CHOICES,
    fan_out_consumer,
    is_user_arn,
    own_consumer_default,
)
from wizard.core.model import Answers, Principal
from wizard.core.problems import Problem
from wizard.core.render import Bundle
from wizard.core.validate import check_consumer_name
from wizard.tui.messages import AnswerChanged
from wizard.tui.widgets.safe_input import FieldInput, pass_on, run_own_binding
from wizard.tui.widgets.service_picker import ServicePicker
from wizard.tui.widgets.steps.base import EntryInput, EntryList, EntryStepPane, FieldMessage, ProblemList
from wizard.tui.widgets.toggles import Tick

ROLE_TITLES = {c.value: c.label for c in ROLE_CHOICES}
SERVICE_TITLES = {c.value: c.label for c in SERVICE_CHOICES}


def describe(principal: Principal, answers: Answers | None = None) -> str:
    """`app-reader: consumer · AWS Lambda (…)` as listed in the pane and the review; with `answers`, the name of the
    enhanced fan-out consumer registered for it too, when it gets one (`· fan-out consumer NAME`)."""
    roles = ", ".join(ROLE_TITLES.get(r, r) for r in principal.roles) or "no role yet"
    service = f" · {SERVICE_TITLES.get(principal.service, principal.service)}" if principal.service else ""
    name = fan_out_consumer(principal, answers) if answers is not None else None
    consumer = f" · fan-out consumer {name}" if name else ""
    return f"{principal.ref}: {roles}{service}{consumer}"


class RoleBox(Tick):
    """A role: Space ticks or unticks and stays; Enter ticks and a click toggles, then typing
    goes back to the name field (where the next answer is typed)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_button", "Toggle", show=False),
        Binding("enter", "choose", "Tick", show=False),
    ]

    class Chosen(Message):
        pass

    async def _on_key(self, event: events.Key) -> None:
        """Keys that reach the box after it gave the focus back to the name field are the name's: in a
        burst (name, Tab, Enter, Enter) the second Enter was handed here before the first one ran."""
        if pass_on(self, event, self._gave_focus):
            return
        if not await run_own_binding(self, event):
            await super()._on_key(event)

    _gave_focus = False  # it sent the focus to the name itself (keys that arrive after are the name's)

    def _on_focus(self, event: events.Focus) -> None:
        self._gave_focus = False
        super()._on_focus(event)

    def action_choose(self) -> None:
        self.value = True
        name = self.screen.query("#principal-input")
        if name:
            self._gave_focus = True
            self.screen.set_focus(name.first())  # now, not after the keys already on their way here
        self.post_message(self.Chosen())

    async def _on_click(self, event: events.Click) -> None:
        event.prevent_default()  # instead of the toggle Checkbox would do
        self.toggle()
        self.post_message(self.Chosen())


def fan_out_label(on: bool) -> Content:
    """The switch's label with its state in words: a switch shows on and off by colour alone."""
    return Content.assemble((f"{FAN_OUT.label}: {'on' if on else 'off'}", "bold"), f". {FAN_OUT.help}")


class PrincipalsPane(EntryStepPane):
    FIRST = INPUT = "#principal-input"
    SPEC = PRINCIPALS
    ANSWER = "principals"
    ADD_BUTTON = "principal-add"

    def compose_fields(self) -> ComposeResult:
        yield Static(PRINCIPALS.help + " Type a name, tick its roles, Enter adds it (the ticks stay for the "
                     "next); Enter on an empty name moves on. Down goes to the list: Enter edits, Delete removes.",
                     classes="help")
        yield EntryInput(placeholder="role name, role ARN or user ARN", id="principal-input", compact=True)
        yield FieldMessage(id="principal-message", classes="field-message")
        with Horizontal(id="roles"):
            for choice in ROLE_CHOICES:
                yield RoleBox(choice.label, id=f"role-{choice.value}", compact=True)
        yield ServicePicker([(c.label, c.value) for c in SERVICE_CHOICES], return_to=self.INPUT, id="service")
        # Shown only for a reader the stream's owner registers a consumer for (another account, fan-out on).
        with Vertical(id="consumer-row"):
            yield Static(CONSUMER_NAME_HELP, classes="help")
            yield FieldInput(id="consumer-name", compact=True)
            yield FieldMessage(id="consumer-name-message", classes="field-message")
        with Horizontal(classes="entry-row"):
            yield Button("Add", id="principal-add", compact=True, variant="primary")
            yield Button("Clear", id="principal-clear", compact=True)
        yield EntryList(id="principal-list", classes="entries")
        yield Static("", classes="undo")
        yield ProblemList(id="principal-problems", classes="problems")
        with Horizontal(id="fan-out-row"):
            yield Switch(self.answers.fan_out, id="fan-out")
            yield Static(fan_out_label(self.answers.fan_out), id="fan-out-label", classes="help")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        # Textual also runs EntryStepPane's handler (handlers run along the MRO): it takes "Add".
        if event.button.id == "principal-clear":
            event.stop()
            self._edit(None)
            self.load(None)
            self._field().focus()

    def on_role_box_chosen(self, event: RoleBox.Chosen) -> None:
        event.stop()
        self._field().focus()

    def on_service_picker_chosen(self, event: ServicePicker.Chosen) -> None:
        """A service chosen: the picker has given the cursor back to the name field, where Enter adds."""
        event.stop()

    def on_service_picker_changed(self, event: ServicePicker.Changed) -> None:
        event.stop()
        self._show_consumer()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self._show_consumer()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the consumer name adds the principal, as Enter in its name does."""
        if event.input.id == "consumer-name":
            event.stop()
            self._commit()

    def on_input_changed(self, event: Input.Changed) -> None:
        """A user's ARN is no AWS service's role: the service choice is off (and empty) while one is typed."""
        if event.input.id == "consumer-name":
            event.stop()
            event.prevent_default()  # not the name field's rule (EntryStepPane's handler runs after this one)
            self._show_consumer_rule(event.value)
            return
        if event.input.id == "principal-input":
            service = self.query_one("#service", ServicePicker)
            service.disabled = is_user_arn(event.value)
            if service.disabled and service.value:
                with self.prevent(ServicePicker.Changed):
                    service.value = ""
            self._show_consumer()

    def _editing(self) -> Principal:
        """The principal as the editor holds it now (its consumer name aside)."""
        service = self.query_one("#service", ServicePicker).value
        return Principal(self._field().value, self._roles(), service or None)

    def _show_consumer(self) -> None:
        """The consumer name field, shown exactly when the principal being typed gets a consumer of its own, with
        the name it gets when the field is left empty."""
        default = own_consumer_default(self._editing(), self.answers)
        row = self.query_one("#consumer-row")
        row.display = default is not None
        if default is not None:
            self.query_one("#consumer-name", Input).placeholder = default

    def _show_consumer_rule(self, value: str) -> None:
        typed = value.strip()
        self.query_one("#consumer-name-message", FieldMessage).show(check_consumer_name(typed) if typed else None,
                                                                     value)

    def on_switch_changed(self, event: Switch.Changed) -> None:
        event.stop()
        self.query_one("#fan-out-label", Static).update(fan_out_label(event.value))
        self.post_message(AnswerChanged(fan_out=event.value))

    def _roles(self) -> tuple[str, ...]:
        return tuple(c.value for c in ROLE_CHOICES if self.query_one(f"#role-{c.value}", Checkbox).value)

    def build(self, value: str) -> Principal | None:
        rule = self._rule(value)
        if rule:
            self.query_one(FieldMessage).show(rule, value or " ")
            return None
        service = self.query_one("#service", ServicePicker).value
        consumer = self.query_one("#consumer-name", Input)
        consumer_name = consumer.value.strip() or None
        edited = self._edited()
        if self.query_one("#consumer-row").display:
            if consumer_name and (consumer_rule := check_consumer_name(consumer_name)):
                self.query_one("#consumer-name-message", FieldMessage).show(consumer_rule, consumer.value)
                return None
        else:  # no consumer of its own now: an edited principal keeps the name it had, for when it gets one again
            consumer_name = edited.consumer_name if edited else None
        principal = replace(edited or Principal(""), ref=value, roles=self._roles(),
                            service=service if isinstance(service, str) and service else None,
                            consumer_name=consumer_name)
        # The ticks stay for the next principal (several often share a role); a service and a consumer name are
        # one principal's.
        with self.prevent(ServicePicker.Changed):
            self.query_one("#service", ServicePicker).value = ""
        consumer.value = ""
        return principal

    def refused_by(self, field: Input) -> Widget:
        consumer = self.query_one("#consumer-name", Input)
        if self.query_one("#consumer-row").display and self._rule(field.value.strip()) is None:
            return consumer  # the name was fine: its consumer name was not
        return field

    def _edited(self) -> Principal | None:
        return self.items[self.editing] if self.editing is not None and self.editing < len(self.items) else None

    def load(self, item: Principal | None) -> None:
        """Put a listed principal (or nothing, for a new one) into the editor."""
        principal = item or Principal("")
        self._field().value = principal.ref
        for choice in ROLE_CHOICES:
            self.query_one(f"#role-{choice.value}", Checkbox).value = choice.value in principal.roles
        with self.prevent(ServicePicker.Changed):
            self.query_one("#service", ServicePicker).value = principal.service or ""
        self.query_one("#consumer-name", Input).value = principal.consumer_name or ""
        self._show_consumer()

    def describe(self, item: Principal) -> str:
        return describe(item, self.answers)

    def show(self, bundle: Bundle, problems: list[Problem]) -> None:
        rules: dict[int, list[str]] = {}
        shown: set[Problem] = set()
        for index, principal in enumerate(self.items):
            own = [p for p in problems if p.value == principal.ref.strip()]
            shown.update(own)
            rules[index] = [p.rule for p in own]
        self.refresh_list(rules)
        self.query_one(ProblemList).show([p for p in problems if p not in shown])
        self._show_consumer()  # the account or fan-out may have changed

