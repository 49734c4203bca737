"""The attack script, with fewer rounds: kill -9 and Ctrl-C at random moments, rival runs, a 1,000-stream bundle.

scripts/attack_bundle.py checks after every round that the folder is exactly the old or the new
bundle, the user's files the same files, and nothing is left beside it but what the next run
removes. Its default (30 kills, 30 interrupts, 8 rivals) is run by hand; see its docstring.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "attack_bundle.py"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.timeout(300)
def test_kills_interrupts_and_rivals_leave_one_whole_bundle():
    result = subprocess.run([sys.executable, str(SCRIPT), "--kills", "4", "--interrupts", "4", "--rivals", "4"],
                            capture_output=True, text=True, timeout=280)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["streams"] == 1000 and summary["files in bundle B"] > 100
    assert summary["rounds"] == 8
    assert summary["rivals into a new folder"] == 4
