"""Shared fixtures for the Textual tests: a quiet, deterministic app and a controlled clipboard."""

from __future__ import annotations

from pathlib import Path

import pyperclip
import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from wizard.core.model import Answers, Principal

KEY_ARN = "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
FULL = Answers(
    region="us-west-2",
    account="123456789012",
    key=KEY_ARN,
    streams=("orders", "clicks"),
    principals=(
        Principal("app-writer", ("producer",)),
        Principal("arn:aws:iam::210987654321:role/analytics", ("consumer",)),
        Principal("ingest-fn", ("consumer",), "lambda"),
    ),
)


@pytest.fixture(autouse=True)
def deterministic(monkeypatch: pytest.MonkeyPatch) -> None:
    """No Region from the environment, no blinking cursor."""
    monkeypatch.delenv("AWS_REGION", raising=False)
    monkeypatch.delenv("AWS_DEFAULT_REGION", raising=False)
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)


@pytest.fixture(autouse=True)
def fake_clipboard(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """pyperclip.copy records instead of touching the user's clipboard (tests may override)."""
    copied: list[str] = []
    monkeypatch.setattr(pyperclip, "copy", copied.append)
    monkeypatch.setattr(pyperclip, "paste", lambda: copied[-1] if copied else "")
    return copied


@pytest.fixture
def full_answers() -> Answers:
    return FULL


async def type_text(pilot: Pilot, text: str) -> None:
    """Type like a user, one key per character."""
    await pilot.press(*text)
    await pilot.pause()


async def paste_text(pilot: Pilot, text: str) -> None:
    """Paste into the focused widget, as a user pastes an ARN or a path (and faster than typing)."""
    assert pilot.app.focused is not None
    pilot.app.focused.post_message(events.Paste(text))
    await pilot.pause()


async def open_save_dialog(pilot: Pilot, folder: Path | str) -> None:
    """ctrl+s, then the folder field's text replaced by `folder` (the dialog stays open)."""
    await pilot.press("ctrl+s")
    await pilot.pause()
    await pilot.press("end", "ctrl+u")
    await paste_text(pilot, str(folder))


def rejoin(rows: list[str]) -> list[str]:
    """Rows of a wrapped document back into its lines: a row starting `↪ ` continues the line above."""
    lines: list[str] = []
    for row in rows:
        text = row.rstrip()
        if text.lstrip().startswith("↪ "):
            lines[-1] += text.lstrip()[2:]
        else:
            lines.append(text)
    return lines
