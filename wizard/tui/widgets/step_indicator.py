"""The row of steps at the top: which is current, which are complete, which have problems."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.events import Click
from textual.widgets import Static

from wizard.core.fields import STEPS
from wizard.tui.messages import StepRequested

MARKS = {"complete": "✓", "problem": "!", "todo": "·"}


class StepTab(Static):
    """One step; a click asks the screen to go there (the screen decides whether it may)."""

    def __init__(self, number: int, step_id: str, title: str) -> None:
        super().__init__(f"{MARKS['todo']} {number} {title}", id=f"tab-{step_id}", classes="step-tab -todo")
        self.number, self.step_id, self.title = number, step_id, title
        self.status, self.current = "todo", False

    def set_status(self, status: str, current: bool) -> None:
        """Restyle and re-render only on a change: every answer sets every tab's status."""
        if (status, current) == (self.status, self.current):
            return
        self.status, self.current = status, current
        self.update_classes({f"-{name}": name == status for name in MARKS} | {"-current": current})
        self.update(f"{MARKS[status]} {self.number} {self.title}", layout=False)  # marks are all one cell

    def on_click(self, event: Click) -> None:
        event.stop()
        self.post_message(StepRequested(self.step_id))


class StepIndicator(Horizontal):
    """Shows statuses handed down by the screen; holds no state of its own."""

    def compose(self) -> ComposeResult:
        for number, step in enumerate(STEPS, start=1):
            yield StepTab(number, step.id, step.title)

    def show(self, current: str, statuses: Mapping[str, str]) -> None:
        for tab in self.query(StepTab):
            tab.set_status(statuses[tab.step_id], tab.step_id == current)
