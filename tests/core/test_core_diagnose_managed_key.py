"""The AWS managed key's policy cannot be edited, however `check` learns it: modelled (no --key-policy), saved with
`aws kms get-key-policy` and given with --key-policy, or read with --from-aws. What it allows beyond the job is listed
apart with one note, never among the grants to narrow.

Its policy cannot be changed: https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-key
"""

from __future__ import annotations

import json

import pytest

from wizard.cli import main
from wizard.core.access import managed_key_policy
from wizard.core.diagnose import Inputs, diagnose
from wizard.core.evaluate import Source

OWNER = "111122223333"
STREAM = f"arn:aws:kinesis:us-west-2:{OWNER}:stream/orders"
WRITER = f"arn:aws:iam::{OWNER}:role/writer"
WRITES = {"Version": "2012-10-17", "Statement": [
    {"Sid": "WriteStreams", "Effect": "Allow", "Action": ["kinesis:PutRecord", "kinesis:PutRecords"],
     "Resource": STREAM}]}
BEYOND = ["Decrypt via Kinesis", "GenerateDataKey, another stream", "Decrypt, another stream"]


@pytest.mark.parametrize("name", ["key-policy", "aws/kinesis key policy (AWS managed)"],
                         ids=["read-from-aws", "modelled-name"])
def test_the_managed_key_s_own_policy_text_is_not_offered_for_narrowing(name):
    """--from-aws names the key policy it read "key-policy"; the grants it makes are the managed key's."""
    real = Source(name, managed_key_policy("aws", "us-west-2", OWNER), "key")
    report = diagnose(Inputs(WRITER, "producer", STREAM, (Source("writer.json", WRITES),), None,
                             "alias/aws/kinesis", real))
    assert report.ok and report.too_much() == []
    assert [f.row.operation.label for f in report.managed_key_grants()] == BEYOND
    assert all(f.row.verdict.because == (f"{name}#AllowAccessThroughKinesis",) for f in report.managed_key_grants())


def test_a_saved_managed_key_policy_given_with_key_policy_is_explained_once_not_to_narrow(tmp_path, capsys):
    (tmp_path / "writer.json").write_text(json.dumps(WRITES))
    # as `aws kms get-key-policy --key-id alias/aws/kinesis --policy-name default` prints it
    (tmp_path / "kp.json").write_text(json.dumps({"Policy": json.dumps(managed_key_policy("aws", "us-west-2",
                                                                                           OWNER))}))
    code = main(["check", "--principal", WRITER, "--as", "producer", "--stream", STREAM, "--key", "alias/aws/kinesis",
                 "--identity-policy", str(tmp_path / "writer.json"), "--key-policy", str(tmp_path / "kp.json")])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert "narrow these" not in out
    assert "Also allowed beyond its job, by the AWS managed key:\n" + "".join(
        f"  allowed  {label}\n" for label in BEYOND) in out
    assert " ".join(out.split()).count("the key policy of the AWS managed key aws/kinesis cannot be edited") == 1


def test_a_customer_managed_key_given_the_same_policy_text_is_still_to_narrow():
    """The same statements in a customer managed key's policy can be edited: they are grants to narrow."""
    key = f"arn:aws:kms:us-west-2:{OWNER}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    same = Source("key-policy", managed_key_policy("aws", "us-west-2", OWNER), "key")
    report = diagnose(Inputs(WRITER, "producer", STREAM, (Source("writer.json", WRITES),), None, key, same))
    assert [f.row.operation.label for f in report.too_much()] == BEYOND
    assert report.managed_key_grants() == []
