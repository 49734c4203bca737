"""Attack `generate --force` the way a user's machine would: kill -9, Ctrl-C and rival runs, at random moments.

A 1,000-stream bundle (about 50 files) lives in a folder with the user's own files beside it
(notes, terraform's .terraform/ and state, a link). Each round replaces it with the other of two
bundles and is killed (SIGKILL) or interrupted (SIGINT) at a random moment, mostly while it
writes. After every round the folder must be exactly the old bundle or exactly the new one (every
file, byte for byte, nothing else), the user's files the same files (same inodes); after SIGINT
nothing may be left beside it, after SIGKILL only the run's own journal and sibling, which the next
run removes. Then several runs race into a new folder (exactly one may win) and into the full one.

    python scripts/attack_bundle.py                      # 30 kills, 30 interrupts, 8 rivals
    python scripts/attack_bundle.py --kills 3 --interrupts 3 --rivals 4   # what the test suite runs

Exit status 0 when every check held; 1 with the first broken one.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TOOL = "kinesis-kms-wizard"
USER_FILES = {"notes.txt": b"mine\n", ".terraform/providers/plugin": b"\x7fELF", "terraform.tfstate": b"{}\n"}


class Broken(Exception):
    """A check that did not hold."""


def answers(streams: int, variant: str) -> dict:
    principals = [{"principal": "producer-role", "roles": ["producer"]},
                  {"principal": "consumer-role", "roles": ["consumer"]}]
    if variant == "B":
        principals += [{"principal": "admin-role", "roles": ["admin"]},
                       {"principal": "fn-role", "roles": ["consumer"], "service": "lambda"}]
    return {"region": "us-west-2", "account": "123456789012", "key": "alias/aws/kinesis",
            "streams": [f"{variant.lower()}-stream-{i:04d}-{'x' * 40}" for i in range(streams)],
            "principals": principals, "fan_out": True}


def tree(folder: Path) -> dict[str, str]:
    """rel path -> sha256 (or 'link:TARGET', 'dir') of everything under `folder`, links not followed."""
    out = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                out[rel] = "link:" + os.readlink(path)
            elif path.is_dir():
                out[rel] = "dir"
            else:
                out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "wizard", "generate", *args]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(cli(*args), capture_output=True, text=True, timeout=120)


def add_user_files(folder: Path) -> None:
    for rel, data in USER_FILES.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (folder / "latest").symlink_to("notes.txt")


def inodes(folder: Path) -> dict[str, int]:
    return {rel: (folder / rel).stat().st_ino for rel in USER_FILES}


def beside(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir() if p.name != folder.name)


class Attack:
    def __init__(self, base: Path, streams: int, rng: random.Random) -> None:
        self.base, self.rng = base, rng
        self.files = {}
        for variant in "AB":
            path = base / f"{variant}.json"
            path.write_text(json.dumps(answers(streams, variant)))
            self.files[variant] = str(path)
        self.states = {}
        for variant in "AB":
            ref = base / "ref" / variant
            result = run("--answers", self.files[variant], "--out", str(ref))
            if result.returncode != 0:
                raise Broken(f"reference bundle {variant}: {result.stderr}")
            add_user_files(ref)
            self.states[variant] = tree(ref)
        self.folder = base / "work" / "bundle"
        result = run("--answers", self.files["A"], "--out", str(self.folder))
        if result.returncode != 0:
            raise Broken(result.stderr)
        add_user_files(self.folder)
        self.inodes = inodes(self.folder)
        self.current = "A"
        self.counts: dict[str, int] = {}
        self.start, self.total = self.calibrate()

    def count(self, key: str) -> None:
        self.counts[key] = self.counts.get(key, 0) + 1

    def calibrate(self) -> tuple[float, float]:
        """Seconds from start to the write (its lock file appears) and to the end, median of 3 clean runs."""
        starts, totals = [], []
        lock = self.folder.parent / f".{self.folder.name}.{TOOL}.lock"
        for _ in range(3):
            target = "B" if self.current == "A" else "A"
            began = time.monotonic()
            process = subprocess.Popen(cli("--answers", self.files[target], "--out", str(self.folder), "--force"),
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            seen = None
            while process.poll() is None:
                if seen is None and lock.exists():
                    seen = time.monotonic() - began
                time.sleep(0.0005)
            totals.append(time.monotonic() - began)
            starts.append(seen if seen is not None else totals[-1] * 0.6)
            self.check(f"calibration run to {target}", allow_leftovers=False)
            self.current = target
        return sorted(starts)[1], sorted(totals)[1]

    def check(self, what: str, *, allow_leftovers: bool) -> str:
        """The folder is exactly one of the two bundles with the user's files; returns which."""
        state = tree(self.folder)
        found = [variant for variant, expected in self.states.items() if state == expected]
        if not found:
            extra = sorted(set(state) - set(self.states[self.current]))[:5]
            missing = sorted(set(self.states[self.current]) - set(state))[:5]
            raise Broken(f"{what}: the folder is neither bundle (extra {extra}, missing {missing})")
        if inodes(self.folder) != self.inodes:
            raise Broken(f"{what}: the user's files are no longer the same files")
        left = beside(self.folder)
        if left and not allow_leftovers:
            raise Broken(f"{what}: left beside the folder: {left}")
        ours = {f".{self.folder.name}.{TOOL}.{suffix}" for suffix in ("lock", "new", "old")}
        if not set(left) <= ours:
            raise Broken(f"{what}: unknown files beside the folder: {left}")
        return found[0]

    def moment(self) -> float:
        """When to strike, from the start: three times in four during the write, else any time."""
        if self.rng.random() < 0.75:
            return self.rng.uniform(self.start * 0.9, self.total * 1.05)
        return self.rng.uniform(0, self.total * 1.05)

    def strike(self, number: int, signum: int) -> None:
        target = "B" if self.current == "A" else "A"
        before = beside(self.folder)  # a killed run's leftovers, which this run must remove
        process = subprocess.Popen(cli("--answers", self.files[target], "--out", str(self.folder), "--force"),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        time.sleep(self.moment())
        if process.poll() is None:
            process.send_signal(signum)
        _out, err = process.communicate(timeout=120)
        name = signal.Signals(signum).name
        what = f"{name} #{number}"
        state = self.check(what, allow_leftovers=signum == signal.SIGKILL or bool(before))
        if signum == signal.SIGINT and beside(self.folder) and (beside(self.folder) != before or state != self.current):
            raise Broken(f"{what}: left {beside(self.folder)} beside the folder (before: {before})")
        outcome = "finished" if process.returncode == 0 else ("old" if state == self.current else "new")
        self.count(f"{name} {outcome}")
        if signum == signal.SIGKILL and beside(self.folder):
            self.count("SIGKILL mid-write (left a journal for the next run)")
        started = "Traceback" in err and "wizard" not in err
        if signum == signal.SIGINT and (started or process.returncode == -signal.SIGINT):
            # Python's own: while the interpreter starts (it prints its traceback before any of the program
            # has run), or once it has reset SIGINT to die on it as it exits, after the program's work (its
            # notes may be printed by then). The folder was checked whole above; the work must be done too.
            self.count("SIGINT while Python started" if started else "SIGINT while Python exited")
            if started and state != self.current:
                raise Broken(f"{what}: interrupted as Python started, yet the folder changed")
            if not started and state != target:
                raise Broken(f"{what}: died of SIGINT (exit -2) before its bundle was whole: {err}")
            self.current = state
            return
        if signum == signal.SIGINT and process.returncode not in (0, 130):
            raise Broken(f"{what}: exit {process.returncode}: {err}")
        if signum == signal.SIGINT and "nothing was written" in err and state != self.current:
            raise Broken(f"{what}: said nothing was written, yet the folder changed")
        if signum == signal.SIGINT and "after the bundle was written" in err and state != target:
            raise Broken(f"{what}: said the bundle was written, yet the folder is the old one")
        if "Traceback" in err or "unexpected error" in err:
            raise Broken(f"{what}: {err}")
        self.current = state

    def rivals(self, count: int) -> None:
        """`count` runs into a new folder at once (one wins), then `count` --force runs into the full one."""
        new = self.base / "race" / "bundle"
        variants = [("A", "B")[i % 2] for i in range(count)]
        processes = [subprocess.Popen(cli("--answers", self.files[v], "--out", str(new)), stdout=subprocess.DEVNULL,
                                      stderr=subprocess.PIPE, text=True) for v in variants]
        results = [(p.wait(timeout=120), p.stderr.read()) for p in processes]
        winners = [v for v, (code, _err) in zip(variants, results, strict=True) if code == 0]
        if len(winners) != 1:
            raise Broken(f"{len(winners)} of {count} runs into one new folder exited 0")
        for code, err in results:
            if code not in (0, 1) or (code == 1 and str(new) not in err):
                raise Broken(f"a losing run exited {code} without naming the folder: {err}")
        state = tree(new)
        expected = {k: v for k, v in self.states[winners[0]].items()
                    if k not in USER_FILES and k not in ("latest", ".terraform", ".terraform/providers")}
        if state != expected:
            raise Broken("the new folder is not the winner's bundle")
        if beside(new):
            raise Broken(f"left beside the new folder: {beside(new)}")
        self.counts["rivals into a new folder"] = count
        processes = [subprocess.Popen(cli("--answers", self.files[v], "--out", str(self.folder), "--force"),
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for v in variants]
        results = [(p.wait(timeout=120), p.stderr.read()) for p in processes]
        done = [v for v, (code, _err) in zip(variants, results, strict=True) if code == 0]
        for code, err in results:
            if code not in (0, 1) or (code == 1 and "right now; nothing was written" not in err):
                raise Broken(f"a rival --force run exited {code}: {err}")
        if not done:
            raise Broken("no --force run won")
        self.current = self.check("rival --force runs", allow_leftovers=False)
        if self.current not in done:
            raise Broken("the folder holds a bundle no successful run wrote")
        self.counts["rivals with --force"] = count
        self.counts["rivals with --force that won"] = len(done)

    def finish(self) -> None:
        target = "B" if self.current == "A" else "A"
        result = run("--answers", self.files[target], "--out", str(self.folder), "--force")
        if result.returncode != 0:
            raise Broken(f"the final run failed: {result.stderr}")
        self.current = target
        if self.check("final run", allow_leftovers=False) != target:
            raise Broken("the final run did not write its bundle")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=30)
    parser.add_argument("--interrupts", type=int, default=30)
    parser.add_argument("--rivals", type=int, default=8)
    parser.add_argument("--streams", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="kkw-attack-") as base:
        try:
            attack = Attack(Path(base), args.streams, rng)
            order = [signal.SIGKILL] * args.kills + [signal.SIGINT] * args.interrupts
            rng.shuffle(order)
            for number, signum in enumerate(order, 1):
                attack.strike(number, signum)
            if args.rivals:
                attack.rivals(args.rivals)
            attack.finish()
        except Broken as exc:
            print(f"BROKEN (seed {seed}): {exc}", file=sys.stderr)
            return 1
        files = sum(1 for v in attack.states["B"].values() if v != "dir")
        print(json.dumps({"seed": seed, "streams": args.streams, "files in bundle B": files, "rounds": len(order),
                          "write starts at s": round(attack.start, 3), "run ends at s": round(attack.total, 3),
                          **dict(sorted(attack.counts.items()))}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
