"""Rows of text wrapped where a reader expects it: an ARN after `:` or `/`, never mid-name if avoidable.

Textual wraps at spaces and folds a longer word wherever the row ends, which cuts
`…role/service-role/orde` / `rs-fn`. Here each row is cut by wizard.tui.text.wrap_content for
the widget's width, and its continued rows are indented (under a value, past its label).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from wizard.tui.text import plain, wrap_content

WrappedRow = tuple[Content, int]  # content, and the indent of its continued rows


class WrappedText(Widget):
    """A Static-like block of rows; `update` replaces them (str rows are shown as plain text)."""

    DEFAULT_CSS = """
    WrappedText { height: auto; }
    """

    def __init__(self, rows: Sequence[tuple[Content | str, int]] = (), *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: tuple[WrappedRow, ...] = ()
        self._lines: dict[int, list[Content]] = {}  # wrapped rows by width
        self._set_rows(rows)

    def _set_rows(self, rows: Sequence[tuple[Content | str, int]]) -> bool:
        new = tuple((plain(text) if isinstance(text, str) else text, indent) for text, indent in rows)
        if [(c.plain, c.spans, i) for c, i in new] == [(c.plain, c.spans, i) for c, i in self.rows]:
            return False
        self.rows = new
        self._lines.clear()
        return True

    def update(self, rows: Sequence[tuple[Content | str, int]]) -> None:
        """New rows; a layout pass only when they take a different number of lines at this width."""
        width = self.content_region.width
        before = len(self.wrapped(width)) if width else -1
        if self._set_rows(rows):
            self.refresh(layout=not width or len(self.wrapped(width)) != before)

    @property
    def text(self) -> str:
        """The rows as given, unwrapped (what a test or a copy would read)."""
        return "\n".join(content.plain for content, _ in self.rows)

    def wrapped(self, width: int) -> list[Content]:
        """The rows cut for `width` cells."""
        width = max(1, width)
        if (lines := self._lines.get(width)) is None:
            lines = self._lines[width] = [part for content, indent in self.rows
                                          for part in wrap_content(content, width, indent)]
        return lines

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max((content.cell_length for content, _ in self.rows), default=0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.wrapped(width))

    def render(self) -> Content:
        return Content("\n").join(self.wrapped(self.content_region.width))
