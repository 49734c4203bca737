"""A read-only JSON view painted a row at a time (Textual's Line API), wrapped to its width.

No value is ever cut off or hidden to the right: a line longer than the view continues on the
next rows, each marked `↪` under the line's first character, broken after an ARN's `:` or `/`
where it can be (wizard.tui.text.wrap_spans). Only the display wraps: the text, a selection and
a copy are the document's own, byte for byte.

Only the rows in view are rendered, each line highlighted once and cached by its text, so a
repaint costs what the view shows. When the text changes, the lines that changed are marked for
a moment, so the user sees what an answer did.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from itertools import accumulate
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.cache import LRUCache
from textual.events import Resize
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style
from textual.timer import Timer

from wizard.core.display import visible
from wizard.tui.text import BREAK_AFTER, NAME_BREAK_AFTER, wrap_spans

# One line of `json.dumps(indent=2)`: a key is a string followed by a colon.
TOKEN = re.compile(r'(?P<key>"(?:[^"\\]|\\.)*"(?=\s*:))'
                   r'|(?P<string>"(?:[^"\\]|\\.)*")'
                   r"|(?P<constant>\b(?:true|false|null)\b)"
                   r"|(?P<number>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)")

# The styles textual.highlight gives pygments' JSON tokens (Name.Tag, String.Double,
# Keyword.Constant, Number); punctuation keeps the base `$text`.
TOKEN_STYLES = {
    "key": "$text-primary bold",
    "string": "$text-success 90%",
    "constant": "bold $text-success 80%",
    "number": "$text-warning",
}

CONTINUED = "↪ "  # starts a row that continues the line above, under that line's first character
CHANGED_SECONDS = 2.5  # how long the lines an answer changed stay marked
DIFF_LINES = 2_000  # longer changed stretches are marked whole rather than diffed line by line

# Every character that is not a break (wizard.tui.text) as `x`: the shape of a line's wrapping.
SHAPE = str.maketrans({chr(code): "x" for code in range(128) if chr(code) not in BREAK_AFTER | NAME_BREAK_AFTER})

Row = tuple[int, int, int]  # document line, first and last+1 character of it on this row


def changed_lines(old: list[str], new: list[str]) -> list[int]:
    """Indexes of the lines of `new` that are not in `old` (changed or inserted)."""
    if len(old) == len(new):
        return [index for index, (a, b) in enumerate(zip(old, new, strict=False)) if a != b]
    head = 0
    for a, b in zip(old, new, strict=False):
        if a != b:
            break
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    middle_old, middle_new = old[head:len(old) - tail], new[head:len(new) - tail]
    if len(middle_old) + len(middle_new) > DIFF_LINES:
        return list(range(head, len(new) - tail))
    matcher = SequenceMatcher(None, middle_old, middle_new, autojunk=False)
    return [head + index for tag, _, _, j1, j2 in matcher.get_opcodes() if tag in ("replace", "insert")
            for index in range(j1, j2)]


def over(strip: Strip, style: RichStyle) -> Strip:
    """`strip` with `style` laid over each segment's own (a background replaces the line's)."""
    return Strip(Segment.apply_style(strip, post_style=style), strip.cell_length)


def lead(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


class JsonView(ScrollView, can_focus=True):
    """Scrolls up and down only; `show` swaps the text, and a layout follows only if its shape changed."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"json-view--changed", "json-view--continued"}

    DEFAULT_CSS = """
    JsonView { padding: 0 0 0 1; overflow-x: hidden; }
    JsonView > .json-view--changed { background: $warning 25%; }
    JsonView > .json-view--continued { color: $text-muted; }
    """

    def __init__(self, *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.text = ""
        self.lines: list[str] = [""]
        self.rows: list[Row] = [(0, 0, 0)]
        self.first_row: list[int] = [0]  # row of each line's first part; one more entry for the end
        self.wrap_width = 0  # the width the rows were cut for
        self.changed: frozenset[int] = frozenset()  # lines marked as changed by the last answer
        self._fade: Timer | None = None
        self._strips: LRUCache[str, Strip] = LRUCache(1024)  # highlighted line by its text
        self._spans: LRUCache[tuple[str, int], list[tuple[int, int]]] = LRUCache(1024)
        self._row_strips: LRUCache[tuple[int, str, int, int, bool, int], Strip] = LRUCache(512)  # rows painted
        self._styles: dict[str | None, RichStyle] | None = None  # token kind -> style, per theme

    # --- text and rows -------------------------------------------------------------------------

    def show(self, text: str, *, mark: bool = False) -> None:
        """Display `text`; with `mark`, the lines that differ from the text shown before are marked.

        When every line keeps its number of rows (typing mostly swaps characters for as many),
        only the rows in view that changed are repainted, and there is no layout pass.
        """
        if text == self.text:
            return
        old = self.lines
        self.text = text
        # JSON escapes C0 controls but not C1 or bidi characters: those are spelled out here.
        lines = text.splitlines() or [""]  # no empty line after the final newline
        if not all(map(str.isprintable, lines)):  # (checked in C: this runs on every keystroke)
            lines = [visible(line) for line in lines]
        self.lines = lines
        changed = changed_lines(old, lines) if len(old) == len(lines) or mark else None
        if changed is None or len(old) != len(lines) or not self.wrap_width or not self._rewrap_in_place(changed):
            self._reflow()
        if mark and changed is not None and old != [""]:
            self._mark(changed)

    def _mark(self, changed: list[int]) -> None:
        unmarked = self.changed.difference(changed)
        self.changed = frozenset(changed)
        for index in unmarked:  # marked by the answer before: painted plain again (a changed line already is)
            if index < len(self.lines) and self.line_in_view(index):
                self.refresh_lines(self.first_row[index], self.first_row[index + 1] - self.first_row[index])
        if self._fade is not None:
            self._fade.stop()
        self._fade = self.set_timer(CHANGED_SECONDS, self.clear_marks) if changed else None
        if changed and not any(self.line_in_view(index) for index in changed):
            self.call_after_refresh(self.scroll_to_line, changed[0])

    def clear_marks(self) -> None:
        """The moment is over: the changed lines look like the others again."""
        self._fade = None
        if self.changed:
            self.changed = frozenset()
            self.refresh()

    def _wrap(self, line: str, width: int) -> list[tuple[int, int]]:
        """The rows of one line: its spans, continued rows narrower by the `↪` prefix.

        An ASCII line's rows depend only on where its separators are, so they are cached by its
        shape: typing an account ID changes hundreds of lines and none of their shapes.
        """
        if len(line) <= width and line.isascii():
            return [(0, len(line))]
        key = (line.translate(SHAPE) if line.isascii() else line, width)
        if (spans := self._spans.get(key)) is None:
            rest = width - min(lead(line), width // 2) - len(CONTINUED)
            spans = self._spans[key] = wrap_spans(line, width, max(1, rest))
        return spans

    def _reflow(self) -> None:
        """Cut every line into rows for the current width (keeping the top line in view)."""
        width = self._width()
        top_line = self.rows[min(self.scroll_offset.y, len(self.rows) - 1)][0] if self.wrap_width else 0
        rows: list[Row] = []
        if width:
            for index, line in enumerate(self.lines):
                rows.extend((index, start, end) for start, end in self._wrap(line, width))
        else:  # before the first layout: a row per line, cut when the width is known
            rows = [(index, 0, len(line)) for index, line in enumerate(self.lines)]
        self.rows, self.wrap_width = rows, width
        counts = [0] * len(self.lines)
        for index, _, _ in rows:
            counts[index] += 1
        self.first_row = [0, *accumulate(counts)]
        size = Size(width or max(map(cell_len, self.lines)), len(rows))
        if size != self.virtual_size:
            self.virtual_size = size
            if top_line and width:
                self.scroll_to(y=self.first_row[min(top_line, len(self.lines) - 1)], animate=False, immediate=True)
        self.refresh()

    def _rewrap_in_place(self, changed: list[int]) -> bool:
        """Swap the rows of the changed lines if each keeps its number of rows; False otherwise."""
        width = self.wrap_width
        updates = []
        for index in changed:
            spans = self._wrap(self.lines[index], width)
            first = self.first_row[index]
            if len(spans) != self.first_row[index + 1] - first:
                return False
            updates.append((first, index, spans))
        for first, index, spans in updates:
            for offset, (start, end) in enumerate(spans):
                self.rows[first + offset] = (index, start, end)
        top = self.scroll_offset.y
        bottom = top + self.size.height  # (size and offsets are properties that cost a lookup each)
        in_view = sorted(row for first, _, spans in updates for row in range(first, first + len(spans))
                         if top <= row < bottom)
        start = 0  # only the rows that changed are painted again, a run of rows at a time
        for position, row in enumerate(in_view):
            if position + 1 == len(in_view) or in_view[position + 1] != row + 1:
                self.refresh_lines(in_view[start], row - in_view[start] + 1)
                start = position + 1
        return True

    def _width(self) -> int:
        """Cells a row may take: the view's width less the scrollbar's column, reserved so that a
        scrollbar appearing never changes the wrapping."""
        if not self.region.width:
            return 0
        gutter = self.styles.gutter.width + (self.scrollbar_size_vertical or 1)
        return max(8, self.region.width - gutter)

    def on_resize(self, event: Resize) -> None:
        if self._width() != self.wrap_width:
            self._reflow()

    def line_in_view(self, index: int) -> bool:
        top = self.scroll_offset.y
        return self.first_row[index] < top + self.size.height and self.first_row[index + 1] > top

    def scroll_to_line(self, index: int) -> None:
        """Bring document line `index` into view, a few rows below the top when there is room."""
        if index < len(self.lines) and not self.line_in_view(index):
            self.scroll_to(y=max(0, self.first_row[index] - 2), animate=False)

    # --- painting ------------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        """The theme or an ancestor's colours changed: highlight again with the new styles."""
        super().notify_style_update()
        self._styles = None
        self._strips.clear()
        self._row_strips.clear()

    def _token_styles(self) -> dict[str | None, RichStyle]:
        """Each token's style on top of the widget's own, as Content would combine them."""
        if self._styles is None:
            base = self.visual_style + Style.parse("$text")
            self._styles = {None: base.rich_style} | {
                kind: (base + Style.parse(spec)).rich_style for kind, spec in TOKEN_STYLES.items()}
            self._styles["continued"] = base.rich_style + self.get_component_rich_style(
                "json-view--continued", partial=True)
            # The mark's colour laid over this view's background (a rich style cannot carry its alpha).
            mark = self.background_colors[1] + self.get_component_styles("json-view--changed").background
            self._styles["changed"] = RichStyle(bgcolor=mark.rich_color)
        return self._styles

    def line_strip(self, index: int) -> Strip:
        """Document line `index` highlighted and uncut (cached while its text recurs)."""
        line = self.lines[index]
        if (strip := self._strips.get(line)) is None:
            styles = self._token_styles()
            plain = styles[None]
            segments: list[Segment] = []
            end = 0
            for match in TOKEN.finditer(line):
                if match.start() > end:
                    segments.append(Segment(line[end:match.start()], plain))
                segments.append(Segment(match.group(), styles[match.lastgroup]))
                end = match.end()
            if end < len(line):
                segments.append(Segment(line[end:], plain))
            strip = self._strips[line] = Strip(segments, cell_len(line))
        return strip

    def render_line(self, y: int) -> Strip:
        row_index, width = self.scroll_offset.y + y, self.size.width
        styles = self._token_styles()
        if row_index >= len(self.rows):
            return Strip.blank(width, styles[None])
        index, start, end = self.rows[row_index]
        selection = self.text_selection
        if selection is None:  # the common case: a row painted before is painted the same way
            key = (index, self.lines[index], start, end, index in self.changed, width)
            if (strip := self._row_strips.get(key)) is None:
                strip = self._row_strips[key] = self._render_row(index, start, end, width, None)
            return strip
        return self._render_row(index, start, end, width, selection)

    def _render_row(self, index: int, start: int, end: int, width: int, selection: Selection | None) -> Strip:
        """Characters start..end of document line `index`, as one row of the view."""
        styles = self._token_styles()
        plain = styles[None]
        line = self.lines[index]
        strip = self.line_strip(index)
        if start or end < len(line):
            strip = strip.crop(cell_len(line[:start]), cell_len(line[:end])) if not line.isascii() \
                else strip.crop(start, end)
        if selection is not None and (span := selection.get_span(index)):
            first, last = span
            last = len(line) if last == -1 else last
            if first < end and last > start:
                strip = self._select(strip, max(first, start) - start, min(last, end) - start, line[start:end])
        strip = strip.apply_offsets(start, index)  # offsets map the mouse to the text, for selection
        if start:
            indent = min(lead(line), self.wrap_width // 2)
            prefix = Strip([Segment(" " * indent, plain), Segment(CONTINUED, styles["continued"])])
            strip = Strip.join([prefix.apply_offsets(start, index), strip])
        strip = strip.crop_extend(0, width, plain)
        return over(strip, styles["changed"]) if index in self.changed else strip

    def _select(self, strip: Strip, start: int, end: int, text: str) -> Strip:
        """The strip with characters start..end of `text` in the screen's selection style."""
        selected = self.screen.get_component_rich_style("screen--selection")
        start, end = cell_len(text[:start]), cell_len(text[:end])
        before, middle, after = strip.divide([start, end, strip.cell_length])
        return Strip.join([before, over(middle, selected), after])

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected part of the document, as the document has it (the wrapping is display only)."""
        return selection.extract(self.text), "\n"
