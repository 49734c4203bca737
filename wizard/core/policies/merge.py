"""Adding this tool's statements to a key's current policy without widening or losing anything.

`merge` is pure: a resolved set of answers and the policy as KMS returns it in, the merged policy
and a summary of what happened out, or a `MergeError` that names the Sid at fault. The command
line calls it with a saved file; an AWS-connected face can call it with the live policy.

The rules, each because the alternative silently changes who can do what with the key:
- every existing statement is kept as it is, in its place; ours are appended;
- only the principal statements are added, never an account-root delegation the policy did not
  have (that would let every IAM policy of the account grant use of the key);
- a Sid of theirs that is also one of ours is refused, unless their statement is identical to
  ours (then it is already there); two statements of theirs with one Sid are refused;
- the result must still let some principal call kms:PutKeyPolicy (KMS's lockout safety check:
  https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wizard.core.policies import key_policy
from wizard.core.policies.common import Policy
from wizard.core.validate import Resolved


class MergeError(ValueError):
    """A policy that cannot be merged with; `value` is the Sid at fault, or ''."""

    def __init__(self, value: str, rule: str) -> None:
        super().__init__(rule)
        self.value = value
        self.rule = rule


@dataclass(frozen=True)
class MergeSummary:
    """What a merge did, for the terminal and the bundle README."""

    kept: tuple[str, ...]  # labels of the current policy's statements: their Sid, or "statement N (no Sid)"
    added: tuple[str, ...]  # Sids of our statements appended
    already_present: tuple[str, ...]  # Sids of ours the policy already had, identical
    root_delegation: str | None  # label of their statement delegating to the key's account, if any
    key_account: str

    def lines(self, show: Callable[[str], str] = str) -> list[str]:
        """Sentences saying what was kept, added and why nothing was replaced; `show` quotes their text."""
        kept = ", ".join(show(label) for label in self.kept) or "none"
        out = [f"kept unchanged, in their place: {len(self.kept)} statement"
               f"{'s' if len(self.kept) != 1 else ''} of the current policy ({kept})",
               f"added after them: {', '.join(self.added) or 'none'}"]
        if self.already_present:
            out.append("already in the current policy, identical, so not added again: "
                       + ", ".join(self.already_present))
        out.append("replaced: none. A merge never replaces or edits a statement; it refuses when one of the "
                   "current policy's Sids is one this tool writes")
        if self.root_delegation:
            out.append(f"account {self.key_account}'s IAM policies keep working through the current policy's "
                       f"statement {show(self.root_delegation)}")
        else:
            out.append(f"the current policy has no statement delegating to account {self.key_account}, and none "
                       "was added: principals use the key only where the key policy names them")
        return out


def normalize_current(data: Any) -> Any:
    """The key policy inside what the AWS CLI prints, whichever way it was saved.

    `get-key-policy --output text` prints the policy itself; `--output json` wraps it as
    {"Policy": "<the policy as a JSON string>", "PolicyName": "default"}; `--query Policy
    --output json` prints that string alone. Anything else is returned as it is.
    """
    if isinstance(data, dict) and isinstance(data.get("Policy"), str) and "Statement" not in data:
        data = data["Policy"]
    if isinstance(data, str):
        try:
            return json.loads(data)
        except json.JSONDecodeError:
            return data
    return data


def _statements(policy: Any) -> list[Any]:
    stmts = policy.get("Statement")
    return [stmts] if isinstance(stmts, dict) else stmts if isinstance(stmts, list) else []


def merge_problem(current: Any) -> str | None:
    """Why a file cannot be a key policy to merge with, or None."""
    if not isinstance(current, dict):
        return "a key policy is a JSON object with a Statement list"
    stmts = current.get("Statement")
    if isinstance(stmts, dict):
        stmts = [stmts]
    if not isinstance(stmts, list) or not all(isinstance(s, dict) for s in stmts):
        return "a key policy has a Statement list of objects"
    sids = [s.get("Sid") for s in stmts if s.get("Sid") is not None]
    if not all(isinstance(sid, str) for sid in sids):
        return "every Sid in a key policy is a string"
    return None


def label(stmt: dict[str, Any], index: int) -> str:
    sid = stmt.get("Sid")
    return sid if isinstance(sid, str) and sid else f"statement {index} (no Sid)"


def merge(r: Resolved, current: Any) -> tuple[Policy, MergeSummary]:
    """`current` with our principal statements appended, and what was done; or MergeError."""
    rule = merge_problem(current)
    if rule:
        raise MergeError("", rule)
    theirs = _statements(current)
    seen: set[str] = set()
    for stmt in theirs:
        sid = stmt.get("Sid")
        if sid:
            if sid in seen:
                raise MergeError(sid, (
                    "two statements of the current key policy have this Sid, which names one statement; "
                    "rename or remove one of them, then merge again"))
            seen.add(sid)
    by_sid = {s["Sid"]: s for s in theirs if s.get("Sid")}
    added, already, appended = [], [], []
    for stmt in key_policy.statements(r):
        sid = stmt["Sid"]
        if sid == key_policy.ROOT_SID:
            continue  # never add a root delegation the policy did not have
        existing = by_sid.get(sid)
        if existing is None:
            appended.append(stmt)
            added.append(sid)
        elif existing == stmt:
            already.append(sid)
        else:
            raise MergeError(sid, (
                "the current key policy already has a statement with this Sid, which is one this tool "
                "writes, and it says something else; nothing was replaced. Compare it with this tool's "
                "statement (`generate ... --print key` without --merge-key-policy), remove or rename "
                "theirs, then merge again"))
    merged = copy.deepcopy(current)
    if appended:
        merged["Statement"] = [*copy.deepcopy(theirs), *appended]
    if not lockout_safe(merged):
        raise MergeError("", (
            "after the merge no statement would let anyone call kms:PutKeyPolicy, so KMS would refuse "
            "the policy (its lockout safety check); the current policy needs a statement that lets its "
            "administrators or the account change the key policy"))
    root = key_policy.root_arn(r)
    delegation = next((label(s, i) for i, s in enumerate(theirs, 1) if is_root_delegation(s, root)), None)
    summary = MergeSummary(tuple(label(s, i) for i, s in enumerate(theirs, 1)), tuple(added), tuple(already),
                           delegation, r.key.account)
    return merged, summary


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _covers(patterns: Any, action: str) -> bool:
    """Whether an Action element (wildcards, any case) names `action`."""
    for pattern in _as_list(patterns):
        if isinstance(pattern, str):
            body = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
            if re.fullmatch(body, action, re.IGNORECASE | re.DOTALL):
                return True
    return False


def _aws_principals(stmt: dict[str, Any]) -> list[str]:
    principal = stmt.get("Principal")
    if principal == "*":
        return ["*"]
    if isinstance(principal, dict):
        return [p for p in _as_list(principal.get("AWS")) if isinstance(p, str)]
    return []


def _names_action(stmt: dict[str, Any], action: str) -> bool:
    if "Action" in stmt:
        return _covers(stmt["Action"], action)
    return "NotAction" in stmt and not _covers(stmt["NotAction"], action)


def _on_this_key(stmt: dict[str, Any]) -> bool:
    return "NotResource" not in stmt and "*" in _as_list(stmt.get("Resource"))


def lockout_safe(policy: Policy) -> bool:
    """Whether some AWS principal can still call kms:PutKeyPolicy under `policy`.

    An unconditional Deny of it to everyone ("*") locks the key; otherwise an Allow of it (their
    administrators' statement, or the account-root delegation) to any AWS principal is enough. A
    Condition on that Allow is theirs to satisfy, so it still counts.
    """
    action = "kms:PutKeyPolicy"
    stmts = [s for s in _statements(policy) if isinstance(s, dict)]
    for stmt in stmts:
        if (stmt.get("Effect") == "Deny" and "*" in _aws_principals(stmt) and "Condition" not in stmt
                and _names_action(stmt, action) and _on_this_key(stmt)):
            return False
    return any(stmt.get("Effect") == "Allow" and _aws_principals(stmt) and _names_action(stmt, action)
               and _on_this_key(stmt) for stmt in stmts)


def is_root_delegation(stmt: Any, root: str) -> bool:
    """An unconditional statement giving kms:* on the key to the key's account (root ARN or bare ID)."""
    if not isinstance(stmt, dict) or stmt.get("Effect") != "Allow" or "Condition" in stmt:
        return False
    names = _aws_principals(stmt)
    account = root.split(":")[4]
    everything = {a.lower() for a in _as_list(stmt.get("Action")) if isinstance(a, str)} & {"kms:*", "*"}
    return (root in names or account in names) and bool(everything) and _on_this_key(stmt)
