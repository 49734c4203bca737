"""What every step pane shares: a title, the engine's messages under fields, and refresh rules.

Focus rules live here too, because a lost keystroke is the worst thing a form can do: a step
shown by any route puts the cursor in its first field, and the list steps (streams, principals)
share one way to add (Enter), reach the list (Down), edit (Enter on an item), remove (Delete,
ctrl+z puts it back) and move on (Enter on the empty field).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from wizard.core.display import visible
from wizard.core.fields import FieldSpec, Step
from wizard.core.model import Answers
from wizard.core.problems import Problem
from wizard.core.render import Bundle
from wizard.tui.messages import AnswerChanged
from wizard.tui.text import plain, wrap_text
from wizard.tui.widgets.safe_input import FieldInput
from wizard.tui.widgets.wrapped_text import WrappedText


class FieldMessage(WrappedText):
    """The engine's rule for a field, as it is; a hint while the field is still empty. Wrapped like
    every value, so an ARN in the rule breaks after `:` or `/` rather than mid-name at 80 columns."""

    shown: str | None = None

    def show(self, rule: str | None, value: str, ok: str = "") -> None:
        """One restyle at most, and no re-render while the text stays the same (most keystrokes)."""
        typed = bool(value.strip())
        self.update_classes({"-error": bool(rule) and typed, "-hint": bool(rule) and not typed, "-ok": not rule})
        text = rule or ok
        if text != self.shown:
            self.shown = text
            self.update([(text, 2)] if text else [])


class ProblemList(WrappedText):
    """The step's open problems as the engine words them (str(Problem)), wrapped like every value
    (an ARN after `:` or `/`, not mid-name), continued rows under the text after the bullet."""

    def show(self, problems: list[Problem]) -> None:
        self.display = bool(problems)
        self.update([(f"• {p}", 2) for p in problems])


class EntryInput(FieldInput):
    """The field of a list step: Down goes to the list below it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("down", "to_list", show=False)]

    class ToList(Message):
        pass

    class Commit(Message):
        """Enter in the field, with the value it had then (empty: go on)."""

        def __init__(self, value: str) -> None:
            super().__init__()
            self.value = value

    def action_to_list(self) -> None:
        self.post_message(self.ToList())

    async def action_submit(self) -> None:
        """Enter takes the value and empties the field at once, so what is typed behind it in one
        burst (`orders` Enter `refunds` Enter) starts the next item instead of joining this one."""
        value = self.value
        if value.strip():
            self.value = ""
        self.post_message(self.Commit(value))


class EntryList(OptionList):
    """A list of answers: a click or the arrows highlight, Enter edits, Delete removes, Up at the top leaves."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("delete,backspace", "remove", "Remove", show=False),
        Binding("up", "up", show=False),
    ]

    class EditRequested(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class RemoveRequested(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Leave(Message):
        """Up on the first item: back to the field above."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows: list[tuple[str, list[str]]] = []
        self._wrapped_at = 0

    def show_rows(self, rows: list[tuple[str, list[str]]]) -> None:
        """Each item's text with its rules under it, wrapped here (an ARN after `:` or `/`, never
        mid-name as the list's own word wrap would cut it) and again when the width changes."""
        self.rows = rows
        highlighted = self.highlighted
        width = self.scrollable_content_region.width
        self._wrapped_at = width
        self.clear_options()
        for text, rules in rows:
            lines = wrap_text(visible(text), width - 1, indent=2) if width > 8 else [visible(text)]
            body = Content("\n".join(lines))
            notes = [Content.styled("\n" + "\n".join(wrap_text(f"  {visible(rule)}", width - 1, indent=4)
                                                     if width > 8 else [f"  {visible(rule)}"]), "$text-error")
                     for rule in rules]
            self.add_option(Option(Content("").join([body, *notes])))
        if rows:
            self.highlighted = min(highlighted or 0, len(rows) - 1)

    def on_resize(self, event: events.Resize) -> None:
        if self.rows and self.scrollable_content_region.width != self._wrapped_at:
            self.show_rows(self.rows)

    def action_remove(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.RemoveRequested(self.highlighted))

    def action_up(self) -> None:
        if not self.highlighted:
            self.post_message(self.Leave())
        else:
            self.action_cursor_up()

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.EditRequested(self.highlighted))

    async def _on_click(self, event: events.Click) -> None:
        """A click highlights (so Delete then removes what was clicked); a double click edits."""
        event.prevent_default()  # OptionList's own click selects, which here means edit
        clicked: int | None = event.style.meta.get("option")
        if clicked is None:
            return
        self.highlighted = clicked
        self.focus()
        if event.chain >= 2:
            self.action_select()


