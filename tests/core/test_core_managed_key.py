"""The AWS managed key aws/kinesis as check and the access table judge it: through Kinesis for its own account,
read directly by its account's principals that IAM allows, and why anything else is denied.

AWS managed keys restrict use to their account and service with kms:CallerAccount and kms:ViaService
(https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html); their policy cannot be changed, so
nobody in another account can use them.
"""

from __future__ import annotations

from check_fixtures import GOOD_PRODUCER, OTHER, OWNER, STREAM, allow, policy

from wizard.core.access import bundle_setting, setting_rows
from wizard.core.diagnose import Inputs, diagnose
from wizard.core.evaluate import Source
from wizard.core.model import Answers, Principal
from wizard.core.render import render_bundle

MANAGED = "aws/kinesis key policy (AWS managed)"
INSPECT = policy(allow(["kms:DescribeKey"], f"arn:aws:kms:us-west-2:{OWNER}:key/*", sid="Inspect"))


def _row(inputs: Inputs, label: str):
    return next(f.row for f in diagnose(inputs).findings if f.row.operation.label == label)


def test_its_accounts_administrator_reads_it_directly_when_iam_allows():
    row = _row(Inputs(f"arn:aws:iam::{OWNER}:role/admin", "admin", STREAM, (Source("a.json", INSPECT),), None,
                      "alias/aws/kinesis"), "DescribeKey")
    assert row.decision == "allowed"
    assert row.verdict.because == (f"{MANAGED}#AllowDirectRead", "a.json#Inspect")


def test_another_accounts_administrator_is_refused_by_its_caller_account_condition():
    row = _row(Inputs(f"arn:aws:iam::{OTHER}:role/admin", "admin", STREAM, (Source("a.json", INSPECT),), None,
                      "alias/aws/kinesis"), "DescribeKey")
    assert row.decision == "denied"
    assert (f"{MANAGED}#AllowAccessThroughKinesis covers kms:DescribeKey but its condition does not hold: "
            f"StringEquals kms:CallerAccount '{OWNER}': the request has '{OTHER}'") in row.verdict.reasons


def test_decrypting_outside_kinesis_is_refused_by_its_via_service_condition():
    row = _row(Inputs(f"arn:aws:iam::{OWNER}:role/writer", "producer", STREAM,
                      (Source("p.json", GOOD_PRODUCER),), None, "alias/aws/kinesis"), "Decrypt directly")
    assert row.decision == "denied"
    assert (f"{MANAGED}#AllowAccessThroughKinesis covers kms:Decrypt but its condition does not hold: "
            "StringEquals kms:ViaService: kms:ViaService is not in the request") in row.verdict.reasons


def test_a_bundle_for_the_managed_key_cites_its_policy_by_name():
    """The bundle writes no key policy for aws/kinesis; its access table cites the AWS managed key's policy by a name
    that says so, and Kinesis's calls are allowed by its statement for the account through Kinesis."""
    bundle = render_bundle(Answers("us-west-2", OWNER, "alias/aws/kinesis", ("orders",),
                                   (Principal(f"arn:aws:iam::{OWNER}:role/writer", ("producer",)),)))
    rows = {r.operation.label: r for r in setting_rows(bundle_setting(bundle), exact=True) if r.who.label == "writer"}
    assert rows["GenerateDataKey via Kinesis"].verdict.because == (f"{MANAGED}#AllowAccessThroughKinesis",)
    assert rows["Decrypt directly"].verdict.reasons[-1] == (
        f"{MANAGED}#AllowAccessThroughKinesis covers kms:Decrypt but its condition does not hold: StringEquals "
        "kms:ViaService: kms:ViaService is not in the request")
