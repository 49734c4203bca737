"""User text for Textual widgets: never markup, never a raw control character, never cut off.

Every widget that shows an answer, a path or a message built from them goes through here, so
`[/]` stays two brackets and a slash, and an escape sequence from a shared manifest is shown as
`^[` instead of reaching the terminal. Long values (ARNs above all) are wrapped here too, at the
places a reader expects a line to break: after `:` or `/` rather than in the middle of a name.
"""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size
from textual.content import Content

from wizard.core.display import visible

# Where a row may end, best first: after an ARN's or a path's separators, after the `#` of a
# `file#Sid` citation (and after a space or a comma in prose or JSON); failing that, inside a
# name after a dash, dot or underscore; failing that, anywhere.
BREAK_AFTER = frozenset(":/, #")
NAME_BREAK_AFTER = frozenset("-._=@")


def plain(text: str) -> Content:
    """`text` as literal content: no markup parsed, control characters spelled out."""
    return Content(visible(text, keep_newlines=True))


def _fit(text: str, start: int, width: int) -> int:
    """The end of the longest run of `text` from `start` that takes at most `width` cells (>= 1 char)."""
    if text.isascii():
        return min(len(text), start + max(1, width))
    used, end = 0, start
    while end < len(text):
        used += get_character_cell_size(text[end])
        if used > width and end > start:
            break
        end += 1
    return end


def _last(text: str, start: int, end: int, separators: frozenset[str]) -> int | None:
    """The position just after the last of `separators` in text[start:end], if any."""
    for index in range(end - 1, start - 1, -1):
        if text[index] in separators:
            return index + 1
    return None


def _break(text: str, start: int, end: int, rest: int) -> int:
    """Where to end the row text[start:end] that cannot hold the rest of `text`.

    After the last `:`, `/`, comma or space when what follows it (up to the next such break)
    fits a row of its own; when the name that follows is too long for any row and has to be cut
    anyway, at the fullest break, a dash or dot inside the name included; failing both, at `end`.
    """
    shortest = start + max(1, (end - start) // 4)  # never a row of a few characters when a fuller one can be had
    best = _last(text, shortest, end, BREAK_AFTER)
    inner = _last(text, shortest, end, NAME_BREAK_AFTER)
    if best is not None:
        return best if inner is None or _next_fits(text, best, rest) else max(best, inner)
    early = _last(text, start + 1, shortest, BREAK_AFTER)
    if inner is not None and (early is None or not _next_fits(text, early, rest)):
        return inner
    return early or end  # a short row still beats cutting a name that fits a row of its own


def _next_fits(text: str, at: int, rest: int) -> bool:
    """Whether what follows position `at`, up to and including the next break, fits a row of `rest` cells."""
    following = next((i for i in range(at, len(text)) if text[i] in BREAK_AFTER), len(text) - 1)
    return cell_len(text[at:following + 1]) <= rest


def wrap_spans(text: str, width: int, rest_width: int | None = None) -> list[tuple[int, int]]:
    """`text` cut into rows of at most `width` cells (then `rest_width` each), as (start, end) pairs.

    The rows join back to `text` exactly: nothing is dropped, not even a space at a break.
    """
    rest = width if rest_width is None else rest_width
    if (len(text) <= width and text.isascii()) or cell_len(text) <= width:
        return [(0, len(text))]
    spans: list[tuple[int, int]] = []
    start, room = 0, width
    while True:
        end = _fit(text, start, room)
        if end >= len(text):
            spans.append((start, len(text)))
            return spans
        cut = _break(text, start, end, rest)
        spans.append((start, cut))
        start, room = cut, rest


def wrap_text(text: str, width: int, indent: int = 0) -> list[str]:
    """`text` as rows of at most `width` cells, every row after the first indented by `indent` spaces."""
    indent = min(indent, max(0, width // 2))
    return [(" " * indent if index else "") + text[start:end]
            for index, (start, end) in enumerate(wrap_spans(text, width, width - indent))]


def wrap_content(content: Content, width: int, indent: int = 0) -> list[Content]:
    """Content (styles and links kept) as rows of at most `width` cells, continued rows indented."""
    indent = min(indent, max(0, width // 2))
    pad = Content(" " * indent)
    return [pad + content[start:end] if index else content[start:end]
            for index, (start, end) in enumerate(wrap_spans(content.plain, width, width - indent))]


def _picture(char: str) -> str:
    """One printable cell standing for `char`: the Unicode control picture of a C0 control
    (␛ for ESC), ␡ for DEL, and � for every other character `visible` would spell out."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def one_cell(text: str) -> str:
    """`text` with each character `visible` would spell out replaced by one printable cell.

    For editable fields: a cursor moves over characters, so each must stay one character wide
    on screen, which `^[` or `<U+202E>` would not be.
    """
    if text.isprintable():
        return text
    return "".join(char if visible(char) == char else _picture(char) for char in text)
