"""The live preview: every document's label at once, and the chosen documents in full beside it.

Layout. A bar lists every document (label, size against limit); below it, panes. From 140
columns there are two panes side by side (more where each still gets `COLUMN` cells), below that
one. The panes show *slots*: a slot holds the document the user chose for it, one slot is
active (it receives alt+number, ctrl+o and clicks on labels), and ctrl+t makes the next slot
active. With one pane the slots are still a pair, and ctrl+t shows the other half of it, so
"the producer policy beside the key policy" is one key apart at any width.

Nothing is cut off: the panes wrap long lines (JsonView), never scroll sideways. A pane shows
which lines an answer changed, and the bar marks documents that changed or appeared.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import DescendantFocus, Resize
from textual.timer import Timer

from wizard.core.render import Bundle, Document
from wizard.core.validate import Resolved
from wizard.tui.documents import label, labels, where
from wizard.tui.text import plain
from wizard.tui.widgets.document_bar import Chip, DocumentBar, percent_of
from wizard.tui.widgets.json_view import CHANGED_SECONDS, JsonView
from wizard.tui.widgets.wrapped_text import WrappedText

WIDE = 140  # columns of the terminal from which documents sit side by side
ROOMY = 120  # columns from which the bar has room for every label
COLUMN = 56  # a third pane (and more) only where each pane still gets this many cells
FORM = 60  # cells the form takes beside the preview from WIDE columns (wizard.tcss)
UNITS = {"characters": "chars"}


def size_text(doc: Document) -> str:
    """`1,204 / 6,144 chars`: the size measured the way AWS measures it, against its limit."""
    return f"{doc.size:,} / {doc.limit:,} {UNITS.get(doc.unit, doc.unit)}"


def pane_count(app_width: int, preview_width: int, documents: int) -> int:
    """One pane below WIDE columns; from there two, and one more for every COLUMN cells beyond."""
    if app_width < WIDE or documents < 2:
        return 1
    return max(2, min(documents, preview_width // COLUMN))


class DocumentPane(Vertical):
    """One slot's document: file name and size on the border, where it goes in AWS, its JSON."""

    ALLOW_MAXIMIZE = True

    def __init__(self, position: int, *, active: bool = False) -> None:
        super().__init__(id=f"pane-{position}", classes="document -active" if active else "document")
        self.position = position
        self.doc: Document | None = None
        self.rendered_text: str | None = None
        self.header = ""

    def compose(self) -> ComposeResult:
        yield WrappedText(classes="attach")
        yield JsonView(classes="code")

    def set_document(self, doc: Document, where_text: str, *, mark: bool = False) -> None:
        """Show `doc`; with `mark`, as a change of the document shown (its changed lines marked)."""
        switched = self.doc is None or self.doc.filename != doc.filename
        self.doc = doc
        if self.border_title != doc.filename:  # each assignment repaints the pane: only on a change
            self.border_title = plain(doc.filename)  # never parsed as markup
        if self.border_subtitle != (size := size_text(doc)):
            self.border_subtitle = size
        self.set_class(doc.size > doc.limit, "-over-limit")
        header = where_text[:1].upper() + where_text[1:]
        if header != self.header:
            self.header = header
            self.query_one(WrappedText).update([(header, 2)])
        view = self.query_one(JsonView)
        if switched:
            view.show(doc.text)
            view.scroll_home(animate=False, immediate=True)
        else:
            view.show(doc.text, mark=mark)
        self.rendered_text = doc.text


