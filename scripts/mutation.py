"""Mutation score of wizard/core: runs mutmut (configured in pyproject's [tool.mutmut]) and prints the score per file.

    pip install -e ".[test,mutation]"
    python scripts/mutation.py              # run (tens of minutes on 2 cores), then the table
    python scripts/mutation.py --report     # the table from the last run, without running
    python scripts/mutation.py --survivors  # the table, then every survivor's diff
    python scripts/mutation.py --files wizard/core/render.py ...            # only these files' unchecked mutants
    python scripts/mutation.py --files wizard/core/render.py --again        # ... and their survivors again

A mutant is killed when a test fails (or times out) with it in place. Survivors judged equivalent (no input can
tell them from the original) are listed in scripts/mutation_equivalents.py with the reason, matched by function
and changed lines, and left out of the score. benchmarks/QUALITY.md records the last figures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_OVERALL = 90.0
TARGET_PER_FILE = 85.0
# Two workers at most: the machine is shared.
WORKERS = "2"
# Statuses that count as the tests noticing the mutant.
DETECTED = {"killed", "timeout", "caught by type check", "segfault"}


@dataclass
class FileScore:
    path: str
    counts: Counter[str] = field(default_factory=Counter)
    equivalent: int = 0
    survivors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def detected(self) -> int:
        return sum(self.counts[s] for s in DETECTED)

    @property
    def scored(self) -> int:
        """Mutants that count: all but the equivalent ones and those an interrupted run has not checked."""
        return sum(self.counts.values()) - self.equivalent - self.counts["not checked"]

    @property
    def percent(self) -> float:
        return 100.0 * self.detected / self.scored if self.scored else 100.0


def _changed_lines(diff: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The removed and added lines of a mutant's diff, stripped: what identifies it across runs."""
    lines = diff.splitlines()
    removed = tuple(line[1:].strip() for line in lines if line.startswith("-") and not line.startswith("---"))
    added = tuple(line[1:].strip() for line in lines if line.startswith("+") and not line.startswith("+++"))
    return removed, added


def _function_of(mutant_name: str) -> str:
    return mutant_name.rpartition("__mutmut_")[0]


def collect() -> tuple[list[FileScore], list[str], list[str]]:
    """Scores per file from mutmut's cache under mutants/; the equivalents that matched nothing; unchecked mutants."""
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    from mutmut.stats import status_by_exit_code
    from mutmut.utils.file_utils import walk_mutatable_files

    sys.path.insert(0, str(ROOT / "scripts"))
    from mutation_equivalents import EQUIVALENTS

    unmatched = {(e.function, e.removed, e.added): e for e in EQUIVALENTS}
    wanted = set(unmatched)
    scores: list[FileScore] = []
    unchecked: list[str] = []
    for path in sorted(walk_mutatable_files()):
        data = SourceFileMutationData(path=path)
        data.load()
        if not data.exit_code_by_key:
            continue
        score = FileScore(str(path))
        for name, code in sorted(data.exit_code_by_key.items()):
            # 255 is mutmut's worker failing to run the tests at all (an exception, e.g. a test id pytest could not
            # find), which mutmut files under "timeout": it proves nothing about the mutant, so it is not a kill.
            status = "run failed" if code == 255 else status_by_exit_code[code]
            score.counts[status] += 1
            if status == "not checked":
                unchecked.append(name)
            if status in DETECTED or status == "not checked":
                continue
            diff = get_diff_for_mutant(name, path=path)
            removed, added = _changed_lines(diff)
            key = (_function_of(name), removed, added)
            if key in wanted:
                score.equivalent += 1
                unmatched.pop(key, None)
            else:
                score.survivors.append((f"{name}: {status}", diff))
        scores.append(score)
    pending = {_function_of(name) for name in unchecked}
    stale = [f"{e.function}: {' / '.join(e.removed)} -> {' / '.join(e.added)}" for e in unmatched.values()
             if e.function not in pending]
    return scores, stale, unchecked


def _module_of(path: str) -> str:
    return path.removesuffix(".py").removesuffix("/__init__").replace("/", ".")


