"""The wizard's two hot paths: cold start to first painted frame, and keystroke to preview."""

from __future__ import annotations

import asyncio
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.scenarios import answers

ROOT = Path(__file__).resolve().parent.parent


def _start(which: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "benchmarks.startup_child", which], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def cold_start(runs: int = 10) -> dict[str, Any]:
    """Median wall time from process start to first frame, wizard beside a minimal app."""
    _start("minimal"), _start("wizard")  # warm the file cache and .pyc files once
    wizard, minimal = [], []
    for _ in range(runs):  # interleaved, so drift on the machine hits both alike
        minimal.append(_start("minimal"))
        wizard.append(_start("wizard"))
    w, m = statistics.median(wizard), statistics.median(minimal)
    return {"wizard_median_s": w, "minimal_median_s": m, "ratio": w / m, "target_ratio": 1.3, "runs": runs}


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _keystrokes(streams: int, principals: int, presses: int, *, table: bool = False) -> dict[str, Any]:
    """Type into the account field and time each key until its preview is updated and painted.

    Keys go in through the driver, as a terminal's would. Pilot's own press() waits for the
    process to go idle (tens of milliseconds of sleeping), so it is not used for timing.
    "updated" is when every pane on screen holds the new document (a column scrolled out of
    view, or a tab behind another, is not on screen); "painted" is the end of the
    first screen refresh after that (Textual paints at most 60 times a second).

    Keys come 50-150 ms apart (seeded), as a person types. Sent straight after the previous
    key's paint, every key met Textual's 60 Hz update timer at the same phase: the figure
    was locked to that phase and moved by a whole frame with the cost of a paint (a cheaper
    paint could read a frame slower).

    With `table`, the access table is shown in place of the documents (ctrl+r); it is made again
    in a worker when typing pauses, and the keys that come after a pause land while it is being
    made (the worker shares the interpreter with the screen: this is what the table costs typing).
    """
    from textual import events

    from wizard.tui.app import WizardApp
    from wizard.tui.widgets.access_view import AccessView
    from wizard.tui.widgets.policy_preview import DocumentPane

    app = WizardApp(answers(streams, principals), environ={})
    updated: list[float] = []
    painted: list[float] = []
    made: list[float] = []
    async with app.run_test(size=(160, 48)) as pilot:
        app.wizard.goto("account")
        await pilot.pause()
        app.query_one("#account-input").focus()
        await pilot.press("end")  # focus selects the whole value; the first backspace would clear it
        await pilot.pause()
        view = app.wizard.query_one(AccessView)
        if table:
            await pilot.press("ctrl+r")
            while view.busy:
                await app.workers.wait_for_complete()
                await pilot.pause()
        screen = app.screen
        paints: list[float] = []
        for name in ("_compositor_refresh", "_refresh_layout"):
            original = getattr(screen, name)

            def timed(*args: Any, _original: Any = original, **kwargs: Any) -> Any:
                result = _original(*args, **kwargs)
                paints.append(time.perf_counter())
                return result

            setattr(screen, name, timed)
        pace = random.Random(5)
        for index in range(presses):
            # With the table shown, every fourth key comes after a pause long enough for the table to be made
            # again (wizard.tui.widgets.access_view.PAUSE), so it lands while the table's worker runs.
            pause = (0.2, 0.3) if table and index % 4 == 3 else (0.05, 0.15)
            await asyncio.sleep(pace.uniform(*pause))
            key, char = ("backspace", None) if index % 2 == 0 else ("2", "2")  # 12, 11, 12 ... digits
            before = app.bundle
            event = events.Key(key, char)
            event.set_sender(app)
            start = time.perf_counter()
            app._driver.send_message(event)
            while True:  # cheap test first: polling shares the event loop with the app it times
                if app.bundle is not before and all(p.rendered_text == p.doc.text for p in app.query(DocumentPane)
                                                    if p.region.overlaps(p.parent.region)):
                    break
                await asyncio.sleep(0)
            done = time.perf_counter()
            while not paints or paints[-1] < done:
                await asyncio.sleep(0)
            if app.bundle.documents == before.documents:
                raise AssertionError(f"key {index} ({key}) left the documents as they were: nothing to time")
            updated.append(done - start)
            painted.append(paints[-1] - start)
            await pilot.pause()
        if table:  # how long after the last key the table shows the answers as they are
            while view.table is None or view.table.bundle is not app.bundle:
                await asyncio.sleep(0.001)
            made.append(time.perf_counter() - start)
    return {
        "streams": streams,
        "principals": principals,
        "presses": presses,
        "updated_p50_ms": statistics.median(updated) * 1000,
        "updated_p95_ms": _percentile(updated, 0.95) * 1000,
        "p50_ms": statistics.median(painted) * 1000,
        "p95_ms": _percentile(painted, 0.95) * 1000,
        "max_ms": max(painted) * 1000,
        **({"table_after_last_key_ms": made[0] * 1000} if made else {}),
    }


def keystroke(presses: int = 200) -> dict[str, Any]:
    small = asyncio.run(_keystrokes(1, 3, presses))
    large = asyncio.run(_keystrokes(50, 100, presses))
    shown = asyncio.run(_keystrokes(50, 100, presses, table=True))
    return {"small": small, "large": large, "large_table": shown,
            "target_p95_ms": {"small": 16, "large": 50, "large_table": 50}}


def table_start(result: dict[str, Any]) -> str:
    return (f"cold start to first frame (median of {result['runs']}): "
            f"wizard {result['wizard_median_s'] * 1000:.0f} ms, "
            f"minimal Textual app {result['minimal_median_s'] * 1000:.0f} ms, ratio {result['ratio']:.2f} "
            f"(target <= {result['target_ratio']})")


def table_keys(result: dict[str, Any]) -> str:
    lines = ["keystroke to preview   updated p50/p95 ms   painted p50/p95/max ms   target p95"]
    for name, target in result["target_p95_ms"].items():
        r = result[name]
        label = f"{r['streams']} x {r['principals']}{', table' if 'table_after_last_key_ms' in r else ''}" \
                f" ({r['presses']} keys)"
        lines.append(f"{label:<22}{r['updated_p50_ms']:>9.1f} {r['updated_p95_ms']:>8.1f}"
                     f"{r['p50_ms']:>13.1f} {r['p95_ms']:>6.1f} {r['max_ms']:>6.1f}      <= {target} ms")
        if "table_after_last_key_ms" in r:
            lines.append(f"{'':<22}the access table holds the last key's answers "
                         f"{r['table_after_last_key_ms']:.0f} ms after it")
    return "\n".join(lines)
