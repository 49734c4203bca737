"""Copy: a real X clipboard round trip, and the path with no system clipboard at all."""

from __future__ import annotations

import subprocess

import pyperclip
import pytest

from tests.tui.conftest import FULL
from wizard.tui.app import WizardApp


async def test_copy_reaches_the_real_clipboard(x_display: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # pyperclip picks its backend once, lazily; name it so the DISPLAY set above is the one used.
    monkeypatch.setattr(pyperclip, "copy", pyperclip.copy)
    monkeypatch.setattr(pyperclip, "paste", pyperclip.paste)
    pyperclip.set_clipboard("xclip")
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+o")  # the second document
        await pilot.press("ctrl+y")
        await pilot.pause()
        doc = app.bundle.documents[1]
        assert app.clipboard == doc.text
        messages = [n.message for n in app._notifications]
        assert any("system clipboard" in m and doc.filename in m for m in messages)
    read = subprocess.run(["xclip", "-selection", "clipboard", "-o"], capture_output=True, text=True,
                          timeout=10, check=True)
    assert read.stdout == doc.text


async def test_copy_without_any_clipboard_notifies_and_keeps_running(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pyperclip, "copy", pyperclip.copy)
    monkeypatch.setattr(pyperclip, "paste", pyperclip.paste)
    pyperclip.set_clipboard("no")  # pyperclip's own "no clipboard": copy raises PyperclipException
    with pytest.raises(pyperclip.PyperclipException):
        pyperclip.copy("probe")
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.click("#copy")
        await pilot.pause()
        doc = app.bundle.documents[0]
        assert app.clipboard == doc.text  # sent by OSC 52
        message = [n for n in app._notifications][-1]
        assert message.severity == "warning"
        assert "OSC 52" in message.message and "cannot be confirmed" in message.message
        assert "set -g set-clipboard on" in message.message
        await pilot.press("ctrl+n")
        assert app.is_running


async def test_copy_from_the_palette_names_the_document(fake_clipboard: list[str]) -> None:
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        doc = app.bundle.get("key")
        assert doc is not None
        command = next(c for c in app.get_system_commands(app.screen) if c.title == f"Copy {doc.filename}")
        command.callback()
        await pilot.pause()
        assert fake_clipboard == [doc.text]
        assert app.clipboard == doc.text
