"""The evaluator itself: each corner of AWS's logic, the words it explains a denial with, and "unknown".

It must deny as readily as AWS does, or every other test proves nothing; and it must never say
"allowed" where it cannot know.
"""

from __future__ import annotations

import pytest
from evaluator_corners import (
    ACCOUNT,
    ALL_KEY,
    CORNERS,
    DECRYPT,
    EXTERNAL,
    KEY,
    READ,
    ROLE,
    STREAM,
    ident,
    kin,
    kms,
    res,
    st,
)

from wizard.core.evaluate import (
    ALLOWED,
    DENIED,
    UNKNOWN,
    Request,
    Source,
    Verdict,
    arn_matches,
    combine,
    evaluate,
    full_context,
)


@pytest.mark.parametrize(("name", "request_", "identity", "policy", "decision"), CORNERS, ids=[c[0] for c in CORNERS])
def test_corner(name, request_, identity, policy, decision):
    assert evaluate(request_, identity, policy).decision == decision


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
    ("arn:aws:*:us-west-2:111122223333:stream/orders", STREAM, True),
    ("arn:aws:kinesis:us-west-*:111122223333:stream/orders", STREAM, True),
    ("arn:*", STREAM, True),  # fewer parts: matched as one string
    ("*", STREAM, True),
])
def test_arn_matching(pattern, arn, ok):
    assert arn_matches(pattern, arn) is ok


def test_derived_context_keys():
    request = kms(ROLE, context={"kms:ViaService": "x"})
    assert full_context(request) == {"aws:PrincipalArn": ROLE, "aws:PrincipalAccount": ACCOUNT,
                                     "kms:CallerAccount": ACCOUNT, "kms:ViaService": "x"}
    assert "kms:CallerAccount" not in full_context(kin(ROLE))
    assert kin(EXTERNAL).account == "444455556666" and kin(EXTERNAL).resource_account == ACCOUNT


# --- what a denial says ---------------------------------------------------------------------------


def test_explicit_deny_names_the_statement():
    verdict = evaluate(kin(ROLE), ident(READ, {"Sid": "NoReads", **st("Deny", Action="kinesis:*", Resource="*")}))
    assert verdict == Verdict(DENIED, ("identity.json#NoReads",), ("explicitly denied by identity.json#NoReads",),
                              denied_by=("identity.json#NoReads",))


def test_denial_says_which_element_of_which_statement_failed():
    wrong_arn = st(Action="kinesis:GetRecords", Resource=f"arn:aws:kinesis:*:{ACCOUNT}:orders")
    verdict = evaluate(kin(ROLE), ident(wrong_arn))
    assert verdict.decision == DENIED and verdict.missing == {"identity"} and verdict.because == ()
    assert verdict.reasons == (
        f"no statement in the identity policies (identity.json) allows kinesis:GetRecords on {STREAM}",
        f"identity.json#[1] covers kinesis:GetRecords but its resource does not hold: Resource "
        f"'arn:aws:kinesis:*:{ACCOUNT}:orders' does not match {STREAM}")


def test_denial_quotes_the_condition_and_what_the_request_had():
    wrong_region = st(Action="kms:Decrypt", Resource=KEY, Condition={
        "StringEquals": {"kms:ViaService": "kinesis.us-east-1.amazonaws.com"}})
    verdict = evaluate(kms(ROLE), ident(wrong_region), res(ALL_KEY, kind="key"))
    assert verdict.reasons == (
        f"no statement in the identity policies (identity.json) allows kms:Decrypt on {KEY} (the key policy does "
        "not name the principal, so IAM must allow it)",
        "identity.json#[1] covers kms:Decrypt but its condition does not hold: StringEquals kms:ViaService "
        "'kinesis.us-east-1.amazonaws.com': the request has 'kinesis.us-west-2.amazonaws.com'",
        "the key policy only lets the account's IAM policies decide (key-policy.json#[1]), and none allows it")


def test_key_policy_that_names_nobody():
    verdict = evaluate(kms(ROLE), ident(DECRYPT), res(kind="key"))
    assert verdict.missing == {"resource"}
    assert f"the key policy allows kms:Decrypt to neither {ROLE} nor its account {ACCOUNT}" in verdict.reasons


