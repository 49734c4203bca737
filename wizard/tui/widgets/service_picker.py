"""The service a consumer reads for, chosen in a list that opens in place.

Textual's Select opens its list in an overlay that takes the focus only after the keys already on
their way: typed in one burst (Enter, Down, Enter, then the next name), Down and Enter reopened
the list, the first choice stayed and the name was lost. Here the list is drawn inside the widget
and every key is handled in turn, so a burst applies as typed. Choosing hands the cursor back to
the name field at once, and keys that still arrive here after that are the name's.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from wizard.tui.widgets.safe_input import pass_on

OPEN_KEYS = {"enter", "space", "down", "up"}


class ServicePicker(Widget, can_focus=True):
    """A value from a short list: Enter, Space, Down or Up opens it; Up/Down/Home/End move; Enter or
    Space chooses; Escape closes it unchanged; a click opens it and a click on an option chooses."""

    DEFAULT_CSS = """
    ServicePicker { height: auto; width: 1fr; padding: 0 1; background: $surface-lighten-1; }
    ServicePicker:focus { background: $block-cursor-blurred-background; }
    ServicePicker:disabled { color: $text-disabled; }
    ServicePicker.-open { background: $surface-lighten-2; }
    """

    value: reactive[str] = reactive("", init=False, always_update=False)
    expanded: reactive[bool] = reactive(False, layout=True)

    class Changed(Message):
        """The value changed (by a choice or by code)."""

        def __init__(self, picker: ServicePicker, value: str) -> None:
            super().__init__()
            self.picker, self.value = picker, value

        @property
        def control(self) -> ServicePicker:
            return self.picker

    class Chosen(Message):
        """The user chose an option (the same one again too): the name field has the cursor now."""

    def __init__(self, options: Sequence[tuple[str, str]], *, value: str = "", return_to: str = "",
                 id: str | None = None, classes: str | None = None) -> None:
        """`options`: (label, value) pairs; `return_to`: the selector of the field that gets the cursor back."""
        super().__init__(id=id, classes=classes)
        self.options = tuple(options)
        self.return_to = return_to
        self.highlighted = 0
        self._gave_focus = False  # it sent the focus away itself: keys that still arrive are the field's
        self.set_reactive(ServicePicker.value, value)

    @property
    def index(self) -> int:
        """The position of the current value (0 when it is not an option)."""
        return next((i for i, (_, value) in enumerate(self.options) if value == self.value), 0)

    def watch_value(self, value: str) -> None:
        self.post_message(self.Changed(self, value))

    def watch_expanded(self, expanded: bool) -> None:
        self.set_class(expanded, "-open")
        if expanded:
            self.highlighted = self.index
            self.call_after_refresh(self.scroll_visible, animate=False)

    def watch_disabled(self, disabled: bool) -> None:
        super().watch_disabled(disabled)
        if disabled:
            self.expanded = False

    def _on_focus(self, event: events.Focus) -> None:
        self._gave_focus = False
        super()._on_focus(event)

    def _on_blur(self, event: events.Blur) -> None:
        self.expanded = False
        super()._on_blur(event)

    async def _on_key(self, event: events.Key) -> None:
        if pass_on(self, event, self._gave_focus):  # sent in the same burst as the choice: the field's
            return
        if self._handle(event.key):
            event.stop()
            event.prevent_default()

    def _handle(self, key: str) -> bool:
        """Act on one key now, in turn with the keys before and after it; False when it is not the picker's."""
        if not self.expanded:
            if key in OPEN_KEYS:
                self.expanded = True
                self.refresh()
                return True
            return False
        last = len(self.options) - 1
        moves = {"down": self.highlighted + 1, "up": self.highlighted - 1, "home": 0, "end": last,
                 "pagedown": last, "pageup": 0}
        if key in moves:
            self.highlighted = max(0, min(last, moves[key]))
            self.refresh()
            return True
        if key in ("enter", "space"):
            self.choose(self.highlighted)
            return True
        if key == "escape":
            self.expanded = False
            return True
        if key in ("tab", "shift+tab"):
            self.expanded = False  # and the focus moves on as usual
        return False

    def choose(self, index: int) -> None:
        """Take option `index`, close the list and give the cursor back to the field at once."""
        self.value = self.options[index][1]
        self.expanded = False
        field = self.screen.query(self.return_to) if self.return_to else None
        if field:
            self._gave_focus = True
            self.screen.set_focus(field.first())  # now, not after the keys already on their way here
        self.post_message(self.Chosen())

    async def _on_click(self, event: events.Click) -> None:
        event.stop()
        option = self._option_at(event.y)
        if self.expanded and option is not None:
            self.choose(option)
        else:
            self.expanded = not self.expanded

    def _option_at(self, y: int) -> int | None:
        """The option drawn on line `y` of the open list (None for the current value's line)."""
        rows = self._rows(self.content_region.width)
        return rows[y][2] if 0 <= y < len(rows) else None

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max(len(label) for label, _ in self.options) + 4

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._rows(width))

    def _rows(self, width: int) -> list[tuple[str, bool, int | None]]:
        """The lines at `width` cells, each with whether it is highlighted and its option (None: the value shown);
        an option too long for the width goes on under itself rather than being cut."""
        width = max(4, width)
        label = self.options[self.index][0]
        if len(label) > width - 2:
            label = label[:width - 3] + "…"
        rows = [(label.ljust(width - 2) + " " + ("▲" if self.expanded else "▼"), False, None)]
        if self.expanded:
            for i, (text, _) in enumerate(self.options):
                lines = textwrap.wrap(text, width - 2, break_on_hyphens=False) or [""]
                mark = "› " if i == self.highlighted else "  "
                rows += [((mark if n == 0 else "  ") + line, i == self.highlighted, i) for n, line in enumerate(lines)]
        return rows

    def render(self) -> Content:
        width = self.content_region.width
        rows = self._rows(width)
        # The arrow is a span of its own, so an exported screenshot places it by its cell, not by the text's width.
        first = Content.assemble(rows[0][0][:-1], (rows[0][0][-1], "bold"))
        return Content("\n").join([first, *(Content.styled(text.ljust(width), "reverse") if lit else Content(text)
                                            for text, lit, _ in rows[1:])])
