"""AWS's evaluation logic for the policies this tool writes and reads, answering "unknown" for the rest.

One request (principal, action, resource, request context) against the caller's identity policies
and the resource's policy (a KMS key policy, a stream or consumer resource policy). The answer is
"allowed", "denied" or "unknown", with the statements that decided it and, for a denial, why in
words. Anything this module does not model (a condition operator or key it does not know, a policy
variable, NotPrincipal forms that depend on the session, a malformed statement) makes the
statements it touches "unknown", and an answer that depends on them "unknown": never "allowed".

The rules, and where AWS states them:
- An explicit Deny in any policy wins; without an Allow the request is implicitly denied.
  https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
- Same account: the identity policy or the resource policy allowing is enough.
  https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html
  A resource policy naming the account (its root ARN or bare ID) rather than the principal
  delegates to the account's identity policies.
- Another account: both the identity policy and the resource policy must allow.
  https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
- KMS: the key policy is required. Naming the principal allows directly; naming the account only
  lets the account's IAM policies work, so an identity allow is needed as well; IAM alone grants
  nothing. Another account needs both halves.
  https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
  https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html
- Conditions: operators AND, keys AND, values OR (negated operators: NOR); a key missing from the
  request makes an operator false, a negated one true, except ...IfExists (true) and Null.
  https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
  https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html
  ForAllValues is true when the key is missing; ForAnyValue is false.
  https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
- Principal: a role ARN covers the role's sessions; no partial wildcards; NotPrincipal only with
  Deny, and it exempts an assumed role only when it lists both the role and its account.
  https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
  https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html

Not modelled, and assumed absent: SCPs, RCPs, permission boundaries, session policies, VPC
endpoint policies, grants. Answers are about the documents given, and say so where shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

ALLOWED, DENIED, UNKNOWN = "allowed", "denied", "unknown"

Tri = bool | None  # True, False, or None for "unknown"
ContextValue = str | tuple[str, ...]


@dataclass(frozen=True)
class Source:
    """One policy document and the name its statements are cited by (a file name)."""

    name: str
    body: Any
    kind: str = "identity"  # "identity" | "key" | "stream" | "consumer"


@dataclass(frozen=True)
class Request:
    """One API call as AWS authorizes it.

    `context` holds the condition keys particular to this call; the principal's own keys
    (aws:PrincipalArn, aws:PrincipalAccount, and kms:CallerAccount on KMS calls) are derived.
    A key neither in the context nor `closed` (lower-case names, or prefixes ending in ':') is
    not known, so a condition on it is unknown. `partial` names multi-valued keys whose values
    are only a known part of the whole (the key's aliases when only one is known). `probes` are
    concrete stand-ins for a resource whose exact ARN is not known (a key given by alias): a
    pattern that matches some probes and not others is unknown.
    """

    principal: str
    action: str
    resource: str
    context: Mapping[str, ContextValue] = field(default_factory=dict)
    closed: frozenset[str] = frozenset()
    partial: frozenset[str] = frozenset()
    probes: tuple[str, ...] = ()

    @property
    def account(self) -> str:
        return arn_part(self.principal, 4)

    @property
    def partition(self) -> str:
        return arn_part(self.principal, 1) or "aws"

    @property
    def resource_account(self) -> str:
        return arn_part(self.resource, 4)


@dataclass(frozen=True)
class Verdict:
    """The answer for one request, the statements that decided it, and why in words."""

    decision: str
    because: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    missing: frozenset[str] = frozenset()  # "identity" and/or "resource": the halves that did not allow
    denied_by: tuple[str, ...] = ()  # explicit Deny statements that matched

    @property
    def allowed(self) -> bool:
        return self.decision == ALLOWED


def arn_part(arn: str, index: int) -> str:
    parts = arn.split(":", 5)
    return parts[index] if len(parts) == 6 else ""


def full_context(request: Request) -> dict[str, ContextValue]:
    """The request context as evaluated: the call's own keys plus those derived from the principal."""
    context: dict[str, ContextValue] = {"aws:PrincipalArn": request.principal,
                                        "aws:PrincipalAccount": request.account}
    if request.action.lower().startswith("kms:"):
        context["kms:CallerAccount"] = request.account
    context.update(request.context)
    return context


# --- matching ---------------------------------------------------------------------------------


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


@lru_cache(maxsize=8192)
def _glob(pattern: str, case_sensitive: bool) -> re.Pattern[str]:
    body = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.compile(body, re.DOTALL if case_sensitive else re.DOTALL | re.IGNORECASE)


def glob_match(pattern: str, value: str, *, case_sensitive: bool = True) -> bool:
    return _glob(pattern, case_sensitive).fullmatch(value) is not None


def action_matches(pattern: str, action: str) -> bool:
    """Actions are case-insensitive and take * and ? anywhere."""
    return glob_match(pattern, action, case_sensitive=False)


def arn_matches(pattern: str, arn: str) -> bool:
    """ARN matching as IAM does it: case-sensitive, each of the six colon-separated parts on its own.

    A wildcard does not reach across the colons of the first five parts; the last part (the
    resource) may itself hold colons, as a consumer ARN's creation time does.
    """
    if pattern == "*":
        return True
    p_parts, a_parts = pattern.split(":", 5), arn.split(":", 5)
    if len(p_parts) != 6 or len(a_parts) != 6:
        return glob_match(pattern, arn)
    return all(glob_match(p, a) for p, a in zip(p_parts, a_parts, strict=True))


def has_variable(value: Any) -> bool:
    return isinstance(value, str) and "${" in value


def _resource_match(pattern: Any, request: Request) -> Tri:
    if not isinstance(pattern, str) or has_variable(pattern):
        return None
    candidates = request.probes or (request.resource,)
    results = {arn_matches(pattern, c) for c in candidates}
    return results.pop() if len(results) == 1 else None


# --- conditions -------------------------------------------------------------------------------

STRING_OPS = {"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
              "StringLike", "StringNotLike"}
ARN_OPS = {"ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike"}
NEGATED = {"StringNotEquals", "StringNotEqualsIgnoreCase", "StringNotLike", "ArnNotEquals", "ArnNotLike"}
MODELLED_OPS = STRING_OPS | ARN_OPS | {"Bool"}


def _policy_text(value: Any) -> str | None:
    """A condition value as IAM reads it: a string (JSON true/false/numbers are their text)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | str):
        return str(value)
    return None


def _positive_match(op: str, wanted: str, got: str) -> bool:
    """One policy value against one request value, for the positive form of `op`."""
    if op in ("StringEquals", "StringNotEquals"):
        return wanted == got
    if op in ("StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase"):
        return wanted.lower() == got.lower()
    if op in ("StringLike", "StringNotLike"):
        return glob_match(wanted, got)
    if op in ARN_OPS:  # ArnEquals and ArnLike behave alike: per part, with wildcards
        return arn_matches(wanted, got)
    if op == "Bool":
        return wanted.lower() == got.lower()
    raise ValueError(op)


@dataclass(frozen=True)
class _Lookup:
    present: bool
    values: tuple[str, ...] = ()
    multi: bool = False
    known: bool = True  # False: whether the key is present, or its value, is not known
    partial: bool = False


DERIVED = ("aws:principalarn", "aws:principalaccount", "kms:calleraccount")


def _lookup(request: Request, context: Mapping[str, ContextValue], key: str) -> _Lookup:
    lowered = key.lower()
    for name, value in context.items():
        if name.lower() == lowered:
            if isinstance(value, tuple | list):
                return _Lookup(True, tuple(str(v) for v in value), True, partial=lowered in request.partial)
            return _Lookup(True, (str(value),))
    if lowered in DERIVED or any(lowered == c or (c.endswith(":") and lowered.startswith(c)) for c in request.closed):
        return _Lookup(False)
    return _Lookup(False, known=False)


@dataclass(frozen=True)
class _CondResult:
    value: Tri
    detail: str = ""  # for False or None: which operator and key, and what the request had


def _one_condition(op_full: str, key: str, wanted_raw: Any, request: Request,
                   context: Mapping[str, ContextValue]) -> _CondResult:
    qualifier, _, op = op_full.rpartition(":")
    if_exists = op.endswith("IfExists") and op != "IfExists"
    base = op.removesuffix("IfExists") if if_exists else op
    where = f"{op_full} {key}"
    if qualifier not in ("", "ForAnyValue", "ForAllValues") or (base not in MODELLED_OPS and base != "Null"):
        return _CondResult(None, f"{where}: the operator {op_full} is not modelled")
    if base == "Null" and (qualifier or if_exists):
        return _CondResult(None, f"{where}: the operator {op_full} is not modelled")
    wanted = [_policy_text(v) for v in _as_list(wanted_raw)]
    if not wanted or any(w is None for w in wanted):
        return _CondResult(None, f"{where}: a condition value that is not a string")
    values: list[str] = [w for w in wanted if w is not None]
    if any(has_variable(v) for v in values):
        return _CondResult(None, f"{where}: policy variables are not modelled")
    found = _lookup(request, context, key)
    if not found.known:
        return _CondResult(None, f"{where}: {key} is not modelled for this request")
    shown = _shown(found)
    if base == "Null":
        expect_absent = [v.lower() for v in values]
        if any(v not in ("true", "false") for v in expect_absent):
            return _CondResult(None, f"{where}: Null takes true or false")
        ok = any((v == "true") is (not found.present) for v in expect_absent)
        return _CondResult(ok, "" if ok else f"{where} {values}: the request has {shown}")
    negated = base in NEGATED
    if not found.present:
        if qualifier == "ForAllValues":
            return _CondResult(True)
        if qualifier == "ForAnyValue":
            return _CondResult(False, f"{where}: {key} is not in the request")
        if if_exists or negated:
            return _CondResult(True)
        return _CondResult(False, f"{where}: {key} is not in the request")
    if found.multi and not qualifier:
        return _CondResult(None, f"{where}: {key} has several values and the operator no set qualifier")

    def holds(got: str) -> bool:
        hit = any(_positive_match(base, w, got) for w in values)
        return not hit if negated else hit

    results = [holds(g) for g in found.values]
    if qualifier == "ForAllValues":
        value: Tri = False if not all(results) else (None if found.partial else True)
    elif qualifier == "ForAnyValue":
        value = True if any(results) else (None if found.partial else False)
    else:
        value = results[0]
    if value is True:
        return _CondResult(True)
    want = values[0] if len(values) == 1 else values
    text = f"{where} {want!r}: the request has {shown}"
    return _CondResult(value, text if value is False else text + " and possibly more")


def _shown(found: _Lookup) -> str:
    if not found.present:
        return "no such key"
    if found.multi:
        return repr(list(found.values))
    return repr(found.values[0])


def conditions_hold(condition: Any, request: Request) -> _CondResult:
    """Every operator, every key in it: AND. The first False decides; otherwise any unknown."""
    if condition is None:
        return _CondResult(True)
    if not isinstance(condition, Mapping):
        return _CondResult(None, "a Condition that is not an object")
    context = full_context(request)
    unknown: _CondResult | None = None
    for op, block in condition.items():
        if not isinstance(block, Mapping):
            return _CondResult(None, f"{op}: a condition block that is not an object")
        for key, wanted in block.items():
            result = _one_condition(str(op), str(key), wanted, request, context)
            if result.value is False:
                return result
            if result.value is None and unknown is None:
                unknown = result
    return unknown or _CondResult(True)


# --- principals -------------------------------------------------------------------------------

ACCOUNT_ID = re.compile(r"[0-9]{12}")


def _principal_entries(element: Any) -> tuple[list[str], bool]:
    """The AWS principals named, and whether the element names everyone ("*")."""
    if element == "*":
        return [], True
    if not isinstance(element, Mapping):
        return [], False
    aws = [str(p) for p in _as_list(element.get("AWS"))]
    return aws, "*" in aws


@dataclass(frozen=True)
class _PrincipalMatch:
    value: Tri
    scope: str = ""  # "principal" (named, or everyone) or "account" (its account)
    detail: str = ""


def _principal_scope(entry: str, request: Request) -> Tri | str:
    """'principal', 'account', False, or None (unknown) for one Principal entry."""
    role_root = f"arn:{request.partition}:iam::{request.account}:root"
    if entry == "*":
        return "principal"
    if entry == request.principal:
        return "principal"
    if entry in (role_root, request.account):
        return "account"
    if "*" in entry or "?" in entry:
        return None  # IAM refuses partial wildcards in Principal; do not guess what was meant
    kind, _, rest = arn_part(request.principal, 5).partition("/")
    if kind == "role" and arn_part(entry, 2) == "sts" and arn_part(entry, 4) == request.account:
        session = arn_part(entry, 5)
        if session.startswith(f"assumed-role/{rest.rsplit('/', 1)[-1]}/"):
            return None  # one session of this role: depends on the session name
    return False


def principal_matches(stmt: Mapping[str, Any], request: Request) -> _PrincipalMatch:
    if "Principal" in stmt and "NotPrincipal" in stmt:
        return _PrincipalMatch(None, detail="both Principal and NotPrincipal")
    if "NotPrincipal" in stmt:
        if stmt.get("Effect") != "Deny":
            return _PrincipalMatch(None, detail="NotPrincipal with Allow is not supported by AWS")
        entries, everyone = _principal_entries(stmt["NotPrincipal"])
        if everyone:
            return _PrincipalMatch(None, detail="NotPrincipal \"*\"")
        scopes = [_principal_scope(e, request) for e in entries]
        if "principal" in scopes and "account" in scopes:
            return _PrincipalMatch(False, detail="NotPrincipal exempts this principal and its account")
        if any(s is not False for s in scopes):
            return _PrincipalMatch(None, detail="NotPrincipal names this principal or its account, not both")
        return _PrincipalMatch(True, "principal")
    if "Principal" not in stmt:
        return _PrincipalMatch(None, detail="a resource policy statement without Principal")
    element = stmt["Principal"]
    if element != "*" and not isinstance(element, Mapping):
        return _PrincipalMatch(None, detail="a Principal that is neither \"*\" nor an object")
    entries, everyone = _principal_entries(element)
    if everyone:
        return _PrincipalMatch(True, "principal")
    best: _PrincipalMatch = _PrincipalMatch(False, detail=f"Principal does not name {request.principal} "
                                                          f"or its account {request.account}")
    for entry in entries:
        scope = _principal_scope(entry, request)
        if scope == "principal":
            return _PrincipalMatch(True, "principal")
        if scope == "account":
            best = _PrincipalMatch(True, "account")
        elif scope is None and best.value is False:
            best = _PrincipalMatch(None, detail=f"Principal {entry!r} is not modelled")
    return best


# --- statements -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatementResult:
    """How one statement meets one request: value True/False/None and, if not True, where it failed."""

    ref: str
    effect: str
    value: Tri
    scope: str = ""  # resource policies: "principal" or "account"
    failed: str = ""  # "action" | "resource" | "principal" | "condition" | "statement"
    detail: str = ""


def statement_ref(source: Source, stmt: Any, index: int) -> str:
    sid = stmt.get("Sid") if isinstance(stmt, Mapping) else None
    return f"{source.name}#{sid}" if isinstance(sid, str) and sid else f"{source.name}#[{index}]"


def statements(body: Any) -> list[Any] | None:
    """A policy's statements, or None when the document is not a policy."""
    if not isinstance(body, Mapping):
        return None
    stmts = body.get("Statement")
    if isinstance(stmts, Mapping):
        return [stmts]
    if isinstance(stmts, list):
        return stmts
    return None


def _list_match(patterns: Any, match: Any) -> Tri:
    """Any pattern matching: True; else any unknown: None; else False."""
    results = [match(p) for p in _as_list(patterns)]
    if any(r is True for r in results):
        return True
    return None if any(r is None for r in results) else False


def evaluate_statement(source: Source, stmt: Any, index: int, request: Request) -> StatementResult:
    ref = statement_ref(source, stmt, index)
    if not isinstance(stmt, Mapping):
        return StatementResult(ref, "", None, failed="statement", detail="a statement that is not an object")
    effect = stmt.get("Effect")
    if effect not in ("Allow", "Deny"):
        return StatementResult(ref, str(effect), None, failed="statement", detail=f"Effect {effect!r}")
    eff = str(effect)

    def result(value: Tri, failed: str = "", detail: str = "", scope: str = "") -> StatementResult:
        return StatementResult(ref, eff, value, scope, failed, detail)

    if ("Action" in stmt) == ("NotAction" in stmt):
        return result(None, "statement", "a statement needs exactly one of Action and NotAction")
    name = "Action" if "Action" in stmt else "NotAction"
    actions = _as_list(stmt[name])
    if not actions or not all(isinstance(a, str) for a in actions):
        return result(None, "statement", f"{name} must be strings")
    hit = any(action_matches(a, request.action) for a in actions)
    if hit != (name == "Action"):
        return result(False, "action", f"{name} {actions} does not cover {request.action}")
    resource_policy = source.kind != "identity"
    parts: list[tuple[str, Tri, str]] = []  # (element, value, detail), every element judged
    if ("Resource" in stmt) == ("NotResource" in stmt):
        if source.kind == "key" and "Resource" not in stmt and "NotResource" not in stmt:
            return result(False, "statement", "no Resource: KMS ignores such a statement")
        return result(None, "statement", "a statement needs exactly one of Resource and NotResource")
    name = "Resource" if "Resource" in stmt else "NotResource"
    if not _as_list(stmt[name]) or not all(isinstance(r, str) for r in _as_list(stmt[name])):
        return result(None, "statement", f"{name} must be strings")
    matched = _list_match(stmt[name], lambda p: _resource_match(p, request))
    if matched is not None and name == "NotResource":
        matched = not matched
    patterns = _as_list(stmt[name])
    shown = patterns[0] if len(patterns) == 1 else patterns
    parts.append(("resource", matched, f"{name} {shown!r} "
                  f"{'does not match' if matched is False else 'may or may not match'} {request.resource}"))
    scope = ""
    if resource_policy:
        principal = principal_matches(stmt, request)
        # A principal that may or may not match could be named directly or by its account.
        scope = principal.scope if principal.value is True else "any" if principal.value is None else ""
        parts.append(("principal", principal.value, principal.detail))
    elif "Principal" in stmt or "NotPrincipal" in stmt:
        return result(None, "statement", "an identity policy statement with a Principal")
    condition = conditions_hold(stmt.get("Condition"), request)
    parts.append(("condition", condition.value, condition.detail))
    value = _and(*(v for _, v, _ in parts))
    if value is True:
        return result(True, scope=scope)
    element, _, detail = next(p for p in parts if p[1] is value)
    return result(value, element, detail, scope if value is None else "")


def evaluate_source(source: Source, request: Request) -> list[StatementResult]:
    stmts = statements(source.body)
    if stmts is None:
        return [StatementResult(f"{source.name}#", "", None, failed="statement",
                                detail=f"{source.name} is not a policy (no Statement list)")]
    return [evaluate_statement(source, s, i, request) for i, s in enumerate(stmts, start=1)]


# --- combining --------------------------------------------------------------------------------


def _or(values: Iterable[Tri]) -> Tri:
    seen_unknown = False
    for v in values:
        if v is True:
            return True
        seen_unknown = seen_unknown or v is None
    return None if seen_unknown else False


def _and(*values: Tri) -> Tri:
    if any(v is False for v in values):
        return False
    return None if any(v is None for v in values) else True


@dataclass
class _Side:
    results: list[StatementResult]

    def allows(self, scope: str | None = None) -> Tri:
        return _or(r.value for r in self.results
                   if r.effect == "Allow" and (scope is None or r.scope in (scope, "any")))

    def denies(self) -> Tri:
        return _or(r.value for r in self.results if r.effect == "Deny")

    def refs(self, effect: str, scope: str | None = None) -> list[str]:
        return [r.ref for r in self.results
                if r.effect == effect and r.value is True and (scope is None or r.scope == scope)]

    def unknowns(self) -> list[StatementResult]:
        return [r for r in self.results if r.value is None]

    def near_misses(self) -> list[StatementResult]:
        """Allow statements that cover the action but failed on resource, principal or condition."""
        return [r for r in self.results if r.effect == "Allow" and r.value is False and r.failed not in ("action", "")]


def evaluate(request: Request, identity: Sequence[Source], resource_policy: Source | None = None, *,
             resource_policy_known: bool = True) -> Verdict:
    """Allowed, denied or unknown for one request.

    `resource_policy` is the key policy for a KMS call (required: without it the answer is
    unknown), or the stream's or consumer's resource policy for a Kinesis call (None: it has
    none, unless `resource_policy_known` is False).
    """
    kms = request.action.lower().startswith("kms:")
    same = request.account == request.resource_account
    ident = _Side([r for s in identity for r in evaluate_source(s, request)])
    res = _Side(evaluate_source(resource_policy, request)) if resource_policy is not None else _Side([])
    res_known = resource_policy is not None or (resource_policy_known and not kms)

    malformed = [r for r in ident.results + res.results if r.failed == "statement" and r.value is None]
    if malformed:  # AWS refuses such a policy; what it would decide is not ours to guess
        return Verdict(UNKNOWN, (), tuple(f"{r.ref}: {r.detail}" for r in malformed))
    id_allow = ident.allows()
    direct = res.allows("principal") if res_known else None
    account = res.allows("account") if res_known else None
    if kms and same:
        allow = _or([direct, _and(account, id_allow)])
    elif same:
        allow = _or([id_allow, direct])
    else:
        allow = _and(id_allow, _or([direct, account]))
    deny = _or([ident.denies(), res.denies() if res_known else None])

    if deny is True:
        refs = tuple(ident.refs("Deny") + res.refs("Deny"))
        return Verdict(DENIED, refs, tuple(f"explicitly denied by {r}" for r in refs), denied_by=refs)
    if allow is True and deny is False:
        return Verdict(ALLOWED, _allow_refs(ident, res, kms, same))
    missing = _missing(id_allow, direct, account, kms, same, res_known)
    reasons = _reasons(request, identity, resource_policy, ident, res, kms, same, res_known, id_allow, direct,
                       account)
    if allow is False:
        return Verdict(DENIED, (), tuple(reasons), frozenset(missing))
    unknown = [f"{r.ref}: {r.detail}" for r in ident.unknowns() + res.unknowns()]
    if not res_known:
        unknown.insert(0, "the key policy was not given" if kms else "the resource policy was not given")
    return Verdict(UNKNOWN, (), tuple(unknown) + tuple(reasons), frozenset(missing))


def _allow_refs(ident: _Side, res: _Side, kms: bool, same: bool) -> tuple[str, ...]:
    direct, account, id_refs = res.refs("Allow", "principal"), res.refs("Allow", "account"), ident.refs("Allow")
    if kms and same:
        refs = direct + (account + id_refs if account and id_refs else [])
    elif same:
        refs = id_refs + direct
    else:
        refs = id_refs + direct + account
    return tuple(dict.fromkeys(refs))


def _missing(id_allow: Tri, direct: Tri, account: Tri, kms: bool, same: bool, res_known: bool) -> set[str]:
    missing = set()
    if kms and same:
        if direct is not True and (account is not True or id_allow is not True):
            if account is not True:
                missing.add("resource")
            if id_allow is not True:
                missing.add("identity")
    elif same:
        if id_allow is not True and direct is not True:
            missing.add("identity")
    else:
        if id_allow is not True:
            missing.add("identity")
        if direct is not True and account is not True:
            missing.add("resource")
    return missing


def _reasons(request: Request, identity: Sequence[Source], resource_policy: Source | None, ident: _Side,
             res: _Side, kms: bool, same: bool, res_known: bool, id_allow: Tri, direct: Tri,
             account: Tri) -> list[str]:
    """Why the request is not allowed, in the words a person fixing it needs."""
    what = f"{request.action} on {request.resource}"
    out: list[str] = []
    if not same:
        out.append(f"{request.principal} is in account {request.account} and the resource in "
                   f"{request.resource_account}: both the identity policy and the "
                   f"{'key' if kms else 'resource'} policy must allow")
    if id_allow is not True and not (same and not kms and direct is True):
        names = ", ".join(s.name for s in identity) or "none given"
        if id_allow is False:
            needed = "" if not (kms and same) or direct is not False else \
                " (the key policy does not name the principal, so IAM must allow it)"
            out.append(f"no statement in the identity policies ({names}) allows {what}{needed}")
        for r in ident.near_misses():
            out.append(f"{r.ref} covers {request.action} but its {r.failed} does not hold: {r.detail}")
    if res_known and resource_policy is not None:
        label = "the key policy" if kms else f"the resource policy ({resource_policy.name})"
        if direct is False and account is False:
            out.append(f"{label} allows {request.action} to neither {request.principal} nor its account "
                       f"{request.account}")
            for r in res.near_misses():
                if r.failed != "principal":
                    out.append(f"{r.ref} covers {request.action} but its {r.failed} does not hold: {r.detail}")
        elif kms and same and direct is False and account is True and id_allow is False:
            out.append(f"{label} only lets the account's IAM policies decide "
                       f"({', '.join(res.refs('Allow', 'account'))}), and none allows it")
    elif res_known and not same:
        out.append(f"{request.resource} has no resource policy, so no other account can use it")
    return out


def combine(verdicts: Sequence[Verdict]) -> Verdict:
    """One answer for a call with several resources (StartStreamEncryption: stream and key): all must allow."""
    if not verdicts:
        return Verdict(UNKNOWN, (), ("nothing was evaluated",))
    for decision in (DENIED, UNKNOWN):
        chosen = [v for v in verdicts if v.decision == decision]
        if chosen:
            return Verdict(decision, tuple(dict.fromkeys(r for v in chosen for r in v.because)),
                           tuple(dict.fromkeys(r for v in chosen for r in v.reasons)),
                           frozenset().union(*(v.missing for v in chosen)),
                           tuple(dict.fromkeys(r for v in chosen for r in v.denied_by)))
    return Verdict(ALLOWED, tuple(dict.fromkeys(r for v in verdicts for r in v.because)))
