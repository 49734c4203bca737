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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

ALLOWED, DENIED, UNKNOWN = "allowed", "denied", "unknown"

Tri = bool | None  # True, False, or None for "unknown"
ContextValue = str | tuple[str, ...]


@dataclass(frozen=True)
class Source:
    """One policy document and the name its statements are cited by (a file name).

    The body is read, never changed: each statement is read once (`compiled`), and which
    statements can cover an action, or apply to an action on a resource, is remembered, so a
    principal with twenty policy parts costs only the statements that matter.
    """

    name: str
    body: Any
    kind: str = "identity"  # "identity" | "key" | "stream" | "consumer"

    def compiled(self) -> list[_Statement] | None:
        """Every statement read once, or None when the body is not a policy."""
        cache = self.__dict__  # a frozen dataclass may still keep a cache
        if "_compiled" not in cache:
            stmts = statements(self.body)
            cache["_compiled"] = None if stmts is None else [
                _Statement(self, st, i) for i, st in enumerate(stmts, start=1)]
        return cache["_compiled"]

    def covering(self, action: str) -> list[_Statement] | None:
        """Every statement whose Action/NotAction lets `action` through, or that is malformed; None when the
        body is not a policy."""
        cache = self.__dict__.setdefault("_covering", {})
        if action not in cache:
            compiled = self.compiled()
            cache[action] = None if compiled is None else [s for s in compiled if s.may_cover(action)]
        return cache[action]

    def applying(self, action: str, resource: str) -> list[_Statement] | None:
        """`covering`, less the statements whose Resource/NotResource certainly leaves `resource` out."""
        cache = self.__dict__.setdefault("_applying", {})
        key = (action, resource)
        if key not in cache:
            covering = self.covering(action)
            cache[key] = None if covering is None else [s for s in covering if s.may_apply(resource)]
        return cache[key]


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

    @cached_property
    def account(self) -> str:
        return arn_part(self.principal, 4)

    @cached_property
    def partition(self) -> str:
        return arn_part(self.principal, 1) or "aws"

    @cached_property
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
    cached = request.__dict__.get("_full_context")
    if cached is not None:
        return dict(cached)
    context: dict[str, ContextValue] = {"aws:PrincipalArn": request.principal,
                                        "aws:PrincipalAccount": request.account}
    if request.action.lower().startswith("kms:"):
        context["kms:CallerAccount"] = request.account
    context.update(request.context)
    request.__dict__["_full_context"] = context  # a frozen dataclass may still keep a cache
    return dict(context)


# --- matching ---------------------------------------------------------------------------------


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _fixed(text: str, flags: int) -> re.Pattern[str]:
    """A run of a glob without `*`: each character itself, `?` any one."""
    return re.compile("".join("." if c == "?" else re.escape(c) for c in text), flags)


@lru_cache(maxsize=8192)
def _glob(pattern: str, case_sensitive: bool) -> Callable[[str], bool]:
    """A matcher for the glob `pattern` (`*` any run, `?` any one character), linear in the value's length.

    A pattern with a few `*` is one regular expression. With more, the regular expression engine's backtracking
    grows as the value's length to the power of the stars (a policy file's `*0*0*0…*z` took seconds), so the runs
    between stars are found one after the other instead: the first at the start, the last at the end, each one in
    between at its leftmost place after the one before (a run has a fixed length, so the leftmost place never
    costs a match that a later place would allow).
    """
    flags = re.DOTALL if case_sensitive else re.DOTALL | re.IGNORECASE
    runs = pattern.split("*")
    if len(runs) <= 3:
        whole = re.compile("".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern), flags)
        return lambda value: whole.fullmatch(value) is not None
    first, *middle, last = (_fixed(run, flags) for run in runs)
    first_len, last_len = len(runs[0]), len(runs[-1])

    def match(value: str) -> bool:
        end = len(value) - last_len
        if end < first_len or first.fullmatch(value, 0, first_len) is None or last.fullmatch(value, end) is None:
            return False
        at = first_len
        for run in middle:
            found = run.search(value, at, end)
            if found is None:
                return False
            at = found.end()
        return True

    return match


