"""Regenerate the README's SVG screenshots of every step, the review, the save dialog and the access table.

Usage: python scripts/screenshots.py [OUT_DIR]   (default: screenshots/)
The answers are fixed and AWS_REGION is ignored, so the pictures only change with the app.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from textual.widgets import Input

from wizard.core.fields import STEPS
from wizard.core.model import Answers, Principal
from wizard.tui.app import WizardApp
from wizard.tui.widgets.access_view import AccessView

SIZE = (160, 48)
EXAMPLE = Answers(
    region="us-west-2",
    account="123456789012",
    key="arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    streams=("orders",),
    principals=(
        Principal("app-writer", ("producer",)),
        Principal("arn:aws:iam::210987654321:role/analytics", ("consumer",)),
        Principal("ingest-fn", ("consumer",), "lambda"),
    ),
)


async def shoot(out: Path, name: str, answers: Answers | None, step: str, *, keys: tuple[str, ...] = (),
                size: tuple[int, int] = SIZE) -> None:
    app = WizardApp(answers, environ={})
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.wizard.goto(step)
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        table = app.wizard.query_one(AccessView)
        while table.busy:  # the access table is made in a worker
            await app.workers.wait_for_complete()
            await pilot.pause()
        app.save_screenshot(path=str(out), filename=f"{name}.svg")
    print(out / f"{name}.svg")


async def main(out: Path) -> None:
    Input._toggle_cursor = lambda self: None  # type: ignore[method-assign]  # a steady cursor
    out.mkdir(parents=True, exist_ok=True)
    await shoot(out, "00-start", None, "region")
    for number, step in enumerate(STEPS, start=1):
        await shoot(out, f"{number:02d}-{step.id}", EXAMPLE, step.id)
    await shoot(out, f"{len(STEPS) + 1:02d}-save-dialog", EXAMPLE, "review", keys=("ctrl+s",))
    # The cross-account consumer's policy beside the stream policy that shares the stream with it,
    # and the key policy over the whole of a 120-column screen.
    await shoot(out, f"{len(STEPS) + 2:02d}-side-by-side", EXAMPLE, "principals", keys=("f2", "ctrl+t", "f5"))
    await shoot(out, f"{len(STEPS) + 3:02d}-maximized", EXAMPLE, "principals", keys=("f4", "ctrl+f"), size=(120, 36))
    # Who can do what, one key from any step: at 80 columns it takes the whole screen.
    await shoot(out, f"{len(STEPS) + 4:02d}-access-table", EXAMPLE, "principals", keys=("ctrl+r",), size=(80, 24))
    # The reader in another account loaded for editing (Down to the list, Down, Enter): its consumer name field.
    await shoot(out, f"{len(STEPS) + 5:02d}-consumer-name", EXAMPLE, "principals", keys=("down", "down", "enter"),
                size=(120, 36))


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("screenshots")))
