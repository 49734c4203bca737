"""The journal a killed run leaves, pinned by what the next run does: a folder at the new folder's name that the
journal does not prove ours stops the run, named, with nothing said about removing it; and a run killed just after it
made its new folder, over the longer journal of an earlier killed run, is still proven and cleaned up by the next; a
file added to the old bundle of a run killed after its swap is kept in the new bundle, and said so; and the files
beside the folder (the lock, whose journal is plain JSON naming the process, and the new folder) are named after it
while its name fits."""

from __future__ import annotations

import hashlib
import json
import os

import pytest
from test_core_bundle_folder import bundle_a, bundle_b, leftovers
from test_core_bundle_folder_leftovers import killed_run

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


@pytest.mark.parametrize("where", ["new", "old"], ids=["exchanged", "two-renames"])
def test_a_file_left_in_the_old_bundle_by_a_run_killed_after_the_swap_is_kept_and_said(tmp_path, where):
    """A run swapped the new bundle in and was killed before it emptied the old one (at the new folder's name after
    an exchange, at the old folder's after two renames), which holds a file added while the bundle was built: the
    next run moves that file into the bundle, says so, and leaves nothing beside."""
    out = tmp_path / "b"
    write_folder(bundle_b(), out)
    old = tmp_path / f".b.{TOOL}.{where}"
    write_folder(bundle_a(), old)
    (old / "late.txt").write_text("mine\n")
    killed_run(out, staging_ino=out.stat().st_ino, old_ino=old.stat().st_ino)
    notes: list[str] = []
    write_folder(bundle_b(), out, force=True, note=notes.append)
    said = ["kept late.txt, which appeared while the bundle was written, as late.txt"]
    assert notes == said + ([f"removed .b.{TOOL}.new, left by a run into b that was killed"] if where == "new" else [])
    assert (out / "late.txt").read_text() == "mine\n" and (out / "ACCESS.md").read_text() == "b\n"
    assert leftovers(out) == []


@pytest.mark.parametrize("name", ["b" * 180, "b" * 181, "é" * 90, "é" * 91],
                         ids=["180-bytes", "181-bytes", "90-letters-180-bytes", "91-letters-182-bytes"])
def test_the_files_beside_a_folder_name_it_while_its_name_fits(tmp_path, monkeypatch, name):
    """While a bundle is written, the lock (with its journal, which names the process) and the new folder sit beside
    the folder, named after it up to 180 bytes of name; a longer name is shortened to a hash, so that the prefix and
    suffix stay within the 255 bytes a name may have."""
    out = tmp_path / name
    seen: list[list[str]] = []
    build = bundle_folder._Replace._build

    def build_and_look(self, old):
        seen.append(sorted(p.name for p in tmp_path.iterdir()))
        lock = tmp_path / seen[0][0]
        seen.append([lock.read_text()[:1], str(json.loads(lock.read_text())["pid"])])
        build(self, old)

    monkeypatch.setattr(bundle_folder._Replace, "_build", build_and_look)
    write_folder(bundle_a(), out)
    short = name if len(name.encode()) <= 180 else hashlib.sha256(name.encode()).hexdigest()[:32]
    assert seen == [[f".{short}.{TOOL}.lock", f".{short}.{TOOL}.new"], ["{", str(os.getpid())]]
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
