"""What the writer makes of what the system gives it, pinned by what a user finds: a file system that cannot exchange
two folders still gets the bundle (by two renames), while any other failure of the exchange stops the run with the
old bundle whole; a lock file holding anything but a journal of this tool is no journal; a lock file that cannot be
removed is named; the signal handlers of a program that embeds the writer are left as they are; a hang-up stops a
run as SIGTERM does; and of the signals that wait for the cleanup after the swap, the first decides."""

from __future__ import annotations

import ctypes
import errno
import os
import signal
import threading

import pytest
from test_core_bundle_folder import bundle_a, bundle_b, expected_states, leftovers, snapshot, user_state
from test_core_bundle_folder_leftovers import _calls_of_a_write, _signals_in_child

from wizard.core import bundle_folder
from wizard.core.bundle_folder import write_folder
from wizard.core.errors import BundleBusyError

TOOL = "kinesis-kms-wizard"


def _renameat2_failing_with(code: int):
    """A renameat2 that fails as the C library does: -1, and the code in errno."""
    def renameat2(*_args):
        ctypes.set_errno(code)
        return -1
    return renameat2


@pytest.mark.parametrize("code", [errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP])
def test_a_system_that_cannot_exchange_two_folders_gets_the_bundle_all_the_same(tmp_path, monkeypatch, code):
    monkeypatch.setattr(bundle_folder, "_renameat2", _renameat2_failing_with(code))
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    (out / "notes.txt").write_text("mine\n")
    write_folder(bundle_b(), out, force=True)
    assert (out / "ACCESS.md").read_text() == "b\n" and (out / "notes.txt").read_text() == "mine\n"
    assert leftovers(out) == []


def test_an_exchange_that_fails_otherwise_stops_the_run_with_the_old_bundle_whole(tmp_path, monkeypatch):
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    before = snapshot(out)
    monkeypatch.setattr(bundle_folder, "_renameat2", _renameat2_failing_with(errno.EIO))
    with pytest.raises(OSError) as failed:
        write_folder(bundle_b(), out, force=True)
    assert (failed.value.errno, failed.value.strerror, failed.value.filename) == (errno.EIO, os.strerror(errno.EIO),
                                                                                 str(out))
    assert snapshot(out) == before and leftovers(out) == []


@pytest.mark.parametrize("content", ["", "[1, 2]", "\"tool\"", "{not json", "\xff"])
def test_a_lock_file_without_a_journal_is_none(tmp_path, content):
    """A lock file left empty, or holding a list, a string, broken JSON or bytes that are not text, proves nothing:
    the run writes its bundle and removes the file."""
    out = tmp_path / "b"
    (tmp_path / f".b.{TOOL}.lock").write_bytes(content.encode("latin-1"))
    notes: list[str] = []
    write_folder(bundle_a(), out, note=notes.append)
    assert notes == [] and (out / "README.md").read_text() == "# a\n" and leftovers(out) == []


def test_a_run_at_work_whose_journal_cannot_be_read_is_named_as_unknown(tmp_path):
    out = tmp_path / "b"
    lock = bundle_folder._Lock(tmp_path / f".b.{TOOL}.lock", "b")
    lock.acquire()  # the other run holds the lock, and has written no journal yet
    try:
        with pytest.raises(BundleBusyError) as refused:
            write_folder(bundle_a(), out)
    finally:
        lock.release(remove=True, note=pytest.fail)
    assert str(refused.value) == (f"another {TOOL} run (process unknown) is writing {out} right now; nothing was "
                                  "written. Run again once it has finished")