def test_cross_account_names_both_halves():
    verdict = evaluate(kin(EXTERNAL), ident(READ), None)
    assert verdict.decision == DENIED and verdict.missing == {"resource"}
    assert verdict.reasons == (
        f"{EXTERNAL} is in account 444455556666 and the resource in {ACCOUNT}: both the identity policy and the "
        "resource policy must allow",
        f"{STREAM} has no resource policy, so no other account can use it")
    both_missing = evaluate(kin(EXTERNAL), (), res(st(Principal={"AWS": ROLE}, Action="kinesis:*", Resource="*")))
    assert both_missing.missing == {"identity", "resource"}


def test_unknown_says_what_is_not_modelled():
    verdict = evaluate(kin(ROLE), ident(st(Action="kinesis:*", Resource=STREAM, Condition={
        "NumericLessThan": {"s3:max-keys": "10"}})))
    assert verdict.decision == UNKNOWN
    assert verdict.reasons[0] == "identity.json#[1]: NumericLessThan s3:max-keys: the operator NumericLessThan " \
                                 "is not modelled"
    no_key_policy = evaluate(kms(ROLE), ident(DECRYPT), None)
    assert no_key_policy.decision == UNKNOWN and no_key_policy.reasons[0] == "the key policy was not given"
    unknown_stream_policy = evaluate(kin(EXTERNAL), ident(READ), None, resource_policy_known=False)
    assert unknown_stream_policy.decision == UNKNOWN
    assert unknown_stream_policy.reasons[0] == "the resource policy was not given"


@pytest.mark.parametrize("statement", [
    "not a statement",
    {"Effect": "Permit", "Action": "kinesis:*", "Resource": "*"},
    {"Effect": "Allow", "Resource": "*"},
    {"Effect": "Allow", "Action": "kinesis:*", "NotAction": "kms:*", "Resource": "*"},
    {"Effect": "Allow", "Action": [1], "Resource": "*"},
    {"Effect": "Allow", "Action": "kinesis:*"},
    {"Effect": "Allow", "Action": "kinesis:*", "Resource": [STREAM, 7]},
    {"Effect": "Allow", "Principal": "*", "Action": "kinesis:*", "Resource": "*"},
    {"Effect": "Allow", "Action": "kinesis:*", "Resource": "*", "Condition": "StringEquals"},
    {"Effect": "Allow", "Action": "kinesis:*", "Resource": "*", "Condition": {"StringEquals": "x"}},
    {"Effect": "Allow", "Action": "kinesis:*", "Resource": "*", "Condition": {"StringEquals": {"k": {"a": 1}}}},
    {"Effect": "Allow", "Action": "kinesis:*", "Resource": "*", "Condition": {"StringEquals": {"k": []}}},
    {"Effect": "Allow", "Action": "kinesis:*", "Resource": "*", "Condition": {"Null": {"aws:PrincipalArn": "no"}}},
    {"Effect": "Allow", "Action": "kinesis:*", "Resource": "*",
     "Condition": {"ForAnyValue:Null": {"aws:PrincipalArn": "true"}}},
    {"Effect": "Allow", "Action": "kinesis:*", "Resource": "*",
     "Condition": {"ForSomeValues:StringEquals": {"aws:PrincipalArn": ROLE}}},
])
def test_malformed_statements_are_unknown_never_allowed(statement):
    assert evaluate(kin(ROLE), (Source("odd.json", {"Statement": [statement]}),)).decision == UNKNOWN


def test_a_document_that_is_not_a_policy_is_unknown():
    for body in ([], {"Statement": "x"}, None, "text"):
        verdict = evaluate(kin(ROLE), (Source("odd.json", body),))
        assert verdict.decision == UNKNOWN
        assert "odd.json is not a policy (no Statement list)" in verdict.reasons[0]


def test_a_single_statement_object_and_json_scalars_in_conditions():
    single = {"Statement": st(Action="kinesis:GetRecords", Resource=STREAM, Condition={
        "Bool": {"aws:PrincipalArn": True}})}
    assert evaluate(kin(ROLE), (Source("one.json", single),)).decision == DENIED  # "true" is not the ARN
    numeric = {"Statement": st(Action="kinesis:GetRecords", Resource=STREAM, Condition={
        "StringEquals": {"aws:PrincipalAccount": int(ACCOUNT)}})}
    assert evaluate(kin(ROLE), (Source("n.json", numeric),)).decision == ALLOWED


