"""Read-only discovery: the answers the account already knows, and lists to pick from.

Everything here reads (Get*, Describe*, List*) and never changes the account. `discover` fills in
the account, Region and the stream's key, checks that each principal exists (KMS refuses a key
policy naming one that does not), and fetches the key's current policy so the core merges it
exactly as `--merge-key-policy` does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from wizard.aws.errors import AwsError, AwsNotFound
from wizard.aws.session import Aws, Identity
from wizard.core.display import visible
from wizard.core.model import MANAGED_KEY, Answers, Principal
from wizard.core.validate import ARN_RE, parse_principal, parse_stream

# KMS reserves alias/aws/ for AWS managed keys; aws/kinesis is the one Kinesis uses.
# https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html
AWS_ALIAS_PREFIX = "alias/aws/"


@dataclass(frozen=True)
class Finding:
    """One thing discovery learned or could not do, shown to the user as one line."""

    level: str  # "note" | "warning"
    text: str

    def __str__(self) -> str:
        return visible(f"{self.level}: {self.text}")  # names and ARNs in it come from AWS


@dataclass(frozen=True)
class StreamInfo:
    name: str
    arn: str
    encryption: str  # "KMS" | "NONE"
    key_id: str | None  # as Kinesis reports it: key ID, key ARN, alias name or alias ARN


@dataclass(frozen=True)
class KeyInfo:
    arn: str
    account: str
    manager: str  # "AWS" for an AWS managed key, "CUSTOMER" otherwise
    state: str

    @property
    def managed(self) -> bool:
        return self.manager == "AWS"


@dataclass(frozen=True)
class RoleInfo:
    name: str
    arn: str
    path: str


@dataclass(frozen=True)
class KeyChoice:
    """A key to pick from: its alias and what goes into the answers (a key ARN, or alias/aws/kinesis)."""

    alias: str
    value: str


@dataclass(frozen=True)
class Discovered:
    answers: Answers
    key_policy: dict[str, Any] | None  # the key's current policy, to merge; None when not readable here
    findings: tuple[Finding, ...]
    identity: Identity
    region: str


def describe_stream(aws: Aws, stream: str) -> StreamInfo:
    """The stream's ARN and encryption (DescribeStreamSummary takes a name or an ARN)."""
    param = {"StreamARN": stream} if stream.startswith("arn:") else {"StreamName": stream}
    try:
        found = aws.call("kinesis", "DescribeStreamSummary", f"stream {visible(stream)!r}", **param)
    except AwsNotFound:
        account = aws.identity().account
        raise AwsError(f"kinesis:DescribeStreamSummary found no stream {visible(stream)!r} in account {account}, "
                       f"Region {aws.region}: check the name and the Region") from None
    summary = found["StreamDescriptionSummary"]
    return StreamInfo(str(summary["StreamName"]), str(summary["StreamARN"]),
                      str(summary.get("EncryptionType") or "NONE"), summary.get("KeyId") or None)


def describe_key(aws: Aws, key: str) -> KeyInfo:
    """The key behind a key ID, key ARN, alias name or alias ARN (DescribeKey resolves aliases)."""
    try:
        meta = aws.call("kms", "DescribeKey", f"key {visible(key)!r}", KeyId=key)["KeyMetadata"]
    except AwsNotFound:
        raise AwsError(f"kms:DescribeKey found no key {visible(key)!r} in Region {aws.region}") from None
    arn = str(meta["Arn"])
    return KeyInfo(arn, arn.split(":")[4], str(meta.get("KeyManager") or "CUSTOMER"), str(meta.get("KeyState") or ""))


def key_policy(aws: Aws, key_arn: str) -> dict[str, Any]:
    """The key's current policy (GetKeyPolicy; the only policy name KMS has is "default")."""
    text = aws.call("kms", "GetKeyPolicy", f"key {key_arn}", KeyId=key_arn, PolicyName="default")["Policy"]
    try:
        policy = json.loads(text)
    except (TypeError, ValueError):
        raise AwsError(f"kms:GetKeyPolicy returned a policy for {key_arn} that is not JSON") from None
    if not isinstance(policy, dict):
        raise AwsError(f"kms:GetKeyPolicy returned a policy for {key_arn} that is not a JSON object")
    return policy


def principal_arn(aws: Aws, kind: str, name: str) -> str | None:
    """The ARN of the role or user `name` in the caller's account, or None when it does not exist."""
    operation, param, field = (("GetRole", "RoleName", "Role") if kind == "role"
                               else ("GetUser", "UserName", "User"))
    try:
        return str(aws.call("iam", operation, f"{kind} {visible(name)!r}", **{param: name})[field]["Arn"])
    except AwsNotFound:
        return None


