"""What the README says a document grants is read from its statements: every stream and principal named by what the
user called it, lists read as English, and a statement the tool does not write itself (a key policy merged in, a
future builder) read as it is, not dressed as one of ours: a resource or principal outside the answers is quoted by
its ARN, a statement without a Sid gets no Sid, `*` in an identity policy is not "this key"."""

from __future__ import annotations

import pytest
from matrix import OTHER_ACCOUNT, role
from test_core_readme import sections

from wizard.core.bundle import bundle_files
from wizard.core.model import Answers, Principal
from wizard.core.readme import Names, describe
from wizard.core.render import render_bundle

ACCT = "123456789012"
KEY = f"arn:aws:kms:us-west-2:{ACCT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
STREAM = f"arn:aws:kinesis:us-west-2:{ACCT}:stream"
ANSWERS = Answers("us-west-2", ACCT, KEY, ("orders", "payments", "clicks"), (Principal("writer", ("producer",)),))


def test_three_streams_read_as_a_list_in_what_a_producer_is_granted():
    readme = sections(bundle_files(render_bundle(ANSWERS))["README.md"])
    grants = readme["producer-policy.json"]
    assert "`kinesis:PutRecords` on streams `orders`, `payments` and `clicks` (Sid `WriteStreams`)" in grants
    assert ("only for the records of streams `orders`, `payments` and `clicks` "
            "(`kms:EncryptionContext:aws:kinesis:arn`) (Sid `GenerateDataKeyViaKinesis`)") in grants


def test_a_consumer_registered_on_a_stream_named_consumer_is_named_with_its_stream():
    """A stream may be named `consumer`: its consumer's ARN then holds `/consumer/` twice."""
    answers = Answers("us-west-2", ACCT, KEY, ("consumer",), (
        Principal(role(OTHER_ACCOUNT, "reader"), ("consumer",), consumer_name="efo"),), fan_out=True)
    section = sections(bundle_files(render_bundle(answers))["README.md"])["consumer-resource-policy.json"]
    assert ("`kinesis:DescribeStreamConsumer`, `kinesis:SubscribeToShard` on consumer `efo` of stream `consumer` "
            "(`CREATION_TIMESTAMP` stands for the time it is registered), to role `reader` "
            f"(`{role(OTHER_ACCOUNT, 'reader')}`) (Sid `EnhancedFanOutReader`)") in section


PARTNER = f"arn:aws:iam::{OTHER_ACCOUNT}:role/partner"
FOREIGN = {
    "no Sid, no resource type": (
        {"Effect": "Allow", "Action": "kinesis:ListStreams", "Resource": "*"},
        "`kinesis:ListStreams` on `*` (these actions have no resource type)"),
    "principals outside the answers": (
        {"Sid": "Share", "Effect": "Allow", "Principal": {"AWS": [PARTNER, f"arn:aws:iam::{OTHER_ACCOUNT}:root"]},
         "Action": "kinesis:GetRecords", "Resource": f"{STREAM}/orders"},
        f"`kinesis:GetRecords` on stream `orders`, to `{PARTNER}`, account {OTHER_ACCOUNT}'s root "
        f"(`arn:aws:iam::{OTHER_ACCOUNT}:root`) (Sid `Share`)"),
    "resources outside the answers": (
        {"Sid": "Other", "Effect": "Allow", "Action": ["s3:GetObject", "kinesis:SubscribeToShard"],
         "Resource": ["arn:aws:s3:::bucket/key", f"{STREAM}/gone/consumer/*",
                      f"{STREAM}/gone/consumer/efo:CREATION_TIMESTAMP"]},
        f"`s3:GetObject`, `kinesis:SubscribeToShard` on `arn:aws:s3:::bucket/key` and `{STREAM}/gone/consumer/*` "
        f"and consumer `efo` of stream `{STREAM}/gone` (`CREATION_TIMESTAMP` stands for the time it is registered) "
        "(Sid `Other`)"),
    "a stream outside the answers in the encryption context": (
        {"Sid": "Ec", "Effect": "Allow", "Action": "kms:Decrypt", "Resource": KEY, "Condition": {
            "StringEquals": {"kms:EncryptionContext:aws:kinesis:arn": [f"{STREAM}/orders", f"{STREAM}/gone"]}}},
        f"`kms:Decrypt` on the key `{KEY}`, only for the records of streams `orders` and `{STREAM}/gone` "
        "(`kms:EncryptionContext:aws:kinesis:arn`) (Sid `Ec`)"),
    "fan-out consumers, a stream and the key at once": (
        {"Sid": "Mixed", "Effect": "Allow", "Action": "kinesis:DescribeStreamConsumer",
         "Resource": [KEY, f"{STREAM}/orders", f"{STREAM}/payments/consumer/*", f"{STREAM}/clicks/consumer/*"]},
        "`kinesis:DescribeStreamConsumer` on the enhanced fan-out consumers of streams `payments` and `clicks` "
        f"(`stream/NAME/consumer/*`) and stream `orders` and the key `{KEY}` (Sid `Mixed`)"),
}


@pytest.mark.parametrize("case", list(FOREIGN))
def test_a_statement_the_tool_does_not_write_reads_as_it_is(case):
    stmt, sentence = FOREIGN[case]
    assert describe(Names.of(render_bundle(ANSWERS).resolved), stmt) == sentence
