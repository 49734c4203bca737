"""The wizard screen: step indicator on top, the current step beside the live preview.

It owns navigation (current step, steps visited) and hands the app's bundle down to the
indicator, the visible step pane and the preview. Steps with problems block Next; the
problems are explained under the fields and in a line above the buttons, which follows the
answers: it goes as soon as what it complains about is fixed, or the step changes. (A toast
would linger after the fix and cover the preview or a dialog's buttons.)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import ClassVar

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, ContentSwitcher

from wizard.core.fields import STEP_IDS, STEPS
from wizard.core.render import Bundle, Document
from wizard.tui.keys import read_alt_digits
from wizard.tui.messages import StepRequested
from wizard.tui.widgets.access_view import AccessLines, AccessView
from wizard.tui.widgets.footer import WizardFooter
from wizard.tui.widgets.policy_preview import PolicyPreview
from wizard.tui.widgets.step_indicator import StepIndicator
from wizard.tui.widgets.steps import StepPane, pane_class
from wizard.tui.widgets.wrapped_text import WrappedText

# Document N of the preview: F1-F9, or alt+1-9 (ESC N, see wizard.tui.keys). Priority bindings,
# or a text field with focus would take alt+N as typing the digit.
DOCUMENT_KEYS = tuple(f"f{n},alt+{n}" for n in range(1, 10))
FULL_WIDTH_BELOW = 100  # columns below which ctrl+r shows the access table over the whole screen


@dataclass(frozen=True)
class Refusal:
    """Next ("next") or a jump ("goto" to `target`) refused for `step`'s problems, a save ("save"), or Next on the
    last step ("last")."""

    kind: str
    step: int = 0
    target: int = 0


class WizardScreen(Screen):
    """Form on the left, preview on the right, keys in the footer."""

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [(0, "-narrow"), (140, "-wide")]
    # Each step's pane focuses its own first field when shown (StepPane.focus_first); Textual's auto focus
    # would also scroll to it, and on Review that is the Save button at the bottom.
    AUTO_FOCUS = ""  # not None, which means the app's ("*")

    BINDINGS: ClassVar[list[BindingType]] = [
        # In the order the footer shows them, most wanted first: at 80 columns it cuts from the end. Short
        # labels, so that at 80 columns every key up to ctrl+f shows; the tooltips and the palette say more.
        Binding("ctrl+n", "next", "Next"),
        Binding("ctrl+b", "back", "Back"),
        Binding("ctrl+s", "app.save", "Save"),
        Binding("ctrl+r", "toggle_access", "Access", tooltip="Who can do what: the access table, or the documents"),
        Binding("ctrl+y", "app.copy_document", "Copy", tooltip="Copy the active document"),
        # The preview's keys: every document one key away, the pair side by side, the whole screen.
        Binding("ctrl+o", "next_document", "Doc", tooltip="The next document"),
        Binding("ctrl+t", "other_side", "Side", tooltip="The other pane, or the other document of the pair"),
        Binding("ctrl+f", "maximize_document", "Full", tooltip="The active document over the whole screen"),
        *(Binding(keys, f"show_document({n - 1})", "Doc N", key_display="F1…9", show=n == 1, priority=True)
          for n, keys in enumerate(DOCUMENT_KEYS, start=1)),
    ]

    def __init__(self, bundle: Bundle, *, prefilled: bool = False) -> None:
        super().__init__()
        read_alt_digits()
        self.bundle = bundle
        # With answers given up front every step counts as seen: statuses show, jumps are free,
        # and the wizard opens at the first step that needs attention.
        self.visited: set[int] = set(range(len(STEPS))) if prefilled else {0}
        self.index = (next((i for i, s in enumerate(STEPS) if s.problems(bundle.problems)), len(STEPS) - 1)
                      if prefilled else 0)
        self.tried: set[int] = set()  # steps where Next was refused
        # Panes are built the first time their step is shown (start-up composes one, not six) and
        # then kept, so what is half typed in a field survives going back and forth.
        self.panes: dict[str, StepPane] = {}
        self.ready: set[str] = set()  # panes whose children are mounted
        self.mounting = 0  # panes being mounted now
        self._focus_before_maximize: Widget | None = None
        # Why the last Next, jump or save was refused; the line under the form words it from the
        # current bundle while it still holds.
        self.refusal: Refusal | None = None
        self._refusal_shown: list[tuple[str, int]] | None = None  # the refusal rows as last shown (None: not yet)
        self.side = "documents"  # what the right-hand side shows: "documents" or "access" (the table)
        self._side_before_review = "documents"

    def compose(self) -> ComposeResult:
        # The breakpoint class Textual would add on the first resize, added before the first layout
        # so that layout is not thrown away (at 160 columns the form goes from 44 to 60 cells).
        width = self.app.size.width
        self.add_class(max((edge, name) for edge, name in self.HORIZONTAL_BREAKPOINTS or [] if width >= edge)[1])
        yield StepIndicator(id="indicator")
        with Horizontal(id="body"):
            with Vertical(id="form"):
                step = STEPS[self.index]
                with ContentSwitcher(id="steps", initial=step.id):
                    yield self._new_pane(self.index)
                yield WrappedText(id="step-message")
                with Horizontal(id="nav"):
                    yield Button("◀ Back", id="back", compact=True)
                    yield Button("Next ▶", id="next", compact=True, variant="primary")
                    yield Button("Copy", id="copy", compact=True)
                    yield Button("Save", id="save", compact=True, variant="success")
            preview = PolicyPreview(self.bundle, id="preview")
            access = AccessView(id="access")
            # The review step shows who can do what in place of the documents (ctrl+r swaps them anywhere).
            self.side = "access" if self.index == len(STEPS) - 1 else "documents"
            preview.display, access.display = self.side == "documents", self.side == "access"
            access.bundle = self.bundle
            yield preview
            yield access
        yield WizardFooter(compact=True)

    def on_mount(self) -> None:
        self.ready.add(STEPS[self.index].id)
        self._show(self.index)

    def _new_pane(self, index: int) -> StepPane:
        step = STEPS[index]
        self.panes[step.id] = pane_class(step.id)(step, self.bundle.answers, id=step.id)
        return self.panes[step.id]

    # --- attributes down -----------------------------------------------------------------------

    @property
    def current(self) -> StepPane | None:
        """The current step's pane, once its widgets are mounted."""
        step_id = STEPS[self.index].id
        return self.panes[step_id] if step_id in self.ready else None

    def show_bundle(self, bundle: Bundle) -> None:
        """The app's new bundle: refresh only what is visible."""
        self.bundle = bundle
        self.query_one(PolicyPreview).show_bundle(bundle)
        self.query_one(AccessView).show_bundle(bundle)
        if pane := self.current:
            pane.refresh_from(bundle)
        self._show_statuses()
        self._show_refusal()

    async def reload(self, bundle: Bundle) -> None:
        """Answers changed outside the panes (Discover from AWS): the panes are built again from them,
        every step counts as seen, and the wizard goes to the first step that needs attention. The
        preview already has the bundle (show_bundle)."""
        await self.query_one(ContentSwitcher).remove_children()
        self.panes.clear()
        self.ready.clear()
        self.bundle = bundle
        self.visited = set(range(len(STEPS)))
        self._show(next((i for i, s in enumerate(STEPS) if s.problems(bundle.problems)), len(STEPS) - 1))

    def status(self, index: int) -> str:
        """todo, complete or problem; the current step shows a problem only once it is real:
        a wrong value typed, or Next tried."""
        if index not in self.visited and index > self.index:
            return "todo"
        problems = STEPS[index].problems(self.bundle.problems)
        if not problems:
            return "complete"
        if index == self.index and index not in self.tried and not any(p.value for p in problems):
            return "todo"
        return "problem"

    def _show_statuses(self) -> None:
        statuses = {step.id: self.status(i) for i, step in enumerate(STEPS)}
        if self.bundle.problems and len(STEPS) - 1 in self.visited:
            statuses[STEPS[-1].id] = "problem"  # review is complete only when nothing is open
        self.query_one(StepIndicator).show(STEPS[self.index].id, statuses)
        self.query_one("#back", Button).disabled = self.index == 0
        # Next stays enabled on Review, pressed there it says that this is the last step and how to save; it is
        # no longer the primary action there.
        self.query_one("#next", Button).variant = "default" if self.index == len(STEPS) - 1 else "primary"

    def _show_refusal(self) -> None:
        """The refusal in words while its cause is still there; nothing once it is fixed. Each problem is a
        row of its own, wrapped after an ARN's `:` or `/` and indented under its bullet."""
        head, lines = "", []
        refusal, problems = self.refusal, self.bundle.problems
        if refusal and refusal.kind == "last":
            head = ("Review is the last step: ctrl+s (or Save) writes the bundle." if not problems else
                    "Review is the last step; once its open problems are fixed, ctrl+s (or Save) writes the bundle.")
        elif refusal and refusal.kind == "save" and problems:
            head, lines = "Nothing was saved; fix these first:", list(problems)
        elif refusal and refusal.kind != "save" and (open_ := STEPS[refusal.step].problems(problems)):
            title = STEPS[refusal.step].title
            head = (f"{title} is not complete:" if refusal.kind == "next" else
                    f"{STEPS[refusal.target].title} is not reachable yet; complete {title} first:")
            lines = list(open_)
        rows = [(head, 0)] + [(f"• {problem}", 2) for problem in lines] if head else []
        if not rows:
            self.refusal = None
        if rows == self._refusal_shown:  # runs on every answer (each keystroke): no layout pass for nothing
            return
        self._refusal_shown = rows
        line = self.query_one("#step-message", WrappedText)
        line.display = bool(rows)
        line.update(rows)

    def refuse(self, kind: str, step: int = 0, target: int = 0) -> None:
        self.refusal = Refusal(kind, step, target)
        self._show_refusal()

    def refuse_save(self) -> None:
        self.refuse("save")

    def _show(self, index: int) -> None:
        review = len(STEPS) - 1
        if index == review != self.index:  # the review step shows the table; leaving it, what was shown before
            self._side_before_review = self.side
            self._show_side("access")
        elif self.index == review != index:
            self._show_side(self._side_before_review)
        self.index = index
        self.visited.add(index)
        self.refusal = None
        self._show_statuses()
        self._show_refusal()
        if STEPS[index].id not in self.panes:
            self.mounting += 1  # keys typed behind the one that got here wait for the pane (KeyGate's busy)
            self.call_next(self._mount_pane, self._new_pane(index))
        elif pane := self.current:
            self._display(pane)

    async def _mount_pane(self, pane: StepPane) -> None:
        try:
            pane.display = False  # the switcher shows it once it is filled in
            await self.query_one(ContentSwitcher).mount(pane)
            self.ready.add(pane.step.id)
            if pane is self.current:  # unless the user has moved on meanwhile
                self._display(pane)
        finally:
            self.mounting -= 1

    def _display(self, pane: StepPane) -> None:
        self.query_one(ContentSwitcher).current = pane.step.id
        pane.refresh_from(self.bundle)
        pane.focus_first()

    # --- navigation ----------------------------------------------------------------------------

    def action_next(self) -> None:
        if self.index == len(STEPS) - 1:
            self.refuse("last", self.index)
            return
        step = STEPS[self.index]
        problems = step.problems(self.bundle.problems)
        if problems:
            self.tried.add(self.index)
            self._show_statuses()
            self.refuse("next", self.index)
            return
        self._show(self.index + 1)

    def action_back(self) -> None:
        if self.index > 0:
            self._show(self.index - 1)

    def goto(self, step_id: str) -> None:
        """Jump to a step already seen, or to one whose earlier steps are all complete."""
        target = STEP_IDS.index(step_id)
        blocking = [s for s in STEPS[:target] if s.problems(self.bundle.problems)]
        if target in self.visited or target <= self.index or not blocking:
            self._show(target)
            return
        self.refuse("goto", STEPS.index(blocking[0]), target)

    def action_goto(self, step_id: str) -> None:
        self.goto(step_id)

    def on_step_requested(self, message: StepRequested) -> None:
        message.stop()
        self.goto(message.step_id)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        actions = {"back": self.action_back, "next": self.action_next,
                   "copy": self.app.action_copy_document, "save": self.app.action_save,
                   "review-save": self.app.action_save}
        if event.button.id in actions:
            event.stop()
            actions[event.button.id]()

    # --- preview -------------------------------------------------------------------------------

    def active_document(self) -> Document | None:
        return self.query_one(PolicyPreview).active_document()

    @property
    def preview(self) -> PolicyPreview:
        return self.query_one(PolicyPreview)

    def action_next_document(self) -> None:
        self._show_side("documents")
        self.preview.cycle()

    def action_show_document(self, index: int) -> None:
        self._show_side("documents")
        self.preview.show_document(index)

    def action_other_side(self) -> None:
        self._show_side("documents")
        self.preview.other_slot()

    def action_maximize_document(self) -> None:
        """ctrl+f: the active document (or the access table, when it is shown) over the whole screen, or back."""
        if self.maximized is None:
            self._focus_before_maximize = self.focused
        if self.side == "documents":
            self.preview.toggle_maximize()
        elif self.maximized is not None:
            self.minimize()
        else:
            access = self.query_one(AccessView)
            self.maximize(access, container=False)
            access.query_one(AccessLines).focus()

    # --- who can do what ------------------------------------------------------------------------

    def action_toggle_access(self) -> None:
        """ctrl+r: the access table in place of the documents, or the documents back. Below 100 columns the
        table takes the whole screen (escape gives the form back beside it)."""
        self._show_side("documents" if self.side == "access" else "access")
        if self.side == "access" and self.app.size.width < FULL_WIDTH_BELOW:
            self.action_maximize_document()

    def _show_side(self, side: str) -> None:
        if side == self.side:
            return
        access = self.query_one(AccessView)
        if self.maximized is not None:
            self.minimize()
        focused = self.focused
        if side == "documents" and focused is not None and access in focused.ancestors_with_self and self.current:
            self.current.focus_first()  # the keyboard goes back to the form, not to a hidden table
        self.side = side
        self.preview.display = side == "documents"
        access.display = side == "access"
        access.refresh_table()

    def watch_maximized(self, maximized: Widget | None) -> None:
        """Back from a maximized document (ctrl+f or escape): the keyboard returns where it was."""
        if maximized is not None:
            return
        before, self._focus_before_maximize = self._focus_before_maximize, None
        if before is not None and before.is_attached:
            before.focus()

    def preview_commands(self) -> Iterator[SystemCommand]:
        """The palette's way to any document, to any pair, and to the whole screen."""
        for title, help_text, index, beside in self.preview.commands():
            yield SystemCommand(title, help_text, partial(self.preview.show_document, index, beside=beside))
        yield SystemCommand("Maximize the active document (or restore it)", "ctrl+f; escape also restores",
                            self.action_maximize_document)
        yield SystemCommand("Who can do what: the access table (or the documents again)",
                            "ctrl+r: every principal, anyone else and another account × what they can do, "
                            "from the documents", self.action_toggle_access)