def test_key_policy_statement_without_resource_is_ignored_as_kms_does():
    no_resource = Source("key.json", {"Statement": [{"Effect": "Allow", "Principal": {"AWS": ROLE},
                                                     "Action": "kms:Decrypt"}]}, "key")
    verdict = evaluate(kms(ROLE), (), no_resource)
    assert verdict.decision == DENIED


def test_resource_probes_make_an_exact_key_unknown_and_a_wildcard_certain():
    probes = ("arn:aws:kms:us-west-2:111122223333:key/a", "arn:aws:kms:us-west-2:111122223333:key/b")
    request = Request(ROLE, "kms:DescribeKey", "arn:aws:kms:us-west-2:111122223333:key/<the key of alias/x>",
                      probes=probes)
    exact = evaluate(request, ident(st(Action="kms:DescribeKey", Resource=probes[0])), res(ALL_KEY, kind="key"))
    wild = evaluate(request, ident(st(Action="kms:DescribeKey", Resource="arn:aws:kms:*:*:key/*")),
                    res(ALL_KEY, kind="key"))
    other = evaluate(request, ident(st(Action="kms:DescribeKey", Resource="arn:aws:kms:*:*:alias/*")),
                     res(ALL_KEY, kind="key"))
    assert (exact.decision, wild.decision, other.decision) == (UNKNOWN, ALLOWED, DENIED)
    assert "may or may not match" in exact.reasons[0]


def test_partly_known_aliases():
    """Only one of the key's aliases is known: ForAnyValue on it holds; on another, nobody can tell."""
    request = Request(ROLE, "kms:Decrypt", KEY, {"kms:ResourceAliases": ("alias/orders",)},
                      partial=frozenset({"kms:resourcealiases"}))

    def with_condition(condition):
        return evaluate(request, ident(st(Action="kms:Decrypt", Resource=KEY, Condition=condition)),
                        res(ALL_KEY, kind="key")).decision

    assert with_condition({"ForAnyValue:StringEquals": {"kms:ResourceAliases": "alias/orders"}}) == ALLOWED
    assert with_condition({"ForAnyValue:StringEquals": {"kms:ResourceAliases": "alias/other"}}) == UNKNOWN
    assert with_condition({"ForAllValues:StringEquals": {"kms:ResourceAliases": "alias/orders"}}) == UNKNOWN
    assert with_condition({"ForAllValues:StringEquals": {"kms:ResourceAliases": "alias/other"}}) == DENIED


def test_combine_needs_every_resource():
    allowed, denied, unknown = Verdict(ALLOWED, ("a#1",)), Verdict(DENIED, (), ("no",)), Verdict(UNKNOWN, (), ("?",))
    assert combine([allowed, allowed]) == Verdict(ALLOWED, ("a#1",))
    assert combine([allowed, denied, unknown]).decision == DENIED
    assert combine([allowed, unknown]) == Verdict(UNKNOWN, (), ("?",))
    assert combine([]).decision == UNKNOWN


def test_start_stream_encryption_needs_the_stream_and_the_key():
    both = ident(st(Action="kinesis:StartStreamEncryption", Resource=[STREAM, KEY]))
    stream_only = ident(st(Action="kinesis:StartStreamEncryption", Resource=STREAM))
    calls = [Request(ROLE, "kinesis:StartStreamEncryption", r) for r in (STREAM, KEY)]
    assert combine([evaluate(c, both) for c in calls]).decision == ALLOWED
    assert combine([evaluate(c, stream_only) for c in calls]).decision == DENIED


def test_statement_refs_use_the_sid_or_the_position():
    policy = {"Statement": [st("Deny", Action="kms:Encrypt", Resource="*"), {"Sid": "", **DECRYPT},
                            {"Sid": "Named", **DECRYPT}]}
    verdict = evaluate(kms(ROLE), (Source("p.json", policy),), res(ALL_KEY, kind="key"))
    assert verdict.because == ("key-policy.json#[1]", "p.json#[2]", "p.json#Named")
