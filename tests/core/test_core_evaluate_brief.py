"""The quick path the access table takes (`brief`: statements indexed by ARN, and those a condition rules out
set aside) decides exactly as the full evaluation does.

The table of 1,000 streams is made with `brief`; `check` and `explain` evaluate in full. A difference between the
two would show a person one answer in the table and another in `check`. `brief` may only leave out the near
misses of a denial (statements written for other resources), never a statement that decides.
"""

from __future__ import annotations

import pytest
from evaluator_corners import ACCOUNT, ALL_KEY, CORNERS, DECRYPT, READ, ROLE, STREAM, ident, kin, kms, res, st

from wizard.core.evaluate import ALLOWED, DENIED, UNKNOWN, Source, evaluate


@pytest.mark.parametrize(("name", "request_", "identity", "policy", "decision"), CORNERS, ids=[c[0] for c in CORNERS])
def test_brief_decides_every_corner_as_the_full_evaluation(name, request_, identity, policy, decision):
    full = evaluate(request_, identity, policy)
    brief = evaluate(request_, identity, policy, brief=True)
    assert brief.decision == full.decision == decision
    assert (brief.because, brief.denied_by, brief.missing) == (full.because, full.denied_by, full.missing)
    # Only the lines about statements written for other resources may be left out.
    assert brief.reasons == tuple(r for r in full.reasons if "its resource does not hold" not in r)


OTHER_STREAMS = f"arn:aws:kinesis:us-west-2:{ACCOUNT}:stream/audit-*"


def _malformed(resource: str) -> dict:
    return {"Effect": "Permit", "Action": "kinesis:GetRecords", "Resource": resource}


def test_documents_that_are_not_policies_keep_the_answer_unknown_and_the_order_of_the_policies():
    """Every refused statement and document is named, in the order the policies were given, whatever else
    allows (AWS refuses such a policy; we do not guess what it would decide)."""
    identity = (Source("a.json", {"Statement": [_malformed(STREAM)]}),
                Source("b.json", {"Statement": [_malformed(OTHER_STREAMS), _malformed(STREAM)]}),
                Source("notes.json", "not a policy"),
                Source("c.json", {"Statement": [_malformed(STREAM), READ, _malformed(OTHER_STREAMS)]}))
    brief = evaluate(kin(ROLE), identity, brief=True)
    assert brief == evaluate(kin(ROLE), identity)
    assert brief.decision == UNKNOWN
    assert brief.reasons == ("a.json#[1]: Effect 'Permit'", "b.json#[1]: Effect 'Permit'",
                             "b.json#[2]: Effect 'Permit'",
                             "notes.json#: notes.json is not a policy (no Statement list)",
                             "c.json#[1]: Effect 'Permit'", "c.json#[3]: Effect 'Permit'")


AUDIT = f"arn:aws:kinesis:us-west-2:{ACCOUNT}:stream/audit"


@pytest.mark.parametrize(("statement", "reason"), [
    (_malformed(OTHER_STREAMS), "Effect 'Permit'"),
    (_malformed(AUDIT), "Effect 'Permit'"),
    (st(Principal={"AWS": ROLE}, Action="kinesis:GetRecords", Resource=AUDIT),
     "an identity policy statement with a Principal"),
    (st(Principal={"AWS": ROLE}, Action="kinesis:GetRecords", Resource=OTHER_STREAMS),
     "an identity policy statement with a Principal"),
    (_malformed("*") | {"Condition": {"StringEquals": {"aws:PrincipalArn": "x"}}}, "Effect 'Permit'"),
    (st(Principal={"AWS": ROLE}, Action="kinesis:GetRecords", Resource=STREAM,
        Condition={"StringEquals": {"aws:PrincipalArn": "x"}}), "an identity policy statement with a Principal"),
])
def test_a_malformed_statement_for_another_stream_is_not_outweighed_in_the_table(statement, reason):
    """AWS refuses a policy with a malformed statement, whatever resource the statement names; the table (brief)
    once skipped such a statement for other streams and said "allowed" where `check` said "unknown"."""
    identity = (Source("mixed.json", {"Statement": [statement, READ]}),)
    for brief in (False, True):
        verdict = evaluate(kin(ROLE), identity, brief=brief)
        assert (verdict.decision, verdict.reasons) == (UNKNOWN, (f"mixed.json#[1]: {reason}",))


