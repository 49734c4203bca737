"""A stream's existing resource policy and ours, at the edges: one of ours stands in for an existing statement only
when it grants everything that one did, in the same words (every element compared), to at least its principals; the
report names what was kept and added, and the policy given is never changed."""

from __future__ import annotations

import copy

import pytest

from wizard.core.policies.resource_merge import merge

STREAM = "arn:aws:kinesis:us-west-2:111122223333:stream/orders"
A = "arn:aws:iam::444455556666:role/a"
B = "arn:aws:iam::444455556666:role/b"


def _ours(**extra) -> dict:
    return {"Sid": "CrossAccountConsumers", "Effect": "Allow", "Principal": {"AWS": [A, B]},
            "Action": ["kinesis:GetRecords", "kinesis:ListShards"], "Resource": STREAM, **extra}


OURS = {"Version": "2012-10-17", "Statement": [_ours()]}


def test_an_earlier_statement_of_ours_naming_fewer_or_the_same_principals_is_replaced_by_ours():
    for principals in (A, [B, A]):  # a subset, and the same set in another order
        earlier = {**_ours(), "Principal": {"AWS": principals}, "Action": ["kinesis:ListShards", "kinesis:GetRecords"]}
        result = merge({"Statement": [earlier]}, OURS)
        assert result.policy["Statement"] == OURS["Statement"]
        assert (result.added, result.kept) == (("CrossAccountConsumers",), ())


@pytest.mark.parametrize("change", [
    {"Effect": "Deny"},
    {"Action": ["kinesis:GetRecords"]},
    {"Action": ["kinesis:GetRecords", "kinesis:ListShards", "kinesis:PutRecord"]},
    {"Resource": f"{STREAM}/consumer/*"},
    {"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-1"}}},
    {"NotResource": STREAM},  # an element ours does not have
    {"Principal": {"AWS": [A, "arn:aws:iam::555555555555:role/x"]}},  # a principal ours does not name
    {"Principal": {"AWS": A, "Service": "lambda.amazonaws.com"}},
    {"Principal": "*"},
])
def test_an_existing_statement_with_our_sid_that_grants_anything_else_is_refused(change):
    theirs = {**_ours(), **change}
    result = merge({"Version": "2012-10-17", "Statement": [theirs]}, OURS)
    assert result.policy is None
    assert result.refusal == ("its statement 'CrossAccountConsumers' has the Sid of one of ours but grants something "
                              "else; it is not replaced: rename or remove it, or put the policy by hand")


@pytest.mark.parametrize("change", [
    {"Sid": "Theirs"},
    {"Sid": "Theirs", "Principal": {"AWS": A}},
    {"Sid": "Theirs", "Effect": "Deny"},
])
def test_a_statement_of_theirs_under_another_sid_is_kept_beside_ours(change):
    theirs = {**_ours(), **change}
    result = merge({"Statement": [theirs]}, OURS)
    assert result.policy["Statement"] == [theirs, _ours()]
    assert (result.kept, result.added) == (("Theirs",), ("CrossAccountConsumers",))


def test_statements_without_sid_are_named_by_their_place_and_kept():
    first = {"Effect": "Allow", "Principal": {"AWS": A}, "Action": "kinesis:DescribeStreamSummary", "Resource": STREAM}
    second = {**first, "Action": "kinesis:ListShards"}
    result = merge({"Id": "theirs", "Statement": [first, second]}, OURS)
    assert result.kept == ("#1", "#2")
    assert result.policy == {"Id": "theirs", "Version": "2012-10-17", "Statement": [first, second, _ours()]}


def test_ours_already_there_is_kept_where_it_is_and_a_second_copy_under_our_sid_is_refused():
    result = merge({"Version": "2008-10-17", "Statement": [{**_ours(), "Sid": "Theirs"}, _ours()]}, OURS)
    assert (result.kept, result.added) == (("Theirs", "CrossAccountConsumers"), ())
    assert result.policy == {"Version": "2008-10-17", "Statement": [{**_ours(), "Sid": "Theirs"}, _ours()]}
    # a Sid names one statement: a second one under ours is refused, not silently kept
    assert merge({"Statement": [_ours(), _ours()]}, OURS).policy is None


def test_a_statement_of_ours_without_a_sid_is_reported_as_added_without_a_name():
    ours = {"Statement": [{k: v for k, v in _ours().items() if k != "Sid"}]}
    assert merge({}, ours).added == ("",)
    assert merge({"Statement": [{**_ours(), "Sid": "Theirs"}]}, ours).added == ("",)
    assert merge({"Statement": [{**_ours(), "Sid": "Theirs"}]}, ours).policy["Version"] == "2012-10-17"


@pytest.mark.parametrize("current", [{"Statement": ["x"]}, {"Statement": [_ours(), 3]}, {"Statement": "x"}])
def test_a_policy_whose_statements_are_not_objects_is_refused(current):
    result = merge(current, OURS)
    assert (result.policy, result.refusal) == (None, "the existing policy's Statement is not a list of objects")


def test_the_policies_given_are_never_changed_even_when_the_result_is_edited():
    current = {"Version": "2012-10-17", "Id": {"note": {"by": "theirs"}},
               "Statement": [{**_ours(), "Sid": "Theirs"}, {**_ours(), "Principal": {"AWS": A}}]}
    only_theirs = {"Statement": [{**_ours(), "Sid": "Theirs"}]}
    before, ours_before, theirs_before = copy.deepcopy(current), copy.deepcopy(OURS), copy.deepcopy(only_theirs)
    for result in (merge(current, OURS), merge(only_theirs, OURS), merge({}, OURS), merge(OURS, OURS)):
        for stmt in result.policy["Statement"]:
            stmt["Principal"]["AWS"] = "*"
            stmt["Action"].append("kinesis:*")
        if isinstance(result.policy.get("Id"), dict):
            result.policy["Id"]["note"]["by"] = "changed"
        result.policy["Statement"].append({})
    assert only_theirs == theirs_before
    assert current == before and ours_before == OURS


def test_a_null_condition_is_no_condition():
    earlier = {**_ours(), "Principal": {"AWS": A}, "Condition": None}
    result = merge({"Statement": [earlier]}, OURS)
    assert result.policy["Statement"] == OURS["Statement"]


def test_the_merged_policy_reads_version_first_and_statement_last_whatever_order_theirs_had():
    current = {"Statement": [{**_ours(), "Sid": "Theirs"}], "Id": "theirs", "Version": "2012-10-17"}
    assert list(merge(current, OURS).policy) == ["Id", "Version", "Statement"]
