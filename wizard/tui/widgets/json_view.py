"""A read-only JSON view painted a line at a time (Textual's Line API).

A Static holding a whole document renders every line to strips on each layout and paint; here
only the lines in view are rendered, each highlighted once and cached by its text, so a repaint
costs what the view shows, and a document that changes in a few lines re-highlights only those.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.cache import LRUCache
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style

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


class JsonView(ScrollView, can_focus=True):
    """Scrolls both ways; `show` swaps the text, and a layout follows only if its shape changed."""

    DEFAULT_CSS = """
    JsonView { padding: 0 0 0 1; }
    """

    def __init__(self, *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.text = ""
        self.lines: list[str] = [""]
        self._strips: LRUCache[str, Strip] = LRUCache(1024)  # highlighted line by its text
        self._styles: dict[str | None, RichStyle] | None = None  # token kind -> style, per theme

    def show(self, text: str) -> None:
        """Display `text`; the lines in view are highlighted when painted.

        When the text keeps its shape (typing mostly swaps characters for as many), only the
        lines in view that changed are repainted, and there is no layout pass.
        """
        if text == self.text:
            return
        old = self.lines
        self.text = text
        self.lines = lines = text.splitlines() or [""]  # no empty line after the final newline
        size = Size(max(map(cell_len, lines)) + 1, len(lines))  # a blank column after the widest line
        if size != self.virtual_size:
            self.virtual_size = size
            self.refresh()
            return
        top = self.scroll_offset.y
        for index in range(top, min(top + self.size.height, len(lines))):
            if lines[index] != old[index]:
                self.refresh_line(index)

    def notify_style_update(self) -> None:
        """The theme or an ancestor's colours changed: highlight again with the new styles."""
        super().notify_style_update()
        self._styles = None
        self._strips.clear()

    def _token_styles(self) -> dict[str | None, RichStyle]:
        """Each token's style on top of the widget's own, as Content would combine them."""
        if self._styles is None:
            base = self.visual_style + Style.parse("$text")
            self._styles = {None: base.rich_style} | {
                kind: (base + Style.parse(spec)).rich_style for kind, spec in TOKEN_STYLES.items()}
        return self._styles

    def line_strip(self, index: int) -> Strip:
        """Document line `index` highlighted and uncropped (cached while its text recurs)."""
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
        scroll_x, scroll_y = self.scroll_offset
        index, width = scroll_y + y, self.size.width
        plain = self._token_styles()[None]
        if index >= len(self.lines):
            return Strip.blank(width, plain)
        strip = self.line_strip(index)
        if (selection := self.text_selection) is not None and (span := selection.get_span(index)):
            start, end = span
            strip = self._select(strip, start, len(self.lines[index]) if end == -1 else end)
        # Offsets map the mouse to the text, for selection; both steps are cached on the strip.
        return strip.crop_extend(scroll_x, scroll_x + width, plain).apply_offsets(scroll_x, index)

    def _select(self, strip: Strip, start: int, end: int) -> Strip:
        """The strip with columns start..end in the screen's selection style."""
        selected = self.screen.get_component_rich_style("screen--selection")
        before, middle, after = strip.divide([start, end, strip.cell_length])
        return Strip.join([before, middle.apply_style(selected), after])

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected part of the document (the default reads a Static's text)."""
        return selection.extract(self.text), "\n"
