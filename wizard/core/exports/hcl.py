"""A small HCL writer whose output `terraform fmt` leaves unchanged.

Only what the exports need: blocks with attributes and nested blocks, comments, and strings
escaped so no value can end a string early or start an interpolation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

INDENT = "  "


def string(value: str) -> str:
    """`value` as a quoted HCL string: escapes, and `${`/`%{` doubled so they stay literal text."""
    out = []
    for char in value:
        if char in "\\\"":
            out.append("\\" + char)
        elif ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F:  # controls, newlines included
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    text = "".join(out).replace("${", "$${").replace("%{", "%%{")
    return f'"{text}"'


def string_list(values: list[str]) -> str:
    return "[" + ", ".join(string(v) for v in values) + "]"


def comment(text: str) -> str:
    """One comment line; anything that could end the line early is spelled out."""
    return "# " + "".join(c if c.isprintable() else f"<U+{ord(c):04X}>" for c in text)


@dataclass
class Block:
    """`header { ... }` with attributes (name, expression), nested blocks and blank lines (None)."""

    header: str
    items: list[tuple[str, str] | Block | None] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    def lines(self, depth: int = 0) -> list[str]:
        pad = INDENT * depth
        out = [pad + comment(c) for c in self.comments]
        out.append(f"{pad}{self.header} {{")
        group: list[tuple[str, str]] = []

        def flush() -> None:
            if not group:
                return
            width = max(len(name) for name, _ in group)
            out.extend(f"{pad}{INDENT}{name.ljust(width)} = {expr}" for name, expr in group)
            group.clear()

        for item in self.items:
            if isinstance(item, tuple):
                group.append(item)
                continue
            flush()
            if item is None:
                out.append("")
            else:
                out.extend(item.lines(depth + 1))
        flush()
        out.append(f"{pad}}}")
        return out


def document(blocks: list[Block], header: list[str] | None = None) -> str:
    """A whole .tf file: header comments, then the blocks separated by blank lines."""
    lines = [comment(c) if c else "#" for c in header or []]
    for block in blocks:
        if lines:
            lines.append("")
        lines.extend(block.lines())
    return "\n".join(lines) + "\n"
