"""Fixtures for the plain prompts: an empty working folder, a fake clipboard, a scripted questionary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyperclip
import pytest
import questionary

from .support import Question, Script


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty folder, without the caller's AWS Region, and never touch a real clipboard."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("AWS_REGION", raising=False)
    monkeypatch.delenv("AWS_DEFAULT_REGION", raising=False)

    def no_clipboard(text: str) -> None:
        raise pyperclip.PyperclipException("no clipboard in tests")

    monkeypatch.setattr(pyperclip, "copy", no_clipboard)
    return tmp_path


@pytest.fixture
def clipboard(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A working system clipboard: what was copied lands in the returned list."""
    copied: list[str] = []
    monkeypatch.setattr(pyperclip, "copy", copied.append)
    return copied


@pytest.fixture
def script(monkeypatch: pytest.MonkeyPatch) -> Script:
    """Replace every questionary prompt the flow uses with the scripted fake."""
    fake = Script()
    for kind in ("text", "autocomplete", "select", "checkbox", "confirm", "path"):
        def make(message: str, *args: Any, _kind: str = kind, **kwargs: Any) -> Question:
            assert not args, "questions are built with keyword arguments"
            return Question(fake, _kind, message, kwargs)

        monkeypatch.setattr(questionary, kind, make)
    return fake


