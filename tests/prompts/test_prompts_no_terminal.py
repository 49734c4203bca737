"""Without a terminal on stdin, `--plain` must refuse at once instead of waiting for an answer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.timeout(60)


@pytest.mark.parametrize("stdin", ["devnull", "open-pipe"])
def test_plain_without_a_terminal_exits_with_a_hint(tmp_path: Path, stdin: str) -> None:
    """An open pipe that never sends anything would hang a prompt; the flow must not wait on it."""
    source = subprocess.DEVNULL if stdin == "devnull" else subprocess.PIPE
    proc = subprocess.Popen([sys.executable, "-m", "wizard", "--plain"], stdin=source, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    try:
        out, err = proc.communicate(timeout=20) if stdin == "devnull" else _wait_keeping_stdin_open(proc)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert "kinesis-kms-wizard generate" in lines[0]
    assert out == ""
    assert list(tmp_path.iterdir()) == []


def _wait_keeping_stdin_open(proc: subprocess.Popen[str]) -> tuple[str, str]:
    proc.wait(timeout=20)  # stdin is still open here: an EOF cannot be what ends the run
    assert proc.stdout is not None and proc.stderr is not None
    return proc.stdout.read(), proc.stderr.read()
