"""What `check` asks of each role, in the order it lists them: the required operations decide its exit code,
the advised ones are listed as advice. Required is the least that works; a service needs everything its
guide lists (wizard/core/actions.py cites the pages)."""

from __future__ import annotations

import pytest

from wizard.core.access import needs

REQUIRED, ADVISED = True, False
POLL = [("GetRecords", REQUIRED), ("GetShardIterator", REQUIRED)]


@pytest.mark.parametrize(("role", "service", "listed"), [
    ("producer", None, [("PutRecord", REQUIRED), ("PutRecords", REQUIRED), ("GenerateDataKey via Kinesis", REQUIRED),
                        ("DescribeStreamSummary", ADVISED), ("ListShards", ADVISED)]),
    ("consumer", None, [*POLL, ("DescribeStream", ADVISED), ("DescribeStreamSummary", ADVISED),
                        ("ListShards", ADVISED), ("Decrypt via Kinesis", REQUIRED),
                        ("RegisterStreamConsumer", ADVISED), ("DescribeStreamConsumer", ADVISED),
                        ("SubscribeToShard", ADVISED)]),
    ("consumer", "lambda", [*POLL, ("DescribeStream", REQUIRED), ("DescribeStreamSummary", REQUIRED),
                            ("ListShards", REQUIRED), ("Decrypt via Kinesis", REQUIRED),
                            ("DescribeStreamConsumer", ADVISED), ("SubscribeToShard", ADVISED)]),
    ("consumer", "firehose", [*POLL, ("DescribeStream", REQUIRED), ("ListShards", REQUIRED),
                              ("Decrypt via Kinesis", REQUIRED)]),
    ("consumer", "flink", [*POLL, ("DescribeStream", REQUIRED), ("DescribeStreamSummary", REQUIRED),
                           ("ListShards", REQUIRED), ("Decrypt via Kinesis", REQUIRED),
                           ("ListStreamConsumers", ADVISED), ("RegisterStreamConsumer", ADVISED),
                           ("DeregisterStreamConsumer", ADVISED), ("DescribeStreamConsumer", ADVISED),
                           ("SubscribeToShard", ADVISED)]),
    ("admin", None, [("StartStreamEncryption", REQUIRED), ("StopStreamEncryption", REQUIRED),
                     ("DescribeStreamSummary", ADVISED), ("DescribeKey", ADVISED),
                     ("GenerateDataKey via Kinesis", ADVISED)]),
], ids=["producer", "consumer", "lambda", "firehose", "flink", "admin"])
def test_what_check_asks_of_each_role_in_order(role, service, listed):
    assert [(op.label, required) for op, required in needs(role, service)] == listed


def test_an_unknown_role_is_named():
    with pytest.raises(ValueError, match="unknown role 'reader'"):
        needs("reader")
