"""`generate` end to end (process start to exit) beside `python -c pass`, and its imports."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

GENERATE = [
    "-m", "wizard", "generate", "--region", "us-west-2", "--account", "123456789012",
    "--key", "1234abcd-12ab-34cd-56ef-1234567890ab", "--stream", "MyStream",
    "--producer", "orders-producer", "--consumer", "orders-consumer", "--admin", "stream-admin",
]
FORBIDDEN = ("textual", "rich", "questionary", "prompt_toolkit", "pyperclip")


def _time(args: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def imported_modules() -> list[str]:
    """Top-level packages `generate` imports, read from `python -X importtime`."""
    with tempfile.TemporaryDirectory() as out:
        proc = subprocess.run([sys.executable, "-X", "importtime", *GENERATE, "--out", os.path.join(out, "b")],
                              check=True, capture_output=True, text=True)
    names = set()
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return sorted(names)


def run(runs: int = 15) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as out:
        gen_times = []
        for index in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, *GENERATE, "--out", os.path.join(out, str(index))],
                           check=True, stdout=subprocess.DEVNULL)
            gen_times.append(time.perf_counter() - start)
    base = _time(["-c", "pass"], runs)
    modules = imported_modules()
    return {
        "generate_median_s": statistics.median(gen_times),
        "python_pass_median_s": statistics.median(base),
        "target_s": 0.15,
        "forbidden_imported": [m for m in modules if m in FORBIDDEN],
        "runs": runs,
    }


def table(result: dict[str, Any]) -> str:
    return "\n".join([
        f"generate end to end: median {result['generate_median_s'] * 1000:.0f} ms over {result['runs']} runs "
        f"(target <= {result['target_s'] * 1000:.0f} ms)",
        f"python -c pass:      median {result['python_pass_median_s'] * 1000:.0f} ms",
        "textual-family modules imported by generate: " + (", ".join(result["forbidden_imported"]) or "none"),
    ])
