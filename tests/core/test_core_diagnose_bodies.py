"""Policies as people save them for `check`: the document itself, or what the AWS CLI and the APIs print.

`aws iam get-role-policy` prints {"PolicyDocument": ...}, `aws iam get-policy-version` {"PolicyVersion":
{"Document": ...}}, and the IAM API returns documents URL-encoded
(https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRolePolicy.html); `aws kms get-key-policy` and
`aws kinesis get-resource-policy` print {"Policy": "<the document as a string>"}.
"""

from __future__ import annotations

import json
import urllib.parse

import pytest

from wizard.core.diagnose import identity_body, resource_policy_body

DOC = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kinesis:GetRecords", "Resource": "*"}]}
TEXT = json.dumps(DOC)


@pytest.mark.parametrize("saved", [
    DOC, TEXT, urllib.parse.quote(TEXT), {"PolicyDocument": DOC}, {"PolicyDocument": urllib.parse.quote(TEXT)},
    {"PolicyVersion": {"Document": urllib.parse.quote(TEXT), "VersionId": "v3"}},
    {"RoleName": "r", "PolicyName": "p", "PolicyDocument": TEXT},
], ids=["document", "json-text", "url-encoded", "get-role-policy", "get-role-policy-encoded",
        "get-policy-version", "json-text-in-cli-output"])
def test_an_identity_policy_is_read_from_any_form_the_cli_or_api_prints(saved):
    assert identity_body(saved) == DOC


def test_a_document_is_never_unwrapped_even_with_keys_that_look_like_cli_output():
    odd = {**DOC, "PolicyDocument": {"Statement": []}, "Policy": "{}"}
    assert identity_body(odd) == odd and resource_policy_body(odd) == odd


@pytest.mark.parametrize("saved", [DOC, TEXT, {"Policy": TEXT}, {"Policy": urllib.parse.quote(TEXT)}],
                         ids=["document", "json-text", "get-key-policy", "get-key-policy-encoded"])
def test_a_key_or_stream_policy_is_read_from_the_document_or_get_policy_output(saved):
    assert resource_policy_body(saved) == DOC


@pytest.mark.parametrize("saved", ["not json", {"Policy": 3}, 7, None], ids=["text", "policy-not-text", "number",
                                                                           "null"])
def test_what_is_no_policy_is_returned_as_given_for_check_to_refuse(saved):
    assert resource_policy_body(saved) == saved and identity_body(saved) == saved
