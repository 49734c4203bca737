"""The access table as ACCESS.md and the wizard show it (one line per group of streams and per group of principals
that every policy treats alike) says, stream by stream and principal by principal, what the exact table (`explain
--json`) says: the same decisions, citing the same statements.

The grouping is a shortcut; a principal named in a resource policy, or a stream named in one principal's policy
only, must never take another's answer.
"""

from __future__ import annotations

import json

from wizard.core.access import bundle_setting, principal_rows, setting_rows
from wizard.core.model import Answers, Principal
from wizard.core.render import render_bundle

ACCT = "123456789012"
W2 = f"arn:aws:iam::{ACCT}:role/w2"


def _setting():
    """Two writers with one policy, the key policy naming only the first (the second is allowed through the account's
    IAM delegation); a reader whose policy names stream a only."""
    bundle = render_bundle(Answers("eu-west-1", ACCT, "1234abcd-12ab-34cd-56ef-1234567890ab", ("a", "b"), (
        Principal("w1", ("producer",)), Principal("w2", ("producer",)), Principal("r", ("consumer",)))))
    key = json.loads(json.dumps(bundle.get("key").body))
    producers = next(s for s in key["Statement"] if s["Sid"] == "AllowKinesisProducers")
    producers["Principal"]["AWS"] = [a for a in producers["Principal"]["AWS"] if a != W2]
    reader = json.loads(json.dumps(bundle.get("consumer").body))
    for statement in reader["Statement"]:
        if statement["Sid"] == "ReadStreams":
            statement["Resource"] = statement["Resource"][0]
    return bundle_setting(bundle, {"key-policy.json": key, "consumer-policy.json": reader})


def _per_stream(rows):
    return {(r.who.arn, r.operation.label, s.name if s else None): (r.decision, r.verdict.because)
            for r in rows for s in (r.streams or (None,))}


def test_the_grouped_table_decides_and_cites_as_the_exact_one():
    setting = _setting()
    grouped, exact = _per_stream(setting_rows(setting)), _per_stream(setting_rows(setting, exact=True))
    assert grouped == exact
    # The cases the grouping must keep apart:
    assert exact[(W2, "GenerateDataKey via Kinesis", "a")] == ("allowed", (
        "key-policy.json#EnableIAMPolicies", "producer-policy.json#GenerateDataKeyViaKinesis"))
    assert exact[(f"arn:aws:iam::{ACCT}:role/w1", "GenerateDataKey via Kinesis", "a")] == ("allowed", (
        "key-policy.json#AllowKinesisProducers", "key-policy.json#EnableIAMPolicies",
        "producer-policy.json#GenerateDataKeyViaKinesis"))
    reader = f"arn:aws:iam::{ACCT}:role/r"
    assert (exact[(reader, "GetRecords", "a")][0], exact[(reader, "GetRecords", "b")][0]) == ("allowed", "denied")


def test_the_wizards_table_is_grouped_by_default():
    """The wizard's view asks principal_rows for its rows: alike streams share a line there too."""
    setting = _setting()
    first = next(iter(principal_rows(setting)))
    put = next(r for r in first if r.operation.label == "PutRecord")
    assert [s.name for s in put.streams] == ["a", "b"]
