"""What `check` says cannot be fixed by adding a statement, word for word, and the one fix that is enough when
the key policy alone can allow a principal of the key's own account
(https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html: a key policy that names a
principal of its account is enough for it; without the account's delegation IAM policies cannot help)."""

from __future__ import annotations

import pytest
from check_fixtures import FIXTURES, KEY, OWNER, READS, STREAM, allow, policy

from wizard.core.diagnose import Inputs, diagnose
from wizard.core.evaluate import Source


@pytest.mark.parametrize(("fixture", "label", "advice", "documents"), [
    ("explicit-deny", "GenerateDataKey via Kinesis",
     "an explicit Deny wins over any Allow: remove or narrow guardrail.json#NoKms", []),
    ("managed-key-cross-account", "Decrypt via Kinesis",
     "the AWS managed key aws/kinesis cannot serve another account (its key policy cannot be changed); encrypt the "
     "stream with a customer managed key and share that", []),
    ("kms-on-alias-arn", "GenerateDataKey via Kinesis",
     "a statement names the key by its alias ARN: an alias in Resource never matches the key; use the key ARN, or "
     "key/* with the condition kms:ResourceAliases", ["identity"]),
], ids=["explicit-deny", "managed-key-elsewhere", "alias-arn"])
def test_advice_reads_word_for_word(fixture, label, advice, documents):
    inputs = next(f for f in FIXTURES if f.name == fixture).inputs()
    finding = next(f for f in diagnose(inputs).findings if f.row.operation.label == label)
    assert finding.advice == (advice,)
    assert [fix.document for fix in finding.fixes] == documents


def test_in_the_keys_account_naming_the_principal_in_the_key_policy_is_the_whole_fix():
    admins_only = {"Version": "2012-10-17", "Statement": [{
        "Sid": "Admins", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{OWNER}:role/admin"},
        "Action": "kms:*", "Resource": "*"}]}
    report = diagnose(Inputs(f"arn:aws:iam::{OWNER}:role/reader", "consumer", STREAM,
                             (Source("reader.json", policy(allow(READS, STREAM))),), None, KEY,
                             Source("key-policy.json", admins_only, "key")))
    decrypt = next(f for f in report.findings if f.row.operation.label == "Decrypt via Kinesis")
    assert decrypt.row.verdict.missing == {"identity", "resource"}
    assert [(fix.document, [s["Sid"] for s in fix.statements]) for fix in decrypt.fixes] == [
        ("key", ["AllowKinesisConsumers"])]
    assert decrypt.advice == ()
