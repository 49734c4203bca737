"""The access table as people read it: Markdown for ACCESS.md, plain text that fits 80 columns.

Rows for several streams that agree are shown once ("each of 3 streams"); where they disagree,
one line per stream. Statement names come from files a user may have edited, so every piece of
text goes through `visible` (and, in Markdown, is escaped for a table cell).
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from wizard.core.access import Row, Setting, Who, summary
from wizard.core.display import visible
from wizard.core.evaluate import ALLOWED

ASSUMPTIONS = (
    "It assumes no other policy applies: no SCP, RCP, permission boundary, session policy or grant. "
    "\"Anyone else\" has no IAM policy of its own; the account's own IAM policies still work through the "
    "key policy's account statement. \"Another account\" is a role there with every IAM permission, so "
    "only the resource policies stand between it and the stream and key."
)


@dataclass(frozen=True)
class Line:
    """One operation for one principal: one stream, or every stream when they agree."""

    who: Who
    label: str
    where: str  # "" (not per stream), a stream name, or "each of N streams"
    decision: str
    because: tuple[str, ...]
    reasons: tuple[str, ...]


def lines(rows: Sequence[Row], stream_count: int) -> list[Line]:
    """Rows of one principal and operation made into one line when they agree, else one per group."""
    out: list[Line] = []
    groups: dict[tuple[str, str], list[Row]] = {}
    for row in rows:
        groups.setdefault((row.who.arn, row.operation.label), []).append(row)
    for group in groups.values():
        first = group[0]
        if len({r.decision for r in group}) == 1:
            where = f"each of {stream_count} streams" if first.streams and stream_count > 1 else ""
            because = tuple(dict.fromkeys(b for r in group for b in r.verdict.because))
            reasons = tuple(dict.fromkeys(x for r in group for x in r.verdict.reasons))
            out.append(Line(first.who, first.operation.label, where, first.decision, because, reasons))
            continue
        for r in group:
            out.append(Line(r.who, r.operation.label, _names(r.streams), r.decision, r.verdict.because,
                            r.verdict.reasons))
    return out


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
    for line in lines(rows, len(setting.streams)):
        by_who.setdefault(line.who.arn, []).append(line)
        whos[line.who.arn] = line.who
    for arn, group in by_who.items():
        who = whos[arn]
        role = describe(who)
        out += [f"## {visible(who.label)}", "", f"`{visible(arn)}`" + (f": {role}" if role else ""), "",
                "| operation | stream | decision | because |", "|---|---|---|---|"]
        for line in group:
            decision = f"**{line.decision}**" if line.decision == ALLOWED else line.decision
            because = ", ".join(_md(b) for b in line.because)
            if not because and line.decision != ALLOWED:
                because = "unknown: " + _md(line.reasons[0]) if line.decision == "unknown" and line.reasons \
                    else "no statement allows it"
            out.append(f"| {line.label} | {visible(line.where) or '-'} | {decision} | {because} |")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def text(setting: Setting, rows: Sequence[Row], width: int = 80) -> str:
    """The table for a terminal: decision, operation, and the deciding statements wrapped under it."""
    out: list[str] = []
    current = None
    indent = " " * 11
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
        for note in notes:
            out += wrap(indent + note, width, indent)
    counts = summary(rows)
    out += ["", f"{counts[ALLOWED]} allowed, {counts['denied']} denied, {counts['unknown']} unknown."]
    out += wrap(ASSUMPTIONS, width, "")
    return "\n".join(out) + "\n"


def wrap(line: str, width: int, indent: str) -> list[str]:
    if len(line) <= width:
        return [line]
    first_indent = line[: len(line) - len(line.lstrip(" "))]
    return textwrap.wrap(line.strip(), width, initial_indent=first_indent, subsequent_indent=indent,
                         break_long_words=True, break_on_hyphens=False) or [line[:width]]


def bundle_markdown(bundle: object) -> str:
    """ACCESS.md: the access table of a bundle as it is generated."""
    from wizard.core.access import bundle_setting, setting_rows

    setting = bundle_setting(bundle)
    return markdown(setting, setting_rows(setting))
