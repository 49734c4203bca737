"""One pane per step of wizard.core.fields.STEPS, in the same order."""

from __future__ import annotations

from wizard.tui.widgets.steps.account import AccountPane
from wizard.tui.widgets.steps.base import StepPane
from wizard.tui.widgets.steps.key import KeyPane
from wizard.tui.widgets.steps.principals import PrincipalsPane
from wizard.tui.widgets.steps.region import RegionPane
from wizard.tui.widgets.steps.review import ReviewPane
from wizard.tui.widgets.steps.streams import StreamsPane

PANES: dict[str, type[StepPane]] = {
    "region": RegionPane,
    "account": AccountPane,
    "key": KeyPane,
    "streams": StreamsPane,
    "principals": PrincipalsPane,
    "review": ReviewPane,
}

__all__ = ["PANES", "StepPane"]
