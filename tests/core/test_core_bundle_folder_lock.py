"""The lock beside a bundle's folder (`.NAME.kinesis-kms-wizard.lock`), pinned by what a user finds and reads: it is
a file only its owner may read, holding the journal of the run while the run lasts, and gone after; a symbolic link
planted at its name is never followed, not even one swapped in as the run takes the lock; a lock file that other runs
keep replacing is given up after 50 tries, each file closed; where there is no flock (Windows), the lock file alone is
the lock, and a second run is refused naming it; a lock file whose close reports an error does not fail a bundle that
was written. And the run's own new folder: a failure to make it, or someone removing or replacing it mid-build,
surfaces the real error, and a folder that is not the run's is never removed."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest
from test_core_bundle_folder import bundle_a, bundle_b, leftovers, snapshot, user_state

from wizard.core import bundle_folder
from wizard.core.bundle_folder import write_folder
from wizard.core.errors import BundleBusyError, BundleError

TOOL = "kinesis-kms-wizard"


def _lock(out: Path) -> Path:
    return out.parent / f".{out.name}.{TOOL}.lock"


@pytest.mark.parametrize("flock", [True, False], ids=["flock", "no-flock"])
def test_the_lock_file_is_its_owners_holds_the_journal_and_goes_after_the_run(tmp_path, monkeypatch, flock):
    """While the bundle is built, the lock file beside it is readable by its owner alone (mode 600, whatever the
    umask) and names this tool, this process and the folder; once the run is over it is gone, with or without flock."""
    if not flock:
        monkeypatch.setattr(bundle_folder, "fcntl", None)
    out = tmp_path / "b"
    seen: list[tuple[int, dict]] = []
    build = bundle_folder._Replace._build

    def build_and_look(self, old):
        seen.append((stat.S_IMODE(_lock(out).stat().st_mode), json.loads(_lock(out).read_text())))
        build(self, old)

    monkeypatch.setattr(bundle_folder._Replace, "_build", build_and_look)
    old_umask = os.umask(0)
    try:
        write_folder(bundle_a(), out)
        write_folder(bundle_b(), out, force=True)
    finally:
        os.umask(old_umask)
    [(mode, journal), _second] = seen
    assert mode == 0o600 and {k: journal[k] for k in ("tool", "pid", "target")} == {
        "tool": TOOL, "pid": os.getpid(), "target": "b"}
    assert (out / "README.md").read_text() == "# b\n" and leftovers(out) == []


def test_without_flock_a_second_run_is_refused_naming_the_lock_file(tmp_path, monkeypatch):
    """Where there is no flock (Windows), the lock file alone is the lock: a run that finds one is refused, told which
    file to remove if no run is at work, and leaves it and the old bundle as they were."""
    monkeypatch.setattr(bundle_folder, "fcntl", None)
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    _lock(out).write_text("another run's\n")
    before = snapshot(tmp_path)
    with pytest.raises(BundleBusyError) as refused:
        write_folder(bundle_b(), out, force=True)
    assert str(refused.value) == (f"another run may be writing {out}; if none is, remove {_lock(out)} and run again. "
                                  "Nothing was written")
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("exists", [True, False], ids=["to-a-file", "to-nowhere"])
def test_a_link_planted_at_the_lock_files_name_is_never_followed(tmp_path, exists):
    """Someone with write access beside the folder plants a link where the lock file goes, pointing at a file of the
    user's (or where one would be created): the run refuses to lock, naming why, and writes through the link nothing."""
    out, victim = tmp_path / "b", tmp_path / "victim.txt"
    if exists:
        victim.write_text("the user's\n")
    _lock(out).symlink_to(victim)
    before = snapshot(tmp_path)
    with pytest.raises(BundleError) as refused:
        write_folder(bundle_a(), out)
    assert str(refused.value) == f"cannot lock {out}: {os.strerror(errno.ELOOP)} ({_lock(out)})"
    assert snapshot(tmp_path) == before


def _at_the_lock(monkeypatch, out: Path, act) -> list[int]:
    """Call `act()` each time the run checks its lock file is still at its name (before the check); the calls."""
    real_stat, calls = os.stat, []

    def stat_after(path, *args, **kwargs):
        if str(path) == str(_lock(out)):
            calls.append(1)
            act()
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat_after)
    return calls


def test_a_link_swapped_in_as_the_lock_is_taken_is_never_followed(tmp_path, monkeypatch):
    """The lock file is replaced by a link to it (under another name) just as the run has opened it: the run does
    not take a lock reached through a link, and refuses on its next try."""
    out, elsewhere = tmp_path / "b", tmp_path / "elsewhere"

    def swap_in_a_link():
        if not os.path.islink(_lock(out)):
            os.link(_lock(out), elsewhere)
            os.unlink(_lock(out))
            _lock(out).symlink_to(elsewhere)

    _at_the_lock(monkeypatch, out, swap_in_a_link)
    with pytest.raises(BundleError) as refused:
        write_folder(bundle_a(), out)
    monkeypatch.undo()
    assert str(refused.value) == f"cannot lock {out}: {os.strerror(errno.ELOOP)} ({_lock(out)})"
    assert not out.exists() and os.path.islink(_lock(out))


