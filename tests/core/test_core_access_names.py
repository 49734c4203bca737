"""The access table names the streams of a line that differs from the rest: up to three by name, then a count."""

from __future__ import annotations

import json

import pytest

from wizard.core.access import bundle_setting, setting_rows
from wizard.core.access_text import text
from wizard.core.model import Answers, Principal
from wizard.core.render import render_bundle


@pytest.mark.parametrize(("streams", "denied"), [
    ("abcd", "PutRecord (b, c, d)"),
    ("abcde", "PutRecord (b, c, d and 1 more)"),
    ("abcdefg", "PutRecord (b, c, d and 3 more)"),
])
def test_streams_a_producer_cannot_write_are_named_up_to_three(streams, denied):
    answers = Answers("us-west-2", "123456789012", "1234abcd-12ab-34cd-56ef-1234567890ab", tuple(streams),
                      (Principal("p", ("producer",)),))
    bundle = render_bundle(answers)
    only_a = json.loads(json.dumps(bundle.get("producer").body))
    only_a["Statement"][0]["Resource"] = only_a["Statement"][0]["Resource"][0]
    setting = bundle_setting(bundle, {"producer-policy.json": only_a})
    shown = text(setting, setting_rows(setting), width=120)
    assert "  allowed  PutRecord (a)  producer-policy.json#WriteStreams\n" in shown
    assert f"  denied   {denied}\n" in shown
