"""The CloudFormation YAML writer, character by character, read back by PyYAML: every character of YAML's printable
set is written as itself (the template stays readable: names in any script, emoji), every other one as an escape
(so the file holds no control character, lone surrogate or line separator), and each reads back as exactly the
character given. Whole hostile strings (quotes, colons, YAML words, numbers, leading symbols) read back as strings.
https://yaml.org/spec/1.2.2/#51-character-set"""

from __future__ import annotations

import pytest
import yaml

from wizard.core.exports.yaml_text import dump, quoted, scalar

# The edges of each printable range (x20-x7E, xA0-xD7FF, xE000-xFFFD, x10000-x10FFFF), and letters.
PRINTABLE = [" ", "X", "~", "\xa0", "\xa1", "é", "\ud7ff", "\ue000", "\ue001", "\ufffc", "\ufffd", "\U00010000",
             "\U00010001", "\U0001f511", "\U0010fffe", "\U0010ffff"]
# Just outside them, and the line breaks and byte order mark YAML would not keep as written.
NOT_PRINTABLE = ["\x01", "\x1f", "\x7f", "\x85", "\x9f", "\ud800", "\udfff", "\ufffe", "\uffff", "\u2028", "\u2029",
                 "\ufeff"]


def _read(text: str) -> object:
    return yaml.safe_load(dump({"Value": text}))["Value"]


@pytest.mark.parametrize("char", PRINTABLE, ids=[f"U+{ord(c):04X}" for c in PRINTABLE])
def test_a_printable_character_is_written_as_itself(char):
    assert quoted(f"a{char}b") == f'"a{char}b"'
    assert _read(f"a{char}b") == f"a{char}b"


@pytest.mark.parametrize("char", NOT_PRINTABLE, ids=[f"U+{ord(c):04X}" for c in NOT_PRINTABLE])
def test_a_character_outside_the_printable_set_is_escaped(char):
    written = quoted(f"a{char}b")
    assert written.isascii() and written.startswith('"a\\') and written.endswith('b"')
    assert _read(f"a{char}b") == f"a{char}b"


@pytest.mark.parametrize("text", [
    "yes", "no", "null", "~", "true", "0x1F", "1e3", "012", ".inf", "-", "? x", ": x", "a: b", "# c", "&anchor",
    "*alias", "!Ref Stream", "!GetAtt A.Arn", "|", ">", "'", '"', "\\", "%TAG", "@x", "`x`", "{a: 1}", "[1]",
    "line\nbreak", "tab\there", "\x00nul", "\x1b[31mred", "\U0001f511 key", "  spaced  ", "",
])
def test_hostile_strings_read_back_as_the_same_string(text):
    assert _read(text) == text


def test_numbers_booleans_and_null_read_back_as_themselves():
    """Values and keys: a key like On or Null stays a string key (YAML 1.1 would read On as true)."""
    value = {"Count": 3, "Ratio": 0.5, "On": True, "Off": False, "None": None, "Empty": {}, "List": [],
             "Yes": 1, "n": 2, "NULL": 3, "ON": 4, "Stream1": 5,
             "Y": 6, "No": 7, "True": 8, "false": 9}
    assert yaml.safe_load(dump(value)) == value


@pytest.mark.parametrize("value", [(), set(), b"", ("a",), 1j])
def test_what_is_not_a_yaml_scalar_is_refused_by_type(value):
    with pytest.raises(TypeError) as refused:
        scalar(value)
    assert str(refused.value) == f"not a YAML scalar: {type(value).__name__}"
