"""Who can do what, in the wizard: the bundle's access table beside the form, made from the same Bundle.

The table is the one ACCESS.md and `explain` give (wizard.core.access): every principal, anyone
else in the account and another account, × the operations that matter, each allowed, denied or
unknown, with the statements that decided (file#Sid) under it. It is made only while it is shown,
in a thread so typing never waits for it, and only for the latest answers: while one table is
being made, newer answers wait, and a table made for answers that have changed since is dropped.

Rows wrap to the view's width (continued rows indented under the operation), so at 80 columns,
or in the narrow pane beside the form, nothing is cut off; only the rows in view are painted.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial

from rich.segment import Segment
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.events import Resize
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer
from textual.worker import Worker, WorkerState, get_current_worker

from wizard.core.access import Row, bundle_setting, principal_rows, summary
from wizard.core.access_text import ASSUMPTIONS, describe, lines
from wizard.core.display import visible
from wizard.core.evaluate import ALLOWED, DENIED, UNKNOWN
from wizard.core.render import Bundle
from wizard.tui.text import wrap_content
from wizard.tui.widgets.wrapped_text import WrappedText

DECISION_STYLES = {ALLOWED: "bold $text-success", DENIED: "$text-error", UNKNOWN: "bold $text-warning"}
INDENT = 11  # where an operation starts: continued rows of a line begin under it
NARROW = 48  # below this many cells continued rows are indented less
PAUSE = 0.2  # seconds without a new answer before the table is made again (typing goes first)
# A row of the table: its head and the notes that go after it (the deciding statements), and the
# indent of continued rows. Head and notes share a row when they fit; otherwise each note has its own.
TableRow = tuple[tuple[Content, ...], int]
PROVED = ("Proved from the documents by the evaluator of kinesis-kms-wizard, with the calls Kinesis makes for "
          "each principal (GenerateDataKey and Decrypt through kinesis.<region>.amazonaws.com, with the stream's "
          "ARN as encryption context). The same table is saved as ACCESS.md.")


def user(text: str) -> Content:
    """Text from answers or documents: literal, every control character (a newline too) spelled out."""
    return Content(visible(text))  # already printable: nothing more for plain() to escape


@dataclass(frozen=True)
class AccessTable:
    """The table of one bundle, as rows to show; `error` when it could not be made."""

    bundle: Bundle | None
    rows: tuple[TableRow, ...]
    counts: tuple[int, int, int] = (0, 0, 0)  # allowed, denied, unknown
    error: str = ""


def access_table(bundle: Bundle, cancelled: Callable[[], bool] = lambda: False) -> AccessTable | None:
    """Every principal's lines, the totals and what the answer assumes (run in a worker thread).

    None when `cancelled` says, between two principals, that the answers have changed meanwhile.
    """
    setting = bundle_setting(bundle)
    rows: list[Row] = []
    for mine in principal_rows(setting):
        if cancelled():
            return None
        rows += mine
    counts = summary(rows)
    out: list[TableRow] = []
    if bundle.problems:
        count = len(bundle.problems)
        out += [((Content.styled(f"The answers are not complete ({count} open problem{'s' * (count != 1)}): "
                                 "this is what the documents allow as they stand.", "$text-warning"),), 0),
                ((Content(""),), 0)]
    current = None
    for line in lines(rows, len(setting.streams)):
        if line.who.arn != current:
            if current is not None:
                out.append(BLANK)
            current = line.who.arn
            out.append(_heading(line.who.label, describe(line.who), line.who.arn))
        # The stream scope as explain and ACCESS.md give it ("each of 3 streams", or the streams a line is
        # for): the same table in the same words, and a line for every stream is told from one for none.
        unknown = line.reasons[0] if line.decision == UNKNOWN and line.reasons else None
        out.append(_line(line.label, line.where, line.decision, line.because, unknown))
    out += [((Content(""),), 0), ((Content.styled(PROVED, "$text-muted"),), 0),
            ((Content.styled(ASSUMPTIONS, "$text-muted"),), 0)]
    return AccessTable(bundle, tuple(out), (counts[ALLOWED], counts[DENIED], counts[UNKNOWN]))


BLANK: TableRow = ((Content(""),), 0)


@lru_cache(maxsize=4096)
def _heading(label: str, role: str, arn: str) -> TableRow:
    heading = user(label).stylize("bold") + (user(f" ({role})") if role else Content(""))
    return (heading, user(arn).stylize("$text-muted")), 4


@lru_cache(maxsize=4096)
def _line(label: str, where: str, decision: str, because: tuple[str, ...], unknown: str | None) -> TableRow:
    """One operation's row, made once for every principal it reads the same for (and kept between tables,
    so the rows an answer did not change are the same rows, wrapped once)."""
    what = user(label + (f" ({where})" if where else ""))
    head = Content.assemble("  ", Content.styled(f"{decision:<8}", DECISION_STYLES[decision]), " ", what)
    if unknown is not None:
        notes = ["unknown: " + unknown]
    else:
        notes = [("by " if decision == DENIED and not n else "") + ref for n, ref in enumerate(because)]
    return (head, *(user(note).stylize("$text-muted") for note in notes)), INDENT


def layout(row: TableRow, width: int) -> list[Content]:
    """One table row cut for `width` cells: head and notes on one row if they fit, else a note a row."""
    (head, *notes), indent = row
    if width < NARROW:  # a narrow pane keeps its cells for the names rather than for lining them up
        indent = min(indent, 4)
    if not notes:
        return wrap_content(head, width, indent)
    joined = Content(", ").join(notes)
    if head.cell_length + 2 + joined.cell_length <= width:
        return [head + Content("  ") + joined]
    pad = Content(" " * min(indent, width // 2))
    return [*wrap_content(head, width, indent), *(part for note in notes for part in wrap_content(pad + note, width,
                                                                                                   indent))]


class AccessLines(ScrollView, can_focus=True):
    """The table's rows painted a row at a time (Textual's Line API), wrapped to the width."""

    DEFAULT_CSS = """
    AccessLines { padding: 0 0 0 1; overflow-x: hidden; scrollbar-size: 1 1; scrollbar-gutter: stable; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: tuple[TableRow, ...] = ()
        self.wrapped: list[Content] = []
        self.starts: list[int] = []  # the first wrapped row of each row
        self._cut: dict[int, tuple[TableRow, list[Content]]] = {}  # rows cut for `wrap_width`, by identity
        self.wrap_width = 0

    @property
    def text(self) -> str:
        """The rows as given, unwrapped (what a test reads)."""
        return "\n".join(head.plain + "".join(("  " if n == 0 else ", ") + note.plain for n, note in enumerate(notes))
                         for (head, *notes), _ in self.rows)

    def show(self, rows: Sequence[TableRow]) -> None:
        self.rows = tuple(rows)
        self._wrap(self.width_now)
        self.refresh()

    @property
    def width_now(self) -> int:
        """The cells a row has, from the size the last layout gave: `scrollable_content_region` reads the
        compositor's map, which can still hold the width before the last change (a maximized table given
        back to its pane), and the rows would stay cut for the wider pane."""
        return max(0, self.outer_size.width - self.styles.gutter.width - self.scrollbar_gutter.width)

    def _wrap(self, width: int) -> None:
        """Cut the rows for `width`; the row at the top stays at the top (its first part does)."""
        if width <= 0:
            return
        top = bisect_right(self.starts, self.scroll_offset.y) - 1 if self.starts else 0
        if width != self.wrap_width or len(self._cut) > 4 * len(self.rows) + 1000:
            self._cut.clear()
        self.wrap_width = width
        self.wrapped, self.starts = [], []
        for row in self.rows:
            self.starts.append(len(self.wrapped))
            cut = self._cut.get(id(row))
            if cut is None or cut[0] is not row:  # a row seen before (another principal's, the last table's): as cut
                cut = self._cut[id(row)] = (row, layout(row, width))
            self.wrapped += cut[1]
        self.virtual_size = Size(width, len(self.wrapped))
        if self.starts and top > 0:
            self.scroll_to(y=self.starts[min(top, len(self.starts) - 1)], animate=False, immediate=True)

    def on_resize(self, event: Resize) -> None:
        if self.width_now != self.wrap_width:
            self._wrap(self.width_now)

    def render_lines(self, crop: Region) -> list[Strip]:
        """Rows cut again first if the width has changed since they were cut, whatever changed it: the table
        is never painted cut for another width."""
        if self.rows and self.width_now != self.wrap_width:
            self._wrap(self.width_now)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.width_now
        index = self.scroll_offset.y + y
        base = self.rich_style
        if index >= len(self.wrapped):
            return Strip.blank(width, base)
        parts = self.wrapped[index].render(self.visual_style, "", self.app.stylesheet.parse_style)
        strip = Strip([Segment(text, style.rich_style) for text, style in parts])
        return strip.adjust_cell_length(width, base)


class AccessView(Vertical):
    """The table in a bordered panel: totals on the border, the rows below a line that says what it is."""

    ALLOW_MAXIMIZE = True
    TITLE = "Who can do what"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="document")
        self.bundle: Bundle | None = None  # the latest bundle given
        self.table: AccessTable | None = None  # the table shown
        self._worker: Worker[AccessTable] | None = None
        self._asked: Bundle | None = None  # the bundle the running worker makes the table of
        self._soon: Timer | None = None  # the table of new answers, once typing pauses

    def compose(self) -> ComposeResult:
        yield WrappedText(id="access-summary", classes="attach")
        yield AccessLines(id="access-lines")

    def on_mount(self) -> None:
        self.border_title = self.TITLE
        self.border_subtitle = "ctrl+r documents"
        self._summary("Working it out…")
        self.refresh_table()

    @property
    def text(self) -> str:
        return self.query_one(AccessLines).text

    def show_bundle(self, bundle: Bundle) -> None:
        """New answers: the table follows them once typing pauses if it is shown, else when it is next shown.

        The pause keeps the table's worker off the keys' way: it shares the interpreter with the
        screen, and a key pressed while a table is being made would wait for its turn to be echoed.
        """
        self.bundle = bundle
        if self._worker is not None:
            # It stops at its next principal. Forgotten now: a worker cancelled before its task ran never
            # reports, and a late report of this one is not listened to.
            self._worker.cancel()
            self._worker = None
        if self._soon is not None:
            self._soon.stop()
        self._soon = self.set_timer(PAUSE, self.refresh_table) if self.display else None

    def refresh_table(self) -> None:
        """Make the table of the latest bundle if it is shown and not made yet (one worker at a time)."""
        if self._soon is not None:
            self._soon.stop()
            self._soon = None
        bundle = self.bundle
        if bundle is None or not self.display or self._worker is not None:
            return
        if self.table is not None and self.table.bundle is bundle:
            return
        self._asked = bundle
        self._worker = self.run_worker(partial(access_table, bundle, _worker_cancelled), name="access-table",
                                       thread=True, exit_on_error=False)

    @property
    def busy(self) -> bool:
        """A table is being made, or the one shown is not of the latest answers (tests wait on this)."""
        stale = self.table is None or self.table.bundle is not self.bundle
        return self._worker is not None or self._soon is not None or (self.display and stale)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._worker or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return  # a worker cancelled for newer answers (show_bundle), or one still running
        event.stop()
        self._worker = None
        table = event.worker.result if event.state == WorkerState.SUCCESS else \
            AccessTable(self._asked, (), error=str(event.worker.error))
        if table is not None and table.bundle is self.bundle:  # made for answers that have changed since: dropped
            self._apply(table)
        self.refresh_table()

    def _apply(self, table: AccessTable) -> None:
        self.table = table
        if table.error:
            self._summary(f"The table could not be made: {table.error}")
            self.query_one(AccessLines).show([])
            return
        allowed, denied, unknown = table.counts
        self._summary(f"{allowed} allowed, {denied} denied, {unknown} unknown")
        self.query_one(AccessLines).show(table.rows)

    def _summary(self, text: str) -> None:
        self.query_one("#access-summary", WrappedText).update([(user(text), 0)])


def _worker_cancelled() -> bool:
    """In the table's worker thread: whether the answers it works on have changed since (see show_bundle)."""
    return get_current_worker().is_cancelled
