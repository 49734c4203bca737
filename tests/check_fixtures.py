"""Policies people have today, for `check`: the seed page's own, and mistakes seen in real accounts.

Each fixture says what `check` must conclude (exit status) and a phrase its explanation must hold.
The differential test runs every fixture through iam-simulate too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from wizard.core.diagnose import Inputs
from wizard.core.evaluate import Source

KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab"
SEED_ACCOUNT, OWNER, OTHER = "123456789012", "111122223333", "444455556666"
SEED_STREAM = f"arn:aws:kinesis:us-west-2:{SEED_ACCOUNT}:stream/MyStream"
SEED_KEY = f"arn:aws:kms:us-west-2:{SEED_ACCOUNT}:key/{KEY_ID}"
STREAM = f"arn:aws:kinesis:us-west-2:{OWNER}:stream/orders"
KEY = f"arn:aws:kms:us-west-2:{OWNER}:key/{KEY_ID}"
VIA = "kinesis.us-west-2.amazonaws.com"


def policy(*statements: dict) -> dict:
    return {"Version": "2012-10-17", "Statement": list(statements)}


def allow(actions, resource, condition=None, principal=None, sid=None) -> dict:
    stmt: dict = {"Effect": "Allow"}
    if sid:
        stmt["Sid"] = sid
    if principal:
        stmt["Principal"] = {"AWS": principal}
    stmt["Action"] = actions
    stmt["Resource"] = resource
    if condition:
        stmt["Condition"] = condition
    return stmt


def root_only(account: str) -> dict:
    """The default key policy: the account's IAM policies decide, nobody is named."""
    return policy(allow("kms:*", "*", principal=f"arn:aws:iam::{account}:root", sid="Enable IAM User Permissions"))


def via_kinesis(stream: str, region: str = "us-west-2") -> dict:
    return {"StringEquals": {"kms:ViaService": f"kinesis.{region}.amazonaws.com",
                             "kms:EncryptionContext:aws:kinesis:arn": stream}}


READS = ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords",
         "kinesis:GetShardIterator", "kinesis:ListShards"]


@dataclass(frozen=True)
class Fixture:
    name: str
    principal: str
    role: str
    stream: str
    identity: dict[str, dict]  # file name -> body as the AWS CLI or a person saved it
    key: str | None = None
    key_policy: dict | None = None
    stream_policy: dict | None = None
    service: str | None = None
    exit: int = 3
    says: tuple[str, ...] = ()  # phrases the explanation must contain
    fixable: bool = True  # applying the proposed fix lets the role do its job
    extra: dict = field(default_factory=dict)

    def inputs(self) -> Inputs:
        from wizard.core.diagnose import identity_body

        return Inputs(self.principal, self.role, self.stream,
                      tuple(Source(n, identity_body(b)) for n, b in self.identity.items()), self.service, self.key,
                      Source("key-policy.json", self.key_policy, "key") if self.key_policy is not None else None,
                      Source("stream-policy.json", self.stream_policy, "stream")
                      if self.stream_policy is not None else None)

    def setting(self):
        return self.inputs().setting()

    def write(self, folder: Path) -> list[str]:
        """The fixture as files and the `check` arguments that name them."""
        folder.mkdir(parents=True, exist_ok=True)
        argv = ["check", "--principal", self.principal, "--as", self.role, "--stream", self.stream]
        if self.service:
            argv += ["--service", self.service]
        if self.key:
            argv += ["--key", self.key]
        for name, body in self.identity.items():
            (folder / name).write_text(json.dumps(body, indent=2))
            argv += ["--identity-policy", str(folder / name)]
        if self.key_policy is not None:
            (folder / "key-policy.json").write_text(json.dumps(self.key_policy))
            argv += ["--key-policy", str(folder / "key-policy.json")]
        if self.stream_policy is not None:
            (folder / "stream-policy.json").write_text(json.dumps(self.stream_policy))
            argv += ["--stream-policy", str(folder / "stream-policy.json")]
        return argv


SEED_STREAM_PATTERN = "arn:aws:kinesis:*:123456789012:MyStream"  # as the page prints it, without stream/
SEED_PRODUCER = policy(allow(["kms:GenerateDataKey"], SEED_KEY),
                       allow(["kinesis:PutRecord", "kinesis:PutRecords"], SEED_STREAM_PATTERN))
SEED_CONSUMER = policy(allow(["kms:Decrypt"], SEED_KEY),
                       allow(["kinesis:GetRecords", "kinesis:DescribeStream"], SEED_STREAM_PATTERN))
GOOD_CONSUMER = policy(allow(READS, STREAM, sid="ReadStreams"),
                       allow(["kms:Decrypt"], KEY, via_kinesis(STREAM), sid="DecryptViaKinesis"))
GOOD_PRODUCER = policy(allow(["kinesis:PutRecord", "kinesis:PutRecords", "kinesis:ListShards",
                              "kinesis:DescribeStreamSummary"], STREAM, sid="WriteStreams"),
                       allow(["kms:GenerateDataKey"], KEY, via_kinesis(STREAM), sid="GenerateDataKeyViaKinesis"))
SHARED_READ = policy(allow(READS, STREAM, principal=f"arn:aws:iam::{OTHER}:role/reader", sid="CrossAccountConsumers"))

