"""The access table as people read it: Markdown for ACCESS.md, plain text that fits 80 columns.

Rows for several streams that agree are shown once ("each of 3 streams"); where they disagree,
one line per stream. Statement names come from files a user may have edited, so every piece of
text goes through `visible` (and, in Markdown, is escaped for a table cell).
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any, NamedTuple

from wizard.core.access import Row, Setting, Who, renamed, summary
from wizard.core.display import visible
from wizard.core.evaluate import ALLOWED, UNKNOWN, statement_ref, statements

ASSUMPTIONS = (
    "It assumes no other policy applies: no SCP, RCP, permission boundary, session policy or grant. "
    "\"Anyone else\" has no IAM policy of its own; the account's own IAM policies still work through the "
    "key policy's account statement. \"Another account\" is a role there with every IAM permission, so "
    "only the resource policies stand between it and the stream and key."
)


class Line(NamedTuple):
    """One operation for one principal: one stream, or every stream when they agree."""

    who: Who
    label: str
    where: str  # "" (not per stream), a stream name, or "each of N streams"
    decision: str
    because: tuple[str, ...]
    reasons: tuple[str, ...]


def lines(rows: Sequence[Row], stream_count: int) -> list[Line]:
    """Rows of one principal and operation made into one line when they agree, else one per group.

    The lines of a principal whose rows are another's (`Row.like`) are that principal's lines,
    renamed: worked out once however many principals are alike.
    """
    out: list[Line] = []
    groups: dict[tuple[str, str], list[Row]] = {}
    for row in rows:
        groups.setdefault((row.who.arn, row.operation.label), []).append(row)
    made: dict[tuple[int, ...], list[Line]] = {}
    for group in groups.values():
        first = group[0]
        alike = [r.like or r for r in group]
        key = tuple(id(r) for r in alike)
        if key not in made:
            made[key] = _lines(alike, stream_count)
        out += [_renamed(line, first.who) for line in made[key]] if alike[0].who is not first.who else made[key]
    return out


def _lines(group: Sequence[Row], stream_count: int) -> list[Line]:
    first = group[0]
    if len({r.decision for r in group}) == 1:
        where = f"each of {stream_count} streams" if first.streams and stream_count > 1 else ""
        because = tuple(dict.fromkeys(b for r in group for b in r.verdict.because))
        reasons = tuple(dict.fromkeys(x for r in group for x in r.verdict.reasons))
        return [Line(first.who, first.operation.label, where, first.decision, because, reasons)]
    return [Line(r.who, r.operation.label, _names(r.streams), r.decision, r.verdict.because, r.verdict.reasons)
            for r in group]


def _renamed(line: Line, who: Who) -> Line:
    """A line of a principal treated alike, as `who`'s: its reasons name `who`."""
    reasons = tuple(dict.fromkeys(renamed(line.reasons, line.who.arn, who.arn)))
    return Line(who, line.label, line.where, line.decision, line.because, reasons)


def _names(streams: Sequence[object]) -> str:
    names = [getattr(s, "name", "") for s in streams]
    return ", ".join(names) if len(names) <= 3 else f"{', '.join(names[:3])} and {len(names) - 3} more"


def describe(who: Who) -> str:
    if who.stranger:
        return ""
    roles = ", ".join(who.roles)
    return f"{roles}, {who.service}" if who.service else roles


def _md(text: str) -> str:
    """User text as a Markdown table cell in code: visible, pipes escaped, backticks fenced."""
    shown = visible(text).replace("|", "\\|")
    return f"`` {shown} ``" if "`" in shown else f"`{shown}`"


def markdown(setting: Setting, rows: Sequence[Row]) -> str:
    counts = summary(rows)
    out = [
        "# Who can do what", "",
        "Proved from this bundle's documents by the evaluator of kinesis-kms-wizard, with the request context "
        f"Kinesis sends: `kms:ViaService` = `{setting.via}` and `kms:EncryptionContext:aws:kinesis:arn` = the "
        "stream's ARN for the KMS calls it makes while a principal writes or reads; a direct call has no "
        "`kms:ViaService`. Enhanced fan-out is authorized on the consumer's ARN. "
        "`kinesis-kms-wizard explain DIR` prints this table for the files as they are now "
        "(`--json` for scripts).", "",
        ASSUMPTIONS, "",
        f"{counts[ALLOWED]} allowed, {counts['denied']} denied, {counts['unknown']} unknown.", "",
    ]
    by_who: dict[str, list[Line]] = {}
    whos: dict[str, Who] = {}
    cells: dict[tuple[Any, ...], str] = {}
    for line in lines(rows, len(setting.streams)):
        by_who.setdefault(line.who.arn, []).append(line)
        whos[line.who.arn] = line.who
    for arn, group in by_who.items():
        who = whos[arn]
        role = describe(who)
        out += [f"## {visible(who.label)}", "", f"`{visible(arn)}`" + (f": {role}" if role else ""), "",
                "| operation | stream | decision | because |", "|---|---|---|---|"]
        for line in group:
            # Principals treated alike have the same lines: each is written once.
            key = (line.label, line.where, line.decision, line.because,
                   line.reasons[:1] if line.decision == UNKNOWN else ())
            if key not in cells:
                cells[key] = _md_line(line)
            out.append(cells[key])
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _md_line(line: Line) -> str:
    decision = f"**{line.decision}**" if line.decision == ALLOWED else line.decision
    because = ", ".join(_md(b) for b in line.because)
    if not because and line.decision != ALLOWED:
        because = "unknown: " + _md(line.reasons[0]) if line.decision == UNKNOWN and line.reasons \
            else "no statement allows it"
    return f"| {line.label} | {visible(line.where) or '-'} | {decision} | {because} |"


