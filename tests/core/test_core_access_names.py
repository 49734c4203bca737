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


def test_a_line_for_several_streams_cites_each_streams_own_policy_whatever_its_sid():
    """A reader in another account needs each stream's own resource policy; the table's one line for two alike
    streams cites both files, also when a Sid edited by hand holds a '#' (the citation's separator)."""
    answers = Answers("eu-west-1", "123456789012", "1234abcd-12ab-34cd-56ef-1234567890ab", ("orders", "audit"),
                      (Principal("arn:aws:iam::444455556666:role/reader", ("consumer",)),))
    bundle = render_bundle(answers)
    bodies = {}
    for doc in bundle.documents:
        if doc.kind == "stream":
            bodies[doc.filename] = json.loads(json.dumps(doc.body))
            for statement in bodies[doc.filename]["Statement"]:
                statement["Sid"] += "#1"
    row, = (r for r in setting_rows(bundle_setting(bundle, bodies))
            if r.who.label == "reader" and r.operation.label == "GetRecords")
    assert [s.name for s in row.streams] == ["orders", "audit"]
    assert row.decision == "allowed"
    assert row.verdict.because == ("consumer-cross-account-policy.json#ReadStreams",
                                   "stream-resource-policy-orders.json#CrossAccountConsumers#1",
                                   "stream-resource-policy-audit.json#CrossAccountConsumers#1")


def test_a_grouped_denial_leaves_out_only_the_statements_written_for_other_streams():
    """ACCESS.md's line for the streams a producer cannot write says why as `explain --json` does for each, less
    the statement that names the other stream (which would be repeated for every stream of a thousand)."""
    answers = Answers("us-west-2", "123456789012", "1234abcd-12ab-34cd-56ef-1234567890ab", ("a", "b", "c"),
                      (Principal("p", ("producer",)),))
    bundle = render_bundle(answers)
    only_a = json.loads(json.dumps(bundle.get("producer").body))
    only_a["Statement"][0]["Resource"] = only_a["Statement"][0]["Resource"][0]
    setting = bundle_setting(bundle, {"producer-policy.json": only_a})
    grouped, = (r for r in setting_rows(setting) if r.who.label == "p" and r.operation.label == "PutRecord"
                and r.decision == "denied")
    exact, = (r for r in setting_rows(setting, exact=True) if r.who.label == "p" and r.operation.label == "PutRecord"
              and r.stream.name == "b")
    assert [s.name for s in grouped.streams] == ["b", "c"]
    near = [r for r in exact.verdict.reasons if "its resource does not hold" in r]
    assert near and grouped.verdict.reasons == tuple(r for r in exact.verdict.reasons if r not in near)