FIXTURES: tuple[Fixture, ...] = (
    # The seed page's producer, as printed: its stream ARN lacks stream/, so PutRecord is never allowed.
    Fixture("seed-producer", f"arn:aws:iam::{SEED_ACCOUNT}:role/orders-producer", "producer", SEED_STREAM,
            {"producer-policy.json": SEED_PRODUCER}, SEED_KEY, root_only(SEED_ACCOUNT),
            says=("does not match arn:aws:kinesis:us-west-2:123456789012:stream/MyStream",)),
    # The seed page's consumer: no GetShardIterator, and the same broken ARN.
    Fixture("seed-consumer", f"arn:aws:iam::{SEED_ACCOUNT}:role/orders-consumer", "consumer", SEED_STREAM,
            {"consumer-policy.json": SEED_CONSUMER}, SEED_KEY, root_only(SEED_ACCOUNT),
            says=("allows kinesis:GetShardIterator",)),
    # What this tool writes: the consumer can do its job.
    Fixture("good-consumer", f"arn:aws:iam::{OWNER}:role/reader", "consumer", STREAM,
            {"consumer-policy.json": GOOD_CONSUMER}, KEY, root_only(OWNER), exit=0),
    # The same, as `aws iam get-role-policy` and `aws iam get-policy-version` print it.
    Fixture("aws-cli-forms", f"arn:aws:iam::{OWNER}:role/writer", "producer", STREAM,
            {"get-role-policy.json": {"RoleName": "writer", "PolicyName": "write",
                                      "PolicyDocument": policy(*GOOD_PRODUCER["Statement"][:1])},
             "get-policy-version.json": {"PolicyVersion": {"Document": policy(*GOOD_PRODUCER["Statement"][1:]),
                                                           "VersionId": "v3", "IsDefaultVersion": True}}},
            KEY, root_only(OWNER), exit=0),
    # A consumer in another account: the key policy only trusts its own account.
    Fixture("cross-account-key-policy-lacks-role", f"arn:aws:iam::{OTHER}:role/reader", "consumer", STREAM,
            {"consumer-policy.json": GOOD_CONSUMER}, KEY, root_only(OWNER), SHARED_READ,
            says=("allows kms:Decrypt to neither",)),
    # kms:ViaService names another Region's Kinesis.
    Fixture("via-service-wrong-region", f"arn:aws:iam::{OWNER}:role/writer", "producer", STREAM,
            {"producer-policy.json": policy(GOOD_PRODUCER["Statement"][0],
                                            allow(["kms:GenerateDataKey"], KEY, via_kinesis(STREAM, "us-east-1")))},
            KEY, root_only(OWNER), says=("kinesis.us-east-1.amazonaws.com",)),
    # The encryption-context condition names a key Kinesis does not send.
    Fixture("encryption-context-wrong-key", f"arn:aws:iam::{OWNER}:role/reader", "consumer", STREAM,
            {"consumer-policy.json": policy(GOOD_CONSUMER["Statement"][0], allow(
                ["kms:Decrypt"], KEY, {"StringEquals": {"kms:ViaService": VIA,
                                                        "kms:EncryptionContext:aws:kinesis:stream": STREAM}}))},
            KEY, root_only(OWNER), says=("kms:EncryptionContext:aws:kinesis:stream is not in the request",)),
    # The AWS managed key cannot serve another account, whatever the policies say.
    Fixture("managed-key-cross-account", f"arn:aws:iam::{OTHER}:role/reader", "consumer", STREAM,
            {"consumer-policy.json": policy(allow(READS, STREAM), allow(["kms:Decrypt"], "*"))},
            "alias/aws/kinesis", None, SHARED_READ, says=("customer managed key",), fixable=False),
    # KMS permissions given on the alias ARN, which never matches the key.
    Fixture("kms-on-alias-arn", f"arn:aws:iam::{OWNER}:role/writer", "producer", STREAM,
            {"producer-policy.json": policy(GOOD_PRODUCER["Statement"][0], allow(
                ["kms:GenerateDataKey"], f"arn:aws:kms:us-west-2:{OWNER}:alias/orders-key", via_kinesis(STREAM)))},
            KEY, root_only(OWNER), says=("alias ARN",)),
    # A Deny no Allow can outweigh.
    Fixture("explicit-deny", f"arn:aws:iam::{OWNER}:role/writer", "producer", STREAM,
            {"producer-policy.json": GOOD_PRODUCER,
             "guardrail.json": policy({"Sid": "NoKms", "Effect": "Deny", "Action": "kms:*", "Resource": "*"})},
            KEY, root_only(OWNER), says=("guardrail.json#NoKms",), fixable=False),
    # A condition this tool does not model: the answer is unknown, never allowed.
    Fixture("unmodelled-condition", f"arn:aws:iam::{OWNER}:role/writer", "producer", STREAM,
            {"producer-policy.json": policy(allow(["kinesis:PutRecord", "kinesis:PutRecords"], STREAM,
                                                  {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}),
                                            GOOD_PRODUCER["Statement"][1])},
            KEY, root_only(OWNER), says=("IpAddress",), fixable=False),
)
