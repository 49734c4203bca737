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

from wizard.core.evaluate import ALLOWED, DENIED, UNKNOWN, evaluate

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
