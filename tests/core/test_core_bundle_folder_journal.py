"""The journal a killed run leaves, pinned by what the next run does: a folder at the new folder's name that the
journal does not prove ours stops the run, named, with nothing said about removing it; and a run killed just after it
made its new folder, over the longer journal of an earlier killed run, is still proven and cleaned up by the next."""

from __future__ import annotations

import json
import os

import pytest
from test_core_bundle_folder import bundle_a, bundle_b, leftovers

from wizard.core import bundle_folder
from wizard.core.bundle_folder import write_folder
from wizard.core.errors import BundleError

TOOL = "kinesis-kms-wizard"


def test_a_folder_at_the_new_folders_name_made_after_the_kill_is_named_and_kept(tmp_path):
    """The journal names a new folder by an inode this one does not have, and the bundle's folder is not it."""
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    lock, staging = tmp_path / f".b.{TOOL}.lock", tmp_path / f".b.{TOOL}.new"
    lock.write_text(json.dumps({"tool": TOOL, "pid": 1, "target": "b", "staging_ino": 1}).ljust(4096))
    staging.mkdir()
    (staging / "work.txt").write_text("someone's\n")
    notes: list[str] = []
    with pytest.raises(BundleError) as refused:
        write_folder(bundle_b(), out, force=True, note=notes.append)
    assert str(refused.value) == (f"{staging} is in the way: left by an earlier run that cannot be identified. Check "
                                  "it holds nothing of yours, remove it, and run again; nothing was written")
    assert notes == [] and (staging / "work.txt").read_text() == "someone's\n"
    assert (out / "README.md").read_text() == "# a\n"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_run_killed_after_making_its_new_folder_over_a_longer_journal_is_cleaned_up(tmp_path):
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    lock = tmp_path / f".b.{TOOL}.lock"
    lock.write_text(json.dumps({"tool": TOOL, "pid": 1, "target": "another-" + "x" * 200}).ljust(4096))
    pid = os.fork()
    if pid == 0:  # the child: killed (as by kill -9) once its new folder is made, before the journal names it
        try:
            record = bundle_folder._Lock.record

            def record_then_die(self, **fields):
                if "staging_ino" in fields:
                    os._exit(9)
                record(self, **fields)

            bundle_folder._Lock.record = record_then_die
            write_folder(bundle_b(), out, force=True)
        finally:
            os._exit(0)
    _pid, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 9
    assert sorted(leftovers(out)) == [f".b.{TOOL}.lock", f".b.{TOOL}.new"]
    notes: list[str] = []
    write_folder(bundle_b(), out, force=True, note=notes.append)
    assert notes == [f"removed .b.{TOOL}.new, left by a run into b that was killed"]
    assert leftovers(out) == [] and (out / "ACCESS.md").read_text() == "b\n"
