"""A run stopped by SIGTERM while it builds, in this process: the old bundle is whole, nothing is left beside it, and
the run then dies of SIGTERM with the default action restored, as the shell expects, even when Ctrl-C comes while
it cleans up (the first signal decides). The death itself is recorded rather than suffered (os.kill of this process
is caught once the run is over); test_core_bundle_folder_leftovers lets a child process really die of it."""

from __future__ import annotations

import os
import signal

import pytest
from test_core_bundle_folder import bundle_a, bundle_b, leftovers, snapshot, user_state

from wizard.core import bundle_folder
from wizard.core.bundle_folder import write_folder


@pytest.fixture
def default_sigterm():
    """SIGTERM's default action, which the writer takes over while it runs (a runner may have its own)."""
    previous = signal.signal(signal.SIGTERM, signal.SIG_DFL)
    yield
    signal.signal(signal.SIGTERM, previous)


@pytest.mark.usefixtures("python_sigint", "default_sigterm")
@pytest.mark.parametrize("then_ctrl_c", [False, True], ids=["sigterm", "sigterm-then-ctrl-c-while-cleaning"])
def test_sigterm_while_building_leaves_the_old_bundle_then_the_run_dies_of_it(tmp_path, monkeypatch, then_ctrl_c):
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    user_state(out)
    before = snapshot(out)
    real_kill, me = os.kill, os.getpid()
    deaths: list[tuple[int, object]] = []

    def kill(pid: int, signum: int) -> None:
        if pid == me and signum == signal.SIGTERM and signal.getsignal(signum) == signal.SIG_DFL:
            deaths.append((signum, "default action"))  # the run dying of it: recorded, this process goes on
            return
        real_kill(pid, signum)

    build, remove_tree = bundle_folder._Replace._build, bundle_folder._remove_tree

    def build_and_get_a_sigterm(self, old):
        real_kill(me, signal.SIGTERM)
        build(self, old)

    def ctrl_c_while_cleaning(root):
        if then_ctrl_c:
            real_kill(me, signal.SIGINT)
        remove_tree(root)

    monkeypatch.setattr(bundle_folder._Replace, "_build", build_and_get_a_sigterm)
    monkeypatch.setattr(bundle_folder, "_remove_tree", ctrl_c_while_cleaning)
    monkeypatch.setattr(os, "kill", kill)
    with pytest.raises(KeyboardInterrupt):
        write_folder(bundle_b(), out, force=True)
    monkeypatch.undo()
    assert deaths == [(signal.SIGTERM, "default action")]
    assert snapshot(out) == before and leftovers(out) == []
