"""Answers read from stdin ('--answers -'): named 'stdin' in every refusal, read as UTF-8 bytes whatever the
terminal's locale, and bounded like a file whether stdin is a byte stream or a text-only one (an embedding
program's replacement)."""

from __future__ import annotations

import io
import json
import sys

import pytest

from wizard.core.bundle import load_answers
from wizard.core.errors import InputError
from wizard.core.inputs import MAX_INPUT_BYTES, load_json_file, read_bounded

ANSWERS = json.dumps({"region": "eu-west-1", "streams": ["orders"]})
OVER = "stdin is larger than 1 MiB, far more than an answers file needs; nothing was read from it"


def _bytes_stdin(monkeypatch, data: bytes, encoding: str = "utf-8") -> io.BytesIO:
    raw = io.BytesIO(data)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw, encoding=encoding))
    return raw


def _text_stdin(monkeypatch, text: str) -> io.StringIO:
    stream = io.StringIO(text)
    monkeypatch.setattr(sys, "stdin", stream)
    return stream


def _exactly_the_cap(text: str) -> str:
    """`text` after enough spaces to make it exactly MAX_INPUT_BYTES long: its last byte is the closing brace."""
    return " " * (MAX_INPUT_BYTES - len(text)) + text


@pytest.mark.parametrize(("data", "message"), [
    (b"{not json", "stdin is not valid JSON: Expecting property name enclosed in double quotes at line 1, column 2"),
    (b'{"region": "\xff"}', "cannot read stdin: not UTF-8 text"),
    (b"[" * 40 + b"]" * 40, "stdin nests lists or objects more than 32 levels deep"),
    (b" " * MAX_INPUT_BYTES + b"{}", OVER),
])
def test_a_bad_answers_file_on_stdin_is_refused_naming_stdin(monkeypatch, data, message):
    _bytes_stdin(monkeypatch, data)
    with pytest.raises(InputError) as caught:
        load_answers("-")
    assert str(caught.value) == message


def test_stdin_is_read_as_utf8_bytes_whatever_the_locale(monkeypatch):
    """A terminal in Latin-1 must not turn a UTF-8 'é' into 'Ã©', nor bytes that are not UTF-8 into text."""
    _bytes_stdin(monkeypatch, '{"streams": ["orders-é"]}'.encode(), "latin-1")
    assert load_answers("-").streams == ("orders-é",)
    _bytes_stdin(monkeypatch, b'{"region": "\xe9"}', "latin-1")
    with pytest.raises(InputError) as caught:
        load_answers("-")
    assert str(caught.value) == "cannot read stdin: not UTF-8 text"


@pytest.mark.parametrize("kind", ["bytes", "text"])
def test_answers_of_exactly_the_cap_are_read_from_stdin(monkeypatch, kind):
    text = _exactly_the_cap(ANSWERS)
    if kind == "bytes":
        _bytes_stdin(monkeypatch, text.encode())
    else:
        _text_stdin(monkeypatch, text)
    answers = load_answers("-")
    assert (answers.region, answers.streams) == ("eu-west-1", ("orders",))


@pytest.mark.parametrize("kind", ["bytes", "text"])
def test_a_huge_stdin_is_refused_after_reading_about_the_cap(monkeypatch, kind):
    """An endless or huge pipe is refused once it passes 1 MiB, not read to its end (memory stays bounded)."""
    text = " " * (4 * MAX_INPUT_BYTES) + "{}"
    stream = _bytes_stdin(monkeypatch, text.encode()) if kind == "bytes" else _text_stdin(monkeypatch, text)
    with pytest.raises(InputError) as caught:
        load_answers("-")
    assert str(caught.value) == OVER
    assert stream.tell() < 2 * MAX_INPUT_BYTES


def test_a_text_only_stdin_one_byte_over_the_cap_is_refused(monkeypatch):
    _text_stdin(monkeypatch, _exactly_the_cap(ANSWERS) + " ")
    with pytest.raises(InputError) as caught:
        load_answers("-")
    assert str(caught.value) == OVER


def test_without_saying_what_the_file_is_for_it_is_called_the_file():
    for read in (read_bounded, load_json_file):
        with pytest.raises(InputError) as caught:
            read("/dev/zero")
        assert str(caught.value) == ("/dev/zero is larger than 1 MiB, far more than the file needs; "
                                     "nothing was read from it")
