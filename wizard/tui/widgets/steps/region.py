"""Step 1: the Region, from a list grouped by partition that filters as you type."""

from __future__ import annotations

from functools import cache
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from wizard.core.fields import REGION, Choice, region_choices
from wizard.core.problems import Problem
from wizard.core.render import Bundle
from wizard.tui.messages import AnswerChanged
from wizard.tui.widgets.safe_input import FieldInput
from wizard.tui.widgets.steps.base import FieldMessage, StepPane


@cache
def _choices() -> tuple[Choice, ...]:
    return tuple(region_choices())


class RegionSearch(FieldInput):
    """The filter; up and down move through the list without leaving it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    class Move(Message):
        def __init__(self, delta: int) -> None:
            super().__init__()
            self.delta = delta

    def action_move(self, delta: int) -> None:
        self.post_message(self.Move(delta))


class RegionPane(StepPane):
    FIRST = "#region-search"

    matches = True  # whether the filter matches any Region
    # Whether Down has gone into the list since it was last filled: the first Down lands on the Region
    # highlighted (the first match, or the one chosen), so Enter then picks what was shown highlighted.
    entered = False

    def compose_fields(self) -> ComposeResult:
        yield Static(REGION.help + " Type to filter, Enter to choose and go on.", classes="help")
        yield RegionSearch(placeholder="filter: us-west-2, Oregon, China…", id="region-search", compact=True)
        yield OptionList(id="region-list")
        yield FieldMessage(id="region-message", classes="field-message")

    def on_mount(self) -> None:
        self._fill("")

    def _fill(self, text: str) -> None:
        """Show the Regions matching `text` under their partition's heading."""
        needle = text.strip().lower()
        options: list[Option] = []
        group = None
        for choice in _choices():
            if needle and needle not in choice.label.lower() and needle not in choice.group.lower():
                continue
            if choice.group != group:
                group = choice.group
                options.append(Option(Content.from_markup("[b]$g[/b]", g=group), disabled=True))
            options.append(Option(Content(choice.label), id=choice.value))
        regions = self.query_one("#region-list", OptionList)
        regions.clear_options()
        regions.add_options(options)
        ids = [o.id for o in options]
        current = self.answers.region
        if current in ids:
            regions.highlighted = ids.index(current)
        else:
            first = next((i for i, o in enumerate(options) if o.id), None)
            regions.highlighted = first
        self.matches = bool(options)
        self.entered = False
        self._show_rule()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill(event.value)

    def on_region_search_move(self, event: RegionSearch.Move) -> None:
        regions = self.query_one("#region-list", OptionList)
        entering, self.entered = not self.entered, True
        if event.delta > 0 and entering and regions.highlighted is not None:
            return  # onto the highlighted Region, which stays
        regions.action_cursor_down() if event.delta > 0 else regions.action_cursor_up()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter chooses the highlighted Region and goes on."""
        event.stop()
        regions = self.query_one("#region-list", OptionList)
        option = regions.highlighted_option
        if option is None or option.id is None:
            return  # the message under the list says that nothing matches, and what might
        if option.id == self.answers.region:
            self.post_message(AnswerChanged(advance=True))
        else:
            self.post_message(AnswerChanged(region=option.id, advance=True))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A Region clicked (or Enter in the list): chosen; typing goes back to the filter, where
        Enter goes on."""
        event.stop()
        if event.option.id:
            self.post_message(AnswerChanged(region=event.option.id))
            self.focus_on(self.FIRST)

    def show(self, bundle: Bundle, problems: list[Problem]) -> None:
        self._show_rule()

    def _show_rule(self) -> None:
        """The chosen Region; or, when the filter matches none, the core's rule for what was typed."""
        typed = self.query_one(RegionSearch).value
        if not self.matches:
            self.query_one(FieldMessage).show(REGION.check(typed, self.answers), typed)
            return
        value = self.answers.region
        rule = REGION.check(value, self.answers)
        labels = {c.value: c.label for c in _choices()}
        self.query_one(FieldMessage).show(rule, value, f"✓ {labels.get(value.strip(), value)}")
