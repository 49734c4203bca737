"""The world the access table imagines around a bundle, pinned by what the table shows: the "another stream" it
asks about is never one of the bundle's, "anyone else" and "another account" are never one of its principals, a
key known only by its alias may have other aliases and may be any key of its account, and principals alike in every
policy but their registered consumers are each shown with their own consumer's policy."""

from __future__ import annotations

import json

import pytest

from wizard.core.access import bundle_setting, setting_rows
from wizard.core.model import Answers, Principal
from wizard.core.render import render_bundle

ACCT = "123456789012"
OTHER = "444455556666"
KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab"


def _table(bundle, bodies=None, **facts):
    setting = bundle_setting(bundle, bodies, **facts)
    return {(r.who.label, r.operation.label): r for r in setting_rows(setting, exact=True)}


@pytest.mark.parametrize(("streams", "other"), [
    (("another-stream", "another-stream-2"), "another-stream-3"),
    (("another-stream", "another-stream-3"), "another-stream-2"),
])
def test_another_stream_is_never_one_of_the_bundles(streams, other):
    bundle = render_bundle(Answers("us-west-2", ACCT, KEY_ID, streams, (Principal("writer", ("producer",)),)))
    row = _table(bundle)[("writer", "GenerateDataKey, another stream")]
    assert row.decision == "denied"
    assert row.to_json()["context"]["kms:EncryptionContext:aws:kinesis:arn"] == (
        f"arn:aws:kinesis:us-west-2:{ACCT}:stream/{other}")


def test_anyone_else_and_another_account_are_never_the_bundles_principals():
    writers = (Principal("someone-else", ("producer",)), Principal("someone-else-2", ("producer",)),
               Principal("arn:aws:iam::999999999999:role/partner", ("producer",)))
    table = _table(render_bundle(Answers("us-west-2", ACCT, KEY_ID, ("orders",), writers)))
    anyone = f"anyone else in {ACCT}"
    assert table[("someone-else-2", "PutRecord")].decision == "allowed"
    assert table[(anyone, "PutRecord")].to_json()["principal"] == f"arn:aws:iam::{ACCT}:role/someone-else-3"
    assert {table[(anyone, op)].decision for op in ("PutRecord", "GenerateDataKey via Kinesis")} == {"denied"}
    other = table[("another account (999999999998)", "PutRecord")]
    assert other.decision == "denied" and other.to_json()["principal"].startswith("arn:aws:iam::999999999998:")


def _alias_bundle():
    """A writer in another account, which needs its identity policy to allow what the key policy does."""
    return render_bundle(Answers("eu-west-1", ACCT, "alias/orders-key", ("orders",),
                                 (Principal(f"arn:aws:iam::{OTHER}:role/writer", ("producer",)),)))


def _edited(bundle, change) -> dict:
    body = json.loads(json.dumps(bundle.get("producer").body))
    change(body["Statement"])
    return {"producer-policy.json": body}


def test_a_key_known_by_one_alias_may_have_others():
    """A Deny on keys with another alias may apply to a key given by alias (it may have that alias too); once
    AWS's list of the key's aliases is known, it does not."""
    bundle = _alias_bundle()
    deny = {"Effect": "Deny", "Action": "kms:*", "Resource": "*",
            "Condition": {"ForAnyValue:StringEquals": {"kms:ResourceAliases": "alias/retired"}}}
    bodies = _edited(bundle, lambda stmts: stmts.append(deny))
    assert _table(bundle, bodies)[("writer", "GenerateDataKey via Kinesis")].decision == "unknown"
    known = _table(bundle, bodies, key_aliases=("alias/orders-key",))
    assert known[("writer", "GenerateDataKey via Kinesis")].decision == "allowed"


def test_a_key_whose_aliases_are_known_to_be_none_has_none():
    """Given by ARN, a key may have any aliases, so a Deny on one of them may apply; once AWS says it has none, the
    Deny does not."""
    bundle = render_bundle(Answers("eu-west-1", ACCT, f"arn:aws:kms:eu-west-1:{ACCT}:key/{KEY_ID}", ("orders",),
                                   (Principal(f"arn:aws:iam::{OTHER}:role/writer", ("producer",)),)))
    deny = {"Effect": "Deny", "Action": "kms:*", "Resource": "*",
            "Condition": {"ForAnyValue:StringEquals": {"kms:ResourceAliases": "alias/retired"}}}
    bodies = _edited(bundle, lambda stmts: stmts.append(deny))
    assert _table(bundle, bodies)[("writer", "GenerateDataKey via Kinesis")].decision == "unknown"
    assert _table(bundle, bodies, key_aliases=())[("writer", "GenerateDataKey via Kinesis")].decision == "allowed"


def test_a_key_known_by_alias_may_be_any_key_of_its_account():
    """An identity policy that allows only multi-Region keys may or may not cover the key an alias points to:
    unknown, until the key's ARN is known (a principal in another account needs its identity policy to allow it)."""
    bundle = _alias_bundle()
    mrk = f"arn:aws:kms:eu-west-1:{ACCT}:key/mrk-1234abcd12ab34cd56ef1234567890ab"

    def multi_region_only(stmts):
        for stmt in stmts:
            if stmt["Resource"] == f"arn:aws:kms:eu-west-1:{ACCT}:key/*":
                stmt["Resource"] = f"arn:aws:kms:eu-west-1:{ACCT}:key/mrk-*"

    bodies = _edited(bundle, multi_region_only)
    assert _table(bundle, bodies)[("writer", "GenerateDataKey via Kinesis")].decision == "unknown"
    assert _table(bundle, bodies, key_arn=mrk)[("writer", "GenerateDataKey via Kinesis")].decision == "allowed"
    single = f"arn:aws:kms:eu-west-1:{ACCT}:key/{KEY_ID}"
    assert _table(bundle, bodies, key_arn=single)[("writer", "GenerateDataKey via Kinesis")].decision == "denied"


def test_readers_alike_but_for_their_consumers_each_cite_their_own_consumers_policy():
    """Two readers in another account whose consumers' policies (edited) each name both: every policy treats them
    alike except for the consumer each subscribes through, whose policy the table must cite."""
    a, b = f"arn:aws:iam::{OTHER}:role/a", f"arn:aws:iam::{OTHER}:role/b"
    bundle = render_bundle(Answers("eu-west-1", ACCT, KEY_ID, ("orders",), (
        Principal(a, ("consumer",), consumer_name="efo-a"), Principal(b, ("consumer",), consumer_name="efo-b"))))
    bodies = {}
    for doc in (d for d in bundle.documents if d.kind == "consumer"):
        body = json.loads(json.dumps(doc.body))
        body["Statement"][0]["Principal"]["AWS"] = [a, b]
        bodies[doc.filename] = body
    rows = {r.who.label: r for r in setting_rows(bundle_setting(bundle, bodies))
            if r.operation.label == "SubscribeToShard"}
    assert rows["a"].decision == rows["b"].decision == "allowed"
    assert "consumer-resource-policy-efo-a.json#EnhancedFanOutReader" in rows["a"].verdict.because
    assert "consumer-resource-policy-efo-b.json#EnhancedFanOutReader" in rows["b"].verdict.because
