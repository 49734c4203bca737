"""The access table as `explain` and `check` print it at 64 columns, exactly: each principal's heading (wrapped
under its name when long), one line per operation, the statements that decide it below when they do not fit
beside it, an unknown's reason, the counts and what the table assumes."""

from __future__ import annotations

import json

from wizard.core.access import bundle_setting, setting_rows
from wizard.core.access_text import text
from wizard.core.model import Answers, Principal
from wizard.core.render import render_bundle

EXPECTED = (
    "p (producer)  arn:aws:iam::123456789012:role/p\n"
    "  unknown  PutRecord\n"
    "           unknown: producer-policy.json#WriteStreams: IpAddress\n"
    "           aws:SourceIp: the operator IpAddress is not modelled\n"
    "  unknown  PutRecords\n"
    "           unknown: producer-policy.json#WriteStreams: IpAddress\n"
    "           aws:SourceIp: the operator IpAddress is not modelled\n"
    "  denied   GetShardIterator\n"
    "  denied   GetRecords\n"
    "  denied   SubscribeToShard\n"
    "  allowed  GenerateDataKey via Kinesis\n"
    "           key-policy.json#AllowKinesisProducers\n"
    "           key-policy.json#EnableIAMPolicies\n"
    "           producer-policy.json#GenerateDataKeyViaKinesis\n"
    "  denied   Decrypt via Kinesis\n"
    "  denied   Decrypt directly\n"
    "  denied   GenerateDataKey, another stream\n"
    "  denied   Decrypt, another stream\n"
    "  denied   StartStreamEncryption\n"
    "  denied   StopStreamEncryption\n"
    "  denied   PutKeyPolicy\n"
    "  denied   ScheduleKeyDeletion\n"
    "\n"
    "c (consumer)  arn:aws:iam::123456789012:role/c\n"
    "  denied   PutRecord\n"
    "  denied   PutRecords\n"
    "  allowed  GetShardIterator  consumer-policy.json#ReadStreams\n"
    "  allowed  GetRecords  consumer-policy.json#ReadStreams\n"
    "  allowed  SubscribeToShard\n"
    "           consumer-policy.json#ReadWithEnhancedFanOut\n"
    "  denied   GenerateDataKey via Kinesis\n"
    "  allowed  Decrypt via Kinesis\n"
    "           key-policy.json#AllowKinesisConsumers\n"
    "           key-policy.json#EnableIAMPolicies\n"
    "           consumer-policy.json#DecryptViaKinesis\n"
    "  denied   Decrypt directly\n"
    "  denied   GenerateDataKey, another stream\n"
    "  denied   Decrypt, another stream\n"
    "  denied   StartStreamEncryption\n"
    "  denied   StopStreamEncryption\n"
    "  denied   PutKeyPolicy\n"
    "  denied   ScheduleKeyDeletion\n"
    "\n"
    "anyone else in 123456789012\n"
    "    arn:aws:iam::123456789012:role/someone-else\n"
    "  denied   PutRecord\n"
    "  denied   PutRecords\n"
    "  denied   GetShardIterator\n"
    "  denied   GetRecords\n"
    "  denied   SubscribeToShard\n"
    "  denied   GenerateDataKey via Kinesis\n"
    "  denied   Decrypt via Kinesis\n"
    "  denied   Decrypt directly\n"
    "  denied   GenerateDataKey, another stream\n"
    "  denied   Decrypt, another stream\n"
    "  denied   StartStreamEncryption\n"
    "  denied   StopStreamEncryption\n"
    "  denied   PutKeyPolicy\n"
    "  denied   ScheduleKeyDeletion\n"
    "\n"
    "another account (999999999999)\n"
    "    arn:aws:iam::999999999999:role/someone-else\n"
    "  denied   PutRecord\n"
    "  denied   PutRecords\n"
    "  denied   GetShardIterator\n"
    "  denied   GetRecords\n"
    "  denied   SubscribeToShard\n"
    "  denied   GenerateDataKey via Kinesis\n"
    "  denied   Decrypt via Kinesis\n"
    "  denied   Decrypt directly\n"
    "  denied   GenerateDataKey, another stream\n"
    "  denied   Decrypt, another stream\n"
    "  denied   StartStreamEncryption\n"
    "  denied   StopStreamEncryption\n"
    "  denied   PutKeyPolicy\n"
    "  denied   ScheduleKeyDeletion\n"
    "\n"
    "5 allowed, 49 denied, 2 unknown.\n"
    "It assumes no other policy applies: no SCP, RCP, permission\n"
    "boundary, session policy or grant. \"Anyone else\" has no IAM\n"
    "policy of its own; the account's own IAM policies still work\n"
    "through the key policy's account statement. \"Another account\" is\n"
    "a role there with every IAM permission, so only the resource\n"
    "policies stand between it and the stream and key.\n"
)


def test_the_access_table_at_64_columns_reads_exactly_so():
    answers = Answers("us-west-2", "123456789012", "1234abcd-12ab-34cd-56ef-1234567890ab", ("orders",),
                      (Principal("p", ("producer",)), Principal("c", ("consumer",))))
    bundle = render_bundle(answers)
    producer = json.loads(json.dumps(bundle.get("producer").body))
    producer["Statement"][0]["Condition"] = {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}  # not modelled
    setting = bundle_setting(bundle, {"producer-policy.json": producer})
    assert text(setting, setting_rows(setting), width=64) == EXPECTED
