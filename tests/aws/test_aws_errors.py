"""Errors a local server cannot produce, through botocore's Stubber: throttling and expired credentials.

moto never throttles and never expires a session token, so these two paths of the error
translation are tested with botocore.stub.Stubber on a real client of the session class.
"""

from __future__ import annotations

import pytest

boto3 = pytest.importorskip("boto3")
from botocore.stub import Stubber  # noqa: E402

from wizard.aws.errors import AwsError  # noqa: E402
from wizard.aws.session import Aws  # noqa: E402


def _aws() -> Aws:
    session = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-west-2")
    return Aws(session, "us-west-2")


@pytest.mark.parametrize(("code", "expected"), [
    ("ThrottlingException", "kinesis:DescribeStreamSummary was throttled by AWS (1 attempt); wait a minute and run "
                            "it again"),
    ("ExpiredTokenException", "kinesis:DescribeStreamSummary refused the credentials (ExpiredTokenException): they "
                              "have expired or are not valid in Region us-west-2; refresh them (for SSO: "
                              "`aws sso login`)"),
    ("AccessDeniedException", "kinesis:DescribeStreamSummary was denied on stream 'orders': the credentials need "
                              "the kinesis:DescribeStreamSummary permission there"),
])
def test_each_error_becomes_one_sentence_naming_the_call(code: str, expected: str):
    aws = _aws()
    with Stubber(aws.client("kinesis")) as stub:
        stub.add_client_error("describe_stream_summary", service_error_code=code, service_message="no",
                              http_status_code=400 if code != "AccessDeniedException" else 403)
        with pytest.raises(AwsError) as caught:
            aws.call("kinesis", "DescribeStreamSummary", "stream 'orders'", StreamName="orders")
    assert str(caught.value) == expected


def test_an_aws_message_with_escape_sequences_is_shown_escaped():
    aws = _aws()
    with Stubber(aws.client("kms")) as stub:
        stub.add_client_error("describe_key", service_error_code="KMSInternalException",
                              service_message="bad \x1b]52;c;aGk=\x07 thing")
        with pytest.raises(AwsError) as caught:
            aws.call("kms", "DescribeKey", "key 'k'", KeyId="k")
    assert "\x1b" not in str(caught.value) and "^[]52;c;aGk=^G" in str(caught.value)