def _open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts open files in /proc")
@pytest.mark.parametrize("other_runs", ["replace", "remove"])
def test_a_lock_file_other_runs_keep_replacing_is_given_up_after_50_tries(tmp_path, monkeypatch, other_runs):
    """Each time the run has opened the lock file, another run has removed it (and made a new one): the run tries
    again, closing what it opened, and after 50 tries is refused saying why, with nothing written."""
    out = tmp_path / "b"

    def other_run():
        os.unlink(_lock(out))
        if other_runs == "replace":
            _lock(out).write_text("")

    before = _open_files()
    calls = _at_the_lock(monkeypatch, out, other_run)
    with pytest.raises(BundleBusyError) as refused:
        write_folder(bundle_a(), out)
    monkeypatch.undo()
    assert str(refused.value) == f"could not lock {out}: other runs keep writing it; nothing was written"
    assert len(calls) == 50 and _open_files() == before and not out.exists()


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="tells the lock file by its name in /proc")
def test_a_lock_file_whose_close_reports_an_error_does_not_fail_the_written_bundle(tmp_path, monkeypatch):
    """On a network file system, closing a file may report an error (it is closed all the same): the bundle was
    written, so the run ends as written, the lock file gone."""
    out = tmp_path / "b"
    real_close, reported = os.close, []

    def close(fd):
        is_lock = os.readlink(f"/proc/self/fd/{fd}") == f"{_lock(out)} (deleted)"  # removed, then closed
        real_close(fd)
        if is_lock:
            reported.append(fd)
            raise OSError(errno.EIO, os.strerror(errno.EIO))

    notes: list[str] = []
    monkeypatch.setattr(os, "close", close)
    write_folder(bundle_a(), out, note=notes.append)
    monkeypatch.undo()
    assert len(reported) == 1 and notes == [] and (out / "README.md").read_text() == "# a\n" and leftovers(out) == []


def test_a_new_folder_that_cannot_be_made_stops_the_run_with_the_real_reason(tmp_path, monkeypatch):
    """The new folder beside the old one cannot be made (too many folders in the parent): the run stops with that
    error, the old bundle whole and nothing beside it."""
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    user_state(out)
    before = snapshot(tmp_path)
    real_mkdir = os.mkdir

    def mkdir(path, *args, **kwargs):
        if str(path).endswith(f".{TOOL}.new"):
            raise OSError(errno.EMLINK, os.strerror(errno.EMLINK))
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", mkdir)
    with pytest.raises(OSError) as failed:
        write_folder(bundle_b(), out, force=True)
    monkeypatch.undo()
    assert failed.value.errno == errno.EMLINK and snapshot(tmp_path) == before


@pytest.mark.parametrize("someone", ["removes", "replaces"])
def test_a_new_folder_someone_removes_or_replaces_mid_build_is_never_taken_for_the_runs(tmp_path, monkeypatch, someone):
    """While the bundle is built, someone removes the new folder, or puts their own folder at its name; then the
    build fails (a full disk). The run stops with that error; a folder at the new folder's name is theirs, kept whole,
    and the lock file keeps the journal, so the next run names that folder instead of taking it for a half-built one
    of this tool's."""
    out, staging = tmp_path / "run" / "b", tmp_path / "run" / f".b.{TOOL}.new"
    write_folder(bundle_a(), out)
    before = snapshot(out)

    def meddle_then_full(_path, _data):
        os.rename(staging, tmp_path / "moved")
        if someone == "replaces":
            staging.mkdir()
            (staging / "theirs.txt").write_text("theirs\n")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(bundle_folder, "_write_new", meddle_then_full)
    with pytest.raises(OSError) as failed:
        write_folder(bundle_b(), out, force=True)
    monkeypatch.undo()
    assert failed.value.errno == errno.ENOSPC and snapshot(out) == before
    assert json.loads(_lock(out).read_text())["staging_ino"] == (tmp_path / "moved").stat().st_ino
    if someone == "replaces":
        with pytest.raises(BundleError) as refused:
            write_folder(bundle_b(), out, force=True)
        assert str(refused.value) == (f"{staging} is in the way: left by an earlier run that cannot be identified. "
                                      "Check it holds nothing of yours, remove it, and run again; nothing was written")
        assert (staging / "theirs.txt").read_text() == "theirs\n" and snapshot(out) == before
        os.rename(staging, tmp_path / "theirs")
    notes: list[str] = []
    write_folder(bundle_b(), out, force=True, note=notes.append)
    assert notes == [] and (out / "README.md").read_text() == "# b\n" and leftovers(out) == []


def test_releasing_a_lock_twice_closes_its_file_once(tmp_path: Path) -> None:
    """A second release must not close the descriptor number again: the system may have given it to another file."""
    from wizard.core.bundle_folder import _Lock

    lock = _Lock(tmp_path / "x.lock", "x")
    lock.acquire()
    lock.release(remove=True, note=pytest.fail)
    other = os.open(tmp_path / "other", os.O_CREAT | os.O_WRONLY, 0o600)  # likely the number the lock had
    try:
        lock.release(remove=True, note=pytest.fail)
        os.fstat(other)  # still open
    finally:
        os.close(other)
