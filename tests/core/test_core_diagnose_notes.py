"""The two notes `check` prints instead of a fix, word for word: what cannot be shared with another account (and
what a reader there does instead), and why what the AWS managed key allows is not for narrowing in its key policy.

Kinesis's table of shareable actions:
https://docs.aws.amazon.com/streams/latest/dev/controlling-access.html#sharing-data-streams; the AWS managed key's
policy (every principal of the account, through the service):
https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-caller-account
"""

from __future__ import annotations

import pytest
from check_fixtures import GOOD_CONSUMER, OWNER, STREAM

from wizard.core.diagnose import BEYOND, Inputs, diagnose, not_shareable_note
from wizard.core.evaluate import Source

WHY = ("cannot be shared with another account: a stream's or a consumer's resource policy gives another account only "
       "the actions in Kinesis's table of shareable actions "
       "(https://docs.aws.amazon.com/streams/latest/dev/controlling-access.html#sharing-data-streams), so no statement "
       "can allow ")
SUMMARY = "DescribeStreamSummary and ListShards tell a reader there what DescribeStream would"
REGISTER = ("the stream's owner registers an enhanced fan-out consumer for it, shares that consumer by its own "
            "resource policy and gives it the consumer's ARN")


@pytest.mark.parametrize(("names", "note"), [
    (["DescribeStream"], f"DescribeStream {WHY}it; instead, {SUMMARY}."),
    (["ListStreams"], f"ListStreams {WHY}it."),  # nothing to do instead: no "; instead," with nothing after it
    (["DescribeStream", "RegisterStreamConsumer"],
     f"DescribeStream and RegisterStreamConsumer {WHY}them; instead, {SUMMARY}; {REGISTER}."),
    # the same advice for three consumer actions is given once
    (["RegisterStreamConsumer", "ListStreamConsumers", "DeregisterStreamConsumer"],
     f"RegisterStreamConsumer, ListStreamConsumers and DeregisterStreamConsumer {WHY}them; instead, {REGISTER}."),
    (["DescribeStream", "ListStreamConsumers", "RegisterStreamConsumer", "ListStreams"],
     f"DescribeStream, ListStreamConsumers, RegisterStreamConsumer and ListStreams {WHY}them; instead, {SUMMARY}; "
     f"{REGISTER}."),
], ids=["one", "one-without-instead", "two", "three-one-instead", "four"])
def test_what_cannot_be_shared_is_named_in_a_sentence_with_what_to_do_instead(names, note):
    assert not_shareable_note(names) == note


def test_what_the_aws_managed_key_allows_beyond_the_job_is_explained_in_full_naming_the_account():
    reader = f"arn:aws:iam::{OWNER}:role/reader"
    report = diagnose(Inputs(reader, "consumer", STREAM, (Source("reader.json", GOOD_CONSUMER),), None,
                             "alias/aws/kinesis"))
    granted = report.managed_key_grants()
    assert [f.row.operation.label for f in granted] == [
        "GenerateDataKey via Kinesis", "GenerateDataKey, another stream", "Decrypt, another stream"]
    assert all(f.need == BEYOND for f in granted) and report.too_much() == []
    assert {f.advice for f in granted} == {(
        f"the key policy of the AWS managed key aws/kinesis cannot be edited: it lets every principal of account "
        f"{OWNER} that has IAM permission to use Kinesis use the key through Kinesis, for any stream. Only the "
        "principal's identity policy narrows this: Kinesis makes these KMS calls only for the streams that policy "
        "lets it write to or read from (a Deny of the KMS actions there also removes them).",)}
