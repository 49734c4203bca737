"""Shared fixtures for the Textual tests: a quiet, deterministic app and a controlled clipboard."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
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


def _free_display() -> int | None:
    for number in range(90, 200):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            return number
    return None


@pytest.fixture
def x_display(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """An X display with xclip: CI's (DISPLAY set), or our own Xvfb; skip locally if impossible."""
    if not shutil.which("xclip"):
        reason = "xclip is not installed"
    elif os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
        return
    elif not shutil.which("Xvfb"):
        reason = "DISPLAY is unset and Xvfb is not installed"
    elif (number := _free_display()) is None:
        reason = "no free X display number"
    else:
        display = f":{number}"
        server = subprocess.Popen(["Xvfb", display, "-screen", "0", "640x480x24", "-nolisten", "tcp"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 10
            while not Path(f"/tmp/.X11-unix/X{number}").exists():  # waiting for a process, not the app
                if server.poll() is not None or time.monotonic() > deadline:
                    break
                time.sleep(0.05)
            if Path(f"/tmp/.X11-unix/X{number}").exists():
                monkeypatch.setenv("DISPLAY", display)
                yield display
                return
            reason = f"Xvfb {display} did not start"
        finally:
            server.terminate()
            server.wait(timeout=10)
    if os.environ.get("CI"):
        pytest.fail(f"CI must have a working X clipboard: {reason}")
    pytest.skip(reason)
