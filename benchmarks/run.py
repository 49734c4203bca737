"""Run every benchmark and print a readable table plus one JSON line.

    python benchmarks/run.py            # everything (a few minutes on 2 cores)
    python benchmarks/run.py --quick    # fewer runs, for a smoke check
    python benchmarks/run.py --only generation,cli,start,keys
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import bench_cli, bench_generation, bench_tui

SECTIONS = ("generation", "cli", "start", "keys")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer runs and keystrokes")
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated: " + ", ".join(SECTIONS))
    args = parser.parse_args()
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    results: dict[str, object] = {"python": platform.python_version(), "machine": platform.machine()}
    if "generation" in chosen:
        result = bench_generation.run(quick=args.quick)
        print("== Generation: answers -> all documents and bundle files\n" + bench_generation.table(result) + "\n")
        results["generation"] = result
    if "cli" in chosen:
        result = bench_cli.run(runs=5 if args.quick else 15)
        print("== generate, end to end\n" + bench_cli.table(result) + "\n")
        results["cli"] = result
    if "start" in chosen:
        result = bench_tui.cold_start(runs=5 if args.quick else 10)
        print("== Cold start\n" + bench_tui.table_start(result) + "\n")
        results["start"] = result
    if "keys" in chosen:
        result = bench_tui.keystroke(presses=40 if args.quick else 200)
        print("== Keystroke to preview\n" + bench_tui.table_keys(result) + "\n")
        results["keys"] = result
    print(json.dumps(results, separators=(",", ":"), default=float))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
