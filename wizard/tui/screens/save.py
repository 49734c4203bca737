"""The save dialog: which folder the bundle goes to, and which exports go with it. Writing is the app's job."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Static

from wizard.core.exports import FORMAT_CHOICES
from wizard.tui.widgets.safe_input import SafeInput
from wizard.tui.widgets.toggles import Tick

SaveChoice = tuple[Path, tuple[str, ...]]


class FormatTick(Tick, inherit_bindings=False):
    """An export to write beside the JSON: Space ticks it, Enter saves like it does in the folder field (a
    checkbox's own Enter would untick what the user meant to save with)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("space", "toggle_button", "Toggle", show=False)]


class SaveScreen(ModalScreen["SaveChoice | None"]):
    """Dismisses with the folder typed (~ expanded) and the exports ticked, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel"),
                                             Binding("enter", "save", "Save", show=False)]

    def __init__(self, default: str, formats: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.default = default
        self.formats = formats

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="save-dialog"):
            yield Static("Save the bundle", classes="dialog-title")
            yield Static("Folder for the documents, README.md, ACCESS.md (who can do what) and manifest.json "
                         "(new or empty; a folder with files in it is only used after asking).", classes="dialog-text")
            yield SafeInput(self.default, id="folder", placeholder="folder")
            with Vertical(classes="save-formats"):
                for name, title in FORMAT_CHOICES:
                    yield FormatTick(f"Also {title}", name in self.formats, id=f"format-{name}")
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

    def action_save(self) -> None:
        self._finish()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _finish(self) -> None:
        text = self.query_one("#folder", Input).value.strip()
        if not text:
            self.query_one("#save-error", Static).update("give a folder")
            return
        formats = tuple(name for name, _title in FORMAT_CHOICES if self.query_one(f"#format-{name}", Checkbox).value)
        self.dismiss((Path(text).expanduser(), formats))
