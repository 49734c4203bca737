"""The test evaluator itself: it must deny as readily as AWS does, or the role tests prove nothing."""

from __future__ import annotations

import pytest
from iam_eval import Request, conditions_hold, kinesis_allowed, kms_allowed, resource_matches

STREAM = "arn:aws:kinesis:us-west-2:111122223333:stream/orders"
KEY = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
ROLE = "arn:aws:iam::111122223333:role/app"
OTHER = "arn:aws:iam::444455556666:role/app"
ROOT = {"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
        "Action": "kms:*", "Resource": "*"}


def pol(*statements):
    return {"Version": "2012-10-17", "Statement": list(statements)}


def allow(action, resource, condition=None, principal=None):
    s = {"Effect": "Allow", "Action": action, "Resource": resource}
    if condition:
        s["Condition"] = condition
    if principal:
        s["Principal"] = {"AWS": principal}
    return s


@pytest.mark.parametrize(("pattern", "arn", "ok"), [
    (STREAM, STREAM, True),
    ("arn:aws:kinesis:*:111122223333:stream/orders", STREAM, True),
    ("arn:aws:kinesis:*:111122223333:orders", STREAM, False),  # the seed's missing stream/
    ("arn:aws:kinesis:us-west-2:111122223333:stream/Orders", STREAM, False),  # ARNs are case-sensitive
    ("arn:aws:kinesis:us-west-2:111122223333:stream/order?", STREAM, True),
    ("arn:aws:kinesis:us-west-2:111122223333:stream/orders/consumer/*", STREAM + "/consumer/c:123", True),
    ("arn:aws:kinesis:us-west-2:111122223333:stream/orders/consumer/*", STREAM, False),
    (STREAM, STREAM + "/consumer/c:123", False),
    ("arn:aws:kinesis:us-west-2:111122223333:*", STREAM, True),
    ("arn:aws:kms:us-west-2:111122223333:*", STREAM, False),
    ("*", STREAM, True),
])
def test_resource_matching(pattern, arn, ok):
    assert resource_matches(pattern, arn) is ok


def test_conditions_and_or_and_missing_keys():
    cond = {"StringEquals": {"kms:ViaService": "kinesis.us-west-2.amazonaws.com",
                             "kms:EncryptionContext:aws:kinesis:arn": [STREAM, STREAM + "2"]}}
    good = {"kms:ViaService": "kinesis.us-west-2.amazonaws.com", "kms:EncryptionContext:aws:kinesis:arn": STREAM}
    assert conditions_hold(cond, good)
    assert conditions_hold(cond, {**good, "kms:encryptioncontext:aws:kinesis:arn": STREAM + "2"})
    assert not conditions_hold(cond, {**good, "kms:ViaService": "kinesis.us-east-1.amazonaws.com"})
    assert not conditions_hold(cond, {"kms:ViaService": "kinesis.us-west-2.amazonaws.com"})  # missing key
    assert not conditions_hold(cond, {**good, "kms:EncryptionContext:aws:kinesis:arn": STREAM.upper()})
    assert conditions_hold({"StringLike": {"k": "arn:*:stream/orders*"}}, {"k": STREAM})
    any_alias = {"ForAnyValue:StringEquals": {"kms:ResourceAliases": "alias/orders"}}
    assert conditions_hold(any_alias, {"kms:ResourceAliases": ["alias/x", "alias/orders"]})
    assert not conditions_hold(any_alias, {"kms:ResourceAliases": ["alias/x"]})
    assert not conditions_hold(any_alias, {})
    assert conditions_hold({"Bool": {"aws:ViaAWSService": "true"}}, {"aws:ViaAWSService": "True"})
    with pytest.raises(NotImplementedError):
        conditions_hold({"NumericLessThan": {"k": "1"}}, {"k": "0"})


def test_actions_are_case_insensitive_and_explicit_deny_wins():
    identity = [pol(allow("Kinesis:putrecord", STREAM))]
    req = Request(ROLE, "111122223333", "kinesis:PutRecord", (STREAM,))
    assert kinesis_allowed(req, identity, None, "111122223333")
    assert not kinesis_allowed(Request(ROLE, "111122223333", "kinesis:PutRecords", (STREAM,)),
                               identity, None, "111122223333")
    denied = [*identity, pol({"Effect": "Deny", "Action": "kinesis:*", "Resource": "*"})]
    assert not kinesis_allowed(req, denied, None, "111122223333")


def test_kinesis_cross_account_needs_both_sides():
    req = Request(OTHER, "444455556666", "kinesis:GetRecords", (STREAM,))
    identity = [pol(allow("kinesis:GetRecords", STREAM))]
    shared = pol(allow("kinesis:GetRecords", STREAM, principal=OTHER))
    assert not kinesis_allowed(req, identity, None, "111122223333")
    assert not kinesis_allowed(req, [], shared, "111122223333")
    assert kinesis_allowed(req, identity, shared, "111122223333")


def test_multi_resource_actions_need_every_resource():
    req = Request(ROLE, "111122223333", "kinesis:StartStreamEncryption", (STREAM, KEY))
    assert not kinesis_allowed(req, [pol(allow("kinesis:StartStreamEncryption", STREAM))], None, "111122223333")
    assert kinesis_allowed(req, [pol(allow("kinesis:StartStreamEncryption", [STREAM, KEY]))], None, "111122223333")


def test_kms_same_account_needs_key_policy_delegation_or_naming():
    req = Request(ROLE, "111122223333", "kms:Decrypt", (KEY,))
    identity = [pol(allow("kms:Decrypt", KEY))]
    assert not kms_allowed(req, identity, pol(), "111122223333")  # no delegation: IAM alone is nothing
    assert kms_allowed(req, identity, pol(ROOT), "111122223333")
    assert not kms_allowed(req, [], pol(ROOT), "111122223333")  # delegation alone is nothing
    assert kms_allowed(req, [], pol(allow("kms:Decrypt", "*", principal=ROLE)), "111122223333")
    stranger = Request("arn:aws:iam::111122223333:role/x", "111122223333", "kms:Decrypt", (KEY,))
    assert not kms_allowed(stranger, [], pol(ROOT, allow("kms:Decrypt", "*", principal=ROLE)), "111122223333")


def test_kms_cross_account_needs_both_sides():
    req = Request(OTHER, "444455556666", "kms:Decrypt", (KEY,))
    identity = [pol(allow("kms:Decrypt", KEY))]
    named = pol(ROOT, allow("kms:Decrypt", "*", principal=OTHER))
    assert not kms_allowed(req, identity, pol(ROOT), "111122223333")
    assert not kms_allowed(req, [], named, "111122223333")
    assert kms_allowed(req, identity, named, "111122223333")
    by_account = pol(allow("kms:Decrypt", "*", principal="444455556666"))
    assert kms_allowed(req, identity, by_account, "111122223333")
    assert not kms_allowed(req, [], by_account, "111122223333")
