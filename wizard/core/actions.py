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

# Per service: (actions on the stream, fan-out actions on the stream, fan-out actions on consumers).
SERVICE_READS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    # Lambda's event source mapping reads with the execution role; with EFO it subscribes to a
    # consumer you register, so it needs no RegisterStreamConsumer.
    "lambda": (CONSUMER, (), FAN_OUT_ON_CONSUMER),
    # The Flink Kinesis connector registers and, on shutdown, deregisters its EFO consumer.
    "flink": (
        CONSUMER,
        ("kinesis:ListStreamConsumers", "kinesis:RegisterStreamConsumer"),
        ("kinesis:DeregisterStreamConsumer", *FAN_OUT_ON_CONSUMER),
    ),
    # Firehose polls a source stream; it never uses enhanced fan-out.
    "firehose": (
        ("kinesis:DescribeStream", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"),
        (),
        (),
    ),
}

ADMIN_ENCRYPTION = ("kinesis:StartStreamEncryption", "kinesis:StopStreamEncryption")
ADMIN_STREAM_READS = ("kinesis:DescribeStreamSummary",)
# The seed's kms:List* and kms:DescribeKey*, split by resource type: these are per key ...
ADMIN_KEY_READS = ("kms:DescribeKey", "kms:ListGrants", "kms:ListKeyPolicies", "kms:ListResourceTags")
# ... and these have no resource type, so they need "Resource": "*".
ADMIN_ACCOUNT_READS = ("kms:ListAliases", "kms:ListKeys")

# Cross-account sharing through the stream's resource policy.
SHARED_WRITE = PRODUCER
SHARED_READ = CONSUMER

GENERATE_DATA_KEY = "kms:GenerateDataKey"
DECRYPT = "kms:Decrypt"
