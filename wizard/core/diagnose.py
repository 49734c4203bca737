"""`check`: can this principal do its job with the policies it has today, and if not, the smallest fix.

Inputs are one principal, its role, one stream, the key, and the policies as they are (identity
policies, key policy, stream and consumer resource policies). The answer is one row per operation
the role needs (required, or advised for libraries and fan-out) and per operation it must not be
able to do; for each denial, why, and the statements to add, built by the same builders that write
the bundles.
"""

from __future__ import annotations

import copy
import json
import re
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from wizard.core import actions
from wizard.core.access import (
    CONSUMER_NAME,
    MANAGED_POLICY_NAME,
    TABLE,
    Key,
    Operation,
    Row,
    Setting,
    Stream,
    Who,
    key_probes,
    managed_key_policy,
    needs,
    rows_for,
)
from wizard.core.evaluate import ALLOWED, DENIED, Source, Verdict, arn_part
from wizard.core.model import ROLES, SERVICES
from wizard.core.policies import identity as identity_policies
from wizard.core.policies import key_policy as key_policies
from wizard.core.policies.common import Statement, statement
from wizard.core.problems import Problem
from wizard.core.regions import partition_of
from wizard.core.validate import (
    ARN_RE,
    PRINCIPAL_FORMS,
    KeyRef,
    PrincipalRef,
    Resolved,
    StreamRef,
    parse_key,
    parse_principal,
    parse_stream,
    service_role_rule,
    session_rule,
)

REQUIRED, ADVISED, BEYOND = "required", "advised", "beyond"


def not_shareable_note(names: Sequence[str]) -> str:
    """Why Kinesis actions cannot be given to a principal of another account, and what it does instead."""
    listed = " and ".join((", ".join(names[:-1]), names[-1])) if len(names) > 1 else names[0]
    instead = list(dict.fromkeys(actions.INSTEAD[f"kinesis:{n}"] for n in names if f"kinesis:{n}" in actions.INSTEAD))
    return (f"{listed} cannot be shared with another account: a stream's or a consumer's resource policy gives "
            f"another account only the actions in Kinesis's table of shareable actions ({actions.SHARING_PAGE}), "
            "so no statement can allow " + ("them" if len(names) > 1 else "it")
            + (f"; instead, {'; '.join(instead)}" if instead else "") + ".")


def managed_key_note(account: str) -> str:
    """Why what the AWS managed key allows is nothing to narrow in its key policy, and where it can be narrowed.

    Its policy cannot be edited, and (as for every AWS managed key) allows every principal of the
    account through the service: Principal "*" with kms:CallerAccount and kms:ViaService, "for all
    principals in the account that are authorized to use" the service
    (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-caller-account;
    no custom IAM permission is needed for it:
    https://docs.aws.amazon.com/streams/latest/dev/permissions-user-key-KMS.html). Kinesis makes
    those KMS calls with the caller's own identity, for the streams it calls Kinesis on.
    """
    return (f"the key policy of the AWS managed key aws/kinesis cannot be edited: it lets every principal of "
            f"account {account} that has IAM permission to use Kinesis use the key through Kinesis, for any "
            "stream. Only the principal's identity policy narrows this: Kinesis makes these KMS calls only for "
            "the streams that policy lets it write to or read from (a Deny of the KMS actions there also "
            "removes them).")


@dataclass(frozen=True)
class Inputs:
    principal: str
    role: str
    stream: str
    identity: tuple[Source, ...]
    service: str | None = None
    key: str | None = None
    key_policy: Source | None = None
    stream_policy: Source | None = None
    consumer_policy: Source | None = None
    # Every alias of the key, when known (read from the account): kms:ResourceAliases is then known in
    # full; otherwise only an alias given as the key is known, as one of possibly several.
    key_aliases: tuple[str, ...] | None = None

    def setting(self) -> Setting:
        return check_setting(self)


def identity_body(data: Any) -> Any:
    """An identity policy from what a person saved: the document, or what the AWS CLI prints.

    `aws iam get-role-policy` / `get-user-policy` print {"PolicyDocument": ...};
    `aws iam get-policy-version` prints {"PolicyVersion": {"Document": ...}}. The IAM API returns
    the document URL-encoded; the CLI decodes it, other tools may not, so a string is decoded.
    """
    if isinstance(data, dict) and "Statement" not in data:
        if isinstance(data.get("PolicyVersion"), dict) and "Document" in data["PolicyVersion"]:
            data = data["PolicyVersion"]["Document"]
        elif "PolicyDocument" in data:
            data = data["PolicyDocument"]
    return _decoded(data)


