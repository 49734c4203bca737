"""Who can do what: every principal of a bundle × the operations that matter, proved by the evaluator.

One function, `access_rows`, serves every face: the bundle's ACCESS.md, `explain`, `check` and
the wizard. Each row is one request as AWS sees it (principal, action, resource, the request
context Kinesis sends) with the decision and the statements that made it.

The request context is what Kinesis sends on the principal's behalf: for the GenerateDataKey and
Decrypt calls it makes while a principal writes or reads, kms:ViaService is
kinesis.<region>.amazonaws.com and the encryption context is {"aws:kinesis:arn": <stream ARN>}
(https://docs.aws.amazon.com/streams/latest/dev/permissions-user-key-KMS.html,
https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service).
Enhanced fan-out authorizes against the consumer's ARN
(https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonkinesisdatastreams.html).

Cost: (principals + 2) × (11 × streams + 4) evaluations of a few statements each; about a
millisecond per principal and stream (benchmarks/README.md has the figures).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from wizard.core import actions
from wizard.core.evaluate import ALLOWED, UNKNOWN, Request, Source, Verdict, combine, evaluate

VIA_KINESIS = "via-kinesis"  # a KMS call Kinesis makes for the principal, for one of the bundle's streams
OTHER_STREAM = "other-stream"  # the same, for a stream that is not the bundle's
DIRECT = "direct"  # the principal calls the API itself
CONSUMER_NAME = "app:1700000000"  # a registered consumer's name and creation time, as its ARN ends


@dataclass(frozen=True)
class Operation:
    """One thing a principal might do, as the API call AWS authorizes."""

    label: str
    action: str
    target: str  # "stream" | "consumer" | "key" | "stream+key"
    call: str = DIRECT
    per_stream: bool = True


def _kinesis(name: str, target: str = "stream") -> Operation:
    return Operation(name, f"kinesis:{name}", target)


# The operations that matter for each role, and those nobody here should be able to do.
TABLE: tuple[Operation, ...] = (
    _kinesis("PutRecord"),
    _kinesis("PutRecords"),
    _kinesis("GetShardIterator"),
    _kinesis("GetRecords"),
    _kinesis("SubscribeToShard", "consumer"),
    Operation("GenerateDataKey via Kinesis", actions.GENERATE_DATA_KEY, "key", VIA_KINESIS),
    Operation("Decrypt via Kinesis", actions.DECRYPT, "key", VIA_KINESIS),
    Operation("Decrypt directly", actions.DECRYPT, "key", DIRECT),
    Operation("GenerateDataKey, another stream", actions.GENERATE_DATA_KEY, "key", OTHER_STREAM, False),
    Operation("Decrypt, another stream", actions.DECRYPT, "key", OTHER_STREAM, False),
    _kinesis("StartStreamEncryption", "stream+key"),
    _kinesis("StopStreamEncryption", "stream+key"),
    Operation("PutKeyPolicy", "kms:PutKeyPolicy", "key", DIRECT, False),
    Operation("ScheduleKeyDeletion", "kms:ScheduleKeyDeletion", "key", DIRECT, False),
)
BY_LABEL = {op.label: op for op in TABLE}
# Calls that support a role's work without being its purpose; `check` lists them as advice.
SUPPORT: dict[str, Operation] = {
    name: _kinesis(name, "consumer" if name in ("DescribeStreamConsumer", "DeregisterStreamConsumer") else "stream")
    for name in ("ListShards", "DescribeStream", "DescribeStreamSummary", "RegisterStreamConsumer",
                 "ListStreamConsumers", "DescribeStreamConsumer", "DeregisterStreamConsumer")
}
DESCRIBE_KEY = Operation("DescribeKey", "kms:DescribeKey", "key", DIRECT, False)


def _op(action: str) -> Operation:
    name = action.split(":", 1)[1]
    return BY_LABEL.get(name) or SUPPORT[name]


def needs(role: str, service: str | None = None) -> list[tuple[Operation, bool]]:
    """What a role needs to do its job: (operation, required). Not required means advised.

    Required is the least that works: a producer writes and has data keys made; a poller gets an
    iterator, reads and has records decrypted; a service reads with everything its guide lists; an
    administrator starts and stops encryption. The rest is what the tool grants for libraries
    (KPL, KCL), enhanced fan-out and inspection (see wizard/core/actions.py).
    """
    out: list[tuple[Operation, bool]] = []
    if role == "producer":
        out += [(BY_LABEL["PutRecord"], True), (BY_LABEL["PutRecords"], True),
                (BY_LABEL["GenerateDataKey via Kinesis"], True)]
        out += [(_op(a), False) for a in actions.PRODUCER if a not in ("kinesis:PutRecord", "kinesis:PutRecords")]
    elif role == "consumer":
        if service is None:
            on_stream, fan_stream, fan_consumer = actions.CONSUMER, actions.FAN_OUT_ON_STREAM, \
                actions.FAN_OUT_ON_CONSUMER
            required = {"kinesis:GetShardIterator", "kinesis:GetRecords"}
        else:
            on_stream, fan_stream, fan_consumer = actions.SERVICE_READS[service]
            required = set(on_stream)
        ordered = sorted(on_stream, key=lambda a: (a not in ("kinesis:GetShardIterator", "kinesis:GetRecords"), a))
        out += [(_op(a), a in required) for a in ordered]
        out.append((BY_LABEL["Decrypt via Kinesis"], True))
        out += [(_op(a), False) for a in (*fan_stream, *fan_consumer)]
    elif role == "admin":
        out += [(BY_LABEL["StartStreamEncryption"], True), (BY_LABEL["StopStreamEncryption"], True)]
        out += [(_op(a), False) for a in actions.ADMIN_STREAM_READS]
        out += [(DESCRIBE_KEY, False), (BY_LABEL["GenerateDataKey via Kinesis"], False)]
    else:
        raise ValueError(f"unknown role {role!r}")
    return out


# --- the world a set of documents describes -----------------------------------------------------


@dataclass(frozen=True)
class Who:
    """A principal a table row is about: one of the bundle's, or a stranger that proves nothing leaks."""

    arn: str
    label: str
    identity: tuple[Source, ...]
    roles: tuple[str, ...] = ()
    service: str | None = None
    stranger: bool = False


