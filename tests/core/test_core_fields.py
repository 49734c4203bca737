"""The wizard's questions as every face shows them: the Region list, the Region taken from the environment, which
key choice a typed key belongs to, and which step a problem sends the user back to."""

from __future__ import annotations

import pytest

from wizard.core.fields import STEPS, default_region, is_alias_only, is_user_arn, key_kind, region_choices, step_for
from wizard.core.model import Answers, Principal
from wizard.core.problems import Problem
from wizard.core.render import render_bundle
from wizard.core.validate import check_principal_text


def test_the_region_list_groups_regions_by_partition_under_their_names():
    choices = {c.value: c for c in region_choices()}
    assert choices["us-west-2"].label == "us-west-2 — US West (Oregon)"
    assert choices["us-west-2"].group == "AWS commercial"
    assert choices["cn-north-1"].label == "cn-north-1 — China (Beijing)"
    assert choices["cn-north-1"].group == "AWS China"
    assert choices["us-gov-west-1"].group == "AWS GovCloud (US)"


@pytest.mark.parametrize(("environ", "region"), [
    ({"AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "us-east-1"}, "eu-west-1"),  # AWS_REGION first
    ({"AWS_DEFAULT_REGION": " us-east-1 "}, "us-east-1"),
    ({"AWS_REGION": "mars-1", "AWS_DEFAULT_REGION": "us-east-1"}, "us-east-1"),  # an unknown Region is skipped
    ({"AWS_REGION": "  "}, ""),
    ({"aws_region": "eu-west-1"}, ""),  # the names are upper case, as the AWS CLI reads them
    ({}, ""),
])
def test_the_region_offered_first_is_the_one_the_aws_cli_would_use(environ, region):
    # https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-envvars.html
    assert default_region(environ) == region


@pytest.mark.parametrize(("typed", "kind", "alias_only"), [
    ("alias/aws/kinesis", "managed", False),
    (" alias/aws/kinesis ", "managed", False),
    ("arn:aws:kms:us-west-2:123456789012:alias/aws/kinesis", "managed", False),
    ("alias/orders", "customer", True),
    ("arn:aws:kms:us-west-2:123456789012:alias/orders", "customer", True),
    ("1234abcd-12ab-34cd-56ef-1234567890ab", "customer", False),
    ("arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", "customer", False),
    ("myalias/aws/kinesis", "customer", False),
])
def test_which_key_choice_a_typed_key_belongs_to(typed, kind, alias_only):
    assert key_kind(typed) == kind
    assert is_alias_only(typed) is alias_only


def test_every_problem_sends_the_user_to_the_step_that_fixes_it():
    answers = Answers("mars-1", "12", "", ("bad name!",),
                      (Principal("ok-role", ("producer",)), Principal("bad role!", ("consumer",))))
    problems = render_bundle(answers).problems
    by_step = {step.id: [p.field for p in step.problems(problems)] for step in STEPS}
    assert by_step["region"] == ["region"]
    assert by_step["account"] == ["account"]
    assert by_step["key"] == ["key"]
    assert by_step["streams"] == ["stream"]
    assert by_step["principals"] == ["consumer"]
    assert {p.field: step_for(p.field) for p in problems} == {
        "region": "region", "account": "account", "key": "key", "stream": "streams", "consumer": "principals"}
    assert step_for("merge-key-policy") == "review"
    assert step_for("something-new") == "review"
    assert STEPS[-1].problems([Problem("merge-key-policy", "", "x"), Problem("key", "", "y")]) == [
        Problem("merge-key-policy", "", "x")]


A = "123456789012"


@pytest.mark.parametrize(("typed", "user"), [
    (f"arn:aws:iam::{A}:user/alice", True),
    (f"  arn:aws:iam::{A}:user/alice  ", True),  # as typed, with the spaces around it
    (f"arn:aws:iam::{A}:user/division_abc/subdivision_xyz/alice", True),  # a user with a path
    (f"arn:aws-cn:iam::{A}:user/alice", True),
    (f"arn:aws-us-gov:iam::{A}:user/alice", True),
    (f"arn:aws:iam::{A}:role/alice", False),
    (f"arn:aws:iam::{A}:role/user/alice", False),  # a role whose path is /user/
    (f"arn:aws:iam::{A}:role/aws-service-role/kinesisanalytics.amazonaws.com/AWSServiceRoleForKinesisAnalytics",
     False),
    (f"arn:aws:sts::{A}:assumed-role/reader/session", False),
    (f"arn:aws:sts::{A}:federated-user/alice", False),
    (f"arn:aws:iam::{A}:group/user", False),
    (f"arn:aws:iam::{A}:root", False),
    (f"arn:aws:kinesis:us-west-2:{A}:user/alice", False),  # not IAM
    ("alice", False),  # a role name
    ("user/alice", False),
    ("arn:aws:iam:user/alice", False),  # too few parts to be an ARN
    (f"ARN:aws:iam::{A}:user/alice", False),
    (f"xarn:aws:iam::{A}:user/alice", False),
    ("", False),
])
def test_the_service_question_is_skipped_exactly_for_a_user_arn(typed, user):
    """A user is no AWS service's role (Lambda, Flink and Firehose each run with a role they assume), so the wizard
    asks for no service for one; a role of any path, or anything else typed, is asked about."""
    assert is_user_arn(typed) is user
    if user:  # what the principal step takes as a user, validation takes as one too
        assert check_principal_text(typed.strip(), Answers()) is None
