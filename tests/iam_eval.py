"""A small IAM/KMS/Kinesis authorization evaluator, written for these tests only.

It models the parts of AWS's evaluation logic our documents rely on, and refuses (raises) on
anything else, so a policy using an operator it does not know cannot pass by accident:

- Action matching is case-insensitive with `*` and `?`; Resource matching is case-sensitive,
  segment by segment of the ARN (a wildcard does not cross the colons of the first five parts).
- Conditions: StringEquals, StringLike, ForAnyValue:StringEquals, Bool. Keys in one block are
  ANDed, values of one key are ORed, condition-key names are case-insensitive, and a key missing
  from the request fails every operator here.
- An explicit Deny anywhere wins.
- KMS: the key policy is authoritative. A statement naming the principal ARN (or "*") allows
  directly; a statement naming the principal's account (root ARN or account ID) only delegates:
  the principal's identity policy must also allow. A principal from another account always needs
  both the key policy (naming it or its account) and its identity policy.
- Kinesis: same account, identity policy or the resource's policy; other account, both. The
  resource's policy is the stream's, or a registered consumer's own for its consumer ARN.
- An action with several resources (StartStreamEncryption: stream and key) needs each allowed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

ALLOW, DENY = "Allow", "Deny"

Policy = Mapping[str, Any]


@dataclass(frozen=True)
class Request:
    principal: str  # the caller's IAM ARN (role or user)
    account: str  # the caller's account
    action: str
    resources: tuple[str, ...]
    context: Mapping[str, str | Sequence[str]] = field(default_factory=dict)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


@lru_cache(maxsize=4096)
def _glob(pattern: str, case_sensitive: bool) -> re.Pattern[str]:
    body = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.compile(body, re.DOTALL if case_sensitive else re.DOTALL | re.IGNORECASE)


def glob_match(pattern: str, value: str, *, case_sensitive: bool = True) -> bool:
    return _glob(pattern, case_sensitive).fullmatch(value) is not None


def action_matches(pattern: str, action: str) -> bool:
    return glob_match(pattern, action, case_sensitive=False)


def resource_matches(pattern: str, arn: str) -> bool:
    """ARN matching as IAM does it: per segment, case-sensitive; "*" alone matches anything."""
    if pattern == "*":
        return True
    p_parts, a_parts = pattern.split(":", 5), arn.split(":", 5)
    if len(p_parts) != 6 or len(a_parts) != 6:
        return glob_match(pattern, arn)
    return all(glob_match(p, a) for p, a in zip(p_parts, a_parts, strict=True))


def _context_value(context: Mapping[str, Any], key: str) -> Any:
    lowered = key.lower()
    for name, value in context.items():
        if name.lower() == lowered:
            return value
    return None


def conditions_hold(condition: Mapping[str, Mapping[str, Any]] | None, context: Mapping[str, Any]) -> bool:
    if not condition:
        return True
    for operator, block in condition.items():
        for key, wanted in block.items():
            values = [str(v) for v in _as_list(wanted)]
            got = _context_value(context, key)
            if got is None:
                return False
            if operator == "StringEquals":
                if isinstance(got, list | tuple) or got not in values:
                    return False
            elif operator == "StringLike":
                if isinstance(got, list | tuple) or not any(glob_match(v, got) for v in values):
                    return False
            elif operator == "ForAnyValue:StringEquals":
                if not any(g in values for g in _as_list(got)):
                    return False
            elif operator == "Bool":
                if str(got).lower() not in [v.lower() for v in values]:
                    return False
            else:
                raise NotImplementedError(f"condition operator {operator!r} is not modelled")
    return True


def _statement_matches(stmt: Mapping[str, Any], request: Request, resource: str) -> bool:
    for unsupported in ("NotAction", "NotResource", "NotPrincipal"):
        if unsupported in stmt:
            raise NotImplementedError(f"{unsupported} is not modelled")
    if not any(action_matches(a, request.action) for a in _as_list(stmt.get("Action"))):
        return False
    if not any(resource_matches(r, resource) for r in _as_list(stmt.get("Resource"))):
        return False
    return conditions_hold(stmt.get("Condition"), request.context)


def _statements(policy: Policy) -> list[Mapping[str, Any]]:
    return _as_list(policy.get("Statement"))


def decide(policies: Iterable[Policy], request: Request, resource: str,
           principal_filter: Any = None) -> str | None:
    """Deny, Allow or None (no statement applies) for one resource, over a set of policies."""
    result = None
    for policy in policies:
        for stmt in _statements(policy):
            if principal_filter is not None and not principal_filter(stmt):
                continue
            if _statement_matches(stmt, request, resource):
                if stmt.get("Effect") == DENY:
                    return DENY
                if stmt.get("Effect") == ALLOW:
                    result = ALLOW
    return result


def _principals(stmt: Mapping[str, Any]) -> list[str]:
    principal = stmt.get("Principal")
    if principal == "*":
        return ["*"]
    if isinstance(principal, Mapping):
        return [str(p) for p in _as_list(principal.get("AWS"))]
    return []


def _partition(arn: str) -> str:
    return arn.split(":")[1] if arn.count(":") >= 5 else "aws"


def _names_principal(stmt: Mapping[str, Any], request: Request) -> bool:
    return any(p == "*" or p == request.principal for p in _principals(stmt))


def _names_account(stmt: Mapping[str, Any], request: Request) -> bool:
    root = f"arn:{_partition(request.principal)}:iam::{request.account}:root"
    return any(p in (root, request.account) for p in _principals(stmt))


def _all(resources: Sequence[str], one: Any) -> bool:
    return bool(resources) and all(one(r) for r in resources)


def kms_allowed(request: Request, identity: Sequence[Policy], key_policy: Policy, key_account: str) -> bool:
    """Whether KMS lets `request` through, given the caller's identity policies and the key policy."""
    def one(resource: str) -> bool:
        if DENY in (decide(identity, request, resource),
                    decide([key_policy], request, resource, lambda s: _names_principal(s, request)
                           or _names_account(s, request))):
            return False
        # In a key policy, Resource "*" means this key: match statements against "*".
        direct = decide([key_policy], request, resource, lambda s: _names_principal(s, request)) == ALLOW
        delegated = decide([key_policy], request, resource, lambda s: _names_account(s, request)) == ALLOW
        iam = decide(identity, request, resource) == ALLOW
        if request.account == key_account:
            return direct or (delegated and iam)
        return (direct or delegated) and iam

    return _all(request.resources, one)


