"""Our statements put into a stream's existing resource policy: nothing it granted is lost."""

from __future__ import annotations

from wizard.core.policies.resource_merge import merge

STREAM = "arn:aws:kinesis:us-west-2:111122223333:stream/orders"


def _stmt(sid: str, principals: list[str] | str, actions: list[str] | None = None) -> dict:
    return {"Sid": sid, "Effect": "Allow", "Principal": {"AWS": principals},
            "Action": actions or ["kinesis:GetRecords"], "Resource": STREAM}


OURS = {"Version": "2012-10-17", "Statement": [_stmt("CrossAccountConsumers", ["arn:aws:iam::444455556666:role/a",
                                                                              "arn:aws:iam::444455556666:role/b"])]}


def test_no_current_policy_gives_ours():
    for current in ({}, None, {"Version": "2012-10-17", "Statement": []}):
        result = merge(current, OURS)
        assert result.policy == OURS and result.added == ("CrossAccountConsumers",) and result.kept == ()


def test_their_statements_are_kept_first_and_ours_added():
    theirs = _stmt("Auditors", "arn:aws:iam::777777777777:role/audit", ["kinesis:DescribeStreamSummary"])
    result = merge({"Version": "2012-10-17", "Statement": [theirs]}, OURS)
    assert result.policy["Statement"] == [theirs, OURS["Statement"][0]]
    assert result.kept == ("Auditors",) and result.added == ("CrossAccountConsumers",)


def test_ours_with_more_principals_stands_in_for_our_earlier_statement():
    earlier = _stmt("CrossAccountConsumers", "arn:aws:iam::444455556666:role/a")
    result = merge({"Version": "2012-10-17", "Statement": [earlier]}, OURS)
    assert result.policy["Statement"] == OURS["Statement"]


def test_the_same_sid_granting_something_else_is_refused():
    other = _stmt("CrossAccountConsumers", "arn:aws:iam::555555555555:role/x")  # a principal ours does not name
    result = merge({"Version": "2012-10-17", "Statement": [other]}, OURS)
    assert result.policy is None
    assert result.refusal.startswith("its statement 'CrossAccountConsumers' has the Sid of one of ours")


def test_an_equal_policy_merges_to_itself():
    assert merge(OURS, OURS).policy == OURS