def list_streams(aws: Aws, limit: int = 1000) -> list[str]:
    """Stream names in the Region, sorted (ListStreams, every page up to `limit`)."""
    return sorted(str(name) for name in aws.pages("kinesis", "ListStreams", "StreamNames", "the account's streams",
                                                   limit=limit))


def list_roles(aws: Aws, contains: str = "", path_prefix: str = "/", limit: int = 1000) -> list[RoleInfo]:
    """Roles whose name contains `contains` (any case) under `path_prefix` (ListRoles, every page).

    Service-linked roles (path /aws-service-role/) are left out: their policies cannot be changed.
    """
    roles = aws.pages("iam", "ListRoles", "Roles", "the account's roles", limit=limit,
                      PathPrefix=path_prefix or "/")
    needle = contains.casefold()
    found = [RoleInfo(str(r["RoleName"]), str(r["Arn"]), str(r.get("Path") or "/")) for r in roles
             if needle in str(r["RoleName"]).casefold() and not str(r.get("Path", "")).startswith("/aws-service-role/")]
    return sorted(found, key=lambda r: (r.name.casefold(), r.path))


def list_keys(aws: Aws, limit: int = 1000) -> list[KeyChoice]:
    """Customer managed keys by alias, and aws/kinesis (ListAliases, every page)."""
    account = aws.identity().account
    out = []
    for alias in aws.pages("kms", "ListAliases", "Aliases", "the account's key aliases", limit=limit):
        name, target = str(alias.get("AliasName", "")), alias.get("TargetKeyId")
        if name == MANAGED_KEY:
            out.append(KeyChoice(name, MANAGED_KEY))
        elif target and not name.startswith(AWS_ALIAS_PREFIX):
            out.append(KeyChoice(name, f"arn:{aws.partition}:kms:{aws.region}:{account}:key/{target}"))
    return sorted(out, key=lambda k: (k.value != MANAGED_KEY, k.alias))


def discover(aws: Aws, answers: Answers) -> Discovered:
    """The answers with what the account knows filled in, the key's policy to merge, and what was found."""
    findings: list[Finding] = []
    me = aws.identity()
    account = answers.account.strip() or me.account
    if account != me.account:
        raise AwsError(f"the answers name account {visible(account)} but the credentials are for account "
                       f"{me.account}; use a profile for account {visible(account)} (--profile)")
    answers = replace(answers, account=account, region=answers.region.strip() or aws.region)
    streams = [describe_stream(aws, text) for text in _valid_streams(answers, aws)]
    key_text, key_info = _discover_key(aws, answers.key.strip(), streams, findings)
    answers = replace(answers, key=key_text)
    policy = None
    if key_info is not None and not key_info.managed:
        if key_info.account == me.account:
            policy = key_policy(aws, key_info.arn)
            findings.append(Finding("note", f"fetched the current policy of key {key_info.arn} "
                                            f"({len(_statements(policy))} statements) to merge with"))
        else:
            # GetKeyPolicy and PutKeyPolicy are not cross-account.
            # https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html
            findings.append(Finding("warning", f"key {key_info.arn} is in account {key_info.account}: its policy "
                                               "can only be read and changed with that account's credentials, so "
                                               "the key policy was not merged with it"))
    answers = replace(answers, principals=_check_principals(aws, answers, findings))
    return Discovered(answers, policy, tuple(findings), me, aws.region)


def _statements(policy: dict[str, Any]) -> list[Any]:
    stmts = policy.get("Statement", [])
    return stmts if isinstance(stmts, list) else [stmts]


def _valid_streams(answers: Answers, aws: Aws) -> list[str]:
    """The streams answered in a form the core accepts (the core reports the others)."""
    out = []
    for raw in answers.streams:
        text = raw.strip()
        stream, _rule = parse_stream(text, aws.partition, answers.region, answers.account)
        if stream is not None and text not in out:
            out.append(text)
    return out


