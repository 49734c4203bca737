"""Answers files and other JSON inputs: bounded in size, depth and numbers; each refusal names the item."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wizard.core.errors import BundleError, InputError
from wizard.core.inputs import MAX_INPUT_BYTES, load_json_file, parse_json
from wizard.core.model import AnswersFileError, answers_from_dict

GOOD = {"region": "us-west-2", "account": "123456789012", "key": "alias/orders", "streams": ["a", "b"],
        "principals": [{"principal": "p", "roles": ["producer"], "service": None}], "fan_out": True}


@pytest.mark.parametrize(("change", "message"), [
    ({"streams": ["a", "b", 3]}, "streams[2]: expected a string, got a number"),
    ({"streams": 3}, "streams: expected a list of strings, got a number"),
    ({"streams": {"a": 1}}, "streams: expected a list of strings, got an object"),
    ({"region": ["us-west-2"]}, "region: expected a string or null, got a list"),
    ({"account": 123456789012}, "account: expected a string or null, got a number"),
    ({"key": True}, "key: expected a string or null, got true or false"),
    ({"principals": {}}, "principals: expected a list, got an object"),
    ({"principals": ["p"]}, "principals[0]: expected an object with a 'principal' string, got a string"),
    ({"principals": [{"principal": "p"}, {"principal": None}]}, "principals[1].principal: expected a string, got null"),
    ({"principals": [{"principal": "p", "roles": ["producer", 1]}]},
     "principals[0].roles[1]: expected a string, got a number"),
    ({"principals": [{"principal": "p", "service": 7}]},
     "principals[0].service: expected a string or null, got a number"),
    ({"fan_out": "yes"}, "fan_out: expected true or false, got a string"),
])
def test_type_errors_name_the_item(change, message):
    with pytest.raises(AnswersFileError) as exc:
        answers_from_dict({**GOOD, **change})
    assert str(exc.value) == message


@pytest.mark.parametrize(("change", "where"), [
    ({"region": "us-west-2\x1b]0;x\x07"}, "region"),
    ({"account": "\u202e210987654321"}, "account"),
    ({"key": "alias/a\x9b"}, "key"),
    ({"streams": ["ok", "b\x1b]52;c;aGk=\x07"]}, "streams[1]"),
    ({"principals": [{"principal": "p\x1b[2J", "roles": ["producer"]}]}, "principals[0].principal"),
    ({"principals": [{"principal": "p", "roles": ["producer\u2066"]}]}, "principals[0].roles[0]"),
    ({"principals": [{"principal": "p", "roles": ["consumer"], "service": "lambda\x00"}]}, "principals[0].service"),
    ({"principals": [{"principal": "p", "roles": ["consumer"], "consumer_name": "c\u202e"}]},
     "principals[0].consumer_name"),
])
def test_control_characters_in_a_file_are_refused_by_item(change, where):
    with pytest.raises(AnswersFileError) as exc:
        answers_from_dict({"answers": {**GOOD, **change}})  # a manifest's answers too
    text = str(exc.value)
    assert text.startswith(f"{where}: '") and "a control or bidi character; answers are plain text" in text
    assert text.isprintable()


def test_a_long_hostile_value_is_shown_cut():
    with pytest.raises(AnswersFileError) as exc:
        answers_from_dict({"account": "\x1b" + "x" * 100_000})
    assert len(str(exc.value)) < 300


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                    max_leaves=20))
def test_any_json_value_is_read_or_refused_by_name(value):
    data = {**GOOD, "streams": value} if not isinstance(value, dict) else value
    try:
        answers = answers_from_dict(data)
    except AnswersFileError as exc:
        assert str(exc).isprintable()
        return
    for text in (answers.region, answers.account, answers.key, *answers.streams):
        assert "\x1b" not in text


def test_files_over_the_cap_are_refused_without_reading_them_whole(tmp_path):
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"streams": ["s" * 100] * (MAX_INPUT_BYTES // 100)}))
    with pytest.raises(InputError, match=r"big.json is larger than 1 MiB, far more than an answers file needs"):
        load_json_file(big, "an answers file")
    with pytest.raises(InputError, match="larger than 1 MiB"):
        load_json_file("/dev/zero")


def test_a_file_just_under_the_cap_is_read(tmp_path):
    path = tmp_path / "a.json"
    text = json.dumps({"streams": ["s"]})
    path.write_text(text + " " * (MAX_INPUT_BYTES - len(text)))
    assert load_json_file(path) == {"streams": ["s"]}


@pytest.mark.parametrize(("text", "words"), [
    ("[" * 100_000, "nests lists or objects more than 32 levels deep"),
    ("[" * 33 + "]" * 33, "nests lists or objects more than 32 levels deep"),
    ('{"a": ' * 40 + "1" + "}" * 40, "nests lists or objects more than 32 levels deep"),
    ("9" * 5000, "a number of 5,000 digits; numbers here have at most 100"),
    ('{"fan_out": -' + "1" * 101 + "}", "a number of 102 digits"),
    ("{not json", "is not valid JSON: Expecting property name"),
])
def test_hostile_json_is_refused_with_a_message(text, words):
    with pytest.raises(InputError) as exc:
        parse_json(text, "a.json")
    assert words in str(exc.value) and str(exc.value).startswith("a.json")


def test_depth_at_the_limit_is_read():
    assert parse_json("[" * 32 + "]" * 32, "a.json") is not None


def test_not_utf8_and_unreadable(tmp_path):
    path = tmp_path / "a.json"
    path.write_bytes(b'{"region": "\xff"}')
    with pytest.raises(InputError, match="not UTF-8 text"):
        load_json_file(path)
    with pytest.raises(BundleError, match=r"cannot read .*: Is a directory"):
        load_json_file(tmp_path)
