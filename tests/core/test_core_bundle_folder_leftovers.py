"""What a run does with what a killed run may have left beside a bundle's folder, and how a signal ends a run.

A run cleans up only what its journal (the lock file) proves a killed run of this tool made: a real folder of this
user's at the new-folder name. A link there (to a folder of the user's), a file, or a folder of another user is
never emptied: the run stops and says what is in the way. A run stopped by SIGTERM leaves the old bundle whole and
nothing beside it, then dies of SIGTERM as the shell expects, even when Ctrl-C comes while it cleans up."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest
from test_core_bundle_folder import FaultyOS, bundle_a, bundle_b, leftovers, snapshot, user_state

from wizard.core import bundle_folder
from wizard.core.bundle_folder import write_folder
from wizard.core.errors import BundleError

TOOL = "kinesis-kms-wizard"


def killed_run(out: Path, **journal: object) -> Path:
    """The journal a run into `out` leaves when it is killed before it made its new folder; that folder's path."""
    lock = out.parent / f".{out.name}.{TOOL}.lock"
    lock.write_text(json.dumps({"tool": TOOL, "pid": 1, "target": out.name, **journal}).ljust(4096))
    return out.parent / f".{out.name}.{TOOL}.new"


def mine(tmp_path: Path) -> Path:
    folder = tmp_path / "projects"
    (folder / "src").mkdir(parents=True)
    (folder / "src" / "main.py").write_text("print('mine')\n")
    return folder


@pytest.mark.parametrize("thing", ["link to a folder", "file"])
def test_what_is_not_a_folder_of_ours_at_the_new_folders_name_is_never_cleaned(tmp_path, thing):
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    before = snapshot(out)
    users = mine(tmp_path)
    staging = killed_run(out)
    if thing == "file":
        staging.write_text("someone's\n")
    else:
        staging.symlink_to(users, target_is_directory=True)
    with pytest.raises(BundleError, match=r"is in the way: left by an earlier run that cannot be identified"):
        write_folder(bundle_b(), out, force=True)
    assert (users / "src" / "main.py").read_text() == "print('mine')\n"
    assert os.path.lexists(staging) and snapshot(out) == before
    if thing == "file":
        assert staging.read_text() == "someone's\n"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root, to make another's folder")
def test_a_folder_of_another_user_at_the_new_folders_name_is_never_cleaned(tmp_path):
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    staging = killed_run(out)
    staging.mkdir()
    (staging / "work.txt").write_text("nobody's\n")
    os.chown(staging, 65534, 65534)
    os.chown(staging / "work.txt", 65534, 65534)
    with pytest.raises(BundleError, match=r"is in the way"):
        write_folder(bundle_b(), out, force=True)
    assert (staging / "work.txt").read_text() == "nobody's\n"


def _signals_in_child(out: Path, at: dict[int, int]) -> int:
    """Write bundle B over `out` in a child process that sends itself signal at[n] at file-system call n; the
    child's exit code (negative: the signal it died of; 3: it ended with KeyboardInterrupt)."""
    pid = os.fork()
    if pid == 0:  # the child
        try:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.default_int_handler)
            faulty = FaultyOS(os, 0, None)
            real_step = faulty.step

            def step() -> None:
                real_step()
                if faulty.calls in at:
                    os.kill(os.getpid(), at[faulty.calls])

            faulty.step = step
            bundle_folder.os = faulty
            write_folder(bundle_b(), out, force=True)
        except KeyboardInterrupt:
            os._exit(3)
        except BaseException:
            os._exit(4)
        finally:
            os._exit(0)
    _pid, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def _calls_of_a_write(tmp_path: Path) -> int:
    out = tmp_path / "count" / "b"
    write_folder(bundle_a(), out)
    user_state(out)
    faulty = FaultyOS(os, 0, None)
    saved, bundle_folder.os = bundle_folder.os, faulty
    try:
        write_folder(bundle_b(), out, force=True)
    finally:
        bundle_folder.os = saved
    return faulty.calls


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
@pytest.mark.parametrize("then_ctrl_c", [False, True], ids=["sigterm", "sigterm-then-ctrl-c-while-cleaning"])
def test_sigterm_mid_write_leaves_the_old_bundle_and_the_run_dies_of_it(tmp_path, then_ctrl_c):
    middle = _calls_of_a_write(tmp_path) // 3  # while the new folder is being built
    out = tmp_path / "run" / "b"
    write_folder(bundle_a(), out)
    user_state(out)
    before = snapshot(out)
    at = {middle: signal.SIGTERM, middle + 1: signal.SIGINT} if then_ctrl_c else {middle: signal.SIGTERM}
    assert _signals_in_child(out, at) == -signal.SIGTERM
    assert snapshot(out) == before and leftovers(out) == []


@pytest.mark.parametrize("journal", [
    {"tool": "another-tool"}, {"target": "c"}, {"staging_ino": 1}, None,
], ids=["another-tools-journal", "a-journal-for-another-folder", "made-after-the-kill", "no-journal"])
def test_a_folder_at_the_new_folders_name_that_the_journal_does_not_prove_ours_is_kept(tmp_path, journal):
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    staging = killed_run(out, **(journal or {}))
    if journal is None:
        (out.parent / f".b.{TOOL}.lock").unlink()
    staging.mkdir()
    (staging / "work.txt").write_text("someone's\n")
    with pytest.raises(BundleError, match=r"is in the way"):
        write_folder(bundle_b(), out, force=True)
    assert (staging / "work.txt").read_text() == "someone's\n"


def test_a_half_built_folder_the_journal_proves_ours_is_removed_and_said_so(tmp_path):
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    staging = killed_run(out)
    (staging / "terraform").mkdir(parents=True)
    (staging / "terraform" / "main.tf").write_text("# half\n")
    staging_ino = staging.lstat().st_ino
    killed_run(out, staging_ino=staging_ino)
    notes: list[str] = []
    write_folder(bundle_b(), out, force=True, note=notes.append)
    assert notes[0] == f"removed .b.{TOOL}.new, left by a run into b that was killed"
    assert leftovers(out) == [] and (out / "ACCESS.md").read_text() == "b\n"
