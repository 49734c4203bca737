"""The scenarios every whole-bundle test runs over, and the stream owner's steps as the README gives them.

Each `Case` is a set of answers plus what AWS would know that the answers may not say (the key's
real ID behind an alias, the aliases on it). `world` renders a case into a World judged by the core evaluator;
`owner_registers` does what a bundle's README tells the stream's owner to do for each consumer in
another account, from the README's own commands, so the tests judge the commands too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from wizard.core.access import Setting, bundle_setting, kms_context
from wizard.core.bundle import bundle_files
from wizard.core.evaluate import ALLOWED, UNKNOWN, Request, Source, Verdict, combine, evaluate
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


def bundle_of(case: Case) -> Bundle:
    bundle = render_bundle(case.answers())
    assert bundle.ok, bundle.problems
    return bundle


def setting_of(case: Case, bundle: Bundle | None = None) -> Setting:
    """The bundle's world, with the key's real ARN and aliases as AWS knows them."""
    bundle = bundle or bundle_of(case)
    r = bundle.resolved
    key_arn = f"arn:{r.partition}:kms:{r.region}:{r.key.account}:key/{case.key_id}"
    return bundle_setting(bundle, key_arn=key_arn, key_aliases=case.aliases)


# --- a bundle as a little AWS world, judged by the core evaluator ---------------------------------
# The role tests ask yes/no questions ("can this producer write?"); an "unknown" answer is a failure
# of the test, never a yes or a no.

def decided(verdict: Verdict) -> bool:
    assert verdict.decision != UNKNOWN, verdict.reasons
    return verdict.decision == ALLOWED


KMS_KEYS = frozenset({"kms:viaservice", "kms:encryptioncontext:", "kms:encryptioncontextkeys", "kms:resourcealiases"})


def kms_request(principal: str, action: str, key_arn: str, context: Mapping[str, Any]) -> Request:
    """A KMS call whose context is all there is: a KMS key missing from `context` is absent."""
    return Request(principal, action, key_arn, {k: tuple(v) if isinstance(v, list) else v
                                                for k, v in context.items() if v != []}, KMS_KEYS)


def iam_decides(account: str) -> dict[str, Any]:
    """A key policy that leaves everything to the account's IAM policies (KMS's default)."""
    return {"Statement": [{"Effect": "Allow", "Principal": {"AWS": account}, "Action": "kms:*", "Resource": "*"}]}


def allowed(request: Request, identity: Sequence[Mapping[str, Any]], resource_policy: Mapping[str, Any] | None = None
            ) -> bool:
    """The core evaluator's yes or no for one request on these policy bodies."""
    kind = "key" if request.action.lower().startswith("kms:") else "stream"
    sources = [Source(f"identity-{n}.json", body) for n, body in enumerate(identity, start=1)]
    policy = Source(f"{kind}-policy.json", resource_policy, kind) if resource_policy is not None else None
    return decided(evaluate(request, sources, policy))


class World:
    """A rendered bundle plus what AWS knows: the real key ARN and its aliases."""

    def __init__(self, bundle: Bundle, key_arn: str, key_aliases: Sequence[str]):
        self.bundle = bundle
        self.key_arn = key_arn
        self.key_aliases = tuple(key_aliases)
        self.setting = bundle_setting(bundle, key_arn=key_arn, key_aliases=key_aliases)
        # Put on registered consumers, by consumer ARN: only what the owner has registered (owner_registers).
        self.consumer_policies: dict[str, Any] = {}

    @property
    def r(self) -> Any:
        return self.bundle.resolved

    @property
    def key_policy(self) -> Mapping[str, Any]:
        assert self.setting.key.policy is not None
        return self.setting.key.policy.body

    def identity(self, principal_arn: str) -> list[dict[str, Any]]:
        """The bodies of the identity policies attached to the principal."""
        return [s.body for s in self._sources(principal_arn)]

    def _sources(self, principal_arn: str) -> list[Source]:
        return [Source(d.filename, d.body) for d in self.bundle.documents
                if d.kind == "identity" and any(p.arn == principal_arn for p in d.principals)]

    def stream_policy(self, stream_arn: str) -> Source | None:
        return self.setting.stream_policies.get(stream_arn)

    def via(self, region: str | None = None) -> str:
        return f"kinesis.{region or self.r.region}.amazonaws.com"

    def kms(self, principal: str, account: str, action: str, stream_arn: str | None, *,
            via: str | None = "default", key_arn: str | None = None,
            aliases: Sequence[str] | None = None) -> bool:
        """A KMS call as Kinesis makes it for `stream_arn` (override pieces to make it wrong)."""
        assert principal.split(":")[4] == account
        stream = next((s for s in self.setting.streams if s.arn == stream_arn), None)
        context, closed, partial = kms_context(self.setting, stream, via=via is not None)
        if stream is None and stream_arn is not None:  # a stream the bundle does not know
            context["kms:EncryptionContext:aws:kinesis:arn"] = stream_arn
            context["kms:EncryptionContextKeys"] = ("aws:kinesis:arn",)
        if via not in ("default", None):
            context["kms:ViaService"] = via
        if aliases is not None:
            context["kms:ResourceAliases"] = tuple(aliases)
            if not aliases:
                del context["kms:ResourceAliases"]
        request = Request(principal, action, key_arn or self.key_arn, context, closed, partial)
        return decided(evaluate(request, self._sources(principal), self.setting.key.policy))

    def kinesis(self, principal: str, account: str, action: str, *resources: str) -> bool:
        assert principal.split(":")[4] == account
        verdicts = []
        for resource in resources:
            stream = next((s for s in self.setting.streams if resource == s.arn or resource.startswith(s.arn + "/")),
                          None)
            policy = None
            if stream is not None and resource == stream.arn:
                policy = self.setting.stream_policies.get(stream.arn)
            elif stream is not None and resource in self.consumer_policies:
                policy = Source("consumer-resource-policy.json", self.consumer_policies[resource], "consumer")
            verdicts.append(evaluate(Request(principal, action, resource), self._sources(principal), policy))
        return decided(combine(verdicts))


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