def kinesis_allowed(request: Request, identity: Sequence[Policy], stream_policy: Policy | None,
                    stream_account: str, *, consumer_policies: Mapping[str, Policy] | None = None) -> bool:
    """Whether Kinesis lets `request` through: identity policy, plus the resource's policy across accounts.

    The resource's policy is the stream's, or for a registered consumer's ARN the policy put on
    that consumer (`consumer_policies`, by consumer ARN): Kinesis checks each on its own resource.
    """

    def one(resource: str) -> bool:
        named = lambda s: _names_principal(s, request) or _names_account(s, request)  # noqa: E731
        own = (consumer_policies or {}).get(resource) if "/consumer/" in resource else stream_policy
        iam = decide(identity, request, resource)
        res = decide([own] if own else [], request, resource, named)
        if DENY in (iam, res):
            return False
        if request.account == stream_account:
            return ALLOW in (iam, res)
        return iam == ALLOW and res == ALLOW

    return _all(request.resources, one)


def identity_allows(request: Request, identity: Sequence[Policy]) -> bool:
    """The identity-policy side alone (for services the tests do not model, such as list calls)."""
    return _all(request.resources, lambda r: decide(identity, request, r) == ALLOW)


# --- a bundle as a little AWS world -------------------------------------------------------------

MANAGED_KEY_ALIAS = "alias/aws/kinesis"


def managed_key_policy(partition: str, region: str, account: str) -> Policy:
    """The shape of an AWS managed key's policy (every principal of the account, via the service)."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": "*"},
             "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
             "Resource": "*",
             "Condition": {"StringEquals": {"kms:CallerAccount": account,
                                            "kms:ViaService": f"kinesis.{region}.amazonaws.com"}}},
            {"Effect": "Allow", "Principal": {"AWS": f"arn:{partition}:iam::{account}:root"},
             "Action": ["kms:Describe*", "kms:Get*", "kms:List*"], "Resource": "*"},
        ],
    }


@dataclass
class World:
    """A rendered bundle plus the facts AWS would know: the real key ARN and its aliases."""

    bundle: Any  # wizard.core.render.Bundle
    key_arn: str
    key_aliases: tuple[str, ...]
    consumer_policies: dict[str, Policy] = field(default_factory=dict)  # put on registered consumers, by ARN

    @property
    def r(self) -> Any:
        return self.bundle.resolved

    @property
    def key_policy(self) -> Policy:
        if self.r.key.managed:
            return managed_key_policy(self.r.partition, self.r.region, self.r.key.account)
        doc = self.bundle.get("key")
        assert doc is not None
        return doc.body

    def identity(self, principal_arn: str) -> list[Policy]:
        return [d.body for d in self.bundle.documents
                if d.kind == "identity" and any(p.arn == principal_arn for p in d.principals)]

    def stream_policy(self, stream_arn: str) -> Policy | None:
        for d in self.bundle.documents:
            if d.kind == "stream" and d.stream is not None and d.stream.arn == stream_arn:
                return d.body
        return None

    def via(self, region: str | None = None) -> str:
        return f"kinesis.{region or self.r.region}.amazonaws.com"

    def kms(self, principal: str, account: str, action: str, stream_arn: str | None, *,
            via: str | None = "default", key_arn: str | None = None,
            aliases: Sequence[str] | None = None) -> bool:
        """A KMS call as Kinesis makes it for `stream_arn` (override pieces to make it wrong)."""
        context: dict[str, Any] = {"kms:CallerAccount": account,
                                   "kms:ResourceAliases": list(self.key_aliases if aliases is None else aliases)}
        if via == "default":
            context["kms:ViaService"] = self.via()
        elif via is not None:
            context["kms:ViaService"] = via
        if stream_arn is not None:
            context["kms:EncryptionContext:aws:kinesis:arn"] = stream_arn
        request = Request(principal, account, action, (key_arn or self.key_arn,), context)
        return kms_allowed(request, self.identity(principal), self.key_policy, self.r.key.account)

    def kinesis(self, principal: str, account: str, action: str, *resources: str) -> bool:
        stream = next((s for s in self.r.streams if resources[0].startswith(s.arn + "/") or resources[0] == s.arn),
                      None)
        policy = self.stream_policy(stream.arn) if stream else None
        request = Request(principal, account, action, tuple(resources), {})
        return kinesis_allowed(request, self.identity(principal), policy, self.r.account,
                               consumer_policies=self.consumer_policies)