def resource_policy_body(data: Any) -> Any:
    """A key or stream policy: the document, or {"Policy": "<document as a string>"} as get-*-policy prints it."""
    if isinstance(data, dict) and "Statement" not in data and isinstance(data.get("Policy"), str):
        data = data["Policy"]
    return _decoded(data)


def _decoded(data: Any) -> Any:
    if isinstance(data, str):
        for text in (data, urllib.parse.unquote(data)):
            try:
                return json.loads(text)
            except json.JSONDecodeError:
                continue
    return data


@dataclass(frozen=True)
class Place:
    """What the inputs resolve to: the resolved answers the builders take, and the stream."""

    resolved: Resolved
    stream: StreamRef
    principal: PrincipalRef


def resolve_inputs(inputs: Inputs) -> tuple[Place | None, list[Problem]]:
    """Every problem with the inputs at once, each naming the flag, the value and the rule."""
    return _resolve(inputs.principal, inputs.role, inputs.stream, inputs.service, inputs.key)


def input_problems(principal: str | None, role: str | None, stream: str | None, service: str | None = None,
                   key: str | None = None) -> list[Problem]:
    """Every problem with the values given (None: not given, which the caller reports), each at once."""
    return _resolve(principal, role, stream, service, key)[1]


def _resolve(principal_text: str | None, role: str | None, stream_text: str | None, service: str | None,
             key_text: str | None) -> tuple[Place | None, list[Problem]]:
    """Each value checked on its own: a bad stream does not hide a bad principal or key.

    The principal and key are checked against the stream's place when the stream is good, else
    against the place their own ARNs name (a key ID or alias then only for its form).
    """
    problems: list[Problem] = []
    if role is not None and role not in ROLES:
        problems.append(Problem("as", role, "choose producer, consumer or admin"))
    if service is not None:
        if service not in SERVICES:
            problems.append(Problem("service", service, "choose lambda, flink or firehose"))
        elif role is not None and role != "consumer":
            problems.append(Problem("service", service, "a service's role reads the stream: use --as consumer"))
    stream = None
    if stream_text is not None:
        match = ARN_RE.fullmatch(stream_text)
        if not match:
            problems.append(Problem("stream", stream_text, "give the stream's ARN: arn:PARTITION:kinesis:REGION:"
                                                           "ACCOUNT:stream/NAME"))
        else:
            partition, _, region, account, _ = match.groups()
            if partition_of(region) != partition:
                problems.append(Problem("stream", stream_text,
                                        f"{region!r} is not a Region of partition {partition!r}"))
            else:
                stream, rule = parse_stream(stream_text, partition, region, account)
                if rule:
                    problems.append(Problem("stream", stream_text, rule))
    place = (arn_part(stream.arn, 1), arn_part(stream.arn, 3), arn_part(stream.arn, 4)) if stream else None
    principal = None
    if principal_text is not None:
        own = ARN_RE.fullmatch(principal_text)
        if not principal_text.startswith("arn:") or own is None:
            problems.append(Problem("principal", principal_text, PRINCIPAL_ARN_RULE))
        else:
            partition, account = place[::2] if place else (own.group(1), own.group(4))
            parsed, rule = parse_principal(principal_text, partition, account)
            if parsed is None:
                problems.append(Problem("principal", principal_text, _principal_rule(own, rule)))
            elif rule := service_role_rule(service, parsed[2]):  # as generate refuses it: a user runs no service
                problems.append(Problem("principal", principal_text, rule))
            else:
                arn, p_account, kind, name = parsed
                principal = PrincipalRef(principal_text, arn, p_account, kind, name,
                                         (role,) if role in ROLES else (), service)
    key = KeyRef("", "unknown", place[2]) if place else None
    if key_text is not None:
        own = ARN_RE.fullmatch(key_text)
        if place:
            key_place = place
        elif own and own.group(2) == "kms":  # no stream to hold it to: the place its ARN names
            key_place = (own.group(1), own.group(3), own.group(4))
        else:  # a key ID or alias: only its form can be checked
            key_place = ("aws", "us-east-1", "000000000000")
        parsed_key, rule = parse_key(key_text, *key_place)
        if parsed_key is None:
            problems.append(Problem("key", key_text, rule or ""))
        else:
            key = parsed_key
    if problems or stream is None or principal is None or key is None or place is None:
        order = ("principal", "as", "service", "stream", "key")  # as on the command line
        return None, sorted(problems, key=lambda p: order.index(p.field))
    resolved = Resolved(place[0], place[1], place[2], key, (stream,), (principal,), True)
    return Place(resolved, stream, principal), []


