"""Layout snapshots of every step and the save dialog, narrow (80x24) and wide (160x48).

Behaviour is asserted by the pilot tests; these catch layout regressions only. Regenerate
with `pytest tests/tui --snapshot-update` after reading snapshot_report.html.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from tests.tui.conftest import FULL
from wizard.core.fields import STEP_IDS
from wizard.tui.app import WizardApp
from wizard.tui.widgets.access_view import AccessView

SIZES = {"narrow": (80, 24), "wide": (160, 48)}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("step", STEP_IDS)
def test_step(snap_compare, step: str, size: str) -> None:
    # The first step as a new user sees it; the others with every answer given.
    app = WizardApp(None if step == "region" else FULL, environ={})

    async def show_step(pilot: Pilot) -> None:
        await pilot.pause()  # the screen is composed after the first pause
        app.wizard.goto(step)
        await pilot.pause()
        await access_table_made(pilot)  # the review step shows who can do what

    assert snap_compare(app, terminal_size=SIZES[size], run_before=show_step)


async def access_table_made(pilot: Pilot) -> None:
    table = pilot.app.wizard.query_one(AccessView)
    while table.busy:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_save_dialog(snap_compare, size: str) -> None:
    app = WizardApp(FULL, environ={})

    async def open_dialog(pilot: Pilot) -> None:
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZES[size], run_before=open_dialog)


def test_invalid_account(snap_compare) -> None:
    from dataclasses import replace

    app = WizardApp(replace(FULL, account="12345"), environ={})

    async def show_step(pilot: Pilot) -> None:
        await pilot.pause()
        app.wizard.goto("account")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=show_step)
