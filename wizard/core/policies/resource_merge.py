"""Putting our statements into a resource policy that may already hold others, losing none of them.

Kinesis PutResourcePolicy replaces the whole policy of a stream, so writing ours over an
existing one would drop whatever it granted. The merge keeps every existing statement, lets one
of ours stand in for an existing statement only when ours grants everything it did (same Sid,
effect, actions, resources and conditions; its principals a subset of ours), and refuses when an
existing statement with one of our Sids says something else.
https://docs.aws.amazon.com/streams/latest/dev/resource-based-policy-examples.html
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from wizard.core.policies.common import Policy, Statement


@dataclass(frozen=True)
class ResourceMerge:
    policy: Policy | None  # None when refused
    refusal: str | None = None
    added: tuple[str, ...] = ()  # Sids of ours that are new or now name more principals
    kept: tuple[str, ...] = field(default_factory=tuple)  # Sids (or "#n") of existing statements kept as they are


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _principals(stmt: Statement) -> set[str] | None:
    principal = stmt.get("Principal")
    if not isinstance(principal, dict) or set(principal) != {"AWS"}:
        return None
    return {str(p) for p in _list(principal["AWS"])}


def _shape(stmt: Statement) -> tuple[Any, ...]:
    """Everything but the principals, compared as sets where order does not matter."""
    return (stmt.get("Sid"), stmt.get("Effect"), sorted(map(str, _list(stmt.get("Action")))),
            sorted(map(str, _list(stmt.get("Resource")))), stmt.get("Condition"),
            sorted(k for k in stmt if k not in ("Sid", "Effect", "Action", "Resource", "Condition", "Principal")))


def covers(ours: Statement, theirs: Statement) -> bool:
    """True when `ours` grants everything `theirs` does, in the same words except for more principals."""
    if ours.get("Effect") != "Allow" or _shape(ours) != _shape(theirs):
        return False
    mine, other = _principals(ours), _principals(theirs)
    return mine is not None and other is not None and other <= mine


def merge(current: Any, ours: Policy) -> ResourceMerge:
    """`ours` put into `current` (a policy, or {} for none) without dropping anything it granted."""
    ours_stmts = [s for s in _list(ours.get("Statement")) if isinstance(s, dict)]
    if not isinstance(current, dict) or not current.get("Statement"):
        return ResourceMerge(copy.deepcopy(ours), added=tuple(str(s.get("Sid", "")) for s in ours_stmts))
    theirs = _list(current.get("Statement"))
    if not all(isinstance(s, dict) for s in theirs):
        return ResourceMerge(None, "the existing policy's Statement is not a list of objects")
    our_sids = {s.get("Sid") for s in ours_stmts if s.get("Sid")}
    used: set[int] = set()
    out: list[Statement] = []
    added: list[str] = []
    kept: list[str] = []
    for number, stmt in enumerate(theirs, start=1):
        label = str(stmt.get("Sid") or f"#{number}")
        same = next((i for i, o in enumerate(ours_stmts) if i not in used and o == stmt), None)
        wider = next((i for i, o in enumerate(ours_stmts) if i not in used and covers(o, stmt)), None)
        if same is not None:
            used.add(same)
            out.append(copy.deepcopy(stmt))
            kept.append(label)
        elif wider is not None:
            used.add(wider)
            out.append(copy.deepcopy(ours_stmts[wider]))
            added.append(label)
        elif stmt.get("Sid") in our_sids:
            return ResourceMerge(None, (
                f"its statement {label!r} has the Sid of one of ours but grants something else; it is not "
                "replaced: rename or remove it, or put the policy by hand"))
        else:
            out.append(copy.deepcopy(stmt))
            kept.append(label)
    for i, stmt in enumerate(ours_stmts):
        if i not in used:
            out.append(copy.deepcopy(stmt))
            added.append(str(stmt.get("Sid", "")))
    merged = {k: copy.deepcopy(v) for k, v in current.items() if k != "Statement"}
    merged.setdefault("Version", ours.get("Version", "2012-10-17"))
    merged["Statement"] = out
    return ResourceMerge(merged, None, tuple(added), tuple(kept))