def glob_match(pattern: str, value: str, *, case_sensitive: bool = True) -> bool:
    return _glob(pattern, case_sensitive)(value)


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


@dataclass(frozen=True)
class _Patterns:
    """A Resource list ready to match: exact ARNs, ARN prefixes (a list of consumer/* patterns), the rest."""

    exact: frozenset[str]
    prefixes: tuple[tuple[int, frozenset[str]], ...]  # (length, prefixes of that length)
    other: tuple[str, ...]
    odd: bool  # a pattern that is not a plain string, or holds a policy variable
    malformed: bool = False  # empty, or a pattern that is not a string: not a list AWS would take

    def matches(self, arn: str) -> bool:
        return arn in self.exact or any(arn[:n] in group for n, group in self.prefixes if n <= len(arn)) \
            or any(arn_matches(p, arn) for p in self.other)


def _is_prefix(pattern: str) -> bool:
    """A pattern whose one wildcard is a final * inside the ARN's last part: it matches what starts with the rest."""
    body = pattern[:-1]
    return pattern.endswith("*") and "*" not in body and "?" not in body and body.count(":") >= 5


@lru_cache(maxsize=4096)
def _patterns(patterns: tuple[Any, ...]) -> _Patterns:
    """A Resource list compiled, cached by its contents: a list naming 1,000 streams is read once."""
    exact, prefixes, other, odd = set(), {}, [], False
    for p in patterns:
        if not isinstance(p, str) or has_variable(p):
            odd = True
        elif _is_prefix(p):
            prefixes.setdefault(len(p) - 1, set()).add(p[:-1])
        elif "*" in p or "?" in p:
            other.append(p)
        else:
            exact.add(p)
    return _Patterns(frozenset(exact), tuple((n, frozenset(g)) for n, g in sorted(prefixes.items())),
                     tuple(other), odd, not patterns or not all(isinstance(p, str) for p in patterns))


_BY_ID: dict[tuple[int, Any], tuple[Any, Any]] = {}


def _by_id(raw: Any, compile_: Any) -> Any:
    """`compile_(raw)` for a policy's list, remembered by the list's identity (policies are read, never changed)."""
    key = (id(raw), compile_)
    entry = _BY_ID.get(key)
    if entry is not None and entry[0] is raw:
        return entry[1]
    if len(_BY_ID) > 50_000:
        _BY_ID.clear()
    compiled = compile_(raw)
    _BY_ID[key] = (raw, compiled)  # holding `raw` keeps its id from being reused
    return compiled


def _compile_resources(raw: Any) -> _Patterns:
    return _patterns(tuple(_as_list(raw)))


def _compile_values(raw: Any) -> tuple[tuple[str, ...], frozenset[str], frozenset[str], bool] | None:
    return _values(tuple(_as_list(raw)))
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


def _values(raw: tuple[Any, ...]) -> tuple[tuple[str, ...], frozenset[str], frozenset[str], bool] | None:
    """A condition's values as text, as a set, as a case-folded set, and whether one holds a policy variable;
    None when one is not a string (or a JSON number or boolean).

    Not cached by content: 1 and true are equal as Python keys but "1" and "true" to IAM."""
    texts = [_policy_text(v) for v in raw]
    if not texts or any(t is None for t in texts):
        return None
    values = tuple(t for t in texts if t is not None)
    return values, frozenset(values), frozenset(v.lower() for v in values), any(has_variable(v) for v in values)


@dataclass(frozen=True)
class _Lookup:
    present: bool
    values: tuple[str, ...] = ()
    multi: bool = False
    known: bool = True  # False: whether the key is present, or its value, is not known
    partial: bool = False


DERIVED = ("aws:principalarn", "aws:principalaccount", "kms:calleraccount")


