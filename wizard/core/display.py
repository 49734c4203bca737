"""User text made safe to show: control and bidi characters become visible escapes.

Answers files and manifests are shared between people, so any value in them may hold an escape
sequence (OSC 52 writes the reader's clipboard), a C1 control or a bidi override that makes text
read differently from what it is. Every face shows user text through `visible`, which keeps
printable text as it is and spells out everything else, the way a terminal's caret notation does.
"""

from __future__ import annotations

import os
import unicodedata
from functools import lru_cache

# Characters that change how the text around them is ordered or joined, though they print nothing.
BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@lru_cache(maxsize=4096)
def _escape(char: str, keep_newlines: bool) -> str:
    code = ord(char)
    if char == "\n" and keep_newlines:
        return char
    if code < 0x20:
        return "^" + chr(code + 0x40)  # ^[ for ESC, ^J for a newline, ^@ for NUL
    if code == 0x7F:
        return "^?"
    if 0x80 <= code <= 0x9F or char in BIDI or unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn",
                                                                                 "Zl", "Zp"):
        return f"<U+{code:04X}>"
    return char


def is_safe(text: str) -> bool:
    """True when `text` has nothing `visible` would change (one line: no newline either)."""
    return text.isprintable()


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with every control, format, bidi and unassigned character spelled out."""
    if text.isprintable():  # the common case: nothing to escape (str.isprintable is C-fast)
        return text
    return "".join(_escape(char, keep_newlines) for char in text)


def plain_text_rule(text: str) -> str | None:
    """Why `text` cannot be an answer, or None: answers are plain text, with nothing `visible` spells out.

    Every validator and the answers-file reader call this first, so a value holding an escape
    sequence or a bidi override is refused by name before any other rule reads it.
    """
    if visible(text) == text:
        return None
    index, char = next((i, c) for i, c in enumerate(text) if _escape(c, False) != c)
    return (f"contains {visible(char)} at character {index + 1}, a control or bidi character; "
            "answers are plain text")


def quoted(text: str, limit: int = 80) -> str:
    """`text` quoted for a message, escaped and cut to `limit` characters, so no value floods a terminal."""
    return repr(text if len(text) <= limit else text[:limit] + "…")


def path_text(path: object) -> str:
    """A file path as the user should read it: bytes that are not UTF-8 as \\xNN, controls spelled out.

    Paths come from the command line and the file system, so they may hold anything but NUL and
    '/'; printing one raw could fail (not UTF-8) or reach the terminal as an escape sequence.
    """
    raw = os.fsencode(path)  # type: ignore[arg-type]
    return visible(raw.decode("utf-8", "backslashreplace"))
