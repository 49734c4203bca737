"""The request context of the KMS calls in the access table, as `explain --json` shows it and as the policies are
judged against it: Kinesis sends kms:ViaService and an encryption context of exactly {"aws:kinesis:arn": <stream>}
(https://docs.aws.amazon.com/streams/latest/dev/permissions-user-key-KMS.html), so a condition on any other
encryption context key certainly fails, and a call with no encryption context (PutKeyPolicy) has no
kms:EncryptionContextKeys (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html)."""

from __future__ import annotations

import json

from wizard.core.access import bundle_setting, setting_rows
from wizard.core.model import Answers, Principal
from wizard.core.render import render_bundle

ACCT = "123456789012"
KEY = f"arn:aws:kms:eu-west-1:{ACCT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
STREAM = f"arn:aws:kinesis:eu-west-1:{ACCT}:stream/orders"
WRONG = "kms:EncryptionContext:aws:kinesis:streamname"


def _bundle():
    return render_bundle(Answers("eu-west-1", ACCT, KEY, ("orders",),
                                 (Principal(f"arn:aws:iam::{ACCT}:role/writer", ("producer",)),)))


def _rows(setting):
    return {r.operation.label: r for r in setting_rows(setting, exact=True) if r.who.label == "writer"}


def test_the_context_of_a_kinesis_kms_call_as_explain_shows_it():
    rows = _rows(bundle_setting(_bundle(), key_aliases=("alias/orders",)))
    assert rows["GenerateDataKey via Kinesis"].to_json()["context"] == {
        "kms:ViaService": "kinesis.eu-west-1.amazonaws.com", "kms:EncryptionContext:aws:kinesis:arn": STREAM,
        "kms:EncryptionContextKeys": ["aws:kinesis:arn"], "kms:ResourceAliases": ["alias/orders"]}
    assert rows["PutKeyPolicy"].to_json()["context"] == {"kms:ResourceAliases": ["alias/orders"]}


def test_a_condition_on_an_encryption_context_key_kinesis_never_sends_fails():
    bundle = _bundle()
    bodies = {}
    for doc, sid in (("producer", "GenerateDataKeyViaKinesis"), ("key", "AllowKinesisProducers")):
        body = json.loads(json.dumps(bundle.get(doc).body))
        statement = next(s for s in body["Statement"] if s["Sid"] == sid)
        statement["Condition"]["StringEquals"][WRONG] = statement["Condition"]["StringEquals"].pop(
            "kms:EncryptionContext:aws:kinesis:arn")
        bodies[bundle.get(doc).filename] = body
    row = _rows(bundle_setting(bundle, bodies))["GenerateDataKey via Kinesis"]
    assert row.decision == "denied"
    assert f"producer-policy.json#GenerateDataKeyViaKinesis covers kms:GenerateDataKey but its condition does not " \
           f"hold: StringEquals {WRONG}: {WRONG} is not in the request" in row.verdict.reasons


def test_a_deny_of_kms_calls_without_an_encryption_context_applies_to_put_key_policy():
    bundle = _bundle()
    body = json.loads(json.dumps(bundle.get("producer").body))
    body["Statement"].append({"Sid": "OnlyWithContext", "Effect": "Deny", "Action": "kms:*", "Resource": "*",
                              "Condition": {"Null": {"kms:EncryptionContextKeys": "true"}}})
    rows = _rows(bundle_setting(bundle, {"producer-policy.json": body}))
    assert rows["PutKeyPolicy"].verdict.denied_by == ("producer-policy.json#OnlyWithContext",)
    assert rows["GenerateDataKey via Kinesis"].decision == "allowed"  # Kinesis's calls carry one


def test_a_reader_in_the_account_subscribes_through_a_stand_in_consumer():
    """A same-account reader's consumer is not named by the bundle: its enhanced fan-out is judged on a stand-in
    consumer ARN (name and creation time), as `explain --json` shows."""
    bundle = render_bundle(Answers("eu-west-1", ACCT, KEY, ("orders",),
                                   (Principal(f"arn:aws:iam::{ACCT}:role/reader", ("consumer",)),)))
    row = next(r for r in setting_rows(bundle_setting(bundle), exact=True)
               if r.who.label == "reader" and r.operation.label == "SubscribeToShard")
    assert row.to_json()["resource"] == f"{STREAM}/consumer/app:1700000000"
    assert row.decision == "allowed"