def test_a_document_that_is_not_a_policy_is_not_outweighed_by_an_allow():
    identity = (Source("notes.json", "not a policy"), Source("read.json", {"Statement": [READ]}))
    for brief in (False, True):
        verdict = evaluate(kin(ROLE), identity, brief=brief)
        assert verdict.decision == UNKNOWN
        assert verdict.reasons == ("notes.json#: notes.json is not a policy (no Statement list)",)


def test_a_resource_policy_that_is_not_a_policy_is_unknown():
    policy = Source("stream-policy.json", ["not", "a", "policy"], "stream")
    for brief in (False, True):
        verdict = evaluate(kin(ROLE), ident(READ), policy, brief=brief)
        assert verdict.decision == UNKNOWN
        assert verdict.reasons == ("stream-policy.json#: stream-policy.json is not a policy (no Statement list)",)


def test_brief_leaves_out_statements_written_for_other_streams():
    """A denial in the table does not list every statement for the other 999 streams; `check` (full) does."""
    identity = ident(st(Action="kinesis:GetRecords", Resource=OTHER_STREAMS))
    policy = res(st(Principal={"AWS": ROLE}, Action="kinesis:GetRecords", Resource=OTHER_STREAMS))
    said = (f"no statement in the identity policies (identity.json) allows kinesis:GetRecords on {STREAM}",
            f"the resource policy (stream-policy.json) allows kinesis:GetRecords to neither {ROLE} nor its account "
            f"{ACCOUNT}")
    near = f"covers kinesis:GetRecords but its resource does not hold: Resource {OTHER_STREAMS!r} " \
           f"does not match {STREAM}"
    brief = evaluate(kin(ROLE), identity, policy, brief=True)
    assert brief.decision == DENIED and brief.reasons == said
    full = evaluate(kin(ROLE), identity, policy)
    assert full.reasons == (said[0], f"identity.json#[1] {near}", said[1], f"stream-policy.json#[1] {near}")


def test_a_conditional_deny_that_holds_is_not_set_aside():
    deny = st("Deny", Action="kms:Decrypt", Resource="*",
              Condition={"StringEquals": {"kms:ViaService": "kinesis.us-west-2.amazonaws.com"}})
    for brief in (False, True):
        assert evaluate(kms(ROLE), ident(DECRYPT, deny), res(ALL_KEY, kind="key"), brief=brief).decision == DENIED
    elsewhere = st("Deny", Action="kms:Decrypt", Resource="*",
                   Condition={"StringEquals": {"kms:ViaService": "firehose.us-west-2.amazonaws.com"}})
    for brief in (False, True):
        assert evaluate(kms(ROLE), ident(DECRYPT, elsewhere), res(ALL_KEY, kind="key"), brief=brief).decision \
            == ALLOWED


# A statement whose plain StringEquals fails for every principal here: `brief` sets it aside before deciding.
ELSEWHERE = Source("elsewhere.json", {"Statement": [st(Action="*", Resource="*", Condition={
    "StringEquals": {"aws:PrincipalAccount": "999999999999"}})]})


@pytest.mark.parametrize(("name", "request_", "identity", "policy", "decision"), CORNERS, ids=[c[0] for c in CORNERS])
def test_brief_decides_every_corner_alike_with_a_statement_set_aside(name, request_, identity, policy, decision):
    """The quick decision made without the set-aside statement follows the same rules (KMS, same or another
    account) and cites the same statements, in the same order, as the full evaluation."""
    identity = (*identity, ELSEWHERE)
    full = evaluate(request_, identity, policy)
    brief = evaluate(request_, identity, policy, brief=True)
    assert brief.decision == full.decision == decision
    assert (brief.because, brief.denied_by, brief.missing) == (full.because, full.denied_by, full.missing)
    assert brief.reasons == tuple(r for r in full.reasons if "its resource does not hold" not in r)
