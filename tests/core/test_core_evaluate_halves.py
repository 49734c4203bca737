"""Which half of the evaluation is missing, which statements an allow cites, and the words of a denial, in the
cases where AWS's rules for the two halves differ (same account, another account, KMS).

`check` prints `missing` as what to fix (the identity policy, the resource or key policy, or both) and `because`
as the statements that allow: a wrong half sends a person to edit the wrong document.
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
"""

from __future__ import annotations

import pytest
from evaluator_corners import (
    ACCOUNT,
    ALL_KEY,
    DECRYPT,
    EXTERNAL,
    KEY,
    READ,
    ROLE,
    ROOT,
    STREAM,
    ident,
    kin,
    kms,
    res,
    st,
)

from wizard.core.evaluate import ALLOWED, DENIED, UNKNOWN, Source, evaluate

# A deny whose condition key is not modelled: it can never be outweighed, so the answer is "unknown" even when
# both halves allow, and then nothing is missing.
UNSURE_DENY = st("Deny", Action=["kinesis:*", "kms:*"], Resource="*",
                 Condition={"Bool": {"aws:SecureTransport": "false"}})
NAMED_KEY = res(st(Principal={"AWS": ROLE}, Action="kms:Decrypt", Resource="*"), kind="key")
NAMES_EXTERNAL = res(st(Principal={"AWS": EXTERNAL}, Action="kinesis:GetRecords", Resource=STREAM))


@pytest.mark.parametrize(("request_", "identity", "policy", "decision", "missing"), [
    (kin(ROLE), (), None, DENIED, {"identity"}),
    (kin(ROLE), ident(READ, UNSURE_DENY), None, UNKNOWN, set()),
    (kin(ROLE), ident(UNSURE_DENY), res(st(Principal={"AWS": ROLE}, Action="kinesis:GetRecords", Resource=STREAM)),
     UNKNOWN, set()),
    (kin(EXTERNAL), ident(READ), None, DENIED, {"resource"}),
    (kin(EXTERNAL), (), NAMES_EXTERNAL, DENIED, {"identity"}),
    (kin(EXTERNAL), ident(READ, UNSURE_DENY), NAMES_EXTERNAL, UNKNOWN, set()),
    (kms(ROLE), ident(DECRYPT), res(kind="key"), DENIED, {"resource"}),
    (kms(ROLE), (), res(ALL_KEY, kind="key"), DENIED, {"identity"}),
    (kms(ROLE), (), res(kind="key"), DENIED, {"identity", "resource"}),
    (kms(ROLE), ident(UNSURE_DENY), NAMED_KEY, UNKNOWN, set()),
    (kms(ROLE), ident(DECRYPT, UNSURE_DENY), res(ALL_KEY, kind="key"), UNKNOWN, set()),
])
def test_the_half_that_is_missing(request_, identity, policy, decision, missing):
    verdict = evaluate(request_, identity, policy)
    assert (verdict.decision, verdict.missing) == (decision, missing)


def test_an_allow_cites_both_halves_in_the_same_account():
    """Same account, not KMS: either half is enough, and both are cited when both allow."""
    policy = res(st(Principal={"AWS": ROLE}, Action="kinesis:GetRecords", Resource=STREAM))
    assert evaluate(kin(ROLE), ident(READ), policy).because == ("identity.json#[1]", "stream-policy.json#[1]")


def test_a_stream_policy_naming_the_account_leaves_the_decision_to_iam():
    """Same account: a stream policy naming the account only delegates, so the denial is about the identity
    policy alone (the words about a key policy's delegation are for KMS)."""
    write_only = ident(st(Action="kinesis:PutRecord", Resource=STREAM))
    verdict = evaluate(kin(ROLE), write_only, res(st(Principal={"AWS": ROOT}, Action="kinesis:*", Resource=STREAM)))
    assert verdict.decision == DENIED
    assert verdict.reasons == (
        f"no statement in the identity policies (identity.json) allows kinesis:GetRecords on {STREAM}",)


def test_a_cross_account_denial_does_not_blame_an_identity_policy_that_allows():
    near = st(Action="kinesis:GetRecords", Resource=STREAM + "-eu")
    verdict = evaluate(kin(EXTERNAL), ident(READ, near), None)
    assert verdict.decision == DENIED
    assert verdict.reasons == (
        f"{EXTERNAL} is in account 444455556666 and the resource in {ACCOUNT}: both the identity policy and the "
        "resource policy must allow",
        f"{STREAM} has no resource policy, so no other account can use it")


def test_an_unknown_answer_does_not_blame_an_identity_policy_when_the_stream_policy_allows():
    policy = res(st(Principal={"AWS": ROLE}, Action="kinesis:GetRecords", Resource=STREAM))
    verdict = evaluate(kin(ROLE), ident(UNSURE_DENY), policy)
    assert verdict.decision == UNKNOWN
    assert verdict.reasons == ("identity.json#[1]: Bool aws:SecureTransport: aws:SecureTransport is not modelled "
                               "for this request",)


def test_a_missing_key_policy_is_said_first():
    verdict = evaluate(kms(ROLE), ident(st(Action="kms:Decrypt", Resource=KEY, Condition={
        "StringEquals": {"aws:ResourceTag/team": "data"}})), None)
    assert verdict.decision == UNKNOWN
    assert verdict.reasons == ("the key policy was not given",
                               "identity.json#[1]: StringEquals aws:ResourceTag/team: aws:ResourceTag/team is not "
                               "modelled for this request")


def test_the_first_condition_that_cannot_be_decided_is_named():
    verdict = evaluate(kin(ROLE), ident(st(Action="kinesis:GetRecords", Resource=STREAM, Condition={
        "StringEquals": {"aws:ResourceTag/a": "x", "aws:ResourceTag/b": "y"}})))
    assert verdict.decision == UNKNOWN
    assert verdict.reasons == ("identity.json#[1]: StringEquals aws:ResourceTag/a: aws:ResourceTag/a is not "
                               "modelled for this request",)


