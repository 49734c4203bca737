"""The save dialog: which folder the bundle goes to. Writing is the app's job."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static


class SaveScreen(ModalScreen["Path | None"]):
    """Dismisses with the folder typed (~ expanded), or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, default: str) -> None:
        super().__init__()
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="save-dialog"):
            yield Static("Save the bundle", classes="dialog-title")
            yield Static("Folder for the documents, README.md and manifest.json (new or empty; "
                         "a folder with files in it is only used after asking).", classes="dialog-text")
            yield Input(self.default, id="folder", placeholder="folder")
            yield Static("", id="save-error", classes="field-message -error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="success")
                yield Button("Cancel", id="cancel")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._finish()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self._finish()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _finish(self) -> None:
        text = self.query_one("#folder", Input).value.strip()
        if not text:
            self.query_one("#save-error", Static).update("give a folder")
            return
        self.dismiss(Path(text).expanduser())
