"""Which API actions each kind of principal needs, as data.

Sources are in the project's domain reference: the Kinesis SSE permissions page, the Service
Authorization Reference for resource types, the KCL/Lambda/Firehose/Flink guides for what each
reader calls. Lists are kept sorted so documents are stable and easy to diff.
"""

from __future__ import annotations

PRODUCER = ("kinesis:DescribeStreamSummary", "kinesis:ListShards", "kinesis:PutRecord", "kinesis:PutRecords")

# A poller cannot read without a shard iterator (the seed page forgot GetShardIterator).
CONSUMER = (
    "kinesis:DescribeStream",
    "kinesis:DescribeStreamSummary",
    "kinesis:GetRecords",
    "kinesis:GetShardIterator",
    "kinesis:ListShards",
)
# Enhanced fan-out: registering is on the stream, reading is on the consumer ARN.
FAN_OUT_ON_STREAM = ("kinesis:RegisterStreamConsumer",)
FAN_OUT_ON_CONSUMER = ("kinesis:DescribeStreamConsumer", "kinesis:SubscribeToShard")
FIREHOSE = ("kinesis:DescribeStream", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards")
# The Flink Kinesis connector registers its EFO consumer (looking it up first) and, when its job
# stops, deregisters it (EFO_CONSUMER_LIFECYCLE JOB_MANAGED, the default).
FLINK_FAN_OUT_ON_STREAM = ("kinesis:ListStreamConsumers", "kinesis:RegisterStreamConsumer")
FLINK_FAN_OUT_ON_CONSUMER = ("kinesis:DeregisterStreamConsumer",)

# What another account can be given through a stream's or a consumer's resource policy: the table
# "Kinesis Data Streams actions that can be shared" on SHARING_PAGE.
# RegisterStreamConsumer, DeregisterStreamConsumer and ListStreamConsumers are not in it: a reader
# in another account cannot register its own consumer, the stream's owner does.
SHARING_PAGE = "https://docs.aws.amazon.com/streams/latest/dev/controlling-access.html#sharing-data-streams"
SHAREABLE = frozenset({
    "kinesis:DescribeStreamConsumer", "kinesis:DescribeStreamSummary", "kinesis:GetRecords",
    "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:PutRecord", "kinesis:PutRecords",
    "kinesis:SubscribeToShard",
})
# The one exception we make, for Lambda only. AWS's pages disagree: the shareable table above leaves
# out DescribeStream, but the steps for sharing a stream with a Lambda function in another account
# say "Make sure to include the action kinesis:DescribeStream"
# (https://docs.aws.amazon.com/streams/latest/dev/resource-based-policy-examples.html), and Lambda
# calls DescribeStream when it creates the event source mapping. We follow the Lambda steps for
# Lambda execution roles, since without it the mapping cannot be created, and leave DescribeStream
# out for every other reader in another account, which the table says cannot use it.
SHAREABLE_FOR = {"lambda": frozenset({"kinesis:DescribeStream"})}

ADMIN_ENCRYPTION = ("kinesis:StartStreamEncryption", "kinesis:StopStreamEncryption")
ADMIN_STREAM_READS = ("kinesis:DescribeStreamSummary",)
# The seed's kms:List* and kms:DescribeKey*, split by resource type: these are per key ...
ADMIN_KEY_READS = ("kms:DescribeKey", "kms:ListGrants", "kms:ListKeyPolicies", "kms:ListResourceTags")
# ... and these have no resource type, so they need "Resource": "*".
ADMIN_ACCOUNT_READS = ("kms:ListAliases", "kms:ListKeys")

GENERATE_DATA_KEY = "kms:GenerateDataKey"
DECRYPT = "kms:Decrypt"


def shareable(actions: tuple[str, ...] | list[str], service: str | None = None) -> tuple[str, ...]:
    """The actions a principal in another account can be given, in order."""
    allowed = SHAREABLE | SHAREABLE_FOR.get(service or "", frozenset())
    return tuple(a for a in actions if a in allowed)


# What a reader in another account does instead of an action it cannot be given.
INSTEAD = {
    "kinesis:DescribeStream": "DescribeStreamSummary and ListShards tell a reader there what DescribeStream would",
    "kinesis:RegisterStreamConsumer": "the stream's owner registers an enhanced fan-out consumer for it, shares "
                                      "that consumer by its own resource policy and gives it the consumer's ARN",
}
INSTEAD["kinesis:ListStreamConsumers"] = INSTEAD["kinesis:DeregisterStreamConsumer"] = \
    INSTEAD["kinesis:RegisterStreamConsumer"]


def producer(*, external: bool = False) -> tuple[str, ...]:
    """Actions on the streams for a writer (all of them can be shared)."""
    return shareable(PRODUCER) if external else PRODUCER


def consumer(service: str | None, *, fan_out: bool, external: bool = False) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(actions on the streams, actions on their registered consumers) for a reader.

    Lambda's event source mapping reads with the execution role; with enhanced fan-out it
    subscribes to a consumer you register, so it needs no RegisterStreamConsumer. Firehose polls a
    source stream and never uses enhanced fan-out. A reader in another account gets only what
    can be shared with it: it cannot register, list or deregister consumers of a stream it does
    not own.
    """
    if service == "firehose":
        on_stream, on_consumer = FIREHOSE, ()
    elif service == "flink":
        on_stream = (*CONSUMER, *FLINK_FAN_OUT_ON_STREAM) if fan_out else CONSUMER
        on_consumer = (*FLINK_FAN_OUT_ON_CONSUMER, *FAN_OUT_ON_CONSUMER) if fan_out else ()
    elif service == "lambda":
        on_stream, on_consumer = CONSUMER, FAN_OUT_ON_CONSUMER if fan_out else ()
    else:
        on_stream = (*CONSUMER, *FAN_OUT_ON_STREAM) if fan_out else CONSUMER
        on_consumer = FAN_OUT_ON_CONSUMER if fan_out else ()
    on_stream, on_consumer = tuple(sorted(set(on_stream))), tuple(sorted(set(on_consumer)))
    if external:
        return shareable(on_stream, service), shareable(on_consumer, service)
    return on_stream, on_consumer
