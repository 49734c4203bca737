"""File paths as a user reads them in a message: whatever bytes the file system holds, the message prints.

A path from the command line or the file system may hold bytes that are not UTF-8 (os.fsdecode keeps them as
surrogates) and control characters. Printed raw, the first stops the message with UnicodeEncodeError and the
second reaches the terminal as an escape sequence.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from wizard.core.display import path_text


@pytest.mark.parametrize(("raw", "shown"), [
    (b"bundles/orders", "bundles/orders"),
    (b"bundles/caf\xc3\xa9", "bundles/caf\u00e9"),  # UTF-8 stays as it is
    (b"bundles/caf\xe9", "bundles/caf\\xe9"),  # Latin-1: the byte as \xNN, the rest kept
    (b"\xff\xfe/x", "\\xff\\xfe/x"),
])
def test_a_path_that_is_not_utf8_is_shown_byte_by_byte(raw: bytes, shown: str) -> None:
    for given in (raw, os.fsdecode(raw), Path(os.fsdecode(raw))):
        text = path_text(given)
        assert text == shown
        text.encode("utf-8")  # printable on a UTF-8 terminal: no lone surrogates left


def test_control_characters_in_a_path_are_spelled_out() -> None:
    text = path_text("out/\x1b]52;c;aGk=\x07/bundle")
    assert "\x1b" not in text and "\x07" not in text and "bundle" in text