def test_a_lock_file_that_cannot_be_removed_is_named(tmp_path, monkeypatch):
    out = tmp_path / "b"
    lock = tmp_path / f".b.{TOOL}.lock"
    real_unlink = os.unlink

    def unlink(path, *args, **kwargs):
        if str(path) == str(lock):
            raise PermissionError(errno.EPERM, os.strerror(errno.EPERM))
        return real_unlink(path, *args, **kwargs)

    notes: list[str] = []
    with monkeypatch.context() as patched:
        patched.setattr(os, "unlink", unlink)
        write_folder(bundle_a(), out, note=notes.append)
    assert notes == [f"{lock} could not be removed; remove it (no run is using it)"]
    assert (out / "README.md").read_text() == "# a\n"


def test_a_programs_own_signal_handlers_are_left_in_place(tmp_path, monkeypatch):
    """A program that handles SIGTERM itself keeps its handler while the bundle is written, and after."""
    heard: list[int] = []

    def own(signum, _frame):
        heard.append(signum)

    previous = signal.signal(signal.SIGTERM, own)
    try:
        build = bundle_folder._Replace._build

        def build_and_get_a_sigterm(self, old):
            os.kill(os.getpid(), signal.SIGTERM)
            build(self, old)

        monkeypatch.setattr(bundle_folder._Replace, "_build", build_and_get_a_sigterm)
        try:
            write_folder(bundle_a(), tmp_path / "b")
        except KeyboardInterrupt as exc:  # the writer's own handler took SIGTERM: a failure, not an interrupted run
            pytest.fail(f"the program's SIGTERM handler was replaced: {exc!r}")
        assert heard == [signal.SIGTERM] and signal.getsignal(signal.SIGTERM) is own
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert (tmp_path / "b" / "README.md").read_text() == "# a\n"


def test_a_bundle_written_from_another_thread_leaves_the_signal_handlers_alone(tmp_path):
    """Signal handlers belong to the main thread: a write from a worker thread (the TUI saves in one) neither
    installs nor changes them."""
    before = {name: signal.getsignal(getattr(signal, name)) for name in ("SIGINT", "SIGTERM", "SIGHUP")}
    errors: list[BaseException] = []

    def write() -> None:
        try:
            write_folder(bundle_a(), tmp_path / "b")
        except BaseException as exc:  # shown by the assertion below
            errors.append(exc)

    worker = threading.Thread(target=write)
    worker.start()
    worker.join()
    assert errors == [] and (tmp_path / "b" / "README.md").read_text() == "# a\n"
    assert {name: signal.getsignal(getattr(signal, name)) for name in before} == before



@pytest.mark.skipif(not hasattr(os, "fork") or not hasattr(signal, "SIGHUP"), reason="needs fork and SIGHUP")
def test_a_hang_up_mid_write_leaves_the_old_bundle_and_the_run_dies_of_it(tmp_path):
    """The terminal closes while the bundle is built: like SIGTERM, the run stops, cleans up, and dies of SIGHUP."""
    middle = _calls_of_a_write(tmp_path) // 3
    out = tmp_path / "run" / "b"
    write_folder(bundle_a(), out)
    user_state(out)
    before = snapshot(out)
    previous = signal.signal(signal.SIGHUP, signal.SIG_DFL)  # the child's, whatever started these tests (nohup)
    try:
        assert _signals_in_child(out, {middle: signal.SIGHUP}) == -signal.SIGHUP
    finally:
        signal.signal(signal.SIGHUP, previous)
    assert snapshot(out) == before and leftovers(out) == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_signals_while_the_old_folder_is_emptied_wait_and_the_first_decides(tmp_path):
    """SIGTERM, then Ctrl-C, while the old folder is being emptied after the swap: the run finishes, the new bundle
    stands whole with nothing beside it, and the run dies of SIGTERM, the first signal, as the shell expects."""
    _before, after = expected_states(tmp_path / "expected")
    calls = _calls_of_a_write(tmp_path)
    out = tmp_path / "run" / "b"
    write_folder(bundle_a(), out)
    user_state(out)
    assert _signals_in_child(out, {calls - 3: signal.SIGTERM, calls - 2: signal.SIGINT}) == -signal.SIGTERM
    assert snapshot(out) == after and leftovers(out) == []
