"""What `check` proposes for a reader in another account: which document each fix goes in, for whom, on what.

Across accounts both halves must allow: the reader's identity policy, and the stream's (or registered
consumer's) resource policy or the key policy naming the reader
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html).
"""

from __future__ import annotations

from check_fixtures import GOOD_CONSUMER, KEY, OTHER, OWNER, READS, STREAM, allow, policy, root_only

from wizard.core.diagnose import REQUIRED, Inputs, diagnose, identity_body
from wizard.core.evaluate import Source

READER = f"arn:aws:iam::{OTHER}:role/reader"
VIA = "kinesis.us-west-2.amazonaws.com"


def _findings(inputs: Inputs) -> dict:
    return {f.row.operation.label: f for f in diagnose(inputs).findings}


def _reader(identity: dict, key_policy: dict | None) -> Inputs:
    theirs = policy(allow(["kinesis:DescribeStreamSummary"], STREAM, principal=READER, sid="Other"))
    return Inputs(READER, "consumer", STREAM, (Source("reader.json", identity_body(identity)),), None, KEY,
                  None if key_policy is None else Source("key-policy.json", key_policy, "key"),
                  Source("stream-policy.json", theirs, "stream"))


def test_a_reader_in_another_account_is_named_in_the_stream_and_key_policies():
    report = diagnose(_reader(GOOD_CONSUMER, root_only(OWNER)))
    by_doc = {f.document: f for f in report.fixes}
    assert sorted(by_doc) == ["key", "stream"]  # its own identity policy already allows what it needs
    stream, = by_doc["stream"].statements
    assert stream == {"Sid": "CrossAccountAccess", "Effect": "Allow", "Principal": {"AWS": READER},
                      "Action": ["kinesis:GetRecords", "kinesis:GetShardIterator"], "Resource": STREAM}
    key, = by_doc["key"].statements
    assert key["Principal"] == {"AWS": READER} and key["Action"] == ["kms:Decrypt"]
    assert key["Condition"]["StringEquals"] == {"kms:ViaService": VIA, "kms:EncryptionContext:aws:kinesis:arn": STREAM}
    required = {f.row.operation.label for f in report.findings if f.need == REQUIRED and f.fixes}
    assert required == {"GetRecords", "GetShardIterator", "Decrypt via Kinesis"}


def test_enhanced_fan_out_across_accounts_is_put_on_the_registered_consumer():
    findings = _findings(_reader(GOOD_CONSUMER, root_only(OWNER)))
    subscribe = findings["SubscribeToShard"]
    by_doc = {f.document: f for f in subscribe.fixes}
    assert sorted(by_doc) == ["consumer", "identity"]
    consumer, = by_doc["consumer"].statements
    assert by_doc["consumer"].note == "put it on the registered consumer's ARN"
    assert consumer["Sid"] == "CrossAccountFanOut" and consumer["Principal"] == {"AWS": READER}
    assert consumer["Action"] == ["kinesis:SubscribeToShard"] and consumer["Resource"] == f"{STREAM}/consumer/app:*"
    identity, = by_doc["identity"].statements
    assert identity["Resource"] == f"{STREAM}/consumer/*"


def test_without_the_key_policy_check_asks_for_it_and_fixes_the_identity_side():
    findings = _findings(_reader(policy(allow(READS, STREAM, sid="ReadStreams")), None))
    decrypt = findings["Decrypt via Kinesis"]
    assert "give the key policy (--key-policy FILE, from aws kms get-key-policy) to decide the key side" in \
        decrypt.advice
    assert [f.document for f in decrypt.fixes] == ["identity"]
    statement, = decrypt.fixes[0].statements
    assert statement["Action"] == ["kms:Decrypt"] and "Principal" not in statement
