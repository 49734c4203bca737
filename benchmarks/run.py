"""Run every benchmark and print a readable table plus one JSON line.

    python benchmarks/run.py            # everything (a few minutes on 2 cores)
    python benchmarks/run.py --quick    # fewer runs, for a smoke check
    python benchmarks/run.py --only generation,cli,start,keys,alias
"""

from __future__ import annotations

import argparse
import compileall
import json
import platform
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import bench_alias_key, bench_cli, bench_generation, bench_tui

# name -> (title, measure(quick) -> result, table(result) -> text)
SECTIONS: dict[str, tuple[str, Callable[[bool], Any], Callable[[Any], str]]] = {
    "generation": ("Generation: answers -> all documents and bundle files",
                   lambda quick: bench_generation.run(quick=quick), bench_generation.table),
    "cli": ("generate, end to end", lambda quick: bench_cli.run(runs=5 if quick else 15), bench_cli.table),
    "start": ("Cold start", lambda quick: bench_tui.cold_start(runs=5 if quick else 10), bench_tui.table_start),
    "keys": ("Keystroke to preview", lambda quick: bench_tui.keystroke(presses=40 if quick else 200),
             bench_tui.table_keys),
    "alias": ("explain, a key known only by alias, a key policy naming many keys",
              lambda quick: bench_alias_key.run(runs=1 if quick else 3), bench_alias_key.table),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer runs and keystrokes")
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated: " + ", ".join(SECTIONS))
    args = parser.parse_args()
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    # Measure the program as pip installs it, with its bytecode compiled: under PYTHONDONTWRITEBYTECODE
    # (set on some machines) an editable checkout would otherwise compile ~100 modules in every child run.
    compileall.compile_dir(Path(__file__).resolve().parent.parent / "wizard", quiet=1)
    results: dict[str, object] = {"python": platform.python_version(), "machine": platform.machine()}
    for name in SECTIONS:
        if name in chosen:
            title, measure, table = SECTIONS[name]
            result = measure(args.quick)
            print(f"== {title}\n{table(result)}\n")
            results[name] = result
    print(json.dumps(results, separators=(",", ":"), default=float))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