def test_a_not_principal_that_is_neither_star_nor_an_object_is_unknown():
    """IAM takes only "*" or an object of principal lists in Principal and NotPrincipal; anything else is not a
    policy AWS would store, so the deny is unknown rather than applied to everyone (as Principal already was)."""
    policy = res(st("Deny", NotPrincipal=EXTERNAL, Action="kinesis:*", Resource=STREAM))
    verdict = evaluate(kin(ROLE), ident(READ), policy)
    assert verdict.decision == UNKNOWN
    assert verdict.reasons[0] == "stream-policy.json#[1]: a NotPrincipal that is neither \"*\" nor an object"


def test_a_key_policy_statement_without_resource_is_ignored_deny_or_allow():
    """KMS ignores a key policy statement without Resource (see test_core_evaluate's Allow case): a Deny so
    written denies nothing."""
    policy = res(ALL_KEY, st("Deny", Principal="*", Action="kms:Decrypt"), kind="key")
    for brief in (False, True):
        assert evaluate(kms(ROLE), ident(DECRYPT), policy, brief=brief).decision == ALLOWED


@pytest.mark.parametrize(("statement", "reason"), [
    (st("Deny", Principal={"AWS": ROLE}, NotPrincipal={"AWS": EXTERNAL}, Action="kinesis:*", Resource=STREAM),
     "both Principal and NotPrincipal"),
    (st("Deny", NotPrincipal="*", Action="kinesis:*", Resource=STREAM), 'NotPrincipal "*"'),
    (st("Allow", NotPrincipal={"AWS": EXTERNAL}, Action="kinesis:*", Resource=STREAM),
     "NotPrincipal with Allow is not supported by AWS"),
    (st("Deny", NotPrincipal={"AWS": ROLE}, Action="kinesis:*", Resource=STREAM),
     "NotPrincipal names this principal or its account, not both"),
    (st("Deny", Action="kinesis:*", Resource=STREAM), "a resource policy statement without Principal"),
    (st("Deny", Principal=ROLE, Action="kinesis:*", Resource=STREAM), 'a Principal that is neither "*" nor an object'),
    (st("Allow", Principal={"AWS": f"arn:aws:sts::{ACCOUNT}:assumed-role/app/night"}, Action="kinesis:*",
        Resource=STREAM),
     f"Principal 'arn:aws:sts::{ACCOUNT}:assumed-role/app/night' is not modelled"),
])
def test_principal_forms_we_cannot_decide_are_unknown_and_named(statement, reason):
    """A Deny that may apply outweighs the identity policy's allow; an Allow that may apply is all there is."""
    verdict = evaluate(kin(ROLE), ident(READ) if statement["Effect"] == "Deny" else (), res(statement))
    assert verdict.decision == UNKNOWN
    assert verdict.reasons[0] == f"stream-policy.json#[1]: {reason}"


def test_an_explicit_deny_names_every_deny_that_matched():
    mine = st("Deny", Action="kinesis:GetRecords", Resource="*")
    theirs = st("Deny", Principal="*", Action="kinesis:GetRecords", Resource=STREAM)
    verdict = evaluate(kin(ROLE), ident(READ, mine), res(theirs))
    assert verdict.decision == DENIED
    assert verdict.denied_by == verdict.because == ("identity.json#[2]", "stream-policy.json#[1]")


def test_a_denial_names_the_policies_it_read():
    none = evaluate(kin(ROLE), (), None)
    assert none.reasons == (
        f"no statement in the identity policies (none given) allows kinesis:GetRecords on {STREAM}",)
    two = (Source("a.json", {"Statement": [st(Action="kinesis:PutRecord", Resource=STREAM)]}),
           Source("b.json", {"Statement": []}))
    assert evaluate(kin(ROLE), two, None).reasons == (
        f"no statement in the identity policies (a.json, b.json) allows kinesis:GetRecords on {STREAM}",)


def test_a_cross_account_key_denial_names_the_key_policy():
    verdict = evaluate(kms(EXTERNAL), (), res(ALL_KEY, kind="key"))
    assert verdict.decision == DENIED
    assert verdict.reasons[0] == (f"{EXTERNAL} is in account 444455556666 and the resource in {ACCOUNT}: both the "
                                  "identity policy and the key policy must allow")


def test_a_stream_policy_for_someone_else_is_not_listed_statement_by_statement():
    """The policy names other principals: one line says so, rather than one per statement (a shared stream's policy
    may name dozens of roles)."""
    other = res(st(Principal={"AWS": f"arn:aws:iam::{ACCOUNT}:role/other"}, Action="kinesis:GetRecords",
                   Resource=STREAM))
    assert evaluate(kin(ROLE), (), other).reasons == (
        f"no statement in the identity policies (none given) allows kinesis:GetRecords on {STREAM}",
        f"the resource policy (stream-policy.json) allows kinesis:GetRecords to neither {ROLE} nor its account "
        f"{ACCOUNT}")


def test_a_key_policy_that_only_delegates_names_every_delegating_statement():
    admins = st(Sid="Admins", Principal={"AWS": ACCOUNT}, Action="kms:*", Resource="*")
    verdict = evaluate(kms(ROLE), ident(st(Action="kms:Encrypt", Resource=KEY)), res(ALL_KEY, admins, kind="key"))
    assert verdict.decision == DENIED
    assert verdict.reasons[-1] == ("the key policy only lets the account's IAM policies decide (key-policy.json#[1], "
                                   "key-policy.json#Admins), and none allows it")
