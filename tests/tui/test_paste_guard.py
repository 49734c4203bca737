"""A paste is text: ESC inside a bracketed paste reaches the field as ESC, never as keys.

Textual's own parser, fed through the guard, chunk boundary at every place: one Paste event with
exactly the pasted text, and no key events from inside it (the unguarded parser turned a pasted
`ESC ] 0 ; x BEL` into keys, ctrl+g among them).
"""

from __future__ import annotations

import pytest
from textual import events
from textual._xterm_parser import XTermParser

from wizard.tui.paste_guard import END, START, SafePasteParser

PASTED = "1234\x1b]0;pwn\x07 and \x1b[31mred\x1b[0m \x1b[201 almost \x1b"
STREAM = "a" + START + PASTED + END + "b\x1b[A"  # typed a, the paste, typed b, then the Up key


def events_of(parser: XTermParser, chunks: list[str]) -> list[events.Event]:
    found = []
    for chunk in filter(None, chunks):  # "" would mean the end of input
        found += list(parser.feed(chunk))
    return [e for e in found if isinstance(e, events.Key | events.Paste)]


def summary(found: list[events.Event]) -> list[str]:
    return [f"paste:{e.text!r}" if isinstance(e, events.Paste) else f"key:{e.key}" for e in found]


def test_unguarded_parser_turns_a_pasted_escape_into_keys() -> None:
    """What the guard is for: if Textual's parser stops doing this, the guard can go."""
    keys = summary(events_of(XTermParser(), [STREAM]))
    assert "key:ctrl+g" in keys


@pytest.mark.parametrize("cut", range(len(STREAM) + 1))
def test_a_paste_cut_anywhere_arrives_whole_and_as_text(cut: int) -> None:
    found = summary(events_of(SafePasteParser(), [STREAM[:cut], STREAM[cut:]]))
    assert found == ["key:a", f"paste:{PASTED!r}", "key:b", "key:up"]


def test_a_paste_fed_a_character_at_a_time() -> None:
    assert summary(events_of(SafePasteParser(), list(STREAM))) == ["key:a", f"paste:{PASTED!r}", "key:b", "key:up"]


def test_escape_and_sequences_outside_a_paste_are_untouched() -> None:
    typed = "x\x1b[Bz\x1b[1;5C"  # Down, ctrl+Right
    assert summary(events_of(SafePasteParser(), [typed])) == summary(events_of(XTermParser(), [typed]))