class _Context:
    """A request's condition keys by lower-case name, each looked up once (names are case-insensitive)."""

    __slots__ = ("by_name", "found", "request")

    def __init__(self, request: Request, context: Mapping[str, ContextValue]) -> None:
        self.request = request
        self.by_name: dict[str, ContextValue] = {}
        for name, value in context.items():
            self.by_name.setdefault(name.lower(), value)  # the first of two spellings, as a scan would find
        self.found: dict[str, _Lookup] = {}

    @staticmethod
    def of(request: Request) -> _Context:
        """The context of `full_context(request)`, kept with the request."""
        cached = request.__dict__.get("_context")
        if cached is None:
            cached = request.__dict__["_context"] = _Context(request, full_context(request))
        return cached

    def lookup(self, lowered: str) -> _Lookup:
        found = self.found.get(lowered)
        if found is None:
            found = self.found[lowered] = self._lookup(lowered)
        return found

    def _lookup(self, lowered: str) -> _Lookup:
        if lowered in self.by_name:
            value = self.by_name[lowered]
            if isinstance(value, tuple | list):
                return _Lookup(True, tuple(str(v) for v in value), True, partial=lowered in self.request.partial)
            return _Lookup(True, (str(value),))
        closed = self.request.closed
        if lowered in DERIVED or any(lowered == c or (c.endswith(":") and lowered.startswith(c)) for c in closed):
            return _Lookup(False)
        return _Lookup(False, known=False)


@dataclass(frozen=True)
class _CondResult:
    value: Tri
    detail: str = ""  # for False or None: which operator and key, and what the request had


_HOLDS = _CondResult(True)