class StepPane(VerticalScroll, can_focus=False):
    """Base of the six panes. The screen calls `refresh_from` only while the pane is visible.

    Not focusable itself: a click on its text leaves the focus (and the typing) where it was.
    """

    FIRST: str = ""  # selector of the widget that takes focus when the step is shown

    def __init__(self, step: Step, answers: Answers, *, id: str) -> None:
        super().__init__(id=id, classes="step-pane")
        self.step = step
        self.answers = answers

    def compose(self) -> ComposeResult:
        yield Static(self.step.title, classes="step-title")
        yield from self.compose_fields()

    def compose_fields(self) -> ComposeResult:
        yield from ()

    def refresh_from(self, bundle: Bundle) -> None:
        self.answers = bundle.answers
        self.show(bundle, self.step.problems(bundle.problems))

    def show(self, bundle: Bundle, problems: list[Problem]) -> None:
        """Bring the widgets in line with the bundle; overridden per step."""

    def first(self) -> str:
        """Selector of the widget where typing should go when the step opens."""
        return self.FIRST

    def focus_first(self) -> None:
        self.focus_on(self.first())

    def focus_on(self, selector: str) -> None:
        if selector:
            target: Widget = self.query_one(selector)
            if target.focusable:
                # Scrolled into view after the next layout: a pane just shown has no geometry yet.
                target.focus(scroll_visible=False)
                self.call_after_refresh(self._reveal, target)

    def _reveal(self, target: Widget) -> None:
        """Centre the focused field when it is not fully in view; the pane scrolls only vertically."""
        region, view = target.region, self.scrollable_content_region
        if self.screen.focused is target and not (view.y <= region.y and region.bottom <= view.bottom):
            self.scroll_to_center(target, origin_visible=True)


