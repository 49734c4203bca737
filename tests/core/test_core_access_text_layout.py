"""How the access table is laid out for a terminal (explain, check), pinned by the lines a user reads: a statement's
name (file#Sid, where a Sid may hold spaces) is never cut where a line breaks, whatever the width and whether or not
the key policy is known; the statements that decide go beside their operation when the whole line fits the width
(to the last column), else one a line at the furthest-right column where the longest fits; an operation's name wraps
under itself."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from wizard.core.access import bundle_setting, setting_rows
from wizard.core.access_text import text, wrap
from wizard.core.model import Answers, Principal
from wizard.core.render import render_bundle

WRITER = "arn:aws:iam::444455556666:role/writer"
SID = "Partner Writes From The Office"
BOTH = ("producer-policy.json#WriteStreams", "stream-resource-policy.json#CrossAccountProducers")


def _bundle():
    """A writer in another account: both its identity policy and the stream's policy decide its writes."""
    return render_bundle(Answers("eu-west-1", "123456789012", "1234abcd-12ab-34cd-56ef-1234567890ab", ("orders",),
                                 (Principal(WRITER, ("producer",)),)))


def _text(setting, width):
    return text(setting, setting_rows(setting), width=width)


@pytest.mark.parametrize("key_policy_known", [True, False])
def test_a_sid_with_spaces_in_an_unknown_reason_is_never_cut(key_policy_known):
    bundle = _bundle()
    policy = json.loads(json.dumps(bundle.get("stream").body))
    policy["Statement"][0].update(Sid=SID, Condition={"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}})
    setting = bundle_setting(bundle, {"stream-resource-policy.json": policy})
    if not key_policy_known:  # as `check` without --key-policy: the key policy is no source of names
        setting = replace(setting, key=replace(setting.key, policy=None))
    for width in range(40, 100):
        shown = _text(setting, width)
        assert f"stream-resource-policy.json#{SID}" in shown, width
        assert all(SID in line for line in shown.splitlines() if "Partner" in line), width


def test_the_deciding_statements_go_beside_the_operation_when_the_line_fits_to_the_last_column():
    setting = bundle_setting(_bundle())
    line = "  allowed  PutRecord  " + ", ".join(BOTH)
    assert line + "\n" in _text(setting, len(line))
    narrower = _text(setting, len(line) - 1).splitlines()
    at = narrower.index("  allowed  PutRecord")
    assert narrower[at + 1:at + 3] == [" " * 11 + BOTH[0], " " * 11 + BOTH[1]]


@pytest.mark.parametrize(("extra", "column"), [(11, 11), (10, 4), (4, 4), (3, 2), (2, 2), (0, 2)])
def test_statements_one_a_line_start_at_the_furthest_right_column_where_the_longest_fits(extra, column):
    """The longest name is 45 characters: at column 11 when 11 more fit, else 4, else 2 (and then never cut)."""
    width = len(BOTH[1]) + extra
    shown = _text(bundle_setting(_bundle()), width).splitlines()
    at = shown.index("  allowed  PutRecord")
    assert shown[at + 1:at + 3] == [" " * column + BOTH[0], " " * column + BOTH[1]]


def test_an_operation_too_long_for_the_width_wraps_under_itself():
    shown = _text(bundle_setting(_bundle()), 24).splitlines()
    at = shown.index("  denied   Decrypt,")
    assert shown[at + 1:at + 3] == [" " * 11 + "another", " " * 11 + "stream"]


@pytest.mark.parametrize(("line", "width", "keep", "lines"), [
    # A name that fits at the end of a line stays there (its spaces count as one character each).
    ("aaa key b ccc", 9, ("key b",), ["aaa key b", "ccc"]),
    # A name inside a longer one (a file in a folder with a space, and its statement): the longer is kept whole.
    ("x /p/a b.json#Sid two", 16, ("/p/a b.json", "/p/a b.json#Sid two"), ["x", "/p/a b.json#Sid two"]),
    ("x /p/a b/c d.json#S t", 16, ("/p/a b/c d.json", "c d.json", "/p/a b/c d.json#S t"),
     ["x", "/p/a b/c d.json#S t"]),
])
def test_a_name_in_keep_is_never_cut(line, width, keep, lines):
    assert wrap(line, width, "", keep) == lines


@pytest.mark.parametrize("line", ["  allowed  PutRecord", "unknown: 'a value ending in a space '", "x  "])
def test_a_line_that_fits_to_the_last_column_is_shown_as_it_is(line):
    assert wrap(line, len(line), "    ") == [line]
