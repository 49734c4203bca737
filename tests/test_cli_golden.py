"""The seed page's scenario, written by the command, byte for byte against tests/golden/seed/.

Regenerate after a deliberate change with UPDATE_GOLDEN=1, then read the diff line by line.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from wizard.cli import main

GOLDEN = Path(__file__).resolve().parent / "golden" / "seed"


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_seed_bundle_matches_golden(tmp_path, seed_argv, capsys):
    out = tmp_path / "bundle"
    assert main([*seed_argv, "--out", str(out)]) == 0
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(out, GOLDEN)
    assert _tree(out) == _tree(GOLDEN)
    assert sorted(_tree(GOLDEN)) == ["ACCESS.md", "README.md", "admin-policy.json", "consumer-policy.json",
                                     "key-policy.json", "manifest.json", "producer-policy.json"]


def test_same_answers_give_byte_identical_bundles_anywhere(tmp_path, seed_argv, capsys):
    first, second = tmp_path / "a", tmp_path / "deeper" / "b"
    assert main([*seed_argv, "--out", str(first)]) == 0
    os.chdir(tmp_path)
    assert main([*seed_argv, "--out", "deeper/b"]) == 0
    assert _tree(first) == _tree(second)
    for name, data in _tree(first).items():
        assert str(tmp_path).encode() not in data, name
        assert data.endswith(b"\n") and not data.endswith(b"\n\n"), name