class EntryStepPane(StepPane):
    """A step that edits a list of answers through one field: streams, principals.

    The field is checked as typed with the core's own rule for one item. Enter (or the add
    button) commits it and leaves the cursor in the field for the next; Enter on the empty field
    moves on. Subclasses say what an item is (`build`, `load`, `describe`).
    """

    SPEC: FieldSpec
    ANSWER = ""  # the Answers attribute holding the list
    INPUT = ""  # selector of the field
    ADD_BUTTON = ""  # id of the button that commits the field

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+z", "undo_remove", "Undo remove", show=False)]

    editing: int | None = None
    removed: tuple[int, Any] | None = None  # the last item Delete removed, and where it was

    # --- per step ------------------------------------------------------------------------------

    def build(self, value: str) -> Any | None:
        """The item the editor holds, or None after saying why it cannot be added."""
        raise NotImplementedError

    def refused_by(self, field: Input) -> Widget:
        """The field whose rule refused the item `build` just refused: the cursor goes there."""
        return field

    def load(self, item: Any | None) -> None:
        """Put an item (None: a new one) into the editor."""
        raise NotImplementedError

    def describe(self, item: Any) -> str:
        raise NotImplementedError

    # --- shared --------------------------------------------------------------------------------

    @property
    def items(self) -> tuple[Any, ...]:
        return getattr(self.answers, self.ANSWER)

    def _rule(self, value: str) -> str | None:
        return self.SPEC.check(value, self.answers)

    def _field(self) -> Input:
        return self.query_one(self.INPUT, Input)

    def _post(self, items: list[Any]) -> None:
        # Kept here at once too: a second Enter in the same burst adds to this list, not to the one
        # the app has not sent back yet.
        self.answers = replace(self.answers, **{self.ANSWER: tuple(items)})
        self.post_message(AnswerChanged(**{self.ANSWER: tuple(items)}))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show_field_rule(event.value)

    def _show_field_rule(self, value: str) -> None:
        self.query_one(FieldMessage).show(self._rule(value) if value.strip() else None, value)

    def on_entry_input_commit(self, event: EntryInput.Commit) -> None:
        event.stop()
        if event.value.strip():
            self._commit(event.value)
        else:
            self._edit(None)
            self.post_message(AnswerChanged(advance=True))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == self.ADD_BUTTON:
            event.stop()
            self._commit()

    def _commit(self, taken: str | None = None) -> None:
        """Add the item in the editor (or `taken`, the value Enter took from it), or replace the one
        being edited; the cursor stays in the field."""
        field = self._field()
        value = (field.value if taken is None else taken).strip()
        item = self.build(value)
        if item is None:
            if taken is not None:  # refused: the value back, before anything typed since
                field.value = taken + field.value
                field.cursor_position = len(taken)
            self.refused_by(field).focus()
            return
        items = list(self.items)
        if self.editing is not None and self.editing < len(items):
            items[self.editing] = item
        else:
            items.append(item)
        self._edit(None)
        if taken is None:  # by the Add button; Enter emptied the field itself
            field.value = ""
        field.focus()
        self._post(items)

    def _edit(self, index: int | None) -> None:
        self.editing = index
        self.query_one(f"#{self.ADD_BUTTON}", Button).label = "Add" if index is None else "Update"

    def on_entry_input_to_list(self, event: EntryInput.ToList) -> None:
        event.stop()
        entries = self.query_one(EntryList)
        if entries.display and entries.option_count:
            entries.focus()

    def on_entry_list_leave(self, event: EntryList.Leave) -> None:
        event.stop()
        self._field().focus()

    def on_entry_list_edit_requested(self, event: EntryList.EditRequested) -> None:
        event.stop()
        if event.index < len(self.items):
            self._edit(event.index)
            self.load(self.items[event.index])
            field = self._field()
            field.cursor_position = len(field.value)  # after the text, as an editor leaves it when loading
            field.focus()

    def on_entry_list_remove_requested(self, event: EntryList.RemoveRequested) -> None:
        event.stop()
        items = list(self.items)
        if event.index >= len(items):
            return
        self.removed = (event.index, items.pop(event.index))
        if self.editing == event.index:
            self._edit(None)
            self.load(None)
        elif self.editing is not None and self.editing > event.index:
            self.editing -= 1
        self._show_undo()
        if not items:
            self._field().focus()
        self._post(items)

    def action_undo_remove(self) -> None:
        if self.removed is None:
            return
        index, item = self.removed
        self.removed = None
        items = list(self.items)
        items.insert(min(index, len(items)), item)
        self._show_undo()
        self._post(items)

    def _show_undo(self) -> None:
        hint = self.query_one(".undo", Static)
        hint.display = self.removed is not None
        if self.removed is not None:
            hint.update(plain(f"Removed {self.describe(self.removed[1])} · ctrl+z puts it back"))

    def refresh_list(self, rules: dict[int, list[str]]) -> None:
        """The list as the answers have it, each item with the engine's rules under it."""
        entries = self.query_one(EntryList)
        entries.show_rows([(self.describe(item), rules.get(index, [])) for index, item in enumerate(self.items)])
        entries.display = bool(self.items)
        # A field rule depends on Region, account and key: check what is typed against them again.
        self._show_field_rule(self._field().value)

