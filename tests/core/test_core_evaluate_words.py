"""The evaluator's answer when a resource policy is not known, and the words of a denial that a person fixing a
policy reads (`check`, `explain`, the access table).

Without the resource policy, a same-account request the identity policy allows is still unknown: the stream's (or
key's) policy may hold an explicit Deny, which wins
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html);
and a KMS request is unknown without the key policy, which alone can allow it
(https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html). `missing` names the halves that did
not allow, which `check` turns into the statements to add.
"""

from __future__ import annotations

import pytest
from evaluator_corners import ACCOUNT, DECRYPT, EXTERNAL, KEY, OTHER, READ, ROLE, STREAM, ident, kin, kms, st

from wizard.core.evaluate import DENIED, UNKNOWN, Verdict, evaluate

NOT_GIVEN = "the resource policy was not given"
NO_READ = f"no statement in the identity policies (identity.json) allows kinesis:GetRecords on {STREAM}"
NO_DECRYPT = f"no statement in the identity policies (identity.json) allows kms:Decrypt on {KEY}"
BOTH = f"{EXTERNAL} is in account {OTHER} and the resource in {ACCOUNT}: both the identity policy and the " \
    "{} policy must allow"
NOTHING = st(Action="kinesis:ListShards", Resource=STREAM)


@pytest.mark.parametrize(("request_", "identity", "verdict"), [
    # The identity policy allows, but the unknown stream policy may deny.
    (kin(ROLE), ident(READ), Verdict(UNKNOWN, (), (NOT_GIVEN,))),
    # Nothing allows on the identity side; the stream policy might name the role.
    (kin(ROLE), ident(NOTHING), Verdict(UNKNOWN, (), (NOT_GIVEN, NO_READ), frozenset({"identity"}))),
    (kin(EXTERNAL), ident(READ), Verdict(UNKNOWN, (), (NOT_GIVEN, BOTH.format("resource")),
                                         frozenset({"resource"}))),
])
def test_a_stream_policy_not_known_leaves_the_answer_unknown(request_, identity, verdict):
    assert evaluate(request_, identity, None, resource_policy_known=False) == verdict


@pytest.mark.parametrize(("request_", "identity", "verdict"), [
    (kms(ROLE), ident(DECRYPT), Verdict(UNKNOWN, (), ("the key policy was not given",), frozenset({"resource"}))),
    # Neither half known to allow: the key policy might name the role, which would be enough alone.
    (kms(ROLE), ident(st(Action="kms:Encrypt", Resource=KEY)),
     Verdict(UNKNOWN, (), ("the key policy was not given", NO_DECRYPT), frozenset({"identity", "resource"}))),
    (kms(EXTERNAL), ident(DECRYPT), Verdict(UNKNOWN, (), ("the key policy was not given", BOTH.format("key")),
                                            frozenset({"resource"}))),
])
def test_a_key_policy_not_given_leaves_the_answer_unknown(request_, identity, verdict):
    assert evaluate(request_, identity, None) == verdict


def test_an_identity_deny_still_decides_without_the_resource_policy():
    deny = st("Deny", Action="kinesis:*", Resource="*")
    verdict = evaluate(kin(ROLE), ident(READ, deny), None, resource_policy_known=False)
    assert verdict == Verdict(DENIED, ("identity.json#[2]",), ("explicitly denied by identity.json#[2]",),
                              denied_by=("identity.json#[2]",))


def test_a_near_miss_quotes_the_whole_resource_list():
    """A statement written for other streams is quoted with its list, so the reader sees every stream it names."""
    others = [f"{STREAM}-eu", f"{STREAM}-us"]
    verdict = evaluate(kin(ROLE), ident(st(Sid="Read", Action="kinesis:GetRecords", Resource=others)))
    assert verdict.decision == DENIED
    assert verdict.reasons == (NO_READ, f"identity.json#Read covers kinesis:GetRecords but its resource does not hold: "
                                        f"Resource {others!r} does not match {STREAM}")
