"""The live preview: every document the answers call for, highlighted, with its size and limit.

Side by side from 140 columns, tabs below that. The structure is rebuilt only when the list of
documents changes; otherwise each pane re-highlights only when its own text changed, and a
pane hidden behind another tab, or scrolled out of view, is highlighted when it is shown.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, HorizontalScroll, Vertical
from textual.events import DescendantFocus, Resize
from textual.widget import Widget
from textual.widgets import Static, TabbedContent, TabPane

from wizard.core.render import Document
from wizard.tui.widgets.json_view import JsonView

WIDE = 140  # columns of the terminal from which documents sit side by side
COLUMN = 50  # narrowest readable column; with more documents than fit, the columns scroll
UNITS = {"characters": "chars"}


def size_text(doc: Document) -> str:
    """`1,204 / 6,144 chars`: the size measured the way AWS measures it, against its limit."""
    return f"{doc.size:,} / {doc.limit:,} {UNITS.get(doc.unit, doc.unit)}"


def in_view(pane: Widget) -> bool:
    """Whether part of a column lies in its scrolling row's view (True where nothing scrolls,
    and before the first layout, when there is no geometry to go by)."""
    row = pane.parent
    region = pane.virtual_region
    if not isinstance(row, HorizontalScroll) or not region:
        return True
    left = row.scroll_x
    return region.x < left + row.scrollable_content_region.width and region.right > left


class Columns(HorizontalScroll):
    """Documents side by side, more than fit: a column is highlighted once it scrolls into view."""

    def watch_scroll_x(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_x(old_value, new_value)
        for pane in self.children:
            if isinstance(pane, DocumentPane) and in_view(pane):
                pane.render_code()


class DocumentPane(Vertical):
    """One document: attach-to line, and its JSON in a scrollable, focusable area."""

    def __init__(self, doc: Document, index: int, *, render: bool = True, active: bool = False) -> None:
        super().__init__(id=f"doc-{index}", classes="document -active" if active else "document")
        self.doc = doc
        self.index = index
        self.rendered_text: str | None = None
        self.attach = ""
        self._render_now = render

    def compose(self) -> ComposeResult:
        yield Static("", classes="attach")
        yield JsonView(classes="code")

    def on_mount(self) -> None:
        self._show_header()
        if self._render_now:
            self.render_code()

    def set_document(self, doc: Document, *, visible: bool) -> None:
        self.doc = doc
        self._show_header()
        if visible:
            self.render_code()

    def render_code(self) -> None:
        """Hand the JSON to the view unless this exact text is already there."""
        text = self.doc.text
        if self.rendered_text != text:
            self.query_one(JsonView).show(text)
            self.rendered_text = text

    def _show_header(self) -> None:
        """Border title and size line; each assignment repaints the whole pane, so only on a change."""
        doc = self.doc
        if self.border_title != doc.filename:
            self.border_title = doc.filename
        if self.border_subtitle != (size := size_text(doc)):
            self.border_subtitle = size
        self.set_class(doc.size > doc.limit, "-over-limit")
        attach = f"{doc.title} · attach to {doc.attach_to}"
        if attach != self.attach:
            self.attach = attach
            self.query_one(".attach", Static).update(attach)


class PolicyPreview(Widget):
    """Receives documents from the screen; knows nothing about answers."""

    def __init__(self, documents: Sequence[Document], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.documents: tuple[Document, ...] = tuple(documents)
        self.active = 0
        self.layout_mode = ""

    # --- structure -----------------------------------------------------------------------------

    @property
    def tabs(self) -> bool:
        return self.layout_mode == "tabs"

    def _layout_for(self, width: int) -> str:
        """tabs below WIDE; side by side when every column gets COLUMN cells, else scrolling."""
        if self.app.size.width < WIDE:
            return "tabs"
        return "fit" if len(self.documents) * COLUMN <= width else "scroll"

    def compose(self) -> ComposeResult:
        self.layout_mode = self._layout_for(self.size.width or self.app.size.width * 2 // 3)
        if self.tabs:
            with TabbedContent(initial=f"tab-{self.active}" if self.documents else None):
                for index, doc in enumerate(self.documents):
                    with TabPane(doc.filename, id=f"tab-{index}"):
                        yield DocumentPane(doc, index, render=index == self.active, active=index == self.active)
        else:
            container = Horizontal if self.layout_mode == "fit" else Columns
            with container(classes=f"columns -{self.layout_mode}"):
                for index, doc in enumerate(self.documents):
                    yield DocumentPane(doc, index, active=index == self.active)

    def on_resize(self, event: Resize) -> None:
        if self.layout_mode and self._layout_for(event.size.width) != self.layout_mode:
            self.refresh(recompose=True)

    def show_documents(self, documents: Sequence[Document]) -> None:
        """New documents: rebuild if the set changed, else update the panes whose text changed."""
        documents = tuple(documents)
        old, self.documents = self.documents, documents
        if [d.filename for d in old] != [d.filename for d in documents]:
            active_name = old[self.active].filename if self.active < len(old) else None
            names = [d.filename for d in documents]
            self.active = names.index(active_name) if active_name in names else 0
            self.refresh(recompose=True)
            return
        for pane in self.query(DocumentPane):
            if pane.index >= len(documents):
                continue  # a rebuild is already on its way
            doc = documents[pane.index]
            if doc.text != pane.doc.text or doc.attach_to != pane.doc.attach_to:
                pane.set_document(doc, visible=pane.index == self.active if self.tabs else in_view(pane))

    # --- which document is active --------------------------------------------------------------

    def active_document(self) -> Document | None:
        return self.documents[self.active] if self.active < len(self.documents) else None

    def cycle(self) -> None:
        """Make the next document the active one (the next tab, or the next column)."""
        if not self.documents:
            return
        self._activate((self.active + 1) % len(self.documents))

    def _activate(self, index: int) -> None:
        self.active = index
        if self.tabs:
            self.query_one(TabbedContent).active = f"tab-{index}"
        self._mark_active()

    def _mark_active(self) -> None:
        for pane in self.query(DocumentPane):
            pane.set_class(pane.index == self.active, "-active")
            if pane.index == self.active:
                pane.render_code()
                if not self.tabs:
                    pane.scroll_visible()

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        event.stop()
        pane_id = event.pane.id or ""
        if pane_id.startswith("tab-"):
            self.active = int(pane_id.removeprefix("tab-"))
            self._mark_active()

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        for node in event.widget.ancestors_with_self:
            if isinstance(node, DocumentPane):
                if node.index != self.active:
                    self.active = node.index
                    self._mark_active()
                return