def text(setting: Setting, rows: Sequence[Row], width: int = 80) -> str:
    """The table for a terminal: decision, operation, and the deciding statements wrapped under it."""
    out: list[str] = []
    current = None
    indent = " " * 11
    keep = citations(setting)
    for line in lines(rows, len(setting.streams)):
        if line.who.arn != current:
            current = line.who.arn
            role = describe(line.who)
            if out:
                out.append("")
            out += wrap(f"{visible(line.who.label)}" + (f" ({role})" if role else "") + f"  {visible(current)}",
                         width, "    ")
        head = f"  {line.decision:<8} {line.label}" + (f" ({visible(line.where)})" if line.where else "")
        notes = [visible(b) for b in line.because]
        if line.decision == "unknown" and line.reasons:
            notes = ["unknown: " + visible(line.reasons[0])]
        joined = ", ".join(notes)
        if notes and len(head) + 2 + len(joined) <= width:
            out.append(f"{head}  {joined}")
            continue
        out += wrap(head, width, indent)
        if line.decision == "unknown" and line.reasons:  # a sentence, wrapped between its words
            out += wrap(indent + notes[0], width, indent, keep)
        else:  # the statements that decide, one a line, never cut
            out += cited_lines(notes, width)
    counts = summary(rows)
    out += ["", f"{counts[ALLOWED]} allowed, {counts['denied']} denied, {counts['unknown']} unknown."]
    out += wrap(ASSUMPTIONS, width, "")
    return "\n".join(out) + "\n"


def wrap(line: str, width: int, indent: str, keep: Sequence[str] = ()) -> list[str]:
    """`line` in lines of at most `width`, broken only between words, and never inside a text of `keep`.

    A word longer than a line (an ARN, a `file#Sid` in a deep folder) stays whole on a line of its
    own, longer than `width`: cut, it could be neither read nor copied, and a terminal folds it anyway.
    `keep` holds texts with spaces that are one name all the same (a Sid such as
    `key-policy.json#Enable IAM User Permissions`, a file in a folder with a space in its name).
    """
    if len(line) <= width:
        return [line]
    glue = "\x00"  # never in shown text: `visible` spells control characters out
    for text in sorted((k for k in keep if " " in k and k in line), key=len, reverse=True):
        line = line.replace(text, text.replace(" ", glue))
    first_indent = line[: len(line) - len(line.lstrip(" "))]
    out = textwrap.wrap(line.strip(), width, initial_indent=first_indent, subsequent_indent=indent,
                        break_long_words=False, break_on_hyphens=False) or [line]
    return [part.replace(glue, " ") for part in out]


def cited_lines(cited: Sequence[str], width: int) -> list[str]:
    """`file#Sid`s one a line under their operation: at its column (11) when they all fit there, else further
    left where they do (a consumer policy's file name can be long), and never cut."""
    longest = max((len(c) for c in cited), default=0)
    column = next((n for n in (11, 4, 2) if n + longest <= width), 2)
    return [" " * column + c for c in cited]


def citations(setting: Setting) -> tuple[str, ...]:
    """Every `file#Sid` (and file name) a row of `setting` can cite, as shown: what `wrap` must keep whole."""
    sources = [*(s for who in setting.principals for s in who.identity), setting.key.policy,
               *setting.stream_policies.values(), *setting.consumer_policies.values()]
    out: dict[str, None] = {}
    for source in sources:
        if source is None:
            continue
        out[visible(source.name)] = None
        for index, stmt in enumerate(statements(source.body) or [], start=1):
            out[visible(statement_ref(source, stmt, index))] = None
    return tuple(out)


def bundle_markdown(bundle: object) -> str:
    """ACCESS.md: the access table of a bundle as it is generated."""
    from wizard.core.access import bundle_setting, setting_rows

    setting = bundle_setting(bundle)
    return markdown(setting, setting_rows(setting))
