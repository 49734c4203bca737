"""What the evaluator says about a Condition it cannot decide or that fails: the operator, the key, and what the
request had, word for word, as `check` and the access table print them.

A person fixing a policy reads these lines; a reason that loses its operator or key, or says "None", leaves
them guessing. Operators: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
"""

from __future__ import annotations

import pytest
from evaluator_corners import ACCOUNT, ALL_KEY, KEY, ROLE, STREAM, ident, kin, kms, res, st

from wizard.core.evaluate import (
    ALLOWED,
    DENIED,
    UNKNOWN,
    Request,
    Verdict,
    arn_matches,
    combine,
    evaluate,
    full_context,
)


def _kinesis_read(condition: dict) -> Verdict:
    return evaluate(kin(ROLE), ident(st(Action="kinesis:GetRecords", Resource=STREAM, Condition=condition)))


@pytest.mark.parametrize(("condition", "reason"), [
    ({"StringEquals": {"aws:ResourceTag/team": "data"}},
     "StringEquals aws:ResourceTag/team: aws:ResourceTag/team is not modelled for this request"),
    ({"Null": {"aws:PrincipalArn": "yes"}}, "Null aws:PrincipalArn: Null takes true or false"),
    ({"ForAnyValue:Null": {"aws:PrincipalArn": "true"}},
     "ForAnyValue:Null aws:PrincipalArn: the operator ForAnyValue:Null is not modelled"),
    ({"NullIfExists": {"aws:PrincipalArn": "true"}},
     "NullIfExists aws:PrincipalArn: the operator NullIfExists is not modelled"),
    ({"IfExists": {"aws:PrincipalArn": ROLE}}, "IfExists aws:PrincipalArn: the operator IfExists is not modelled"),
    ({"StringEquals": {"aws:PrincipalArn": {"arn": ROLE}}},
     "StringEquals aws:PrincipalArn: a condition value that is not a string"),
    ({"StringEquals": {"aws:PrincipalArn": None}},
     "StringEquals aws:PrincipalArn: a condition value that is not a string"),
    ({"StringEquals": {"aws:PrincipalArn": f"arn:aws:iam::{ACCOUNT}:role/${{aws:username}}"}},
     "StringEquals aws:PrincipalArn: policy variables are not modelled"),
])
def test_an_undecidable_condition_is_unknown_and_says_why(condition, reason):
    verdict = _kinesis_read(condition)
    assert verdict.decision == UNKNOWN
    assert verdict.reasons[0] == f"identity.json#[1]: {reason}"


def test_a_single_valued_operator_on_several_aliases_says_so():
    verdict = evaluate(kms(ROLE, aliases=("alias/a", "alias/b")), ident(st(
        Action="kms:Decrypt", Resource=KEY, Condition={"StringEquals": {"kms:ResourceAliases": "alias/a"}})),
        res(ALL_KEY, kind="key"))
    assert verdict.decision == UNKNOWN
    assert verdict.reasons[0] == ("identity.json#[1]: StringEquals kms:ResourceAliases: kms:ResourceAliases has "
                                  "several values and the operator no set qualifier")


def _decrypt_miss(request: Request, condition: dict) -> str:
    """The line naming the identity statement's failed condition in a KMS denial."""
    verdict = evaluate(request, ident(st(Action="kms:Decrypt", Resource=KEY, Condition=condition)),
                       res(ALL_KEY, kind="key"))
    assert verdict.decision == DENIED
    prefix = "identity.json#[1] covers kms:Decrypt but its condition does not hold: "
    lines = [r for r in verdict.reasons if r.startswith(prefix)]
    assert len(lines) == 1, verdict.reasons
    return lines[0].removeprefix(prefix)


def test_a_failed_condition_quotes_what_the_request_had():
    assert _decrypt_miss(kms(ROLE, context={}), {"Null": {"kms:ViaService": "false"}}) == \
        "Null kms:ViaService ('false',): the request has no such key"
    assert _decrypt_miss(kms(ROLE), {"Null": {"kms:ViaService": "true"}}) == \
        "Null kms:ViaService ('true',): the request has 'kinesis.us-west-2.amazonaws.com'"
    assert _decrypt_miss(kms(ROLE, aliases=()), {"ForAnyValue:StringEquals": {"kms:ResourceAliases": "alias/o"}}) == \
        "ForAnyValue:StringEquals kms:ResourceAliases: kms:ResourceAliases is not in the request"
    assert _decrypt_miss(kms(ROLE, context={}), {"StringEquals": {"kms:ViaService": "x"}}) == \
        "StringEquals kms:ViaService: kms:ViaService is not in the request"
    assert _decrypt_miss(kms(ROLE, aliases=("alias/x", "alias/y")),
                         {"ForAnyValue:StringEquals": {"kms:ResourceAliases": ["alias/o", "alias/p"]}}) == \
        "ForAnyValue:StringEquals kms:ResourceAliases ('alias/o', 'alias/p'): the request has ['alias/x', 'alias/y']"


