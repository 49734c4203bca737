"""alt+1 … alt+9 read as the keys they are, so they can show documents while a field has focus.

Most terminals send alt+N as ESC N. Textual reads ESC N as the character macOS types for
Option+N on a US layout (¡ ™ £ ¢ ∞ …, for WezTerm), which a focused text field then takes as
typing: no binding can see it. Here ESC N is read as the key alt+N, which no field consumes.
None of those characters is valid in any answer, so no answer loses anything by it.
"""

from __future__ import annotations

from enum import Enum

from textual import _ansi_sequences

DIGITS = "123456789"


class AltDigit(str, Enum):
    """Key names in the form Textual's sequence table holds them (an enum with a `.value`)."""

    ALT_1 = "alt+1"
    ALT_2 = "alt+2"
    ALT_3 = "alt+3"
    ALT_4 = "alt+4"
    ALT_5 = "alt+5"
    ALT_6 = "alt+6"
    ALT_7 = "alt+7"
    ALT_8 = "alt+8"
    ALT_9 = "alt+9"


def read_alt_digits() -> None:
    """Map ESC 1 … ESC 9 to alt+1 … alt+9 in Textual's input parser (idempotent)."""
    table = _ansi_sequences.ANSI_SEQUENCES_KEYS
    for digit in DIGITS:
        table["\x1b" + digit] = (AltDigit(f"alt+{digit}"),)  # type: ignore[index]
