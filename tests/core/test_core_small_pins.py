"""Small promises of several core modules, each pinned by what a user sees: a refusal names the field it is about
even for a single string; an unknown partition's refusal lists the partitions; HCL strings escape only what HCL needs;
a CloudFormation stack name keeps a stream name's last letter; a manifest whose "files" is not an object names no
exports; the AWS managed key's policy lets the account read the key directly."""

from __future__ import annotations

import pytest

from wizard.core.access import EVERYTHING, managed_key_policy
from wizard.core.bundle import manifest_formats
from wizard.core.evaluate import Request, Source, evaluate
from wizard.core.exports import hcl
from wizard.core.exports.plan import stack_name
from wizard.core.model import Answers, AnswersFileError, Principal, answers_from_dict
from wizard.core.render import render_bundle
from wizard.core.validate import resolve

ACCT = "123456789012"
KEY = "1234abcd-12ab-34cd-56ef-1234567890ab"


def test_a_single_string_in_place_of_a_list_is_refused_by_its_fields_name():
    with pytest.raises(AnswersFileError) as refused:
        answers_from_dict({"region": "us-west-2", "account": ACCT, "key": KEY, "streams": "a\x07b", "principals": []})
    assert str(refused.value).startswith("streams: 'a\\x07b' contains ^G at character 2")


def test_an_unknown_partition_is_refused_with_the_partitions_listed():
    answers = Answers("", ACCT, f"arn:aws-x:kms:us-west-2:{ACCT}:key/{KEY}", ("s",), (Principal("p", ("producer",)),))
    _r, problems = resolve(answers)
    rule = next(p.rule for p in problems if p.field == "key")
    assert rule.endswith("names partition 'aws-x'; the partitions are aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, "
                         "aws-iso-e, aws-iso-f, aws-eusc")


@pytest.mark.parametrize(("value", "quoted"), [
    ("XStreamX", '"XStreamX"'), ('a"b\\c', '"a\\"b\\\\c"'), ("${x}", '"$${x}"'),
])
def test_hcl_strings_escape_only_what_hcl_needs(value, quoted):
    assert hcl.string(value) == quoted


@pytest.mark.parametrize(("stream", "name"), [("ordersX", "kinesis-ordersX-permissions"),
                                              ("XX-", "kinesis-XX-permissions")])
def test_a_stack_name_keeps_the_streams_last_letters(stream, name):
    bundle = render_bundle(Answers("us-west-2", ACCT, KEY, (stream,), (Principal("p", ("producer",)),)))
    assert stack_name(bundle) == name


@pytest.mark.parametrize("files", [["terraform/main.tf"], "terraform/main.tf", None])
def test_a_manifest_whose_files_is_not_an_object_names_no_exports(files):
    assert manifest_formats({"tool": "kinesis-kms-wizard", "files": files}) == ()


@pytest.mark.parametrize("action", ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus",
                                    "kms:ListAliases", "kms:ListGrants"])
def test_the_aws_managed_key_lets_its_account_read_it_directly(action):
    """The account's principals may read an AWS managed key's metadata and policy outside Kinesis (the console shows
    them): the managed key policy's second statement; another account may not."""
    key = f"arn:aws:kms:us-west-2:{ACCT}:key/{KEY}"
    policy = Source("aws/kinesis", managed_key_policy("aws", "us-west-2", ACCT), "key")
    role = f"arn:aws:iam::{ACCT}:role/reader"
    assert evaluate(Request(role, action, key), [EVERYTHING], policy).decision == "allowed"
    assert evaluate(Request("arn:aws:iam::999999999999:role/x", action, key), [EVERYTHING],
                    policy).decision == "denied"
