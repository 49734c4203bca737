"""The keys an alias may name, as stand-ins the evaluator can match a policy's Resource against.

A bundle whose key is given only by alias (alias/orders) does not know the key's id. An alias names
one key of its own account and Region ("The KMS key must be in the same Amazon Web Services account and
Region as the alias", https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdateAlias.html), and that key
may be any of them; an alias ARN in a Resource names the alias, never its key
(https://docs.aws.amazon.com/kms/latest/developerguide/alias-authorization.html).

The evaluator's decision for one key depends on the key's id only through which Resource/NotResource
patterns of the policies involved match its ARN. `probe_set` finds every set of those patterns that some
key id of the place is matched by exactly, with one key (a probe) for each: a search over the id's
characters that runs every pattern's glob at once and visits each (position, states of every pattern) once.
The evaluator matches each statement's Resource against every probe: a list that matches all of them
matches every key the alias may name, one that matches none matches none of them, and any other is unknown
(so allowed or denied then holds for every key of the place). wizard.core.access also evaluates an unknown
answer probe by probe: every probe allowed (or every one denied) is the answer for every key.

The search is bounded (`MAX_PROBES` sets of patterns, `MAX_STEPS` pattern steps): a policy naming more
keys than that gives a cut set, whose answers the caller must not take as allowed or denied
(`Probes.cut` says why, in words for the user).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from wizard.core.evaluate import Source, action_matches, glob_match, statements

_HEX = "0123456789abcdef"
# A key id is a UUID or, for a multi-Region key, mrk- and 32 hex digits:
# https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id-key-id
_SHAPES: tuple[tuple[str, ...], ...] = (
    tuple("-" if c == "-" else _HEX for c in "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"),
    (*"mrk-", *(_HEX,) * 32),
)
MAX_PROBES = 64  # distinct sets of matching patterns, each one probe the evaluator matches every statement against
MAX_STEPS = 100_000  # pattern steps of the search (one pattern advanced over one character)


def key_probes(partition: str, region: str, account: str) -> tuple[str, ...]:
    """Two different key ARNs of one place: a policy naming one exact key matches one and not the other."""
    base = f"arn:{partition}:kms:{region}:{account}:key/"
    return base + "00000000-0000-4000-8000-000000000000", base + "mrk-ffffffffffffffffffffffffffffffff"


@dataclass(frozen=True)
class Probes:
    """Key ARNs of one place, one for each way the policies' patterns can match a key of it; `cut` is why
    they are not all of them ("" when they are)."""

    keys: tuple[str, ...]
    cut: str = ""


class _Glob:
    """A glob (* and ?, consecutive stars as one) as a bit-parallel automaton: bit j set = j tokens matched."""

    __slots__ = ("accept", "by_char", "literals", "star", "sure")

    def __init__(self, pattern: str) -> None:
        tokens = re.sub(r"\*+", "*", pattern)
        self.accept = 1 << len(tokens)
        self.star = sum(1 << j for j, t in enumerate(tokens) if t == "*")
        anything = sum(1 << j for j, t in enumerate(tokens) if t == "?")
        self.literals = frozenset(t for t in tokens if t not in "*?")
        self.by_char = {c: anything | sum(1 << j for j, t in enumerate(tokens) if t == c) for c in self.literals}
        self.by_char[""] = anything  # any character the pattern does not name
        self.sure = self.star & (self.accept >> 1)  # before a final *: whatever follows, it matches

    def close(self, states: int) -> int:
        return states | ((states & self.star) << 1)  # a star may match nothing (stars are never consecutive)

    def step(self, states: int, char: str) -> int:
        moved = (states & self.star) | ((states & self.by_char.get(char, self.by_char[""])) << 1)
        return self.close(moved)

    def run(self, states: int, text: str) -> int:
        for char in text:
            states = self.step(states, char)
        return states


def _start(pattern: str, base: str) -> tuple[_Glob, int] | None:
    """The glob that decides whether `pattern` matches base + a key id, as IAM matches ARNs (each of the first
    five parts on its own), and its states once base is read; None when it tells no two keys of base's place apart
    (it matches none of them, or it has read up to a final * and so matches all)."""
    parts, base_parts = pattern.split(":", 5), base.split(":", 5)
    if len(parts) == 6:
        if not all(glob_match(p, b) for p, b in zip(parts[:5], base_parts[:5], strict=True)):
            return None
        glob, text = _Glob(parts[5]), base_parts[5]
    else:
        glob, text = _Glob(pattern), base
    states = glob.run(glob.close(1), text)
    return (glob, states) if states and not states & glob.sure else None


def _covers(stmt: Mapping[str, Any], action: str) -> bool:
    """Whether a statement's patterns may change the answer for `action`: its Action (or NotAction) lets `action`
    through (one that does not is never judged for it) and is well formed (a malformed one is unknown whatever the
    key, so its patterns cannot matter either)."""
    name = "Action" if "Action" in stmt else "NotAction"
    values = stmt.get(name)
    values = values if isinstance(values, list) else [values]
    if ("Action" in stmt) == ("NotAction" in stmt) or not values or not all(isinstance(v, str) for v in values):
        return False
    return any(action_matches(v, action) for v in values) == (name == "Action")


def _patterns(body: Any, action: str | None = None) -> list[str]:
    """The Resource/NotResource patterns of a policy, of the statements that may cover `action` when it is given."""
    out = []
    for stmt in statements(body) or ():
        if isinstance(stmt, Mapping) and (action is None or _covers(stmt, action)):
            for name in ("Resource", "NotResource"):
                values = stmt.get(name)
                for value in values if isinstance(values, list) else [values]:
                    if isinstance(value, str) and "${" not in value:  # a policy variable is unknown anyway
                        out.append(value)
    return out


class _Search:
    """Every set of patterns some key id of one shape matches exactly, with a key id for each, within the budget.

    A depth-first walk over the id's positions; at each, the characters tried are those some live pattern
    names there and one that none names (the rest of the shape's characters move every glob alike)."""

    def __init__(self, globs: Sequence[_Glob]) -> None:
        self.globs = globs
        self.found: dict[frozenset[int], str] = {}
        self.seen: set[Any] = set()
        self.steps = 0
        self.cut = False

    def run(self, number: int, shape: tuple[str, ...], live: tuple[tuple[int, int], ...]) -> None:
        """Walk one shape from `live` (pattern, states); a pattern sure to match (it has reached a final *) leaves
        the walk for `sure`, so that what it has read no longer tells states apart."""
        stack: list[tuple[tuple[tuple[int, int], ...], frozenset[int], str]] = [(live, frozenset(), "")]
        while stack:
            live, sure, chars = stack.pop()
            pos = len(chars)
            if (number, pos, live, sure) in self.seen:
                continue
            self.seen.add((number, pos, live, sure))
            if pos == len(shape):
                matched = sure.union(i for i, s in live if s & self.globs[i].accept)
                if matched not in self.found:
                    if len(self.found) == MAX_PROBES:
                        self.cut = True
                        return
                    self.found[matched] = chars
                continue
            choices = self._choices(shape[pos], live)
            self.steps += len(live) * (len(choices) + 1)  # the choices found, then every pattern stepped on each
            if self.steps > MAX_STEPS:
                self.cut = True
                return
            for char in reversed(choices):
                stepped = [(i, self.globs[i].step(s, char)) for i, s in live]
                now_sure = [i for i, s in stepped if s & self.globs[i].sure]
                nxt = tuple((i, s) for i, s in stepped if s and not s & self.globs[i].sure)
                stack.append((nxt, sure.union(now_sure), chars + char))

    def _choices(self, allowed: str, live: tuple[tuple[int, int], ...]) -> list[str]:
        named: set[str] = set()
        for i, _ in live:
            named |= self.globs[i].literals
        out = [c for c in allowed if c in named]
        rest = next((c for c in allowed if c not in named), None)
        return out if rest is None else [*out, rest]


def _started(source: Source, base: str, action: str | None) -> dict[str, tuple[_Glob, int]]:
    """The patterns of `source` (for `action`) that can match a key of base's place, each with its glob read up to
    the key id (remembered: every principal's search reads the key policy)."""
    cache = source.__dict__.setdefault("_key_globs", {})  # a frozen dataclass may still keep a cache
    if (base, action) not in cache:
        if action is None:
            started = ((p, _start(p, base)) for p in dict.fromkeys(_patterns(source.body)))
            cache[base, None] = {p: s for p, s in started if s is not None}
        else:  # a part of the whole, read once
            whole = _started(source, base, None)
            cache[base, action] = {p: whole[p] for p in _patterns(source.body, action) if p in whole}
    return cache[base, action]


_FOUND: dict[tuple[str, frozenset[str], tuple[tuple[str, int], ...]], Probes] = {}


def probe_set(probes: tuple[str, ...], sources: Sequence[Source | None], action: str | None = None) -> Probes:
    """`probes` (one place's, from key_probes) and a key of that place for every set of the Resource/NotResource
    patterns of `sources` that some key id matches exactly; cut (and saying why) past the budget.

    With `action`, a cut search is tried again with only the statements that may cover it (a Deny of
    ScheduleKeyDeletion naming 1,000 keys then leaves GenerateDataKey decided; the same patterns find the
    same cut in `_FOUND`)."""
    found = _probe_set(probes, sources, None)
    if found.cut and action is not None:
        found = _probe_set(probes, sources, action)
    return found


def _probe_set(probes: tuple[str, ...], sources: Sequence[Source | None], action: str | None) -> Probes:
    base = probes[0][:probes[0].index(":key/") + len(":key/")]
    merged: dict[str, tuple[_Glob, int]] = {}
    counts: dict[str, int] = {}  # patterns by policy, to name the one that names the most
    for source in sources:
        started = _started(source, base, action) if source is not None else {}
        if started:
            merged.update(started)
            counts[source.name] = counts.get(source.name, 0) + len(started)
    if not merged:
        return Probes(probes)
    key = (probes[0], frozenset(merged), tuple(sorted(counts.items())))  # the same patterns: the same probes
    cached = _FOUND.get(key)
    if cached is not None:
        return cached
    search = _Search([g for g, _ in merged.values()])
    live = tuple(enumerate(s for _, s in merged.values()))
    for number, shape in enumerate(_SHAPES):
        search.run(number, shape, live)
        if search.cut:
            most = max(sorted(counts), key=lambda name: counts[name])  # a tie: the first by name, in any order
            found = Probes(probes, f"{most} names too many different keys to decide for a key known only by its "
                                   "alias: give the key's ARN or id to decide")
            break
    else:
        found = Probes(tuple(dict.fromkeys((*probes, *(base + chars for chars in search.found.values())))))
    if len(_FOUND) > 100:
        _FOUND.clear()
    _FOUND[key] = found
    return found


def clear_caches() -> None:
    _FOUND.clear()
