"""Keys that reach a field in one burst (a laggy SSH link, a fast typist) apply in the order typed."""

from __future__ import annotations

from dataclasses import replace

from textual import events
from textual.widgets import Input

from tests.tui.conftest import FULL
from wizard.tui.app import WizardApp


async def test_keys_in_one_burst_apply_in_order() -> None:
    app = WizardApp(replace(FULL, account=""), environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        app.wizard.goto("account")
        await pilot.pause()
        field = app.query_one("#account-input", Input)
        assert app.focused is field
        # Posted without waiting, as a terminal's read of several keys at once delivers them.
        for key, char in [("1", "1"), ("2", "2"), ("3", "3"), ("backspace", None), ("4", "4"), ("left", None),
                          ("backspace", None), ("9", "9")]:
            app.post_message(events.Key(key, char))
        await pilot.pause()
        assert field.value == "194"
