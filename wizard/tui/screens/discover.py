"""Discover from AWS: streams, keys and roles of the account to pick from.

The account is read in a worker thread (boto3 blocks), with a spinner and a line saying which
call is running; the dialog stays responsive and Escape closes it at any time. Picking fills
the account, Region, streams and key, and adds the chosen roles as principals; nothing in the
account changes. Everything shown comes from AWS and is shown as literal text.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, LoadingIndicator, OptionList, RadioButton, RadioSet, SelectionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from wizard.core.display import visible
from wizard.core.model import ROLE_TITLES, ROLES, Answers, add_principal_role
from wizard.core.regions import partition_of
from wizard.tui.text import plain


def _row(text: str) -> Content:
    """One list row of text read from the account: literal like `plain`, and a newline (which IAM lets into
    a role's path) spelled out too, so one name is one row."""
    return Content(visible(text))


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number != 1 else ''}"


class DiscoverScreen(ModalScreen["dict[str, Any] | None"]):
    """Dismisses with the changes to the answers, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, answers: Answers, profile: str | None = None) -> None:
        super().__init__()
        self.answers, self.profile = answers, profile
        self.found: dict[str, Any] = {}
        self.roles: list[Any] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="discover-dialog"):
            yield Static("Discover from AWS", classes="dialog-title")
            with Horizontal(id="discover-status"):
                yield LoadingIndicator(id="discover-spinner")
                yield Static("Connecting…", id="discover-progress")
            with VerticalScroll(id="discover-lists"):
                yield Static("Streams (Space picks; a list left alone keeps your answer)", classes="label")
                yield SelectionList[str](id="discover-streams", compact=True)
                yield Static("Key", classes="label")
                yield OptionList(id="discover-keys", compact=True)
                yield Static("Roles (filter by name, or by path starting with /)", classes="label")
                yield Input(placeholder="filter", id="discover-filter", compact=True)
                yield SelectionList[str](id="discover-roles", compact=True)
                with RadioSet(id="discover-as"):
                    for role in ROLES:
                        yield RadioButton(f"as {ROLE_TITLES[role]}", value=role == "producer", id=f"as-{role}")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Use these", id="discover-use", variant="success", disabled=True, compact=True)
                yield Button("Cancel", id="discover-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#discover-lists").display = False
        self.run_worker(self._read, thread=True, exclusive=True, group="discover")

    # --- the worker (a thread: boto3 blocks) ---------------------------------------------------

    def _read(self) -> None:
        from wizard.aws.discover import list_keys, list_roles, list_streams
        from wizard.aws.errors import AwsError
        from wizard.aws.session import connect

        worker = get_current_worker()
        region = self.answers.region.strip()

        def step(text: str) -> None:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._progress, text)

        try:
            aws = connect(self.profile, region if partition_of(region) else None)
            step(f"Reading the account (sts:GetCallerIdentity, Region {aws.region})…")
            me = aws.identity()
            step(f"Account {me.account}: listing streams (kinesis:ListStreams)…")
            streams = list_streams(aws)
            step(f"Account {me.account}: listing keys (kms:ListAliases)…")
            keys = list_keys(aws)
            step(f"Account {me.account}: listing roles (iam:ListRoles)…")
            roles = list_roles(aws)
        except AwsError as exc:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._failed, str(exc))
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._loaded, {"account": me.account, "caller": me.arn, "region": aws.region,
                                                     "streams": streams, "keys": keys}, roles)

    def _progress(self, text: str) -> None:
        if self.is_attached:
            self.query_one("#discover-progress", Static).update(plain(text))

    def _failed(self, text: str) -> None:
        if not self.is_attached:
            return
        self.query_one("#discover-spinner").display = False
        self.query_one("#discover-progress", Static).update(plain(text))
        self.query_one("#discover-progress").add_class("-error")
        self.query_one("#discover-cancel", Button).focus()

    def _loaded(self, found: dict[str, Any], roles: list[Any]) -> None:
        if not self.is_attached:
            return
        self.found, self.roles = found, roles
        self.query_one("#discover-spinner").display = False
        counts = ", ".join(_count(len(items), noun) for items, noun in
                           ((found["streams"], "stream"), (found["keys"], "key"), (roles, "role")))
        self.query_one("#discover-progress", Static).update(plain(
            f"Account {found['account']}, Region {found['region']}, as {found['caller']}: {counts}"))
        given = set(self.answers.streams)
        streams = self.query_one("#discover-streams", SelectionList)
        streams.add_options([(_row(name), name, name in given) for name in found["streams"]])
        if found["streams"]:
            streams.highlighted = 0
        keys = self.query_one("#discover-keys", OptionList)
        keys.add_options([Option(_row(k.alias + (" (AWS managed)" if k.value == k.alias else "")), id=k.value)
                          for k in found["keys"]])
        self._show_roles("")
        self.query_one("#discover-lists").display = True
        self.query_one("#discover-use", Button).disabled = False
        streams.focus(scroll_visible=False)  # at the top already; centring it raced the layout (a flaky snapshot)

    # --- picking -------------------------------------------------------------------------------

    def _show_roles(self, text: str) -> None:
        text = text.strip()
        if text.startswith("/"):
            shown = [r for r in self.roles if r.path.startswith(text)]
        else:
            shown = [r for r in self.roles if text.casefold() in r.name.casefold()]
        roles = self.query_one("#discover-roles", SelectionList)
        picked = set(roles.selected)
        roles.clear_options()
        roles.add_options([(_row(r.name if r.path == "/" else f"{r.path}{r.name}"), r.arn, r.arn in picked)
                           for r in shown])
        if shown:
            roles.highlighted = 0  # Space picks at once

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show_roles(event.value)

    def changes(self) -> dict[str, Any]:
        """What picking changes in the answers; lists not touched keep their answers."""
        found = self.found
        out: dict[str, Any] = {"account": found["account"], "region": found["region"]}
        streams = self.query_one("#discover-streams", SelectionList).selected
        if streams:
            out["streams"] = tuple(streams)
        keys = self.query_one("#discover-keys", OptionList)
        if keys.highlighted is not None:
            out["key"] = keys.get_option_at_index(keys.highlighted).id
        roles = self.query_one("#discover-roles", SelectionList).selected
        if roles:
            pressed = self.query_one("#discover-as", RadioSet).pressed_button
            role = (pressed.id or "as-producer").removeprefix("as-") if pressed else "producer"
            principals = self.answers.principals
            for arn in roles:
                principals = add_principal_role(principals, arn, role)
            out["principals"] = principals
        return out

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "discover-use" and self.found:
            self.dismiss(self.changes())
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