PRINCIPAL_ARN_RULE = ("give the role's or user's ARN: arn:PARTITION:iam::ACCOUNT:role/NAME or "
                      "arn:PARTITION:iam::ACCOUNT:user/NAME")


def _principal_rule(own: re.Match[str], rule: str | None) -> str:
    """parse_principal's rule as check takes a principal: by its ARN only, never by a role's name.

    A role session's ARN is answered with its role's ARN (validate.session_rule)."""
    if rule is not None and rule == session_rule(own, by_name=True):  # a session: check takes its role by ARN only
        return session_rule(own, by_name=False) or rule
    if rule != PRINCIPAL_FORMS:
        return rule or ""
    return PRINCIPAL_ARN_RULE


def check_setting(inputs: Inputs) -> Setting:
    place, problems = resolve_inputs(inputs)
    if place is None:
        raise ValueError("; ".join(str(p) for p in problems))
    r, stream = place.resolved, place.stream
    policy = inputs.key_policy
    if policy is None and r.key.managed:
        policy = Source(MANAGED_POLICY_NAME, managed_key_policy(r.partition, r.region, r.key.account), "key")
    probes: tuple[str, ...] = ()
    arn = r.key.arn
    if arn is None:
        probes = key_probes(r.partition, r.region, r.key.account)
        arn = f"arn:{r.partition}:kms:{r.region}:{r.key.account}:key/" + (
            f"<the key of {r.key.alias}>" if r.key.alias else "<the stream's key>")
    aliases = (r.key.alias,) if r.key.alias else ()
    if inputs.key_aliases is not None:
        aliases = tuple(dict.fromkeys((*aliases, *inputs.key_aliases)))
    key = Key(arn, r.key.account, policy, aliases, inputs.key_aliases is not None, probes, r.key.managed)
    consumer = _registered_consumer(inputs.consumer_policy, stream.arn)
    who = Who(place.principal.arn, place.principal.name, inputs.identity, place.principal.roles, inputs.service,
              consumer=consumer or CONSUMER_NAME)
    streams = {stream.arn: inputs.stream_policy} if inputs.stream_policy else {}
    consumers = {who.consumer_arn(Stream(stream.name, stream.arn)): inputs.consumer_policy} \
        if inputs.consumer_policy else {}
    return Setting(r.partition, r.region, r.account, (Stream(stream.name, stream.arn),), key, (who,),
                   streams, consumers)


def _registered_consumer(policy: Source | None, stream_arn: str) -> str | None:
    """The consumer a consumer resource policy is for ("name:creation-time"), from its Resource."""
    prefix = f"{stream_arn}/consumer/"
    for stmt in _stmts(policy) if policy is not None else []:
        resources = stmt.get("Resource")
        for resource in resources if isinstance(resources, list) else [resources]:
            if isinstance(resource, str) and resource.startswith(prefix) and "*" not in resource:
                return resource[len(prefix):]
    return None


@dataclass(frozen=True)
class Fix:
    """Statements to add to one document."""

    document: str  # "identity" | "key" | "stream" | "consumer"
    statements: tuple[Statement, ...]
    note: str = ""


@dataclass(frozen=True)
class Finding:
    row: Row
    need: str  # REQUIRED | ADVISED | BEYOND
    fixes: tuple[Fix, ...] = ()
    advice: tuple[str, ...] = ()
    managed_key: bool = False  # allowed by the AWS managed key's policy, which cannot be edited
    not_shareable: bool = False  # a principal of another account can never be given it


