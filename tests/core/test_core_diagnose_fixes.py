"""`check`'s fixes applied to the documents a person gave: each fix lands in its own document, beside what was
there, under that document's own file name, and a document that was not given starts empty."""

from __future__ import annotations

from wizard.core.diagnose import Fix, Inputs, with_fixes
from wizard.core.evaluate import Source

ACCOUNT = "111122223333"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/reader"
STREAM = f"arn:aws:kinesis:us-west-2:{ACCOUNT}:stream/orders"


def _stmt(sid: str) -> dict:
    return {"Sid": sid, "Effect": "Allow", "Principal": {"AWS": ROLE}, "Action": ["kinesis:GetRecords"],
            "Resource": STREAM}


def _inputs(**documents) -> Inputs:
    identity = (Source("reader.json", {"Version": "2012-10-17", "Statement": [_stmt("Mine")]}),)
    return Inputs(ROLE, "consumer", STREAM, identity, **documents)


FIXES = [Fix("identity", (_stmt("FixIdentity"),)), Fix("key", (_stmt("FixKey"),)),
         Fix("stream", (_stmt("FixStream"),)), Fix("consumer", (_stmt("FixConsumer"),))]


def _sids(source: Source) -> list[str]:
    statements = source.body["Statement"]
    return [s["Sid"] for s in ([statements] if isinstance(statements, dict) else statements)]


def test_each_fix_is_added_beside_the_documents_own_statements_under_its_name():
    given = {"key_policy": Source("their-key.json", {"Version": "2012-10-17", "Statement": _stmt("TheirKey")}, "key"),
             "stream_policy": Source("their-stream.json", {"Version": "2012-10-17", "Statement": [_stmt("S")]},
                                     "stream"),
             "consumer_policy": Source("their-consumer.json", {"Version": "2012-10-17", "Statement": []},
                                       "consumer")}
    before = _inputs(**given)
    after = with_fixes(before, FIXES)
    assert [s.name for s in after.identity] == ["reader.json", "fix.json"]
    assert after.identity[1].body == {"Version": "2012-10-17", "Statement": [_stmt("FixIdentity")]}
    # A single-object Statement (allowed by IAM) keeps its statement, now in a list with the fix.
    assert (after.key_policy.name, after.key_policy.kind, _sids(after.key_policy)) == (
        "their-key.json", "key", ["TheirKey", "FixKey"])
    assert (after.stream_policy.name, after.stream_policy.kind, _sids(after.stream_policy)) == (
        "their-stream.json", "stream", ["S", "FixStream"])
    assert (after.consumer_policy.name, after.consumer_policy.kind, _sids(after.consumer_policy)) == (
        "their-consumer.json", "consumer", ["FixConsumer"])
    # What the person gave is read, never changed.
    assert _sids(before.key_policy) == ["TheirKey"] and _sids(before.stream_policy) == ["S"]
    assert before.key_policy.body["Statement"] == _stmt("TheirKey")


def test_a_fix_for_a_document_not_given_starts_a_new_one():
    after = with_fixes(_inputs(), FIXES[1:])
    for source, name, kind in ((after.key_policy, "key-policy.json", "key"),
                               (after.stream_policy, "stream-policy.json", "stream"),
                               (after.consumer_policy, "consumer-policy.json", "consumer")):
        assert (source.name, source.kind) == (name, kind)
        assert list(source.body) == ["Version", "Statement"] and source.body["Version"] == "2012-10-17"
        assert len(source.body["Statement"]) == 1
    assert _sids(after.key_policy) == ["FixKey"] and [s.name for s in after.identity] == ["reader.json"]


def test_a_document_given_without_statements_gets_the_fix_as_its_statement():
    bare = Source("their-stream.json", {"Version": "2012-10-17"}, "stream")
    after = with_fixes(_inputs(stream_policy=bare), [FIXES[2]])
    assert after.stream_policy.body == {"Version": "2012-10-17", "Statement": [_stmt("FixStream")]}
    assert bare.body == {"Version": "2012-10-17"}
