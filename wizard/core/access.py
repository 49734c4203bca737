"""Who can do what: every principal of a bundle × the operations that matter, proved by the evaluator.

`bundle_setting` and `setting_rows` serve every face: the bundle's ACCESS.md, `explain`, `check`
and the wizard. Each row is one request as AWS sees it (principal, action, resource, the request
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

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from wizard.core import actions, alias_key
from wizard.core.alias_key import Probes, key_probes, probe_set
from wizard.core.evaluate import (
    ALLOWED,
    DENIED,
    UNKNOWN,
    Request,
    Source,
    Verdict,
    arn_part,
    combine,
    evaluate,
    signatures,
)
from wizard.core.policies.consumer_policy import TIMESTAMP_PLACEHOLDER

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


# The operations that matter for each role, and those nobody here should be able to do. Written out, not
# made by a helper: the table is built once at import, where a mutation test cannot reach a helper's changes.
TABLE: tuple[Operation, ...] = (
    Operation("PutRecord", "kinesis:PutRecord", "stream"),
    Operation("PutRecords", "kinesis:PutRecords", "stream"),
    Operation("GetShardIterator", "kinesis:GetShardIterator", "stream"),
    Operation("GetRecords", "kinesis:GetRecords", "stream"),
    Operation("SubscribeToShard", "kinesis:SubscribeToShard", "consumer"),
    Operation("GenerateDataKey via Kinesis", actions.GENERATE_DATA_KEY, "key", VIA_KINESIS),
    Operation("Decrypt via Kinesis", actions.DECRYPT, "key", VIA_KINESIS),
    Operation("Decrypt directly", actions.DECRYPT, "key", DIRECT),
    Operation("GenerateDataKey, another stream", actions.GENERATE_DATA_KEY, "key", OTHER_STREAM, False),
    Operation("Decrypt, another stream", actions.DECRYPT, "key", OTHER_STREAM, False),
    Operation("StartStreamEncryption", "kinesis:StartStreamEncryption", "stream+key"),
    Operation("StopStreamEncryption", "kinesis:StopStreamEncryption", "stream+key"),
    Operation("PutKeyPolicy", "kms:PutKeyPolicy", "key", DIRECT, False),
    Operation("ScheduleKeyDeletion", "kms:ScheduleKeyDeletion", "key", DIRECT, False),
)
BY_LABEL = {op.label: op for op in TABLE}
# Calls that support a role's work without being its purpose; `check` lists them as advice.
SUPPORT: dict[str, Operation] = {
    name: Operation(name, f"kinesis:{name}",
                    "consumer" if name in ("DescribeStreamConsumer", "DeregisterStreamConsumer") else "stream")
    for name in ("ListShards", "DescribeStream", "DescribeStreamSummary", "RegisterStreamConsumer",
                 "ListStreamConsumers", "DescribeStreamConsumer", "DeregisterStreamConsumer")
}
DESCRIBE_KEY = Operation("DescribeKey", "kms:DescribeKey", "key", DIRECT, False)


def _op(action: str) -> Operation:
    """The operation of a Kinesis action (every action a role needs on a stream or consumer is one)."""
    name = action.removeprefix("kinesis:")
    return BY_LABEL.get(name) or SUPPORT[name]


def needs(role: str, service: str | None = None) -> list[tuple[Operation, bool]]:
    """What a role needs to do its job: (operation, required). Not required means advised.

    Required is the least that works: a producer writes and has data keys made; a poller gets an
    iterator, reads and has records decrypted; a service reads with everything its guide lists; an
    administrator starts and stops encryption. The rest is what the tool grants for libraries
    (KPL, KCL), enhanced fan-out and inspection (see wizard/core/actions.py).
    """
    out: list[tuple[Operation, bool]]
    if role == "producer":
        out = [(BY_LABEL["PutRecord"], True), (BY_LABEL["PutRecords"], True),
               (BY_LABEL["GenerateDataKey via Kinesis"], True)]
        out += [(_op(a), False) for a in actions.PRODUCER if a not in ("kinesis:PutRecord", "kinesis:PutRecords")]
    elif role == "consumer":
        on_stream, _ = actions.consumer(service, fan_out=False)
        fan_stream = tuple(a for a in actions.consumer(service, fan_out=True)[0] if a not in on_stream)
        fan_consumer = actions.consumer(service, fan_out=True)[1]
        required = {"kinesis:GetShardIterator", "kinesis:GetRecords"} if service is None else set(on_stream)
        ordered = sorted(on_stream, key=lambda a: (a not in ("kinesis:GetShardIterator", "kinesis:GetRecords"), a))
        out = [(_op(a), a in required) for a in ordered]
        out.append((BY_LABEL["Decrypt via Kinesis"], True))
        out += [(_op(a), False) for a in (*fan_stream, *fan_consumer)]
    elif role == "admin":
        out = [(BY_LABEL["StartStreamEncryption"], True), (BY_LABEL["StopStreamEncryption"], True)]
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
    consumer: str = CONSUMER_NAME  # its registered consumer's name and creation time, as its ARN ends

    def consumer_arn(self, stream: Stream) -> str:
        return f"{stream.arn}/consumer/{self.consumer}"


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
    consumer_policies: Mapping[str, Source] = field(default_factory=dict)  # by the consumer's ARN

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


class Row:
    """One operation of one principal: for one stream, for a group of streams every policy treats
    alike (see `stream_classes`), or for none (operations on the key alone).

    A row of a principal that every policy treats like another (see `principal_class`) is that
    principal's row (`like`): its requests and reasons name this principal only when asked for,
    so 100 alike principals cost one principal's evaluation and a pointer each.
    """

    __slots__ = ("_requests", "_verdict", "decision", "like", "operation", "streams", "who")

    def __init__(self, who: Who, operation: Operation, streams: tuple[Stream, ...],
                 requests: tuple[Request, ...] | None, verdict: Verdict | None, like: Row | None = None) -> None:
        self.who, self.operation, self.streams = who, operation, streams
        self._requests, self._verdict = requests, verdict  # as made for the first stream
        self.like = like
        self.decision: str = verdict.decision if verdict is not None else like.decision if like else UNKNOWN

    @classmethod
    def of(cls, row: Row, who: Who) -> Row:
        """`row`, as the row of `who`, whom every policy treats alike."""
        first = row.like or row
        return cls(who, row.operation, row.streams, None, None, first)

    @property
    def requests(self) -> tuple[Request, ...]:
        if self._requests is None:
            assert self.like is not None
            self._requests = tuple(replace(r, principal=self.who.arn) for r in self.like.requests)
        return self._requests

    @property
    def verdict(self) -> Verdict:
        if self._verdict is None:
            assert self.like is not None
            verdict = self.like.verdict
            self._verdict = replace(verdict, reasons=renamed(verdict.reasons, self.like.who.arn, self.who.arn))
        return self._verdict

    @property
    def stream(self) -> Stream | None:
        return self.streams[0] if self.streams else None

    def __repr__(self) -> str:
        return f"Row({self.who.label!r}, {self.operation.label!r}, {[s.name for s in self.streams]!r}, " \
               f"{self.decision!r})"

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


# What may follow an ARN in a longer one: a role's name may go on with +=,.@_- (or a path /); a wildcard (* ?)
# makes a pattern of it; a quote ends a policy's own text quoted in a reason.
_NAME_CHARS = r"[\w+=,.@/*?'\"-]"


@lru_cache(maxsize=256)
def _arn_pattern(arn: str) -> re.Pattern[str]:
    """The whole ARN, not the start of a longer name, a pattern or a quoted text."""
    return re.compile(re.escape(arn) + f"(?!{_NAME_CHARS})")


def renamed(texts: Sequence[str], old: str, new: str) -> tuple[str, ...]:
    """Words about principal `old` as words about `new`: its ARN replaced wherever the words name it.

    A policy's own text quoted in a reason (a Principal pattern such as 'arn:...:role/app*', a condition's
    value) is what the policy says, the same for both principals, and stays as it is.
    """
    if old == new:
        return tuple(texts)
    pattern = _arn_pattern(old)
    return tuple(pattern.sub(lambda _m: new, x) for x in texts)


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


def _probes(setting: Setting, who: Who, action: str) -> Probes:
    """A key known by alias may be any key of its place: a stand-in for each way the patterns of `who`'s identity
    policies and the key policy (all that decide its requests on the key) can match a key there (see
    wizard.core.alias_key); remembered per set of identity policies and action."""
    if not setting.key.probes:
        return Probes(())
    cache = setting.__dict__.setdefault("_probes", {})  # a frozen dataclass may still keep a cache
    key = (tuple(id(s.body) for s in who.identity), action)
    if key not in cache:
        cache[key] = probe_set(setting.key.probes, [*who.identity, setting.key.policy], action)
    return cache[key]


def requests_for(setting: Setting, who: Who, op: Operation,
                 stream: Stream | None) -> list[tuple[Request, Source | None]]:
    """The request(s) of one operation, each with the resource policy that applies to it."""
    out: list[tuple[Request, Source | None]] = []
    probes = _probes(setting, who, op.action).keys
    if op.target in ("stream", "stream+key"):
        assert stream is not None
        out.append((Request(who.arn, op.action, stream.arn), setting.stream_policies.get(stream.arn)))
    if op.target == "consumer":
        assert stream is not None
        consumer = who.consumer_arn(stream)
        out.append((Request(who.arn, op.action, consumer), setting.consumer_policies.get(consumer)))
    if op.target == "stream+key":  # the key is a second resource of the Kinesis call; no key policy applies
        out.append((Request(who.arn, op.action, setting.key.arn, probes=probes), None))
    if op.target == "key":
        # A direct call per stream carries that stream's encryption context, as a caller who wants
        # to decrypt the stream's records outside Kinesis would send it.
        target = setting.other_stream() if op.call == OTHER_STREAM else stream
        context, closed, partial = kms_context(setting, target, via=op.call != DIRECT)
        out.append((Request(who.arn, op.action, setting.key.arn, context, closed, partial, probes),
                    setting.key.policy))
    return out


def evaluate_operation(setting: Setting, who: Who, op: Operation, stream: Stream | None, *,
                       brief: bool = False) -> Row:
    """One operation's row; `brief` leaves the near misses out of a denial's reasons (for big tables)."""
    pairs = requests_for(setting, who, op, stream)
    probes = _probes(setting, who, op.action) if any(r.probes for r, _ in pairs) else Probes(())
    if probes.cut:  # the probes are not every kind of key the alias may name: only a denial of the rest is proved
        others = [evaluate(r, who.identity, policy, brief=brief) for r, policy in pairs if not r.probes]
        rest = combine(others) if others else Verdict(UNKNOWN)
        verdict = rest if rest.decision == DENIED else Verdict(UNKNOWN, (), (*rest.reasons, probes.cut), rest.missing)
        return Row(who, op, (stream,) if stream else (), tuple(r for r, _ in pairs), verdict)
    verdict = combine([evaluate(request, who.identity, policy, brief=brief) for request, policy in pairs])
    if verdict.decision == UNKNOWN and probes.keys:
        verdict = _each_key(setting, who, pairs, verdict, probes.keys, brief)
    else:
        verdict = _alias_words(setting, verdict)
    return Row(who, op, (stream,) if stream else (), tuple(r for r, _ in pairs), verdict)


def _each_key(setting: Setting, who: Who, pairs: list[tuple[Request, Source | None]], verdict: Verdict,
              keys: tuple[str, ...], brief: bool) -> Verdict:
    """An unknown answer on a key known by alias, decided key by key: the probes stand for every way a key's id
    can meet the policies (wizard.core.alias_key), so when all are allowed (or all denied), so is the alias's key,
    though no one statement said so for every key. Otherwise `verdict`, in words that say the id is not known."""
    each = [combine([evaluate(replace(r, resource=key, probes=()) if r.probes else r, who.identity, policy,
                              brief=brief) for r, policy in pairs]) for key in keys]
    decisions = {v.decision for v in each}
    if decisions == {ALLOWED}:
        return Verdict(ALLOWED, tuple(dict.fromkeys(ref for v in each for ref in v.because)))
    if decisions != {DENIED}:
        return _alias_words(setting, verdict)
    place = f"account {arn_part(keys[0], 4)} in {arn_part(keys[0], 3)}"
    reasons = [f"denied for every key the alias may name (any key of {place}: its id is not known, only its alias "
               "is), for one or more of these reasons"]
    for key, v in zip(keys, each, strict=True):
        reasons += renamed(v.reasons, key, setting.key.arn)
    return Verdict(DENIED, tuple(dict.fromkeys(ref for v in each for ref in v.because)),
                   tuple(dict.fromkeys(reasons)), frozenset().union(*(v.missing for v in each)),
                   tuple(dict.fromkeys(ref for v in each for ref in v.denied_by)))


def _alias_words(setting: Setting, verdict: Verdict) -> Verdict:
    """A verdict on a key known only by alias says, where a Resource did or did not match it, that the key's
    id is not known and what an alias may name."""
    probes = setting.key.probes
    if not probes or verdict.decision == ALLOWED:
        return verdict
    place = f"key of account {arn_part(probes[0], 4)} in {arn_part(probes[0], 3)}"
    words = {f"may or may not match {setting.key.arn}": f"its id is not known (only its alias is), and it may be "
                                                        f"any {place}",
             f"does not match {setting.key.arn}": f"its id is not known (only its alias is), but an alias names "
                                                  f"a {place}"}

    def said(reason: str) -> str:
        for match, why in words.items():
            if reason.endswith(match):
                return f"{reason}: {why}"
        return reason

    return replace(verdict, reasons=tuple(said(r) for r in verdict.reasons))


def rows_for(setting: Setting, who: Who, operations: Sequence[Operation] = TABLE,
             classes: Sequence[tuple[Stream, ...]] | None = None) -> list[Row]:
    """`who` × `operations`, per stream, or per group of alike streams when `classes` is given."""
    groups = classes if classes is not None else [(s,) for s in setting.streams]
    brief = classes is not None
    out = []
    for op in operations:
        if not op.per_stream:
            out.append(evaluate_operation(setting, who, op, None, brief=brief))
            continue
        for group in groups:
            row = evaluate_operation(setting, who, op, group[0], brief=brief)
            out.append(_widen(setting, row, group) if len(group) > 1 else row)
    return out


def setting_rows(setting: Setting, *, exact: bool = False) -> list[Row]:
    """Every principal and both strangers × every operation of the table.

    `exact` gives one row per stream (for --json); otherwise one row per group of streams that
    every policy treats alike, which costs the same for 1 stream or 1,000 generated together.
    """
    return [row for rows in principal_rows(setting, exact=exact) for row in rows]


def principal_rows(setting: Setting, *, exact: bool = False) -> Iterator[list[Row]]:
    """`setting_rows`, a principal at a time (the bundle's, then anyone else, then another account), so
    that a caller whose answers have changed meanwhile can stop between two."""
    who = list(setting.principals)
    who += strangers(setting.partition, setting.account, [p.arn for p in setting.principals])
    if exact:
        for w in who:
            yield rows_for(setting, w, TABLE)
        return
    # Principals with the same policies (every producer of a bundle) share one grouping of the streams,
    # and principals every policy treats alike share their rows.
    by_policies: dict[tuple[int, ...], list[tuple[Stream, ...]]] = {}
    by_treatment: dict[Any, list[Row]] = {}
    for w in who:
        key = tuple(id(s.body) for s in w.identity)
        if key not in by_policies:
            by_policies[key] = stream_classes(setting, w.identity)
        treatment = principal_class(setting, w)
        if treatment is not None and treatment in by_treatment:
            yield [Row.of(row, w) for row in by_treatment[treatment]]
            continue
        mine = rows_for(setting, w, TABLE, by_policies[key])
        if treatment is not None:
            by_treatment[treatment] = mine
        yield mine


# --- principals every policy treats alike -------------------------------------------------------

PER_PRINCIPAL_KEYS = ("aws:principalarn", "aws:userid", "aws:username", "aws:principaltag", "${")


def principal_class(setting: Setting, who: Who) -> Any:
    """What tells `who` apart from other principals in every policy, or None when something may
    (a condition on the principal's ARN, name or tags, a policy variable): then it is evaluated alone.

    A policy tells principals apart only by which identity policies they have, their account, the
    consumer registered for them, and which Principal/NotPrincipal elements name them; two principals
    alike in all of these get the same decisions from the same statements.
    """
    resource_policies = [setting.key.policy, *setting.stream_policies.values(), *setting.consumer_policies.values()]
    texts = [s.body for s in (*who.identity, *resource_policies) if s is not None]
    if _mentions(texts):
        return None
    probe = Request(who.arn, "probe:Probe", "")
    named = []
    for source in (s for s in resource_policies if s is not None):
        for stmt in source.compiled() or []:
            if isinstance(stmt.raw, Mapping) and ("Principal" in stmt.raw or "NotPrincipal" in stmt.raw):
                match = stmt.principal(probe)  # remembered: the evaluation asks again
                named.append((match.value, match.scope))
    return (tuple(id(s.body) for s in who.identity), probe.account, who.consumer, tuple(named))


def _mentions(bodies: Sequence[Any]) -> bool:
    cache_key = tuple(id(b) for b in bodies)
    cached = _MENTIONS.get(cache_key)
    if cached is not None and all(a is b for a, b in zip(cached[0], bodies, strict=True)):
        return cached[1]
    text = json.dumps(bodies, default=str).lower()
    found = any(k in text for k in PER_PRINCIPAL_KEYS)
    if len(_MENTIONS) > 1000:
        _MENTIONS.clear()
    _MENTIONS[cache_key] = (tuple(bodies), found)
    return found


_MENTIONS: dict[tuple[int, ...], tuple[tuple[Any, ...], bool]] = {}


def clear_caches() -> None:
    _MENTIONS.clear()
    alias_key.clear_caches()


# --- streams every policy treats alike ----------------------------------------------------------

TOKEN = "\x00STREAM"
EC_KEY = "kms:EncryptionContext:aws:kinesis:arn"


def _own_policies(setting: Setting, stream: Stream) -> list[Source]:
    """The stream's resource policy and those of its registered consumers, in a stable order."""
    own = [setting.stream_policies.get(stream.arn)]
    own += [setting.consumer_policies[arn] for arn in sorted(setting.consumer_policies)
            if arn.startswith(stream.arn + "/consumer/")]
    return [s for s in own if s is not None]


def _canonical(value: Any, arn: str) -> Any:
    """A policy with the stream's own ARN (alone, or before /consumer/...) written as a token."""
    if isinstance(value, str):
        if value == arn or value.startswith(arn + "/"):
            return TOKEN + value[len(arn):]
        return value
    if isinstance(value, list):
        return [_canonical(v, arn) for v in value]
    if isinstance(value, dict):
        return {k: _canonical(v, arn) for k, v in value.items()}
    return value


def stream_classes(setting: Setting, identity: Sequence[Source] | None = None) -> list[tuple[Stream, ...]]:
    """The streams in groups that every policy treats alike, so that one of each group stands for all.

    A policy tells requests for two streams apart only through its Resource and NotResource
    elements and its conditions on the encryption context (the stream's ARN); and each stream may
    have resource policies of its own. Two streams are alike when all of those say the same of
    both and their own policies are the same once each names its stream by a token. Then every
    decision for one is the decision for the other, and the statements that decide are the same
    but for the names of their own files. With `identity`, only those identity policies (one
    principal's) count, which groups more coarsely.
    """
    if len(setting.streams) < 2:
        return [setting.streams] if setting.streams else []
    shared: dict[int, Source] = {}
    for source in identity if identity is not None else [s for w in setting.principals for s in w.identity]:
        shared.setdefault(id(source.body), source)
    if setting.key.policy is not None:
        shared[id(setting.key.policy.body)] = setting.key.policy
    subjects = [((s.arn, f"{s.arn}/consumer/{CONSUMER_NAME}"), s.arn) for s in setting.streams]
    common = signatures(list(shared.values()), subjects, EC_KEY)
    groups: dict[Any, list[Stream]] = {}
    for stream, subject, signature in zip(setting.streams, subjects, common, strict=True):
        own = _own_policies(setting, stream)
        if own:  # its own resource policies: what they say of it, and their text with its ARN as a token
            signature = (signature, signatures(own, [subject], EC_KEY)[0], json.dumps(
                [[s.kind, _canonical(s.body, stream.arn)] for s in own], sort_keys=True, default=str))
        groups.setdefault(signature, []).append(stream)
    return [tuple(g) for g in groups.values()]


def _widen(setting: Setting, row: Row, group: tuple[Stream, ...]) -> Row:
    """The row of a group's first stream, for the whole group: its own files' names in `because` mapped."""
    first = {s.name: s for s in _own_policies(setting, group[0])}
    if not first:
        return Row(row.who, row.operation, group, row.requests, row.verdict)
    because: dict[str, None] = {}
    for stream in group:
        names = dict(zip(first, (s.name for s in _own_policies(setting, stream)), strict=False))
        for ref in row.verdict.because:
            file, _, sid = ref.partition("#")  # our file names never hold '#'; a Sid edited by hand may
            because[f"{names.get(file, file)}#{sid}"] = None
    return Row(row.who, row.operation, group, row.requests, replace(row.verdict, because=tuple(because)))


# --- a bundle as a setting ----------------------------------------------------------------------


def bundle_setting(bundle: Any, bodies: Mapping[str, Any] | None = None, *, key_arn: str | None = None,
                   key_aliases: Sequence[str] | None = None) -> Setting:
    """The world a bundle describes: its documents (or `bodies` by file name, as edited on disk).

    The real key ARN and the key's aliases are facts AWS knows and a bundle may not (a key given
    by alias); pass them when known. Otherwise an alias-only key is matched by probes and its
    alias is known to be one of possibly several.
    """
    r = bundle.resolved

    sources: dict[str, Source] = {}

    def source(doc: Any) -> Source:
        """One Source per document, shared by every principal it is attached to (and its caches with it)."""
        if doc.filename not in sources:
            body = bodies.get(doc.filename, doc.body) if bodies is not None else doc.body
            sources[doc.filename] = Source(doc.filename, body, doc.kind)
        return sources[doc.filename]

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
    shared: dict[tuple[str, ...], tuple[Source, ...]] = {}
    attached: dict[Any, list[Any]] = {}  # principal -> its identity documents, in the bundle's order
    for d in bundle.documents:
        if d.kind == "identity":
            for p in dict.fromkeys(d.principals):
                attached.setdefault(p, []).append(d)
    for p in r.principals:
        identity = tuple(source(d) for d in attached.get(p, ()))
        identity = shared.setdefault(tuple(s.name for s in identity), identity)  # one tuple per set of policies
        # A reader in another account subscribes through the consumer its owner registers for it; until then
        # its ARN ends in a placeholder where the creation time goes, in the documents and here alike.
        consumer = f"{p.consumer_name}:{TIMESTAMP_PLACEHOLDER}" if p.consumer_name else CONSUMER_NAME
        principals.append(Who(p.arn, p.name, identity, p.roles, p.service, consumer=consumer))
    stream_policies = {d.stream.arn: source(d) for d in bundle.documents if d.kind == "stream" and d.stream}
    consumer_policies = {f"{d.stream.arn}/consumer/{d.consumer}:{TIMESTAMP_PLACEHOLDER}": source(d)
                         for d in bundle.documents if d.kind == "consumer" and d.stream and d.consumer}
    return Setting(r.partition, r.region, r.account, streams, key, tuple(principals), stream_policies,
                   consumer_policies)


def summary(rows: Sequence[Row]) -> dict[str, int]:
    counts = {ALLOWED: 0, "denied": 0, UNKNOWN: 0}
    for row in rows:  # a row for a group of streams counts once per stream
        counts[row.decision] += max(1, len(row.streams))
    return counts
