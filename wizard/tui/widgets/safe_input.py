"""An Input that shows what it holds without letting it reach the terminal.

Textual's Input paints its value as it is: a pasted or prefilled escape sequence (OSC 52, a
window title, colours), C1 control or bidi override would go to the terminal raw. This one paints
each such character as one visible cell (`wizard.tui.text.one_cell`) and keeps the value itself
untouched, so the answer is what was typed and the validators name it.
"""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size
from rich.text import Text
from textual import events
from textual.expand_tabs import expand_tabs_inline
from textual.widget import Widget
from textual.widgets import Input

from wizard.tui.text import one_cell


async def run_own_binding(widget: Widget, event: events.Key) -> bool:
    """Run `widget`'s own (non-priority) binding for `event` now, in turn with the keys before and
    after it, instead of once the key has bubbled up to the app (Textual issue #6605)."""
    for binding in widget._bindings.key_to_bindings.get(event.key, ()):
        if not binding.priority and await widget.app.run_action(binding.action, widget):
            event.stop()
            event.prevent_default()
            return True
    return False


def pass_on(widget: Widget, event: events.Key, gave_focus: bool) -> bool:
    """Hand `event` to the focused widget when `widget` gave the focus away itself (`gave_focus`): keys of the same
    burst were queued here before the key that moved the focus ran, and they are the new field's. True if passed."""
    focused = widget.app.focused
    if not gave_focus or focused is None or focused is widget:
        return False
    event.stop()
    event.prevent_default()
    focused._forward_event(events.Key(event.key, event.character))
    return True


class SafeInput(Input):
    """Input whose painted text, cursor and mouse positions use the one-cell form of its value.

    It also keeps keys in the order they came. Textual inserts a printable key in the field at
    once but runs the field's own bound keys (backspace, arrows, ctrl+u, Enter, ...) only after
    they have bubbled up to the app, so keys that arrive in one read (a fast typist, a laggy SSH
    link, keystrokes sent by a tool) apply out of order: typed in one burst, `123`, backspace,
    left, backspace, `9` gave `124` instead of `194` (Textual issue #6605). Here the field's own
    non-priority bindings run in the field, in turn with the typing.
    """

    async def _on_key(self, event: events.Key) -> None:
        if not event.is_printable and await run_own_binding(self, event):
            return
        await super()._on_key(event)

    @property
    def _value(self) -> Text:
        if self.password:
            return super()._value
        text = Text(one_cell(self.value), no_wrap=True, overflow="ignore", end="")
        return self.highlighter(text) if self.highlighter is not None else text

    def _position_to_cell(self, position: int) -> int:
        return cell_len(expand_tabs_inline(one_cell(self.value[:position]), 4))

    def _cell_offset_to_index(self, offset: int) -> int:
        cell_offset = 0
        offset += self.scroll_offset.x
        shown = one_cell(self.value)
        for index, char in enumerate(shown):
            width = get_character_cell_size(char)
            if cell_offset <= offset < cell_offset + width:
                return index
            cell_offset += width
        return max(0, min(offset, len(shown)))


class FieldInput(SafeInput):
    """A step's field: focus puts the cursor at the end instead of selecting the answer, so
    coming back to a step and typing adds to the answer rather than replacing it."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)
