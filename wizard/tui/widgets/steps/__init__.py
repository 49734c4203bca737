"""One pane per step of wizard.core.fields.STEPS, imported when its step is first shown.

A step's module pulls in its own Textual widgets (RadioSet, Select, Switch...); start-up
shows one step, so it imports one.
"""

from __future__ import annotations

from importlib import import_module

from wizard.tui.widgets.steps.base import StepPane

PANES: dict[str, str] = {  # step id -> class in the module of the same name
    "region": "RegionPane",
    "account": "AccountPane",
    "key": "KeyPane",
    "streams": "StreamsPane",
    "principals": "PrincipalsPane",
    "review": "ReviewPane",
}


def pane_class(step_id: str) -> type[StepPane]:
    """The pane class for a step, importing its module on first use."""
    return getattr(import_module(f"{__name__}.{step_id}"), PANES[step_id])


__all__ = ["PANES", "StepPane", "pane_class"]