class _Condition:
    """One operator and key of a Condition block, read once: what it says whatever the request is
    (`fixed`: an operator or value not modelled), or how to test a request's value against it."""

    __slots__ = ("base", "exact", "fixed", "folded", "if_exists", "key", "lowered", "negated", "null_bad",
                 "qualifier", "values", "want", "where")

    def __init__(self, op_full: str, key: str, wanted_raw: Any) -> None:
        qualifier, _, op = op_full.rpartition(":")
        self.if_exists = op.endswith("IfExists") and op != "IfExists"
        self.base = op.removesuffix("IfExists") if self.if_exists else op
        self.qualifier, self.key, self.lowered = qualifier, key, key.lower()
        self.where = where = f"{op_full} {key}"
        self.fixed: _CondResult | None = None
        self.negated = self.base in NEGATED
        self.values: tuple[str, ...] = ()
        self.exact: frozenset[str] = frozenset()
        self.folded: frozenset[str] = frozenset()
        self.null_bad = False
        self.want = ""
        if qualifier not in ("", "ForAnyValue", "ForAllValues") or (
                self.base not in MODELLED_OPS and self.base != "Null"):
            self.fixed = _CondResult(None, f"{where}: the operator {op_full} is not modelled")
            return
        if self.base == "Null" and (qualifier or self.if_exists):
            self.fixed = _CondResult(None, f"{where}: the operator {op_full} is not modelled")
            return
        compiled = _by_id(wanted_raw, _compile_values)
        if compiled is None:
            self.fixed = _CondResult(None, f"{where}: a condition value that is not a string")
            return
        self.values, self.exact, self.folded, variable = compiled
        if variable:
            self.fixed = _CondResult(None, f"{where}: policy variables are not modelled")
            return
        self.null_bad = any(v.lower() not in ("true", "false") for v in self.values)
        self.want = repr(self.values[0] if len(self.values) == 1 else self.values)

    def test(self, context: _Context) -> _CondResult:
        if self.fixed is not None:
            return self.fixed
        where, key = self.where, self.key
        found = context.lookup(self.lowered)
        if not found.known:
            return _CondResult(None, f"{where}: {key} is not modelled for this request")
        if self.base == "Null":
            if self.null_bad:
                return _CondResult(None, f"{where}: Null takes true or false")
            ok = any((v.lower() == "true") is (not found.present) for v in self.values)
            return _HOLDS if ok else _CondResult(False, f"{where} {self.values}: the request has {_shown(found)}")
        if not found.present:
            if self.qualifier == "ForAllValues":
                return _HOLDS
            if self.qualifier == "ForAnyValue":
                return _CondResult(False, f"{where}: {key} is not in the request")
            if self.if_exists or self.negated:
                return _HOLDS
            return _CondResult(False, f"{where}: {key} is not in the request")
        if found.multi and not self.qualifier:
            return _CondResult(None, f"{where}: {key} has several values and the operator no set qualifier")
        results = [self._holds(g) for g in found.values]
        if self.qualifier == "ForAllValues":
            value: Tri = False if not all(results) else (None if found.partial else True)
        elif self.qualifier == "ForAnyValue":
            value = True if any(results) else (None if found.partial else False)
        else:
            value = results[0]
        if value is True:
            return _HOLDS
        text = f"{where} {self.want}: the request has {_shown(found)}"
        return _CondResult(value, text if value is False else text + " and possibly more")

    def _holds(self, got: str) -> bool:
        base = self.base
        if base in ("StringEquals", "StringNotEquals"):
            hit = got in self.exact
        elif base in ("StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "Bool"):
            hit = got.lower() in self.folded
        elif base in ARN_OPS:  # ArnEquals and ArnLike behave alike: per part, with wildcards
            hit = any(arn_matches(w, got) for w in self.values)
        else:  # StringLike, StringNotLike
            hit = any(glob_match(w, got) for w in self.values)
        return not hit if self.negated else hit


def _shown(found: _Lookup) -> str:
    if not found.present:
        return "no such key"
    if found.multi:
        return repr(list(found.values))
    return repr(found.values[0])


_STOP = object()  # in a compiled Condition: the rest is not read (a block that is not an object)


def _compile_condition(condition: Any) -> _CondResult | tuple[Any, ...]:
    """A Condition element read once: a fixed answer, or its operator/key pairs in order."""
    if condition is None:
        return _HOLDS
    if not isinstance(condition, Mapping):
        return _CondResult(None, "a Condition that is not an object")
    entries: list[Any] = []
    for op, block in condition.items():
        if not isinstance(block, Mapping):
            entries.append((_STOP, _CondResult(None, f"{op}: a condition block that is not an object")))
            break
        entries += [_Condition(str(op), str(key), wanted) for key, wanted in block.items()]
    return tuple(entries)


def _conditions(compiled: _CondResult | tuple[Any, ...], request: Request) -> _CondResult:
    """Every operator, every key in it: AND. The first False decides; otherwise any unknown."""
    if isinstance(compiled, _CondResult):
        return compiled
    context = _Context.of(request)
    unknown: _CondResult | None = None
    for entry in compiled:
        if isinstance(entry, tuple):  # (_STOP, answer)
            return entry[1]
        result = entry.test(context)
        if result.value is False:
            return result
        if result.value is None and unknown is None:
            unknown = result
    return unknown or _HOLDS


# --- principals -------------------------------------------------------------------------------

ACCOUNT_ID = re.compile(r"[0-9]{12}")


def _principal_entries(element: Any) -> tuple[frozenset[str], bool, tuple[str, ...]]:
    """The AWS principals named, whether the element names everyone ("*"), and the entries that are
    neither a plain ARN nor an account (wildcards, sessions): those alone need a closer look. The element is
    "*" or an object (the callers answer for anything else)."""
    if element == "*":
        return frozenset(), True, ()
    return _by_id(element.get("AWS"), _compile_principals)


def _compile_principals(raw: Any) -> tuple[frozenset[str], bool, tuple[str, ...]]:
    aws = [str(p) for p in _as_list(raw)]
    return frozenset(aws), "*" in aws, tuple(e for e in aws if "*" in e or "?" in e or ":sts:" in e)


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
        if stmt["NotPrincipal"] != "*" and not isinstance(stmt["NotPrincipal"], Mapping):
            return _PrincipalMatch(None, detail="a NotPrincipal that is neither \"*\" nor an object")
        entries, everyone, _special = _principal_entries(stmt["NotPrincipal"])
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
    entries, everyone, special = _principal_entries(element)
    if everyone or request.principal in entries:
        return _PrincipalMatch(True, "principal")
    best: _PrincipalMatch = _PrincipalMatch(False, detail=f"Principal does not name {request.principal} "
                                                          f"or its account {request.account}")
    if request.account in entries or f"arn:{request.partition}:iam::{request.account}:root" in entries:
        best = _PrincipalMatch(True, "account")
    # A special entry (a wildcard, a session) is never the principal's own ARN or its account (both are plain),
    # so it can only make a statement that names neither unknown.
    for entry in special:
        if best.value is False and _principal_scope(entry, request) is None:
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


class _Statement:
    """One statement read once, for every request it meets.

    What does not depend on the request is worked out here: whether the statement is malformed
    (`early`: before its Action is looked at; `late`: once the Action covers the request), its
    Resource patterns and Condition compiled, and the words a failure is told in. Which actions it
    covers and how its Principal meets a principal are remembered as they are asked.
    """

    __slots__ = ("_covers", "_principals", "action_name", "action_names", "action_patterns", "actions", "condition",
                 "early", "effect", "late", "malformed_action", "patterns", "quick", "raw", "ref", "resource_name",
                 "resource_policy", "resource_text")

    def __init__(self, source: Source, stmt: Any, index: int) -> None:
        self.raw = stmt
        self.ref = ref = statement_ref(source, stmt, index)
        self.resource_policy = source.kind != "identity"
        self.early: StatementResult | None = None
        self.late: StatementResult | None = None
        self.effect = ""
        self.action_name, self.actions = "", ()
        self.action_names: frozenset[str] = frozenset()
        self.action_patterns: tuple[str, ...] = ()
        self.resource_name, self.patterns, self.resource_text = "", None, ""
        self.condition: _CondResult | tuple[Any, ...] = _HOLDS
        self._covers: dict[str, bool] = {}
        self._principals: dict[str, _PrincipalMatch] = {}
        self.malformed_action = True
        self.quick: tuple[tuple[str, frozenset[str]], ...] = ()  # (key, values) of the plain StringEquals
        if not isinstance(stmt, Mapping):
            self.early = StatementResult(ref, "", None, failed="statement", detail="a statement that is not an object")
            return
        effect = stmt.get("Effect")
        self.effect = eff = str(effect)

        def problem(value: Tri, detail: str) -> StatementResult:
            return StatementResult(ref, eff, value, "", "statement", detail)

        action_problem = ""
        if ("Action" in stmt) == ("NotAction" in stmt):
            action_problem = "a statement needs exactly one of Action and NotAction"
        else:
            name = "Action" if "Action" in stmt else "NotAction"
            actions = _as_list(stmt[name])
            if not actions or not all(isinstance(a, str) for a in actions):
                action_problem = f"{name} must be strings"
            else:
                self.action_name, self.actions = name, tuple(actions)
                plain = [a for a in actions if a.isascii() and "*" not in a and "?" not in a]
                self.action_names = frozenset(a.lower() for a in plain)
                self.action_patterns = tuple(a for a in actions if a not in plain)
                self.malformed_action = False
        if effect not in ("Allow", "Deny"):
            self.early = StatementResult(ref, eff, None, failed="statement", detail=f"Effect {effect!r}")
        elif action_problem:
            self.early = problem(None, action_problem)

        if ("Resource" in stmt) == ("NotResource" in stmt):
            if source.kind == "key" and "Resource" not in stmt:
                self.late = problem(False, "no Resource: KMS ignores such a statement")
            else:
                self.late = problem(None, "a statement needs exactly one of Resource and NotResource")
        else:
            name = "Resource" if "Resource" in stmt else "NotResource"
            self.resource_name = name
            try:
                self.patterns = _by_id(stmt[name], _compile_resources)
            except TypeError:  # an unhashable element: not a Resource list AWS would take
                self.patterns = None
            if self.patterns is None or self.patterns.malformed:
                self.late = problem(None, f"{name} must be strings")
            else:
                patterns = _as_list(stmt[name])
                self.resource_text = repr(patterns[0] if len(patterns) == 1 else patterns)
                if not self.resource_policy and ("Principal" in stmt or "NotPrincipal" in stmt):
                    self.late = problem(None, "an identity policy statement with a Principal")
        self.condition = _compile_condition(stmt.get("Condition"))
        if self.early is None and self.late is None and isinstance(self.condition, tuple) \
                and all(isinstance(c, _Condition) for c in self.condition):
            self.quick = tuple((c.lowered, c.exact) for c in self.condition
                               if c.fixed is None and c.base == "StringEquals" and not c.qualifier and not c.if_exists)

    def covers(self, action: str) -> bool:
        """Whether Action (or NotAction) lets `action` through; the statement's Action must be well formed."""
        hit = self._covers.get(action)
        if hit is None:
            if action.isascii():  # a plain name is the action, in any case; only wildcards need a pattern
                plain = action.lower() in self.action_names
                matched = plain or any(action_matches(a, action) for a in self.action_patterns)
            else:
                matched = any(action_matches(a, action) for a in self.actions)
            hit = self._covers[action] = matched == (self.action_name == "Action")
        return hit

    def may_cover(self, action: str) -> bool:
        return self.malformed_action or self.covers(action)

    def may_apply(self, resource: str) -> bool:
        """False only when Resource/NotResource certainly leaves `resource` out."""
        if self.early is not None or self.late is not None or not self.resource_name:
            return True  # malformed (so unknown for every resource), or told apart only by something else
        matched = self._resources(resource, ())
        return matched is None or matched == (self.resource_name == "Resource")

    def _resources(self, resource: str, probes: tuple[str, ...]) -> Tri:
        """Whether any pattern of the Resource list matches the resource (each probe, when there are some)."""
        if self.patterns is None:
            return None
        hits = {self.patterns.matches(c) for c in probes or (resource,)}
        if len(hits) > 1:
            return None
        if hits.pop():
            return True
        return None if self.patterns.odd else False

    def ruled_out(self, request: Request) -> bool:
        """True when a plain StringEquals of the Condition certainly fails: the statement is then False for
        the request, whatever else it says (a well-formed statement; False otherwise)."""
        if not self.quick:
            return False
        context = _Context.of(request)
        for lowered, exact in self.quick:
            found = context.lookup(lowered)
            if found.known and (not found.present or (not found.multi and found.values[0] not in exact)):
                return True
        return False

    def principal(self, request: Request) -> _PrincipalMatch:
        """How Principal/NotPrincipal meets the request's principal (it depends on nothing else)."""
        match = self._principals.get(request.principal)
        if match is None:
            match = self._principals[request.principal] = principal_matches(self.raw, request)
        return match

    def judge(self, request: Request) -> StatementResult:
        if self.early is not None:
            return self.early
        ref, eff = self.ref, self.effect  # only statements that cover the action are judged (`covering`)
        if self.late is not None:
            return self.late
        matched = self._resources(request.resource, request.probes)
        if matched is not None and self.resource_name == "NotResource":
            matched = not matched
        detail = ""
        if matched is not True:  # said only when it fails: a list of 1,000 ARNs is not printed for nothing
            detail = f"{self.resource_name} {self.resource_text} " \
                     f"{'does not match' if matched is False else 'may or may not match'} {request.resource}"
        parts: list[tuple[str, Tri, str]] = [("resource", matched, detail)]  # every element judged
        scope = ""
        if self.resource_policy:
            principal = self.principal(request)
            # A principal that may or may not match could be named directly or by its account.
            scope = principal.scope if principal.value is True else "any" if principal.value is None else ""
            parts.append(("principal", principal.value, principal.detail))
        condition = _conditions(self.condition, request)
        parts.append(("condition", condition.value, condition.detail))
        value = _and(*(v for _, v, _ in parts))
        if value is True:
            return StatementResult(ref, eff, True, scope)
        element, _, detail = next(p for p in parts if p[1] is value)
        return StatementResult(ref, eff, value, scope if value is None else "", element, detail)


class _NotAPolicy:
    """A document that is not a policy, standing in for its statements: every request it meets is unknown."""

    def __init__(self, source: Source) -> None:
        self.result = StatementResult(f"{source.name}#", "", None, failed="statement",
                                      detail=f"{source.name} is not a policy (no Statement list)")

    def judge(self, request: Request) -> StatementResult:
        return self.result

    def ruled_out(self, request: Request) -> bool:
        return False


class _Index:
    """One principal's statements that cover one action, found for a resource through the exact ARNs
    their Resource lists name (a policy part naming 45 streams is one lookup, not 45 comparisons);
    other statements are checked one by one. Statements keep the order of the policies."""

    def __init__(self, identity: Sequence[Source], action: str) -> None:
        self.exact: dict[str, list[tuple[int, _Statement]]] = {}
        self.checked: list[tuple[int, _Statement | _NotAPolicy]] = []
        self.found: dict[str, list[_Statement | _NotAPolicy]] = {}
        position = 0
        for source in identity:
            covering = source.covering(action)
            if covering is None:
                self.checked.append((position, _NotAPolicy(source)))
                position += 1
                continue
            for stmt in covering:
                patterns = stmt.patterns
                # A malformed statement (`early`) is unknown for every resource, so it is checked, not indexed.
                if stmt.resource_name == "Resource" and stmt.early is None and stmt.late is None \
                        and patterns is not None and not patterns.odd and not patterns.prefixes and not patterns.other:
                    for arn in patterns.exact:
                        self.exact.setdefault(arn, []).append((position, stmt))
                else:
                    self.checked.append((position, stmt))
                position += 1

    def applying(self, resource: str) -> list[_Statement | _NotAPolicy]:
        found = self.found.get(resource)
        if found is None:
            hits = self.exact.get(resource, []) + [
                (n, s) for n, s in self.checked if not isinstance(s, _Statement) or s.may_apply(resource)]
            found = self.found[resource] = [s for _, s in sorted(hits, key=lambda hit: hit[0])]
        return found


_INDEXES: dict[tuple[int, str], tuple[Any, _Index]] = {}


def _applying(identity: Sequence[Source], request: Request) -> list[_Statement | _NotAPolicy]:
    """Every statement of a principal's policies that may apply to the request, remembered per set of
    policies: a principal with twenty policy parts costs one lookup per request. A policy that is not a
    policy is kept, so its request is still unknown."""
    key = (id(identity), request.action)
    entry = _INDEXES.get(key)
    if entry is None or entry[0] is not identity:
        if len(_INDEXES) > 10_000:
            _INDEXES.clear()
        entry = _INDEXES[key] = (identity, _Index(identity, request.action))
    return entry[1].applying(request.resource)


def evaluate_source(source: Source, request: Request, *, brief: bool = False) -> list[StatementResult]:
    """The statements of `source` that cover the request's action, each judged (the others cannot apply).

    `brief` also leaves out those whose Resource leaves the request's out: faster for tables of many
    requests, but a denial then cannot name the statement that was near (its `reasons` are shorter).
    """
    if brief and not request.probes:
        covering = source.applying(request.action, request.resource)
    else:
        covering = source.covering(request.action)
    if covering is None:
        return [_NotAPolicy(source).result]
    return [s.judge(request) for s in covering]


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
        """Allow statements that cover the action but failed on resource, principal, condition or statement (a
        result is False only for one of those)."""
        return [r for r in self.results if r.effect == "Allow" and r.value is False]


def evaluate(request: Request, identity: Sequence[Source], resource_policy: Source | None = None, *,
             resource_policy_known: bool = True, brief: bool = False) -> Verdict:
    """Allowed, denied or unknown for one request.

    `resource_policy` is the key policy for a KMS call (required: without it the answer is
    unknown), or the stream's or consumer's resource policy for a Kinesis call (None: it has
    none, unless `resource_policy_known` is False).
    """
    kms = request.action.lower().startswith("kms:")
    same = request.account == request.resource_account
    res = _Side(evaluate_source(resource_policy, request, brief=brief)) if resource_policy is not None else _Side([])
    res_known = resource_policy is not None or (resource_policy_known and not kms)
    if brief and not request.probes:
        applying = _applying(identity, request)
        # A statement its condition certainly rules out changes no Allow or Deny, only the words of a
        # denial: decide without them, and judge them only if the answer is not allowed after all.
        likely = [s for s in applying if not s.ruled_out(request)]
        if len(likely) < len(applying):
            ident = _Side([s.judge(request) for s in likely])
            verdict = _decide(request, identity, resource_policy, ident, res, kms, same, res_known, words=False)
            if verdict is not None:
                return verdict
        ident = _Side([s.judge(request) for s in applying])
    else:
        ident = _Side([r for s in identity for r in evaluate_source(s, request)])
    verdict = _decide(request, identity, resource_policy, ident, res, kms, same, res_known)
    assert verdict is not None
    return verdict


def _decide(request: Request, identity: Sequence[Source], resource_policy: Source | None, ident: _Side, res: _Side,
            kms: bool, same: bool, res_known: bool, *, words: bool = True) -> Verdict | None:
    """The verdict from the statements judged; without `words`, None when it would need the reasons of a
    denial (which name every statement that was near)."""
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
    if not words:
        return None
    missing = _missing(id_allow, direct, account, kms, same)
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


def _missing(id_allow: Tri, direct: Tri, account: Tri, kms: bool, same: bool) -> set[str]:
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


def signatures(sources: Sequence[Source], subjects: Sequence[tuple[tuple[str, ...], str]],
               key: str) -> list[tuple[Any, ...]]:
    """For each subject (resources, value of `key`): what every Resource/NotResource element and every
    condition on `key` of `sources` says of it, as something hashable. Subjects with equal signatures
    are told apart by no statement of these sources.

    Exact ARNs and StringEquals values are looked up in an index built once, so policies naming
    1,000 streams cost one pass, not one per stream; wildcards and other operators are run per subject.
    Used to group streams that every policy treats alike (wizard.core.access.stream_classes).
    """
    stub = Request("arn:aws:iam::000000000000:role/stub", "stub:Stub", "")
    by_resource: dict[str, list[int]] = {}
    by_value: dict[str, list[int]] = {}
    by_prefix: dict[str, list[int]] = {}
    per_subject: list[Any] = []
    element = 0
    lowered = key.lower()
    for source in sources:
        for stmt in statements(source.body) or []:
            if not isinstance(stmt, Mapping):
                continue
            for name in ("Resource", "NotResource"):
                if name not in stmt:
                    continue
                try:
                    compiled = _patterns(tuple(_as_list(stmt[name])))
                except TypeError:
                    break  # the statement is malformed, so unknown for every subject alike: nothing to tell apart
                element += 1
                for pattern in compiled.exact:
                    by_resource.setdefault(pattern, []).append(element)
                for _n, group in compiled.prefixes:
                    for prefix in group:
                        by_prefix.setdefault(prefix, []).append(element)
                other = tuple(p for p in compiled.other if p != "*")  # "*" says the same of every subject
                if other:
                    per_subject.append(lambda res, _v, other=other: tuple(
                        any(arn_matches(p, r) for p in other) for r in res))
            condition = stmt.get("Condition")
            if not isinstance(condition, Mapping):
                continue
            for op, block in condition.items():
                if not isinstance(block, Mapping):
                    break  # the evaluator reads no further (_compile_condition), so neither do we
                for name, wanted in block.items():
                    if str(name).lower() != lowered:
                        continue
                    compiled = _by_id(wanted, _compile_values) if str(op) in ("StringEquals", "StringNotEquals") \
                        and all(isinstance(w, str) for w in _as_list(wanted)) else None
                    if compiled is not None and not compiled[3]:
                        element += 1
                        for value in compiled[1]:
                            by_value.setdefault(value, []).append(element)
                    else:
                        cond = _Condition(str(op), str(name), wanted)
                        per_subject.append(lambda _r, v, cond=cond: cond.test(_Context(stub, {key: v})).value)
    out = []
    lengths = {len(p) for p in by_prefix}
    for resources, value in subjects:
        hits = frozenset((i, e) for i, r in enumerate(resources) for e in by_resource.get(r, ()))
        hits |= frozenset((i, e) for i, r in enumerate(resources) for n in lengths if n <= len(r)
                          for e in by_prefix.get(r[:n], ()))
        out.append((hits, frozenset(by_value.get(value, ())), tuple(f(resources, value) for f in per_subject)))
    return out


def clear_caches() -> None:
    """Forget every compiled policy part (tests call it so each starts as a fresh process would)."""
    for cached in (_glob, _patterns):
        cached.cache_clear()
    _BY_ID.clear()
    _INDEXES.clear()