def chosen_mutants(files: list[str], again: bool) -> list[str]:
    """The mutants of `files` not checked yet (and, with `again`, those that survived or had no test): a run
    that names them checks only those. A file the cache does not know yet is named by pattern (all of it)."""
    from mutmut.mutation.data import SourceFileMutationData

    redo = {None, 0, 33} if again else {None}
    names: list[str] = []
    for file in files:
        data = SourceFileMutationData(path=Path(file))
        data.load()
        if not data.exit_code_by_key:
            names.append(_module_of(file) + ".*")
            continue
        names += [name for name, code in sorted(data.exit_code_by_key.items()) if code in redo]
    return names


def table(scores: list[FileScore]) -> tuple[str, float, bool]:
    """One row per file: how many of its mutants were checked, and the score of those (complete when all were)."""
    rows = ["| file | checked | killed | survived | equivalent | score | complete |",
            "|---|---:|---:|---:|---:|---:|---|"]
    total = FileScore("overall")
    met = True
    for s in scores:
        every = sum(s.counts.values())
        checked = every - s.counts["not checked"]
        rows.append(
            f"| `{s.path}` | {checked:,} of {every:,} | {s.detected:,} | {s.scored - s.detected:,} | {s.equivalent} "
            f"| {s.percent:.1f} % | {'yes' if checked == every else 'no'} |"
        )
        total.counts.update(s.counts)
        total.equivalent += s.equivalent
        met = met and s.percent >= TARGET_PER_FILE
    every = sum(total.counts.values())
    checked = every - total.counts["not checked"]
    rows.append(
        f"| **overall** | {checked:,} of {every:,} | {total.detected:,} | {total.scored - total.detected:,} "
        f"| {total.equivalent} | **{total.percent:.1f} %** | {'yes' if checked == every else 'no'} |"
    )
    return "\n".join(rows), total.percent, met and total.percent >= TARGET_OVERALL


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="print the table from the last run, do not run")
    parser.add_argument("--survivors", action="store_true", help="print each surviving mutant's diff too")
    parser.add_argument("--fresh", action="store_true", help="delete mutmut's cache (mutants/) and run every mutant")
    parser.add_argument("--files", nargs="+", metavar="PATH", help="run only these files' unchecked mutants")
    parser.add_argument("--again", action="store_true", help="with --files: their survivors too (after adding tests)")
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    if shutil.which("mutmut") is None and not (Path(sys.executable).parent / "mutmut").exists():
        print('mutmut is not installed: pip install -e ".[test,mutation]"', file=sys.stderr)
        return 2
    if args.fresh:
        shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    if not args.report:
        mutmut = shutil.which("mutmut", path=str(Path(sys.executable).parent)) or "mutmut"
        names: list[str] = []
        if args.files:
            names = chosen_mutants(args.files, args.again)
            if not names:
                print("nothing to run: every mutant of these files is checked (--again runs the survivors)")
        run = subprocess.run([mutmut, "run", "--max-children", WORKERS, *names], check=False) if names or not \
            args.files else subprocess.CompletedProcess([], 0)
        # mutmut exits non-zero when the clean test run fails: then there is nothing to score.
        if run.returncode not in (0, 1) or not (ROOT / "mutants").is_dir():
            print(f"mutmut run exited {run.returncode}", file=sys.stderr)
            return run.returncode or 1
        print()
    scores, stale, unchecked = collect()
    if not scores:
        print("no results: run without --report first", file=sys.stderr)
        return 1
    text, _overall, met = table(scores)
    if args.survivors:
        for s in scores:
            for title, diff in s.survivors:
                print(f"# {title}\n{diff}\n")
    print(text)
    if unchecked:
        print(f"\n{len(unchecked)} mutants not checked yet (the run was interrupted): run again to finish")
    for entry in stale:
        print(f"equivalent listed but not a survivor (killed, not checked yet, or the code changed): {entry}")
    verdict = "NOT met" if not met else "met by the checked mutants, but the run is incomplete" if unchecked else "met"
    print(f"\ntarget (>= {TARGET_OVERALL:.0f} % overall, no file under {TARGET_PER_FILE:.0f} %): {verdict}")
    return 0 if met and not unchecked else 1


if __name__ == "__main__":
    sys.exit(main())
