"""Generation at scale: answers -> every document (and bundle files), time and peak memory."""

from __future__ import annotations

import statistics
import time
import tracemalloc
from typing import Any

from benchmarks.scenarios import answers
from wizard.core.bundle import bundle_files
from wizard.core.render import render_bundle

STREAMS = (1, 10, 100, 1000)
PRINCIPALS = (1, 10, 100)


def measure(streams: int, principals: int, repeat: int = 5) -> dict[str, Any]:
    given = answers(streams, principals)
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        bundle = render_bundle(given)
        bundle_files(bundle)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)  # what a shared, loaded machine moves far less
    tracemalloc.start()
    bundle_files(render_bundle(given))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "streams": streams,
        "principals": principals,
        "median_ms": statistics.median(times) * 1000,
        "median_cpu_ms": statistics.median(cpu) * 1000,
        "peak_kib": peak / 1024,
        "documents": len(bundle.documents),
        "problems": len(bundle.problems),
    }


def run(quick: bool = False) -> dict[str, Any]:
    rows = [measure(s, p, repeat=2 if quick else 5) for s in STREAMS for p in PRINCIPALS]
    by = {(r["streams"], r["principals"]): r for r in rows}
    # Growth: time per stream from 100 to 1,000 streams; linear growth keeps the ratio near 10.
    growth = {p: by[(1000, p)]["median_ms"] / max(by[(100, p)]["median_ms"], 1e-6) for p in PRINCIPALS}
    return {
        "rows": rows,
        "growth_100_to_1000_streams": growth,
        "largest_ms": by[(1000, 100)]["median_ms"],
        "target_largest_ms": 1000,
    }


def table(result: dict[str, Any]) -> str:
    lines = ["streams  principals  median ms  CPU ms  peak KiB  documents  problems"]
    for r in result["rows"]:
        lines.append(f"{r['streams']:>7}  {r['principals']:>10}  {r['median_ms']:>9.2f}  {r['median_cpu_ms']:>6.1f}"
                     f"  {r['peak_kib']:>8.0f}  {r['documents']:>9}  {r['problems']:>8}")
    growth = ", ".join(f"{p} principals x{g:.1f}" for p, g in result["growth_100_to_1000_streams"].items())
    lines.append(f"time growth 100 -> 1,000 streams (10x input): {growth}")
    lines.append(f"1,000 x 100: {result['largest_ms']:.1f} ms (target <= 1,000 ms)")
    return "\n".join(lines)
