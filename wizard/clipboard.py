"""Copying a document to the system clipboard, honestly.

pyperclip reaches the system clipboard where there is one (xclip/xsel/wl-clipboard on Linux,
pbcopy on macOS, the Windows API). It is imported only when a copy is asked for, and its
failure is a message, never an exception: copy must not crash a face.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class CopyResult:
    """What happened: `native` is True only when the system clipboard took the text."""

    native: bool
    error: str | None = None


def no_clipboard_hint() -> str:
    """Which program to install, for the platform we are on."""
    if sys.platform == "darwin":
        return "pbcopy was not found"
    if sys.platform.startswith("win"):
        return "the Windows clipboard could not be opened"
    if os.environ.get("WAYLAND_DISPLAY"):
        return "no system clipboard: install wl-clipboard (wl-copy)"
    if not os.environ.get("DISPLAY"):
        return "no system clipboard: there is no X display (DISPLAY is not set), as over SSH or in CI"
    return "no system clipboard: install xclip or xsel"


def copy_text(text: str) -> CopyResult:
    """Put `text` on the system clipboard through pyperclip; report instead of raising."""
    try:
        import pyperclip
    except ImportError:  # pragma: no cover - a declared dependency
        return CopyResult(False, "pyperclip is not installed")
    try:
        pyperclip.copy(text)
    except pyperclip.PyperclipException:
        return CopyResult(False, no_clipboard_hint())
    except Exception as exc:  # a failing clipboard program must not crash a face
        return CopyResult(False, f"the clipboard program failed: {exc}")
    return CopyResult(True)
