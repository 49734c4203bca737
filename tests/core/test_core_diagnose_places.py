"""What `check` concludes from where things are: a key in another account than the stream, a reader in another
account with and without Lambda, the "another stream" a key grant may leak to, the consumer a consumer resource
policy is for, and policies that are not policies. Each by the decision, the fix or the advice a user reads.

Across accounts both the identity policy and the key (or resource) policy must allow:
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html;
Lambda is the one reader Kinesis lets be given DescribeStream across accounts:
https://docs.aws.amazon.com/streams/latest/dev/controlling-access.html#sharing-data-streams
"""

from __future__ import annotations

import pytest
from check_fixtures import GOOD_CONSUMER, KEY, KEY_ID, OTHER, OWNER, READS, STREAM, allow, policy, root_only

from wizard.core.access_text import describe
from wizard.core.diagnose import ADVISED, REQUIRED, Inputs, diagnose, input_problems
from wizard.core.evaluate import ALLOWED, DENIED, UNKNOWN, Source

KEY_POLICY = Source("key-policy.json", root_only(OWNER), "key")


def _finding(inputs: Inputs, label: str):
    return next(f for f in diagnose(inputs).findings if f.row.operation.label == label)


def test_a_key_in_another_account_needs_the_identity_policy_and_the_key_policy():
    """The reader is in the stream's account, the key in a third: naming it in the key policy is not enough alone."""
    key_account = "777788889999"
    key = f"arn:aws:kms:us-west-2:{key_account}:key/{KEY_ID}"
    reader = f"arn:aws:iam::{OWNER}:role/reader"
    decrypt = _finding(Inputs(reader, "consumer", STREAM, (Source("reader.json", policy(allow(READS, STREAM))),),
                              None, key, Source("key-policy.json", root_only(key_account), "key")),
                       "Decrypt via Kinesis")
    assert decrypt.row.decision == DENIED
    assert [(fix.document, [s["Sid"] for s in fix.statements]) for fix in decrypt.fixes] == [
        ("identity", ["DecryptViaKinesis"]), ("key", ["AllowKinesisConsumers"])]
    assert decrypt.fixes[0].statements[0]["Resource"] == key


def test_every_deny_that_blocks_an_operation_is_named_in_the_advice():
    guardrail = policy({"Sid": "NoKms", "Effect": "Deny", "Action": "kms:*", "Resource": "*"},
                       {"Sid": "NoDecrypt", "Effect": "Deny", "Action": "kms:Decrypt", "Resource": "*"})
    reader = f"arn:aws:iam::{OWNER}:role/reader"
    decrypt = _finding(Inputs(reader, "consumer", STREAM, (Source("reader.json", GOOD_CONSUMER),
                                                           Source("guardrail.json", guardrail)), None, KEY, KEY_POLICY),
                       "Decrypt via Kinesis")
    assert decrypt.advice == ("an explicit Deny wins over any Allow: remove or narrow guardrail.json#NoKms, "
                              "guardrail.json#NoDecrypt",)
    assert decrypt.fixes == ()


@pytest.mark.parametrize(("service", "need", "stream_actions"), [
    ("lambda", REQUIRED, ["kinesis:DescribeStream", "kinesis:GetRecords", "kinesis:GetShardIterator",
                          "kinesis:ListShards"]),
    ("flink", ADVISED, ["kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"]),
    (None, ADVISED, ["kinesis:GetRecords", "kinesis:GetShardIterator"]),
])
def test_describe_stream_is_shared_with_a_lambda_reader_of_another_account_and_with_no_other(
        service, need, stream_actions):
    reader = f"arn:aws:iam::{OTHER}:role/fn"
    theirs = Source("stream-policy.json", policy(allow(["kinesis:DescribeStreamSummary"], STREAM, principal=reader)),
                    "stream")
    inputs = Inputs(reader, "consumer", STREAM, (Source("fn.json", policy(allow(READS, STREAM))),), service, KEY,
                    KEY_POLICY, theirs)
    describe_stream = _finding(inputs, "DescribeStream")
    assert describe_stream.need == need and describe_stream.row.decision == DENIED
    assert describe_stream.not_shareable is (service != "lambda")
    assert bool(describe_stream.advice) is (service != "lambda")  # the note: cannot be shared, do this instead
    stream_fix, = (fix for fix in diagnose(inputs).fixes if fix.document == "stream")
    assert stream_fix.statements[0]["Action"] == stream_actions


