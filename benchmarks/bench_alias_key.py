"""`explain` on a bundle whose key is known only by alias, with a key policy naming many different keys: the
probe search (wizard/core/alias_key.py) is bounded, so the time levels off however many keys are named."""

from __future__ import annotations

import contextlib
import io
import json
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from wizard.cli import main

ACCT = "123456789012"
KEYS = f"arn:aws:kms:eu-west-1:{ACCT}:key"
SHAPES = {  # how each of the n patterns names keys, from the id of a random key
    "exact": lambda key_id: f"{KEYS}/{key_id}",
    "prefix": lambda key_id: f"{KEYS}/{key_id[:9]}*",
    "infix": lambda key_id: f"{KEYS}/*{key_id[3:9]}*",
}


def _key_id(rng: random.Random) -> str:
    h = f"{rng.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _bundle(folder: Path, shape: str, n: int) -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["generate", "--region", "eu-west-1", "--account", ACCT, "--key", "alias/orders", "--stream",
                     "orders", "--producer", "arn:aws:iam::444455556666:role/writer", "--out", str(folder)]) == 0
    rng = random.Random(n)
    policy = json.loads((folder / "key-policy.json").read_text())
    policy["Statement"].append({"Sid": "NotThese", "Effect": "Deny", "Principal": "*", "Action": "kms:*",
                                "Resource": [SHAPES[shape](_key_id(rng)) for _ in range(n)]})
    (folder / "key-policy.json").write_text(json.dumps(policy))


def run(runs: int = 3, sizes: tuple[int, ...] = (0, 100, 700, 10_000)) -> dict[str, Any]:
    out: dict[str, Any] = {"runs": runs, "cases": []}
    with tempfile.TemporaryDirectory() as tmp:
        for shape in SHAPES:
            for n in sizes:
                folder = Path(tmp) / f"{shape}-{n}"
                _bundle(folder, shape, n)
                times = []
                for _ in range(runs):
                    start = time.perf_counter()
                    with contextlib.redirect_stdout(io.StringIO()) as text:
                        main(["explain", str(folder)])
                    times.append(time.perf_counter() - start)
                out["cases"].append({"shape": shape, "patterns": n, "median_s": statistics.median(times),
                                     "bytes": (folder / "key-policy.json").stat().st_size,
                                     "too_many": "too many different keys" in text.getvalue()})
    return out


def table(result: dict[str, Any]) -> str:
    lines = [f"explain, median of {result['runs']}: patterns | key policy size | time | cut"]
    for case in result["cases"]:
        lines.append(f"  {case['shape']:<7} {case['patterns']:>6} | {case['bytes'] / 1024:7.0f} KiB | "
                     f"{case['median_s'] * 1000:7.0f} ms | {'yes' if case['too_many'] else 'no'}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(run()))
