"""Answers a local server cannot produce, through botocore's Stubber: throttling, expired credentials, hostile text.

moto never throttles and never expires a session token, so these paths of the error translation
are tested with botocore.stub.Stubber on a real client of the session class; so is an endpoint
that answers with escape sequences in names where neither moto nor AWS allow them.
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



def _hostile(monkeypatch, key_policy_denied: bool) -> None:  # type: ignore[no-untyped-def]
    """An endpoint (Stubber: neither moto nor AWS would) naming the stream and the key with escape sequences."""
    aws = _aws()
    stubs = {name: Stubber(aws.client(name)) for name in ("sts", "kinesis", "kms")}
    stubs["sts"].add_response("get_caller_identity", {"Account": "123456789012", "UserId": "AIDAEXAMPLE",
                                                      "Arn": "arn:aws:iam::123456789012:user/u"})
    summary = {"StreamName": "orders\x1b[2J", "StreamARN": "arn:aws:kinesis:us-west-2:123456789012:stream/orders",
               "StreamStatus": "ACTIVE", "RetentionPeriodHours": 24, "StreamCreationTimestamp": 0,
               "EnhancedMonitoring": [], "OpenShardCount": 1, "EncryptionType": "KMS",
               "KeyId": "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"}
    stubs["kinesis"].add_response("describe_stream_summary", {"StreamDescriptionSummary": summary})
    stubs["kms"].add_response("describe_key", {"KeyMetadata": {
        "KeyId": "k", "Arn": "arn:aws:kms:us-west-2:123456789012:key/\x1b]52;c;aGk=\x07", "KeyState": "Disabled",
        "KeyManager": "CUSTOMER"}})
    if key_policy_denied:
        stubs["kms"].add_client_error("get_key_policy", service_error_code="AccessDeniedException",
                                      http_status_code=403)
    else:
        stubs["kms"].add_response("get_key_policy", {"Policy": '{"Version": "2012-10-17", "Statement": []}'})
    monkeypatch.setattr("wizard.aws.session.connect", lambda profile=None, region=None: aws)
    for stub in stubs.values():
        stub.activate()


GENERATE = ["generate", "--from-aws", "--stream", "orders", "--producer", "arn:aws:iam::444455556666:role/w",
            "--print", "key"]


def test_names_aws_sends_are_spelled_out_in_generates_findings(monkeypatch, capsys):  # type: ignore[no-untyped-def]
    from wizard.cli import main

    _hostile(monkeypatch, key_policy_denied=False)
    code = main(GENERATE)
    err = capsys.readouterr().err
    assert code == 2  # the key ARN it sent is no answer the core takes
    assert "\x1b" not in err and "\x07" not in err
    assert ("note: stream orders^[[2J is encrypted with key arn:aws:kms:us-west-2:123456789012:key/^[]52;c;aGk=^G"
            in err)
    assert "warning: key arn:aws:kms:us-west-2:123456789012:key/^[]52;c;aGk=^G is Disabled" in err


def test_names_aws_sends_are_spelled_out_in_an_error(monkeypatch, capsys):  # type: ignore[no-untyped-def]
    from wizard.cli import main

    _hostile(monkeypatch, key_policy_denied=True)
    code = main(GENERATE)
    err = capsys.readouterr().err
    assert code == 1
    assert err == ("kinesis-kms-wizard: kms:GetKeyPolicy was denied on key arn:aws:kms:us-west-2:123456789012:key/"
                   "^[]52;c;aGk=^G: the credentials need the kms:GetKeyPolicy permission there\n")
