"""The keys an alias may name, as stand-ins the evaluator can match a policy's Resource against.

A bundle whose key is given only by alias (alias/orders) does not know the key's id. An alias names
one key of its own account and Region ("The KMS key must be in the same Amazon Web Services account and
Region as the alias", https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdateAlias.html), and that key
may be any of them; an alias ARN in a Resource names the alias, never its key
(https://docs.aws.amazon.com/kms/latest/developerguide/alias-authorization.html). A Resource pattern is
then known to match only when it matches every key of that account and Region, and known not to match
only when it matches none of them; otherwise whether it matches depends on the key's id, which is not known.

The evaluator decides this with probes: concrete key ARNs, a Resource that matches some and not others
being unknown. Two fixed probes (one key id of each shape) tell a pattern that matches every key from
one that matches only some; to every pattern that can match a key of the place this module adds one key
it matches (its witness), so that a pattern naming one exact key, or a few, is never taken to match none.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from wizard.core.evaluate import Source, arn_matches, glob_match, statements

_HEX = frozenset("0123456789abcdef")
# A key id is a UUID or, for a multi-Region key, mrk- and 32 hex digits:
# https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id-key-id
_SHAPES: tuple[tuple[frozenset[str], ...], ...] = (
    tuple(frozenset("-") if c == "-" else _HEX for c in "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"),
    (*(frozenset(c) for c in "mrk-"), *(_HEX,) * 32),
)


def key_probes(partition: str, region: str, account: str) -> tuple[str, ...]:
    """Two different key ARNs of one place: a policy naming one exact key matches one and not the other."""
    base = f"arn:{partition}:kms:{region}:{account}:key/"
    return base + "00000000-0000-4000-8000-000000000000", base + "mrk-ffffffffffffffffffffffffffffffff"


def _fill(pattern: str, classes: Sequence[frozenset[str]]) -> str | None:
    """A string of len(classes) characters, each from its class, that the glob `pattern` matches; None if none."""
    pattern = re.sub(r"\*+", "*", pattern)
    n, m = len(classes), len(pattern)
    if m - pattern.count("*") > n:
        return None
    parent: dict[tuple[int, int], tuple[tuple[int, int], str] | None] = {(0, 0): None}
    stack = [(0, 0)]
    while stack:
        state = stack.pop()
        i, j = state
        if state == (n, m):
            chars = []
            step = parent[state]
            while step is not None:
                state, char = step
                chars.append(char)
                step = parent[state]
            return "".join(reversed(chars))
        if j == m:
            continue
        token = pattern[j]
        steps: list[tuple[tuple[int, int], str]] = []
        if token == "*":
            steps.append(((i, j + 1), ""))
            if i < n:
                steps.append(((i + 1, j), min(classes[i])))
        elif i < n and (token == "?" or token in classes[i]):
            steps.append(((i + 1, j + 1), min(classes[i]) if token == "?" else token))
        for nxt, char in steps:
            if nxt not in parent:
                parent[nxt] = (state, char)
                stack.append(nxt)
    return None


def witness(pattern: str, base: str) -> str | None:
    """A key ARN `base` + key id that the Resource pattern matches as IAM matches ARNs, or None when none does."""
    parts, base_parts = pattern.split(":", 5), base.split(":", 5)
    for shape in _SHAPES:
        if len(parts) == 6:  # each part on its own, as arn_matches does
            if not all(glob_match(p, b) for p, b in zip(parts[:5], base_parts[:5], strict=True)):
                return None
            tail = _fill(parts[5], (*(frozenset(c) for c in base_parts[5]), *shape))
            found = None if tail is None else ":".join(base_parts[:5]) + ":" + tail
        else:
            found = _fill(pattern, (*(frozenset(c) for c in base), *shape))
        if found is not None and arn_matches(pattern, found):
            return found
    return None


def _patterns(body: Any) -> list[str]:
    out = []
    for stmt in statements(body) or ():
        if isinstance(stmt, Mapping):
            for name in ("Resource", "NotResource"):
                values = stmt.get(name)
                for value in values if isinstance(values, list) else [values]:
                    if isinstance(value, str) and "${" not in value:
                        out.append(value)
    return out


def witnesses(source: Source, base: str) -> tuple[str, ...]:
    """One key of the place for each Resource/NotResource pattern of the policy that can match one (remembered)."""
    cache = source.__dict__.setdefault("_key_witnesses", {})  # a frozen dataclass may still keep a cache
    if base not in cache:
        found = (witness(p, base) for p in dict.fromkeys(_patterns(source.body)))
        cache[base] = tuple(dict.fromkeys(w for w in found if w is not None))
    return cache[base]


def alias_probes(probes: tuple[str, ...], sources: Sequence[Source | None]) -> tuple[str, ...]:
    """The fixed probes and a witness of every pattern of `sources` that can name a key of the probes' place."""
    if not probes:
        return probes
    base = probes[0][:probes[0].index(":key/") + len(":key/")]
    found = [w for s in sources if s is not None for w in witnesses(s, base)]
    return tuple(dict.fromkeys((*probes, *found)))
