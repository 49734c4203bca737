"""Shared fixtures: the seed's scenario, and an X display with xclip for real clipboard tests."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
if str(TESTS) not in sys.path:  # lets tests import their shared modules (matrix, check_fixtures, ...)
    sys.path.insert(0, str(TESTS))

from wizard.core.model import Answers, Principal  # noqa: E402

SEED_KEY = "1234abcd-12ab-34cd-56ef-1234567890ab"
SEED_ACCOUNT = "123456789012"


def seed_answers() -> Answers:
    """The seed page's scenario with one role per job."""
    return Answers(
        region="us-west-2",
        account=SEED_ACCOUNT,
        key=SEED_KEY,
        streams=("MyStream",),
        principals=(
            Principal("orders-producer", ("producer",)),
            Principal("orders-consumer", ("consumer",)),
            Principal("stream-encryption-admin", ("admin",)),
        ),
    )


def _mutation_durations() -> dict[str, float]:
    """Under mutmut (which runs the tests from its mutants/ folder), how long each test took in the clean run."""
    stats = Path.cwd() / "mutmut-stats.json"
    if Path.cwd().name != "mutants" or not stats.is_file():
        return {}
    try:
        return dict(json.loads(stats.read_text(encoding="utf-8")).get("duration_by_test", {}))
    except (OSError, ValueError):
        return {}


_DURATIONS = _mutation_durations()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A mutation run stops at a mutant's first failing test: the quickest go first, so a killed mutant costs
    little. Normal runs keep the order as written."""
    if _DURATIONS:
        items.sort(key=lambda item: _DURATIONS.get(item.nodeid, 0.0))


@pytest.fixture(autouse=True)
def _fresh_evaluator_caches() -> Iterator[None]:
    """Each test judges policies from scratch: no answer remembered from another test can hide a fault."""
    from wizard.core import access, evaluate

    evaluate.clear_caches()
    access.clear_caches()
    yield


@pytest.fixture
def python_sigint() -> Iterator[None]:
    """Python's own SIGINT handler (KeyboardInterrupt) for tests that send a real SIGINT: a runner that ignores
    the signal (mutmut's workers do) would otherwise turn the interrupt into nothing and the test would fail."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


@pytest.fixture
def seed() -> Answers:
    return seed_answers()


SEED_ARGV = [
    "generate", "--region", "us-west-2", "--account", SEED_ACCOUNT, "--key", SEED_KEY,
    "--stream", "MyStream", "--producer", "orders-producer", "--consumer", "orders-consumer",
    "--admin", "stream-encryption-admin",
]


@pytest.fixture
def seed_argv() -> list[str]:
    return list(SEED_ARGV)


def _free_display() -> int | None:
    for number in range(90, 200):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            return number
    return None


@pytest.fixture
def x_display(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """An X display with xclip: CI's (DISPLAY set), or our own Xvfb; skip locally if impossible."""
    if not shutil.which("xclip"):
        reason = "xclip is not installed"
    elif os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
        return
    elif not shutil.which("Xvfb"):
        reason = "DISPLAY is unset and Xvfb is not installed"
    elif (number := _free_display()) is None:
        reason = "no free X display number"
    else:
        display = f":{number}"
        server = subprocess.Popen(["Xvfb", display, "-screen", "0", "640x480x24", "-nolisten", "tcp"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 10
            while not Path(f"/tmp/.X11-unix/X{number}").exists():  # waiting for a process, not the app
                if server.poll() is not None or time.monotonic() > deadline:
                    break
                time.sleep(0.05)
            if Path(f"/tmp/.X11-unix/X{number}").exists():
                monkeypatch.setenv("DISPLAY", display)
                yield display
                return
            reason = f"Xvfb {display} did not start"
        finally:
            server.terminate()
            server.wait(timeout=10)
    if os.environ.get("CI"):
        pytest.fail(f"CI must have a working X clipboard: {reason}")
    pytest.skip(reason)