class PolicyPreview(Vertical):
    """Receives bundles from the screen; knows nothing about answers."""

    def __init__(self, bundle: Bundle, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.documents: tuple[Document, ...] = bundle.documents
        self.resolved: Resolved | None = bundle.resolved
        self.slots: list[str] = []  # file name of the document each slot holds
        self.active_slot = 0
        self.panes = 0  # panes composed
        self.fresh: dict[str, str] = {}  # file name -> "changed" | "new", for a moment after an answer
        self._fade: Timer | None = None
        self._fill_slots()

    # --- slots ---------------------------------------------------------------------------------

    @property
    def names(self) -> list[str]:
        return [doc.filename for doc in self.documents]

    def _fill_slots(self, appeared: Sequence[str] = ()) -> None:
        """Keep each slot's document while it exists; give empty slots one not shown yet.

        Two slots at least (the pair), one per pane: first the first document, then the key
        policy (both halves of a grant), then documents that just appeared, then in order.
        """
        names = self.names
        wanted = max(2, self.panes)
        slots = [name if name in names else "" for name in self.slots][:wanted]
        slots += [""] * (wanted - len(slots))
        key = next((d.filename for d in self.documents if d.kind == "key"), "")
        order = [*appeared, *([names[0], key] if names and not any(slots) else []), *names]
        for index, name in enumerate(slots):
            if not name:
                slots[index] = next((n for n in order if n and n not in slots), "")
        self.slots = [name for name in slots if name] or []
        self.active_slot = min(self.active_slot, max(0, len(self.slots) - 1))

    def document(self, name: str) -> Document | None:
        return next((doc for doc in self.documents if doc.filename == name), None)

    def active_document(self) -> Document | None:
        return self.document(self.slots[self.active_slot]) if self.slots else None

    def visible_slots(self) -> list[int]:
        """The slot each pane shows, by pane: all of them side by side, else the active one."""
        if self.panes == 1:
            return [self.active_slot] if self.slots else []
        return list(range(min(self.panes, len(self.slots))))

    def shown(self) -> list[Document]:
        """The documents on screen, left to right."""
        return [doc for slot in self.visible_slots() if (doc := self.document(self.slots[slot]))]

    # --- structure -----------------------------------------------------------------------------

    def _panes_for(self, width: int) -> int:
        return pane_count(self.app.size.width, width, len(self.documents))

    def compose(self) -> ComposeResult:
        width = self.size.width or max(0, self.app.size.width - FORM)
        self.panes = self._panes_for(width)
        self.set_class(self.app.size.width < ROOMY, "-cramped")
        self._fill_slots()
        yield DocumentBar(id="doc-bar")
        with Horizontal(id="panes"):
            for position in range(self.panes):
                yield DocumentPane(position, active=self.panes > 1 and position == self.active_slot)

    def on_mount(self) -> None:
        self._show_all()

    def on_resize(self, event: Resize) -> None:
        self.set_class(self.app.size.width < ROOMY, "-cramped")
        if self.panes and self._panes_for(event.size.width) != self.panes:
            self._recompose()

    def _recompose(self) -> None:
        if self.screen.maximized is not None and self in self.screen.maximized.ancestors:
            self.screen.minimize()
        self.refresh(recompose=True)
        self.call_after_refresh(self._show_all)

    def _show_all(self, *, mark: bool = False) -> None:
        """Every pane shows its slot's document; the bar shows every label."""
        panes = list(self.query(DocumentPane))
        for pane, slot in zip(panes, self.visible_slots(), strict=False):
            doc = self.document(self.slots[slot])
            if doc is not None:
                pane.set_document(doc, where(doc, self.resolved), mark=mark)
            pane.set_class(self.panes > 1 and slot == self.active_slot, "-active")
        self._show_bar()

    def _show_bar(self) -> None:
        active = self.slots[self.active_slot] if self.slots else ""
        others = set(self.slots[:max(2, self.panes)]) - {active}
        self.query_one(DocumentBar).show(
            Chip(index, text, percent_of(doc.size, doc.limit), doc.size > doc.limit,
                 active=doc.filename == active, shown=doc.filename in others, fresh=self.fresh.get(doc.filename, ""))
            for index, (doc, text) in enumerate(zip(self.documents, labels(self.documents), strict=True)))

    # --- new documents -------------------------------------------------------------------------

    def show_bundle(self, bundle: Bundle) -> None:
        """The answers changed: show the new documents, and for a moment what changed."""
        old = {doc.filename: doc.text for doc in self.documents}
        self.documents, self.resolved = bundle.documents, bundle.resolved
        appeared = [doc.filename for doc in self.documents if doc.filename not in old]
        fresh = {doc.filename: "new" if doc.filename in appeared else "changed"
                 for doc in self.documents if old.get(doc.filename) != doc.text}
        if fresh:
            self.fresh = fresh
            if self._fade is not None:
                self._fade.stop()
            self._fade = self.set_timer(CHANGED_SECONDS, self._clear_fresh)
        self._fill_slots(appeared)
        if self._panes_for(self.size.width) != self.panes:
            self._recompose()
            return
        self._show_all(mark=True)

    def _clear_fresh(self) -> None:
        self._fade = None
        self.fresh = {}
        self._show_bar()

    # --- choosing what to show -----------------------------------------------------------------

    def show_document(self, index: int, *, beside: bool = False) -> None:
        """Document `index` in the active slot (with `beside`, in the next slot, the active one kept).

        A document already in another slot is not shown twice: that slot becomes the active one.
        """
        if not 0 <= index < len(self.documents):
            return
        name = self.documents[index].filename
        target = (self.active_slot + 1) % len(self.slots) if beside and len(self.slots) > 1 else self.active_slot
        if name in self.slots and self.slots.index(name) != target:
            if not beside:
                self._activate(self.slots.index(name))
                return
            other = self.slots.index(name)  # beside: the two swap places
            self.slots[other] = self.slots[target]
        self.slots[target] = name
        self._show_all()
        self._refocus()
        if beside and self.panes == 1 and target != self.active_slot:
            self.notify(f"{name} is the other half of the pair now: ctrl+t shows it (side by side from {WIDE} "
                        "columns).", title="Beside the active document", markup=False)

    def cycle(self) -> None:
        """The next document in the active slot, skipping those other slots hold."""
        if not self.slots:
            return
        names = self.names
        start = names.index(self.slots[self.active_slot])
        others = set(self.slots) - {self.slots[self.active_slot]}
        for step in range(1, len(names) + 1):
            candidate = names[(start + step) % len(names)]
            if candidate not in others:
                self.show_document(names.index(candidate))
                return

    def other_slot(self) -> None:
        """Make the next slot active: the pane beside, or with one pane, the other half of the pair."""
        if len(self.slots) > 1:
            self._activate((self.active_slot + 1) % min(len(self.slots), max(2, self.panes)))

    def _activate(self, slot: int) -> None:
        was_maximized = self.maximized_pane() is not None
        self.active_slot = slot
        self._show_all()
        if was_maximized:
            self.toggle_maximize()
            self.toggle_maximize()
        self._refocus()

    def _refocus(self) -> None:
        """Keep the keyboard in the document being read when it was in a document before."""
        focused = self.screen.focused
        if focused is not None and isinstance(focused, JsonView) and (pane := self.active_pane()):
            pane.query_one(JsonView).focus()

    def active_pane(self) -> DocumentPane | None:
        for pane, slot in zip(self.query(DocumentPane), self.visible_slots(), strict=False):
            if slot == self.active_slot:
                return pane
        return None

    def maximized_pane(self) -> DocumentPane | None:
        maximized = self.screen.maximized
        return maximized if isinstance(maximized, DocumentPane) and maximized in self.query(DocumentPane) else None

    def toggle_maximize(self) -> None:
        """The active document over the whole screen (focused, so arrows scroll it), or back."""
        if self.maximized_pane() is not None:
            self.screen.minimize()
            return
        if (pane := self.active_pane()) is not None:
            self.screen.maximize(pane, container=False)
            pane.query_one(JsonView).focus()

    def on_document_bar_chosen(self, message: DocumentBar.Chosen) -> None:
        message.stop()
        self.show_document(message.index)

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        for node in event.widget.ancestors_with_self:
            if isinstance(node, DocumentPane):
                slots = self.visible_slots()
                if node.position < len(slots) and slots[node.position] != self.active_slot:
                    self.active_slot = slots[node.position]
                    self._show_all()
                return

    def commands(self) -> Iterator[tuple[str, str, int, bool]]:
        """(title, help, document index, beside) for the command palette."""
        active = self.active_document()
        for index, doc in enumerate(self.documents):
            name = label(doc)
            yield (f"Show document: {name} ({doc.filename})", f"Show the {doc.title} in the active pane",
                   index, False)
            if active is not None and doc.filename != active.filename:
                yield (f"Show beside {label(active)}: {name} ({doc.filename})",
                       f"Show the {doc.title} side by side with {active.filename}", index, True)