@dataclass(frozen=True)
class Stream:
    name: str
    arn: str


@dataclass(frozen=True)
class Key:
    """The stream's key as far as it is known: its ARN (or probes when only an alias is), its aliases."""

    arn: str
    account: str
    policy: Source | None  # None: not known (KMS answers are then unknown)
    aliases: tuple[str, ...] = ()
    aliases_complete: bool = False
    probes: tuple[str, ...] = ()
    managed: bool = False


@dataclass(frozen=True)
class Setting:
    partition: str
    region: str
    account: str  # the streams'
    streams: tuple[Stream, ...]
    key: Key
    principals: tuple[Who, ...]
    stream_policies: Mapping[str, Source] = field(default_factory=dict)  # by stream ARN
    consumer_policies: Mapping[str, Source] = field(default_factory=dict)  # by stream ARN
    stream_policies_known: bool = True

    @property
    def via(self) -> str:
        return f"kinesis.{self.region}.amazonaws.com"

    def other_stream(self) -> Stream:
        names = {s.name for s in self.streams}
        name, n = "another-stream", 1
        while name in names:
            n += 1
            name = f"another-stream-{n}"
        return Stream(name, f"arn:{self.partition}:kinesis:{self.region}:{self.account}:stream/{name}")


def managed_key_policy(partition: str, region: str, account: str) -> dict[str, Any]:
    """The shape of the AWS managed key's policy: every principal of the account, only through Kinesis.

    The text of aws/kinesis's policy is not published; this is the shape every AWS managed key
    has (kms:CallerAccount and kms:ViaService), documented at
    https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service
    and the Kinesis page's "no custom IAM permissions" for the default key.
    """
    return {
        "Version": "2012-10-17",
        "Statement": [
            {"Sid": "AllowAccessThroughKinesis", "Effect": "Allow", "Principal": {"AWS": "*"},
             "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
             "Resource": "*",
             "Condition": {"StringEquals": {"kms:CallerAccount": account,
                                            "kms:ViaService": f"kinesis.{region}.amazonaws.com"}}},
            {"Sid": "AllowDirectRead", "Effect": "Allow", "Principal": {"AWS": f"arn:{partition}:iam::{account}:root"},
             "Action": ["kms:Describe*", "kms:Get*", "kms:List*"], "Resource": "*"},
        ],
    }