@dataclass(frozen=True)
class Report:
    inputs: Inputs
    findings: tuple[Finding, ...]
    fixes: tuple[Fix, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return all(f.row.decision == ALLOWED for f in self.findings if f.need == REQUIRED)

    def failed(self, need: str = REQUIRED) -> list[Finding]:
        return [f for f in self.findings if f.need == need and f.row.decision != ALLOWED]

    def too_much(self) -> list[Finding]:
        """What it can do beyond its job and could be narrowed in a policy the user can edit."""
        return [f for f in self.findings if f.need == BEYOND and f.row.decision == ALLOWED and not f.managed_key]

    def managed_key_grants(self) -> list[Finding]:
        """What it can do beyond its job because the AWS managed key's policy (not editable) allows it."""
        return [f for f in self.findings if f.need == BEYOND and f.row.decision == ALLOWED and f.managed_key]


def diagnose(inputs: Inputs) -> Report:
    place, problems = resolve_inputs(inputs)
    if place is None:
        raise ValueError("; ".join(str(p) for p in problems))
    setting = check_setting(inputs)
    who = setting.principals[0]
    needed = needs(inputs.role, inputs.service)
    needed_ops = {op for op, _ in needed}
    beyond = [op for op in TABLE if op not in needed_ops]
    findings = []
    for op, required in needed:
        row, = rows_for(setting, who, [op])
        unshareable = _not_shareable(place, op)
        # What another account can never be given is not needed there: its readers do without (as the
        # bundles' cross-account policies do), so it is advice, never a reason it "cannot do its job".
        need = REQUIRED if required and not unshareable else ADVISED
        fixes, advice = (), ()
        if unshareable and row.decision != ALLOWED:
            advice = (not_shareable_note([op.label]),)  # no statement to add: none would work
        elif row.decision == DENIED:
            fixes, advice = _fixes(place, setting, inputs, op, row.verdict)
        findings.append(Finding(row, need, fixes, advice, not_shareable=unshareable and row.decision != ALLOWED))
    # The AWS managed key's policy cannot be edited whether it is the modelled one or its real text (given with
    # --key-policy or read with --from-aws): what it allows is never offered for narrowing there.
    key_policy = setting.key.policy
    managed = f"{key_policy.name}#" if setting.key.managed and key_policy is not None else None
    for op in beyond:
        for row in rows_for(setting, who, [op]):
            if row.decision == ALLOWED and managed and any(b.startswith(managed) for b in row.verdict.because):
                findings.append(Finding(row, BEYOND, advice=(managed_key_note(setting.key.account),),
                                        managed_key=True))
            else:
                findings.append(Finding(row, BEYOND))
    return Report(inputs, tuple(findings), _merge([fx for f in findings if f.need == REQUIRED for fx in f.fixes]))


def _not_shareable(place: Place, op: Operation) -> bool:
    """A Kinesis action the principal, being of another account than the stream, can never be given."""
    p = place.principal
    return (op.action.startswith("kinesis:") and p.account != place.resolved.account
            and not actions.shareable([op.action], p.service))


def _fixes(place: Place, setting: Setting, inputs: Inputs, op: Operation,
           verdict: Verdict) -> tuple[tuple[Fix, ...], tuple[str, ...]]:
    """The statements that make `op` allowed, and what cannot be fixed by adding one."""
    r, p = place.resolved, place.principal
    advice: list[str] = []
    if verdict.denied_by:
        advice.append("an explicit Deny wins over any Allow: remove or narrow " + ", ".join(verdict.denied_by))
        return (), tuple(advice)
    kms = op.action.startswith("kms:")
    same = p.account == (r.key.account if kms else r.account)
    missing = set(verdict.missing)  # a denial no Deny decides always names the half (or halves) that did not allow
    if kms and r.key.managed and not same:
        advice.append("the AWS managed key aws/kinesis cannot serve another account (its key policy cannot be "
                      "changed); encrypt the stream with a customer managed key and share that")
        return (), tuple(advice)
    if kms and setting.key.policy is None:
        advice.append("give the key policy (--key-policy FILE, from aws kms get-key-policy) to decide the key side")
    if kms and same and "resource" in missing:
        missing = {"resource"}  # in the key's account, naming the principal in the key policy is enough alone
    fixes: list[Fix] = []
    if "identity" in missing:
        fixes.append(Fix("identity", tuple(_identity_statements(r, op))))
    if "resource" in missing:
        if kms:
            if setting.key.policy is not None:
                fixes.append(Fix("key", tuple(_key_statements(r, op))))
        elif op.target == "consumer":
            fixes.append(Fix("consumer", (statement(
                "CrossAccountFanOut", [op.action], [f"{place.stream.arn}/consumer/{CONSUMER_NAME.split(':')[0]}:*"],
                principals=[p.arn]),), note="put it on the registered consumer's ARN"))
        else:
            fixes.append(Fix("stream", (statement("CrossAccountAccess", [op.action], [place.stream.arn],
                                                  principals=[p.arn]),)))
    if any(":alias/" in str(s.get("Resource")) for src in inputs.identity for s in _stmts(src)) and kms:
        advice.append("a statement names the key by its alias ARN: an alias in Resource never matches the key; use "
                      "the key ARN, or key/* with the condition kms:ResourceAliases")
    return tuple(fixes), tuple(dict.fromkeys(advice))


def _stmts(source: Source) -> list[dict]:
    body = source.body
    stmts = body.get("Statement") if isinstance(body, dict) else None
    if isinstance(stmts, dict):
        return [stmts]
    return [s for s in stmts if isinstance(s, dict)] if isinstance(stmts, list) else []


def _identity_statements(r: Resolved, op: Operation) -> list[Statement]:
    """The tool's own statement for this role that covers `op`, narrowed to that one action."""
    p = r.principals[0]
    if "admin" in p.roles:
        policy = identity_policies.admin(r, r.streams)
    elif "producer" in p.roles:
        policy = identity_policies.producer(r, r.streams)
    else:
        policy = identity_policies.consumer(r, r.streams, p.service)
    found = _covering(policy, op.action)
    if found:
        return found
    resource = f"{r.streams[0].arn}/consumer/*" if op.target == "consumer" else r.streams[0].arn
    return [statement(op.label.replace(" ", ""), [op.action], [resource])]


def _key_statements(r: Resolved, op: Operation) -> list[Statement]:
    p = r.principals[0]
    found = [s for s in key_policies.statements(r) if s["Sid"] != key_policies.ROOT_SID and op.action in s["Action"]]
    out = []
    for s in found[:1]:
        s = copy.deepcopy(s)
        s["Principal"] = {"AWS": p.arn}
        s["Action"] = [op.action]
        out.append(s)
    return out or [statement("AllowKinesisUse", [op.action], ["*"], principals=[p.arn])]


def _covering(policy: dict, action: str) -> list[Statement]:
    for stmt in policy["Statement"]:
        if action in stmt["Action"]:
            stmt = copy.deepcopy(stmt)
            stmt["Action"] = [action]
            return [stmt]
    return []


def _merge(fixes: Sequence[Fix]) -> tuple[Fix, ...]:
    """One fix per document; statements with the same Sid, Resource and Condition become one."""
    by_doc: dict[str, list[Statement]] = {}
    notes: dict[str, str] = {}
    for fix in fixes:
        merged = by_doc.setdefault(fix.document, [])
        notes.setdefault(fix.document, fix.note)
        for stmt in fix.statements:
            twin = next((m for m in merged if {k: v for k, v in m.items() if k != "Action"}
                         == {k: v for k, v in stmt.items() if k != "Action"}), None)
            if twin is None:
                merged.append(copy.deepcopy(stmt))
            else:
                twin["Action"] = sorted({*twin["Action"], *stmt["Action"]})
    return tuple(Fix(doc, tuple(stmts), notes[doc]) for doc, stmts in by_doc.items())


def with_fixes(inputs: Inputs, fixes: Sequence[Fix]) -> Inputs:
    """The inputs as they would be with the fixes applied (each added statement in the right document)."""
    from dataclasses import replace

    def add(source: Source | None, stmts: Sequence[Statement], name: str, kind: str) -> Source:
        body = copy.deepcopy(source.body) if source is not None else {"Version": "2012-10-17", "Statement": []}
        current = body.get("Statement", [])
        body["Statement"] = ([current] if isinstance(current, dict) else list(current)) + list(stmts)
        return Source(source.name if source else name, body, kind)

    changes: dict[str, object] = {}
    for fix in fixes:
        if fix.document == "identity":
            changes["identity"] = (*inputs.identity, Source("fix.json", {"Version": "2012-10-17",
                                                                          "Statement": list(fix.statements)}))
        elif fix.document == "key":
            changes["key_policy"] = add(inputs.key_policy, fix.statements, "key-policy.json", "key")
        elif fix.document == "stream":
            changes["stream_policy"] = add(inputs.stream_policy, fix.statements, "stream-policy.json", "stream")
        else:
            changes["consumer_policy"] = add(inputs.consumer_policy, fix.statements, "consumer-policy.json", "consumer")
    return replace(inputs, **changes)

