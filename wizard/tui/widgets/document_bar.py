"""Every document's label at once, with its size against its limit: `1 producer 13%  2 key 4% …`.

The labels flow into as many rows as the width needs (a row of tabs would hide most of them
behind its edge); past the bar's height they scroll, and the active one is kept in view. The
number is the alt+number key that shows the document; a click shows it too. A document that an
answer just changed is marked `•`, one that just appeared `+`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from wizard.core.display import visible

MARKS = {"changed": "•", "new": "+"}
NUMBERED = 9  # alt+1 ... alt+9


@dataclass(frozen=True)
class Chip:
    """One document's label as the bar shows it."""

    index: int
    label: str
    percent: int
    over: bool  # larger than its limit
    active: bool = False  # in the active pane
    shown: bool = False  # in another pane, or the other half of the pair
    fresh: str = ""  # "changed" or "new" while an answer's effect is being shown

    @property
    def number(self) -> str:
        return str(self.index + 1) if self.index < NUMBERED else ""

    def parts(self) -> list[tuple[str, str]]:
        """(text, component) pieces: mark, number, label, size; the label is made safe to show."""
        percent = f"{self.percent}%" if self.percent or self.over else "<1%"
        return [(MARKS.get(self.fresh, " "), "fresh"), (f"{self.number} " if self.number else "", "number"),
                (visible(self.label) + " ", "label"), (percent, "over" if self.over else "size"), (" ", "label")]

    @property
    def cells(self) -> int:
        return sum(cell_len(text) for text, _ in self.parts())


def percent_of(size: int, limit: int) -> int:
    return size * 100 // limit if limit else 0


def flow(chips: Sequence[Chip], width: int) -> list[list[tuple[int, Chip]]]:
    """Chips in rows of at most `width` cells, one cell apart: (x, chip) per row."""
    rows: list[list[tuple[int, Chip]]] = [[]]
    x = 0
    for chip in chips:
        if x and x + chip.cells > width:
            rows.append([])
            x = 0
        rows[-1].append((x, chip))
        x += chip.cells + 1
    return rows


class DocumentBar(ScrollView):
    """The labels; posts `Chosen` when one is clicked."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"document-bar--chip", "document-bar--active", "document-bar--shown",
                         "document-bar--fresh", "document-bar--number", "document-bar--over"}

    DEFAULT_CSS = """
    DocumentBar { height: auto; overflow-x: hidden; overflow-y: auto; scrollbar-size-vertical: 1; }
    DocumentBar > .document-bar--chip { color: $text-muted; background: $boost; }
    DocumentBar > .document-bar--shown { color: $text; background: $panel-lighten-2; }
    DocumentBar > .document-bar--active { color: $text; background: $accent 60%; text-style: bold; }
    DocumentBar > .document-bar--fresh { color: $text-warning; text-style: bold; }
    DocumentBar > .document-bar--number { color: $text-accent; }
    DocumentBar > .document-bar--over { color: $text-error; text-style: bold; }
    """

    class Chosen(Message):
        """The user clicked the label of document `index`."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.chips: tuple[Chip, ...] = ()
        self.rows: list[list[tuple[int, Chip]]] = [[]]
        self._width = 0

    def show(self, chips: Sequence[Chip]) -> None:
        chips = tuple(chips)
        if chips == self.chips:
            return
        same_cells = [c.cells for c in chips] == [c.cells for c in self.chips]
        self.chips = chips
        if same_cells and self._width:  # the same places: repaint, no layout
            self.rows = flow(chips, self._width)
            self.refresh()
        else:
            self._reflow()
        self._keep_active_in_view()

    def _reflow(self) -> None:
        self.rows = flow(self.chips, self._width or 10_000)
        height = len(self.rows)
        if self.virtual_size != Size(self._width, height):
            self.virtual_size = Size(self._width, height)
            self.refresh(layout=True)
        self.refresh()

    def on_resize(self) -> None:
        width = max(1, self.region.width - self.styles.gutter.width - 1)  # the scrollbar's column kept free
        if width != self._width:
            self._width = width
            self._reflow()
            self._keep_active_in_view()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(flow(self.chips, max(1, width - 1)))

    def _keep_active_in_view(self) -> None:
        """Scroll the bar (when it has more rows than room) to the row of the active label."""
        row = next((y for y, row in enumerate(self.rows) if any(chip.active for _, chip in row)), None)
        top = self.scroll_offset.y
        if row is not None and not top <= row < top + self.size.height:
            self.scroll_to(y=row, animate=False)

    def chip_at(self, x: int, y: int) -> Chip | None:
        if 0 <= y < len(self.rows):
            for left, chip in self.rows[y]:
                if left <= x < left + chip.cells:
                    return chip
        return None

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None and (chip := self.chip_at(offset.x, offset.y + self.scroll_offset.y)):
            event.stop()
            self.post_message(self.Chosen(chip.index))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        row_index = self.scroll_offset.y + y
        if row_index >= len(self.rows):
            return Strip.blank(width, base)
        style = self.get_component_rich_style
        segments: list[Segment] = []
        x = 0
        for left, chip in self.rows[row_index]:
            if left > x:
                segments.append(Segment(" " * (left - x), base))
            kind = "active" if chip.active else "shown" if chip.shown else "chip"
            chip_style = base + style(f"document-bar--{kind}")
            for text, part in chip.parts():
                if text:
                    extra = style(f"document-bar--{part}", partial=True) if part in ("fresh", "number", "over") \
                        else None
                    segments.append(Segment(text, chip_style + extra if extra else chip_style))
            x = left + chip.cells
        return Strip(segments).crop_extend(0, width, base)