MANAGED_POLICY_NAME = "aws/kinesis key policy (AWS managed)"
EVERYTHING = Source("(every IAM permission in its own account)",
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})


def key_probes(partition: str, region: str, account: str) -> tuple[str, ...]:
    """Two different key ARNs of one place: a policy naming one exact key matches one and not the other."""
    base = f"arn:{partition}:kms:{region}:{account}:key/"
    return base + "00000000-0000-4000-8000-000000000000", base + "mrk-ffffffffffffffffffffffffffffffff"


def strangers(partition: str, account: str, taken: Sequence[str]) -> tuple[Who, Who]:
    """Anyone else in the account (no policy of ours), and a role of another account that IAM lets do anything."""
    name, n = "someone-else", 1
    while f"arn:{partition}:iam::{account}:role/{name}" in taken:
        n += 1
        name = f"someone-else-{n}"
    accounts = {t.split(":")[4] for t in taken if t.count(":") >= 5} | {account}
    other = next(str(n) for n in range(999999999999, 0, -1) if str(n) not in accounts)
    return (Who(f"arn:{partition}:iam::{account}:role/{name}", f"anyone else in {account}", (), stranger=True),
            Who(f"arn:{partition}:iam::{other}:role/{name}", f"another account ({other})", (EVERYTHING,),
                stranger=True))


# --- rows ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    who: Who
    operation: Operation
    stream: Stream | None
    requests: tuple[Request, ...]
    verdict: Verdict

    @property
    def decision(self) -> str:
        return self.verdict.decision

    def to_json(self) -> dict[str, Any]:
        first = self.requests[0]
        row: dict[str, Any] = {
            "principal": self.who.arn,
            "who": self.who.label,
            "operation": self.operation.label,
            "action": self.operation.action,
            "resource": first.resource,
            "context": {k: list(v) if isinstance(v, tuple) else v for k, v in first.context.items()},
            "decision": self.decision,
            "because": list(self.verdict.because),
        }
        if len(self.requests) > 1:
            row["resources"] = [r.resource for r in self.requests]
        row["stream"] = self.stream.arn if self.stream else None
        if self.verdict.reasons:
            row["reasons"] = list(self.verdict.reasons)
        return row


def kms_context(setting: Setting, stream: Stream | None, *, via: bool) -> tuple[dict[str, Any], frozenset[str],
                                                                                  frozenset[str]]:
    """(context, closed keys, partial keys) of a KMS call on the stream's key."""
    context: dict[str, Any] = {}
    closed = {"kms:viaservice", "kms:encryptioncontext:", "kms:encryptioncontextkeys"}
    partial: set[str] = set()
    if via:
        context["kms:ViaService"] = setting.via
    if stream is not None:
        context["kms:EncryptionContext:aws:kinesis:arn"] = stream.arn
        context["kms:EncryptionContextKeys"] = ("aws:kinesis:arn",)
    if setting.key.aliases:
        context["kms:ResourceAliases"] = tuple(setting.key.aliases)
        if not setting.key.aliases_complete:
            partial.add("kms:resourcealiases")
    elif setting.key.aliases_complete:
        closed.add("kms:resourcealiases")
    return context, frozenset(closed), frozenset(partial)


def requests_for(setting: Setting, who: Who, op: Operation,
                 stream: Stream | None) -> list[tuple[Request, Source | None]]:
    """The request(s) of one operation, each with the resource policy that applies to it."""
    out: list[tuple[Request, Source | None]] = []
    if op.target in ("stream", "stream+key"):
        assert stream is not None
        out.append((Request(who.arn, op.action, stream.arn), setting.stream_policies.get(stream.arn)))
    if op.target == "consumer":
        assert stream is not None
        out.append((Request(who.arn, op.action, f"{stream.arn}/consumer/{CONSUMER_NAME}"),
                    setting.consumer_policies.get(stream.arn)))
    if op.target == "stream+key":  # the key is a second resource of the Kinesis call; no key policy applies
        out.append((Request(who.arn, op.action, setting.key.arn, probes=setting.key.probes), None))
    if op.target == "key":
        # A direct call per stream carries that stream's encryption context, as a caller who wants
        # to decrypt the stream's records outside Kinesis would send it.
        target = setting.other_stream() if op.call == OTHER_STREAM else stream
        context, closed, partial = kms_context(setting, target, via=op.call != DIRECT)
        out.append((Request(who.arn, op.action, setting.key.arn, context, closed, partial, setting.key.probes),
                    setting.key.policy))
    return out