def test_an_alias_condition_on_partly_known_aliases_says_there_may_be_more():
    """Only one of the key's aliases is known, so a ForAnyValue on another may hold through one not known."""
    request = Request(ROLE, "kms:Decrypt", KEY, {"kms:ResourceAliases": ("alias/orders",)},
                      partial=frozenset({"kms:resourcealiases"}))
    verdict = evaluate(request, ident(st(Action="kms:Decrypt", Resource=KEY, Condition={
        "ForAnyValue:StringEquals": {"kms:ResourceAliases": "alias/other"}})), res(ALL_KEY, kind="key"))
    assert verdict.decision == UNKNOWN
    assert verdict.reasons[0] == ("identity.json#[1]: ForAnyValue:StringEquals kms:ResourceAliases 'alias/other': "
                                  "the request has ['alias/orders'] and possibly more")


def test_a_key_policy_naming_the_role_is_cited_alone():
    """KMS same account: a key policy statement naming the role allows by itself, so the identity policy that also
    allows is not cited; only a delegation to the account needs the identity policy beside it.
    https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html"""
    named = st(Sid="Role", Principal={"AWS": ROLE}, Action="kms:Decrypt", Resource="*")
    decrypt = st(Action="kms:Decrypt", Resource=KEY)
    assert evaluate(kms(ROLE), ident(decrypt), res(named, kind="key")).because == ("key-policy.json#Role",)
    assert evaluate(kms(ROLE), ident(decrypt), res(ALL_KEY, named, kind="key")).because == (
        "key-policy.json#Role", "key-policy.json#[1]", "identity.json#[1]")
    assert evaluate(kms(ROLE), ident(decrypt), res(ALL_KEY, kind="key")).because == (
        "key-policy.json#[1]", "identity.json#[1]")


def test_combining_nothing_is_unknown_and_says_so():
    assert combine([]) == Verdict(UNKNOWN, (), ("nothing was evaluated",))


def test_the_request_context_given_out_is_a_copy():
    """A caller that edits the context it was shown (the differential test turns tuples to lists) changes no
    later answer for the same request."""
    request = kms(ROLE)
    policy = (ident(st(Action="kms:Decrypt", Resource=KEY, Condition={"StringEquals": {
        "kms:ViaService": "kinesis.us-west-2.amazonaws.com"}})), res(ALL_KEY, kind="key"))
    shown = full_context(request)
    shown["kms:ViaService"] = "firehose.us-west-2.amazonaws.com"
    again = full_context(request)
    assert again["kms:ViaService"] == "kinesis.us-west-2.amazonaws.com" and again is not shown
    assert evaluate(request, *policy).decision == ALLOWED
    assert full_context(request) == again


@pytest.mark.parametrize(("pattern", "ok"), [
    ("arn:aws:kinesis:*:111122223333:stream/orders/consumer/app:1:x", True),
    ("arn:aws:kinesis:*:stream/orders/consumer/app:1:x", False),  # one * for two parts
    ("arn:aws:kinesis:us-west-2:111122223333:stream/orders/consumer/*", True),  # the last part may hold colons
])
def test_an_arn_wildcard_stays_in_its_part_when_the_last_part_holds_colons(pattern, ok):
    """https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN"""
    assert arn_matches(pattern, "arn:aws:kinesis:us-west-2:111122223333:stream/orders/consumer/app:1:x") is ok


@pytest.mark.parametrize(("written", "request_value", "decision"), [
    (True, "true", ALLOWED), (False, "false", ALLOWED), (False, "true", DENIED), ("TRUE", "true", ALLOWED)])
def test_a_json_boolean_in_a_bool_condition_reads_as_its_text(written, request_value, decision):
    """`"Bool": {"aws:SecureTransport": false}` (a JSON boolean, not a string) is how many policies are written."""
    request = Request(ROLE, "kinesis:GetRecords", STREAM, {"aws:SecureTransport": request_value})
    verdict = evaluate(request, ident(st(Action="kinesis:GetRecords", Resource=STREAM, Condition={
        "Bool": {"aws:SecureTransport": written}})))
    assert verdict.decision == decision


@pytest.mark.parametrize(("condition", "reason"), [
    ("StringEquals", "a Condition that is not an object"),
    ({"StringEquals": "x"}, "StringEquals: a condition block that is not an object"),
    ({"StringEquals": {"aws:PrincipalArn": ROLE}, "Bool": ["x"]}, "Bool: a condition block that is not an object"),
])
def test_a_condition_that_is_not_an_object_is_named(condition, reason):
    verdict = _kinesis_read(condition)
    assert (verdict.decision, verdict.reasons) == (UNKNOWN, (f"identity.json#[1]: {reason}",))
