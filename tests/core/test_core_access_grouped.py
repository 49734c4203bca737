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


def _bundle_of(*principals, streams=("a", "b")):
    return render_bundle(Answers("eu-west-1", ACCT, "1234abcd-12ab-34cd-56ef-1234567890ab", streams, principals))


def test_a_not_principal_deny_that_exempts_one_writer_keeps_the_two_apart():
    """Two writers with the same policy; the key policy denies GenerateDataKey to everyone but the first writer (which
    it names without its account, so whether its sessions are exempt is not modelled): the second's line must not be
    the first's."""
    bundle = _bundle_of(Principal("w1", ("producer",)), Principal("w2", ("producer",)))
    key = json.loads(json.dumps(bundle.get("key").body))
    key["Statement"].append({"Sid": "OnlyW1", "Effect": "Deny", "Action": "kms:GenerateDataKey", "Resource": "*",
                             "NotPrincipal": {"AWS": f"arn:aws:iam::{ACCT}:role/w1"}})
    setting = bundle_setting(bundle, {"key-policy.json": key})
    exact = _per_stream(setting_rows(setting, exact=True))
    assert _per_stream(setting_rows(setting)) == exact
    assert exact[(W2, "GenerateDataKey via Kinesis", "a")] == ("denied", ("key-policy.json#OnlyW1",))
    assert exact[(f"arn:aws:iam::{ACCT}:role/w1", "GenerateDataKey via Kinesis", "a")][0] == "unknown"


def test_a_key_policy_with_a_null_statement_leaves_key_rows_unknown_and_the_table_whole():
    bundle = _bundle_of(Principal("w1", ("producer",)))
    key = json.loads(json.dumps(bundle.get("key").body))
    key["Statement"].append(None)
    rows = setting_rows(bundle_setting(bundle, {"key-policy.json": key}))
    assert {r.decision for r in rows if r.operation.label == "GenerateDataKey via Kinesis"} == {"unknown"}
    assert {r.decision for r in rows if r.who.label == "w1" and r.operation.label == "PutRecord"} == {"allowed"}


def test_stream_policies_alike_but_for_the_order_of_their_keys_share_a_line():
    """Each stream's own policy, edited by hand with its keys in another order, still says the same: one line."""
    bundle = _bundle_of(Principal("arn:aws:iam::444455556666:role/reader", ("consumer",)))
    bodies = {}
    for doc in bundle.documents:
        if doc.kind == "stream" and doc.stream.name == "b":
            body = json.loads(json.dumps(doc.body))
            body["Statement"] = [dict(reversed(list(s.items()))) for s in body["Statement"]]
            bodies[doc.filename] = dict(reversed(list(body.items())))
    rows = [r for r in setting_rows(bundle_setting(bundle, bodies))
            if r.who.label == "reader" and r.operation.label == "GetRecords"]
    assert [[s.name for s in r.streams] for r in rows] == [["a", "b"]]


def test_a_key_only_line_leaves_out_the_statements_written_for_other_keys():
    bundle = _bundle_of(Principal("w1", ("producer",)))
    body = json.loads(json.dumps(bundle.get("producer").body))
    body["Statement"].append({"Sid": "OtherKey", "Effect": "Allow", "Action": "kms:*",
                              "Resource": f"arn:aws:kms:eu-west-1:{ACCT}:key/5678abcd-12ab-34cd-56ef-1234567890ab"})
    setting = bundle_setting(bundle, {"producer-policy.json": body})

    def put_key_policy(rows):
        return next(r for r in rows if r.who.label == "w1" and r.operation.label == "PutKeyPolicy")

    exact, grouped = put_key_policy(setting_rows(setting, exact=True)), put_key_policy(setting_rows(setting))
    near = [r for r in exact.verdict.reasons if "its resource does not hold" in r]
    assert near and grouped.verdict.reasons == tuple(r for r in exact.verdict.reasons if r not in near)


def test_the_stranger_in_the_account_takes_a_name_no_principal_has():
    """'Anyone else in the account' is judged as a role of its own, never as one of the bundle's principals."""
    for taken, stranger in ((("someone-else",), "someone-else-2"),
                            (("someone-else", "someone-else-2"), "someone-else-3")):
        bundle = _bundle_of(*(Principal(name, ("producer",)) for name in taken))
        who = {r.who.arn for r in setting_rows(bundle_setting(bundle)) if r.who.label == f"anyone else in {ACCT}"}
        assert who == {f"arn:aws:iam::{ACCT}:role/{stranger}"}