def evaluate_operation(setting: Setting, who: Who, op: Operation, stream: Stream | None) -> Row:
    pairs = requests_for(setting, who, op, stream)
    verdicts = []
    for request, policy in pairs:
        if request.action.startswith("kms:"):
            verdicts.append(evaluate(request, who.identity, policy))
        else:
            known = setting.stream_policies_known or policy is not None or request.resource == setting.key.arn
            verdicts.append(evaluate(request, who.identity, policy, resource_policy_known=known))
    return Row(who, op, stream, tuple(r for r, _ in pairs), combine(verdicts))


def rows_for(setting: Setting, who: Who, operations: Sequence[Operation] = TABLE) -> list[Row]:
    out = []
    for op in operations:
        for stream in setting.streams if op.per_stream else (None,):
            out.append(evaluate_operation(setting, who, op, stream))
    return out


def setting_rows(setting: Setting) -> list[Row]:
    """Every principal and both strangers × every operation of the table."""
    who = list(setting.principals)
    who += strangers(setting.partition, setting.account, [p.arn for p in setting.principals])
    return [row for w in who for row in rows_for(setting, w, TABLE)]


# --- a bundle as a setting ----------------------------------------------------------------------


def bundle_setting(bundle: Any, bodies: Mapping[str, Any] | None = None, *, key_arn: str | None = None,
                   key_aliases: Sequence[str] | None = None) -> Setting:
    """The world a bundle describes: its documents (or `bodies` by file name, as edited on disk).

    The real key ARN and the key's aliases are facts AWS knows and a bundle may not (a key given
    by alias); pass them when known. Otherwise an alias-only key is matched by probes and its
    alias is known to be one of possibly several.
    """
    r = bundle.resolved

    def source(doc: Any) -> Source:
        body = bodies.get(doc.filename, doc.body) if bodies is not None else doc.body
        return Source(doc.filename, body, doc.kind)

    streams = tuple(Stream(s.name, s.arn) for s in r.streams)
    managed = r.key.managed
    if managed:
        policy: Source | None = Source(MANAGED_POLICY_NAME, managed_key_policy(r.partition, r.region, r.key.account),
                                       "key")
    else:
        doc = bundle.get("key")
        policy = source(doc) if doc is not None else None
    probes: tuple[str, ...] = ()
    arn = key_arn or r.key.arn
    if arn is None:
        probes = key_probes(r.partition, r.region, r.key.account)
        arn = f"arn:{r.partition}:kms:{r.region}:{r.key.account}:key/<the key of {r.key.alias}>"
    if key_aliases is not None:
        aliases, complete = tuple(key_aliases), True
    else:
        aliases, complete = ((r.key.alias,) if r.key.alias else ()), False
    key = Key(arn, r.key.account, policy, aliases, complete, probes, managed)
    principals = []
    for p in r.principals:
        identity = tuple(source(d) for d in bundle.documents if d.kind == "identity" and p in d.principals)
        principals.append(Who(p.arn, p.name, identity, p.roles, p.service))
    stream_policies = {d.stream.arn: source(d) for d in bundle.documents if d.kind == "stream" and d.stream}
    consumer_policies = {d.stream.arn: source(d) for d in bundle.documents if d.kind == "consumer" and d.stream}
    return Setting(r.partition, r.region, r.account, streams, key, tuple(principals), stream_policies,
                   consumer_policies)


def access_rows(bundle: Any, bodies: Mapping[str, Any] | None = None, **facts: Any) -> list[Row]:
    """The access table of a bundle: every principal, and anyone else, × the operations that matter."""
    return setting_rows(bundle_setting(bundle, bodies, **facts))


def summary(rows: Sequence[Row]) -> dict[str, int]:
    counts = {ALLOWED: 0, "denied": 0, UNKNOWN: 0}
    for row in rows:
        counts[row.decision] += 1
    return counts
