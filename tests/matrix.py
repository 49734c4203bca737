"""The scenarios every whole-bundle test runs over, and the stream owner's steps as the README gives them.

Each `Case` is a set of answers plus what AWS would know that the answers may not say (the key's
real ID behind an alias, the aliases on it). `world` renders a case into an evaluator World;
`owner_registers` does what a bundle's README tells the stream's owner to do for each consumer in
another account, from the README's own commands, so the tests judge the commands too.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from iam_eval import World

from wizard.core.bundle import bundle_files
from wizard.core.model import Answers, Principal
from wizard.core.render import Bundle, render_bundle

KEY_UUID = "1234abcd-12ab-34cd-56ef-1234567890ab"
MRK = "mrk-1234abcd12ab34cd56ef1234567890ab"
OTHER_ACCOUNT = "444455556666"
THIRD_ACCOUNT = "555566667777"


@dataclass(frozen=True)
class Case:
    id: str
    region: str
    account: str
    key: str  # as answered
    key_id: str  # the key's real ID, which AWS knows even when we were given an alias
    aliases: tuple[str, ...]
    streams: tuple[str, ...]
    principals: tuple[Principal, ...]
    fan_out: bool = True

    def answers(self) -> Answers:
        return Answers(self.region, self.account, self.key, self.streams, self.principals, self.fan_out)


def role(account: str, name: str, partition: str = "aws") -> str:
    return f"arn:{partition}:iam::{account}:role/{name}"


CASES = (
    Case("aws-key-id", "us-west-2", "123456789012", KEY_UUID, KEY_UUID, (), ("MyStream",),
         (Principal("p", ("producer",)), Principal("c", ("consumer",)), Principal("a", ("admin",)))),
    Case("aws-cn-mrk-no-fan-out", "cn-north-1", "111122223333", MRK, MRK, ("alias/cn",), ("orders", "payments"),
         (Principal("p", ("producer",)), Principal("c", ("consumer",)), Principal("a", ("admin",)),
          Principal("lam", ("consumer",), "lambda")), False),
    Case("aws-us-gov-key-arn-cross-account", "us-gov-west-1", "111122223333",
         f"arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/{KEY_UUID}", KEY_UUID, (),
         ("orders", "arn:aws-us-gov:kinesis:us-gov-west-1:111122223333:stream/audit"),
         (Principal(role(OTHER_ACCOUNT, "team/app/writer", "aws-us-gov"), ("producer",)),
          Principal(f"arn:aws-us-gov:iam::{OTHER_ACCOUNT}:user/reader", ("consumer",)),
          Principal("local-reader", ("consumer",)),
          Principal("a", ("admin",)))),
    Case("aws-alias-services", "eu-west-1", "111122223333", "alias/orders-key", KEY_UUID, ("alias/orders-key",),
         ("orders",),
         (Principal("p", ("producer",)), Principal("c", ("consumer",)), Principal("a", ("admin",)),
          Principal("lam", ("consumer",), "lambda"), Principal("flk", ("consumer", "producer"), "flink"),
          Principal("fh", ("consumer",), "firehose"))),
    Case("aws-alias-arn-cross-account-lambda", "ap-southeast-2", "111122223333",
         "arn:aws:kms:ap-southeast-2:111122223333:alias/shared", MRK, ("alias/shared", "alias/other"),
         ("orders",),
         (Principal("p", ("producer",)), Principal(role(OTHER_ACCOUNT, "lambda-exec"), ("consumer",), "lambda"),
          Principal(role(OTHER_ACCOUNT, "service-role/flink"), ("consumer",), "flink"))),
    Case("aws-managed-key", "us-east-1", "111122223333", "alias/aws/kinesis", KEY_UUID, ("alias/aws/kinesis",),
         ("orders",), (Principal("p", ("producer",)), Principal("c", ("consumer",)), Principal("a", ("admin",)))),
    Case("aws-key-in-other-account", "us-west-2", "111122223333",
         f"arn:aws:kms:us-west-2:{OTHER_ACCOUNT}:key/{KEY_UUID}", KEY_UUID, (), ("orders",),
         (Principal("p", ("producer",)), Principal("c", ("consumer",)))),
    # Several streams read with enhanced fan-out from two other accounts, by every kind of reader,
    # beside the same kinds of reader in the stream's own account.
    Case("aws-multi-stream-cross-account-fan-out", "us-east-2", "111122223333",
         f"arn:aws:kms:us-east-2:111122223333:key/{KEY_UUID}", KEY_UUID, (), ("orders", "payments.v2", "audit"),
         (Principal("c", ("consumer",)), Principal("flk", ("consumer",), "flink"),
          Principal("lam", ("consumer",), "lambda"), Principal("a", ("admin",)),
          Principal(role(OTHER_ACCOUNT, "reader"), ("consumer",)),
          Principal(role(OTHER_ACCOUNT, "fn"), ("consumer",), "lambda"),
          Principal(role(THIRD_ACCOUNT, "apps/flink"), ("consumer",), "flink"),
          Principal(role(THIRD_ACCOUNT, "reader"), ("consumer", "producer")),
          Principal(role(THIRD_ACCOUNT, "fh"), ("consumer",), "firehose"))),
)


def world(case: Case) -> World:
    bundle = render_bundle(case.answers())
    assert bundle.ok, bundle.problems
    r = bundle.resolved
    key_arn = f"arn:{r.partition}:kms:{r.region}:{r.key.account}:key/{case.key_id}"
    return World(bundle, key_arn, case.aliases)


CONSUMER_STEPS = re.compile(
    r"CONSUMER_ARN=\$\(aws kinesis register-stream-consumer --region (\S+) --stream-arn (\S+) "
    r"--consumer-name (\S+) --query Consumer\.ConsumerARN --output text\)\n"
    r"until .*\n"
    r"aws kinesis put-resource-policy --region \1 --resource-arn \"\$CONSUMER_ARN\" "
    r"--policy \"\$\(sed \"s\|([^|]+)\|\$CONSUMER_ARN\|\" (\S+)\)\"\n")


def owner_registers(w: World, bundle: Bundle | None = None, timestamp: int = 1700000000) -> dict[str, str]:
    """Run the README's register-and-put steps in the evaluator's world: {file name: consumer ARN}.

    Registration returns `<stream ARN>/consumer/<name>:<timestamp>`; the README's sed then turns
    the file into the policy put on that ARN.
    """
    bundle = bundle or w.bundle
    files = bundle_files(bundle)
    registered = {}
    for _region, stream_arn, name, pattern, filename in CONSUMER_STEPS.findall(files["README.md"]):
        consumer_arn = f"{stream_arn}/consumer/{name}:{timestamp}"
        text = re.sub(pattern, lambda _m, arn=consumer_arn: arn, files[filename])
        w.consumer_policies[consumer_arn] = json.loads(text)
        registered[filename] = consumer_arn
    return registered