@pytest.mark.parametrize(("grant", "decision", "ok"), [
    ("arn:aws:kinesis:us-west-2:111122223333:stream/another-stream", DENIED, True),  # exactly the stream checked
    ("arn:aws:kinesis:us-west-2:111122223333:stream/*", ALLOWED, True),  # every stream of the account
    ("arn:aws:kinesis:us-west-2:*:stream/*", ALLOWED, True),
    ("arn:aws:kinesis:us-east-1:111122223333:stream/*", DENIED, False),  # another Region's: not even this one
])
def test_a_key_grant_wider_than_the_stream_shows_as_decrypting_another_stream(grant, decision, ok):
    """The "another stream" is of the stream's partition, Region and account, and never the stream itself (even
    when the stream is called another-stream)."""
    stream = STREAM.replace("orders", "another-stream")
    reader = f"arn:aws:iam::{OWNER}:role/reader"
    identity = policy(allow(READS, stream), allow("kms:Decrypt", KEY, {"StringLike": {
        "kms:EncryptionContext:aws:kinesis:arn": grant}}))
    report = diagnose(Inputs(reader, "consumer", stream, (Source("reader.json", identity),), None, KEY, KEY_POLICY))
    other = next(f for f in report.findings if f.row.operation.label == "Decrypt, another stream")
    assert other.row.requests[0].context["kms:EncryptionContext:aws:kinesis:arn"] == \
        "arn:aws:kinesis:us-west-2:111122223333:stream/another-stream-2"
    assert other.row.decision == decision
    assert ("Decrypt, another stream" in [f.row.operation.label for f in report.too_much()]) is (decision == ALLOWED)
    assert report.ok is ok


@pytest.mark.parametrize("resource", ["one", "list"])
def test_the_registered_consumer_is_read_from_the_consumer_policy_s_resource_as_a_string_or_a_list(resource):
    reader = f"arn:aws:iam::{OTHER}:role/reader"
    consumer = f"{STREAM}/consumer/analytics:1700000000"
    identity = policy(allow([*READS, "kinesis:SubscribeToShard", "kinesis:DescribeStreamConsumer"],
                            [STREAM, f"{STREAM}/consumer/*"]))
    theirs = policy(allow(["kinesis:SubscribeToShard", "kinesis:DescribeStreamConsumer"],
                          consumer if resource == "one" else [consumer], principal=reader, sid="FanOut"))
    subscribe = _finding(Inputs(reader, "consumer", STREAM, (Source("reader.json", identity),), None, KEY, KEY_POLICY,
                                None, Source("consumer-policy.json", theirs, "consumer")), "SubscribeToShard")
    assert subscribe.row.requests[0].resource == consumer
    assert subscribe.row.decision == ALLOWED
    assert subscribe.row.verdict.because == ("reader.json#[1]", "consumer-policy.json#FanOut")


@pytest.mark.parametrize("body", [[{"Effect": "Allow"}], {"Version": "2012-10-17"}, "not json"],
                         ids=["a-list", "no-statement", "text"])
def test_a_consumer_policy_that_is_not_a_policy_is_said_to_be_so(body):
    reader = f"arn:aws:iam::{OTHER}:role/reader"
    subscribe = _finding(Inputs(reader, "consumer", STREAM, (Source("reader.json", GOOD_CONSUMER),), None, KEY,
                                KEY_POLICY, None, Source("consumer-policy.json", body, "consumer")), "SubscribeToShard")
    assert subscribe.row.decision == UNKNOWN
    assert subscribe.row.verdict.reasons == (
        "consumer-policy.json#: consumer-policy.json is not a policy (no Statement list)",)


@pytest.mark.parametrize(("role", "service", "described"), [
    ("consumer", "lambda", "consumer, lambda"), ("consumer", None, "consumer"), ("admin", None, "admin")])
def test_the_principal_checked_is_described_by_its_job_as_in_the_access_table(role, service, described):
    setting = Inputs(f"arn:aws:iam::{OWNER}:role/r", role, STREAM, (), service).setting()
    assert describe(setting.principals[0]) == described


def test_inputs_that_cannot_be_checked_are_refused_with_every_problem_in_one_message():
    inputs = Inputs("r", "producer", "orders", (), "lambda")
    message = ("principal 'r': give the role's or user's ARN: arn:PARTITION:iam::ACCOUNT:role/NAME or "
               "arn:PARTITION:iam::ACCOUNT:user/NAME; service 'lambda': a service's role reads the stream: use --as "
               "consumer; stream 'orders': give the stream's ARN: arn:PARTITION:kinesis:REGION:ACCOUNT:stream/NAME")
    with pytest.raises(ValueError) as from_setting:
        inputs.setting()
    with pytest.raises(ValueError) as from_diagnose:
        diagnose(inputs)
    assert str(from_setting.value) == str(from_diagnose.value) == message
    # the command line lists the same problems, one a line, before it reads any file
    assert [str(p) for p in input_problems("r", "producer", "orders", "lambda")] == message.split("; ")