def _discover_key(aws: Aws, given: str, streams: list[StreamInfo],
                  findings: list[Finding]) -> tuple[str, KeyInfo | None]:
    """The key answer and the key behind it: the streams' own key when none was given."""
    used: dict[str, tuple[KeyInfo, list[str]]] = {}
    for s in streams:
        if s.encryption != "KMS" or not s.key_id:
            findings.append(Finding("warning", f"stream {s.name} is not encrypted (EncryptionType "
                                               f"{visible(s.encryption)}): the policies are for the key you give; "
                                               "turn encryption on with the bundle README's start-stream-encryption "
                                               "command"))
            continue
        info = _managed(aws) if _is_managed(s.key_id) else describe_key(aws, s.key_id)
        used.setdefault(info.arn, (info, []))[1].append(s.name)
        if info.managed:
            findings.append(Finding("note", f"stream {s.name} uses the AWS managed key aws/kinesis: its policy "
                                            "cannot be changed, so there is nothing to merge, and principals of "
                                            "other accounts cannot use it"))
        else:
            via = f" ({visible(s.key_id)})" if s.key_id != info.arn else ""
            findings.append(Finding("note", f"stream {s.name} is encrypted with key {info.arn}{via}"))
        if info.state and info.state != "Enabled":
            findings.append(Finding("warning", f"key {info.arn} is {visible(info.state)}: Kinesis cannot use it "
                                               "until it is enabled"))
    if len(used) > 1:
        detail = "; ".join(f"{', '.join(names)}: {arn}" for arn, (_info, names) in used.items())
        raise AwsError(f"the streams use different KMS keys ({detail}); a bundle is for one key: generate one "
                       "bundle per key")
    stream_key = next(iter(used.values()))[0] if used else None
    if not given:
        if stream_key is None:
            return "", None
        return (MANAGED_KEY if stream_key.managed else stream_key.arn), stream_key
    if _is_managed(given):
        if stream_key is not None and not stream_key.managed:
            findings.append(Finding("warning", f"you gave aws/kinesis, but the stream uses key {stream_key.arn}; "
                                               "the policies are for aws/kinesis"))
        return given, None
    match = ARN_RE.fullmatch(given)
    if match and match.group(4) != aws.identity().account:
        try:
            info = describe_key(aws, given)
        except AwsError as exc:
            findings.append(Finding("warning", f"could not check key {visible(given)} of another account: {exc}"))
            return given, None
    else:
        info = describe_key(aws, given)
    if stream_key is not None and info.arn != stream_key.arn:
        findings.append(Finding("warning", f"the key you gave ({visible(given)}, {info.arn}) is not the key the "
                                           f"stream uses ({stream_key.arn}); the policies are for the key you gave"))
    return given, info


def _is_managed(key: str) -> bool:
    return key == MANAGED_KEY or (key.startswith("arn:") and key.endswith(":" + MANAGED_KEY))


def _managed(aws: Aws) -> KeyInfo:
    """aws/kinesis as a stream names it: the AWS managed key, known without asking KMS."""
    account = aws.identity().account
    return KeyInfo(f"arn:{aws.partition}:kms:{aws.region}:{account}:{MANAGED_KEY}", account, "AWS", "Enabled")


def _check_principals(aws: Aws, answers: Answers, findings: list[Finding]) -> tuple[Principal, ...]:
    """Each principal checked to exist; a bare role name becomes the role's ARN (with its path).

    KMS refuses a key policy whose principals do not exist, and a role with a path is named in
    policies by an ARN that includes the path.
    https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html
    """
    me = aws.identity().account
    out = []
    elsewhere: set[str] = set()
    for principal in answers.principals:
        text = principal.ref.strip()
        parsed, _rule = parse_principal(text, aws.partition, answers.account)
        if parsed is None:
            out.append(principal)  # the core reports it
            continue
        arn, p_account, kind, name = parsed
        if p_account != me:
            elsewhere.add(p_account)
            out.append(principal)
            continue
        real = principal_arn(aws, kind, name)
        if real is None:
            findings.append(Finding("warning", f"{kind} {visible(name)} does not exist in account {me} ({arn}); "
                                               "KMS refuses a key policy that names a principal that does not exist: "
                                               "create it first or correct the name"))
        elif real != arn:
            if text.startswith("arn:"):
                findings.append(Finding("warning", f"{visible(text)} does not exist; the {kind} {visible(name)} "
                                                   f"is {real}"))
            else:
                findings.append(Finding("note", f"role {visible(name)} is {real}; using that ARN"))
                principal = Principal(real, principal.roles, principal.service)
        out.append(principal)
    for account in sorted(elsewhere):
        findings.append(Finding("note", f"principals in account {account} were not checked (these credentials are "
                                        f"for account {me}); KMS refuses the key policy if one of them does not "
                                        "exist"))
    return tuple(out)
