"""Every refusal of a bundle write, read in full as the user reads it, with what is left: nothing created, nothing
beside the folder, the old bundle whole. A link to nowhere; a file where the folder or one above it should be; a
folder that cannot be created; the folder the command runs in; names that cannot be a bundle's; another run at
work; a folder that appears while the bundle is built, or between the two renames where there is no exchange (the
old bundle then cannot go back, and each run says where it is); a mount point that cannot be swapped; a second
rename that fails (the old bundle is back, nothing beside); a failure, which undoes the folders made above; a file
that takes the folder's name while the run waits for the lock. And what is not refused: a folder whose name merely
starts like the bundle's as the place the command runs; someone's folder at the old folder's name, left untouched."""

from __future__ import annotations

import errno
import os

import pytest
from test_core_bundle_folder import bundle_a, bundle_b, leftovers, snapshot, swap, with_manifest  # noqa: F401
from test_core_bundle_folder_putback import _intruder_between_the_renames

from wizard.core import bundle_folder
from wizard.core.bundle_folder import write_folder
from wizard.core.errors import BundleBusyError, BundleError, BundleExistsError

TOOL = "kinesis-kms-wizard"


def _refusal(out, files=None, **kwargs) -> str:
    with pytest.raises(BundleError) as refused:
        write_folder(files or bundle_a(), out, **kwargs)
    return str(refused.value)


@pytest.mark.parametrize("below", [False, True], ids=["the-folder", "a-folder-above"])
def test_a_link_to_nowhere_is_named_with_where_it_points(tmp_path, below):
    link, nowhere = tmp_path / "dangling", tmp_path / "nowhere" / "x"
    link.symlink_to(nowhere)
    out = link / "sub" / "b" if below else link
    assert _refusal(out) == (f"{link} is a symbolic link to {nowhere}, which does not exist; nothing was created. "
                             "Create that folder first, or give another one")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dangling"]


def test_a_link_to_nowhere_given_relative_is_named_as_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    os.symlink("nowhere", "dangling")
    assert _refusal(bundle_folder.Path("dangling")) == (
        "dangling is a symbolic link to nowhere, which does not exist; nothing was created. Create that folder first, "
        "or give another one")
    assert os.listdir(tmp_path) == ["dangling"]


def test_a_file_where_the_folder_should_be_is_refused(tmp_path):
    (tmp_path / "b").write_text("mine\n")
    assert _refusal(tmp_path / "b", force=True) == f"{tmp_path / 'b'} exists and is not a folder"
    assert (tmp_path / "b").read_text() == "mine\n" and leftovers(tmp_path / "b") == []


def test_a_file_where_a_folder_above_should_be_is_named(tmp_path):
    (tmp_path / "notes").write_text("mine\n")
    out = tmp_path / "notes" / "sub" / "b"
    assert _refusal(out) == f"cannot create {out}: {tmp_path / 'notes'} is not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes"]


def test_a_folder_above_that_cannot_be_created_is_named_with_why(tmp_path):
    made = tmp_path / "ok" / "deeper"
    out = made / ("x" * 300) / "b"
    assert _refusal(out) == f"cannot create {out}: {os.strerror(errno.ENAMETOOLONG)} ({made / ('x' * 300)})"
    assert list(tmp_path.iterdir()) == []  # the folders made above it are removed again


def test_the_folder_the_command_runs_in_is_refused_saying_what_to_type(tmp_path, monkeypatch):
    out = tmp_path / "b"
    out.mkdir()
    monkeypatch.chdir(out)
    assert _refusal(out, force=True) == (
        f"{out} is the folder this command runs in, or holds it. A bundle replaces its folder whole, which would "
        "leave this shell in a removed folder; nothing was written. Run it from the folder above instead (cd .. and "
        "--out b)")


def test_a_folder_whose_name_starts_like_the_bundles_is_not_taken_for_it(tmp_path, monkeypatch):
    """Running in b-work while writing b is fine: only b itself, or a folder inside it, is refused."""
    (tmp_path / "b-work").mkdir()
    monkeypatch.chdir(tmp_path / "b-work")
    (tmp_path / "b").mkdir()
    write_folder(bundle_a(), tmp_path / "b")
    assert (tmp_path / "b" / "README.md").read_text() == "# a\n"


def test_names_that_cannot_be_a_bundles_are_all_named_with_the_rule(tmp_path):
    """Each bad name once, in order: a name out of the folder, an empty one, a file where a folder is (one or two
    levels down)."""
    files = with_manifest({"../x.json": "{}\n", "": "{}\n", "a.json": "{}\n", "a.json/b.json": "{}\n",
                           "c/d.json": "{}\n", "c/d.json/e.json": "{}\n"})
    assert _refusal(tmp_path / "b", files) == (
        "cannot write the bundle: '../x.json', '', 'a.json', 'c/d.json' cannot be a bundle's file name (parts of at "
        "most 255 letters, digits, '.', '_', '-' or '@', and no file where a folder is)")
    assert list(tmp_path.iterdir()) == []


def test_another_run_at_work_is_named_by_its_process(tmp_path):
    out = tmp_path / "b"
    lock = bundle_folder._Lock(tmp_path / f".b.{TOOL}.lock", "b")
    lock.acquire()
    lock.record(target="b")
    try:
        with pytest.raises(BundleBusyError) as refused:
            write_folder(bundle_a(), out)
        assert lock.path.exists()  # the other run's lock file, still there for it
    finally:
        lock.release(remove=True, note=pytest.fail)
    assert str(refused.value) == (f"another {TOOL} run (process {os.getpid()}) is writing {out} right now; nothing "
                                  "was written. Run again once it has finished")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("theirs", [["theirs.txt"], []], ids=["holding-a-file", "empty"])
def test_a_folder_that_appears_while_the_bundle_is_built_is_left_alone(tmp_path, monkeypatch, swap, theirs):  # noqa: F811
    out = tmp_path / "b"
    build = bundle_folder._Replace._build

    def build_then_someone_writes(self, old):
        build(self, old)
        out.mkdir()
        for name in theirs:
            (out / name).write_text("theirs\n")

    monkeypatch.setattr(bundle_folder._Replace, "_build", build_then_someone_writes)
    with pytest.raises(BundleExistsError) as refused:
        write_folder(bundle_a(), out)
    assert str(refused.value) == (f"{out} appeared while the bundle was being written; nothing was written. Run again "
                                  "(with --force to replace what is there)")
    assert sorted(p.name for p in out.iterdir()) == theirs and leftovers(out) == []


@pytest.mark.parametrize("code", [errno.EBUSY, errno.EXDEV])
def test_a_folder_that_cannot_be_swapped_is_refused_with_the_old_bundle_whole(tmp_path, monkeypatch, code):
    """A mount point (EBUSY), or a folder on another file system than its parent's (EXDEV), cannot be replaced by
    a rename: the message says why and what to do instead."""
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    before = snapshot(out)

    def rename2(src, dest, flags):
        raise OSError(code, os.strerror(code), str(dest))

    monkeypatch.setattr(bundle_folder, "_rename2", rename2)
    assert _refusal(out, bundle_b(), force=True) == (
        f"{out} cannot be replaced whole ({os.strerror(code)}: a mount point?); write the bundle into a folder inside "
        "it. Nothing was written")
    assert snapshot(out) == before and leftovers(out) == []


def test_a_folder_with_the_longest_name_is_written_and_replaced(tmp_path):
    """The files beside a folder (the lock, the new folder) take a short name when the folder's own is too long to
    take a prefix and suffix within the 255 bytes a name may have."""
    out = tmp_path / ("b" * 255)
    write_folder(bundle_a(), out)
    write_folder(bundle_b(), out, force=True)
    assert (out / "README.md").read_text() == "# b\n" and list(tmp_path.iterdir()) == [out]


def test_an_old_bundle_that_could_not_go_back_is_named_in_full_each_time(tmp_path, monkeypatch):
    """Two renames, and a folder takes the bundle's name between them: the run, the next run, and the run once the
    name is free each say in full where the old bundle is and what happens to it."""
    monkeypatch.setattr(bundle_folder, "_renameat2", None)
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    aside = tmp_path / f".b.{TOOL}.old"
    with monkeypatch.context() as patch:
        _intruder_between_the_renames(patch, out)
        first = _refusal(out, bundle_b(), force=True)
    assert first == (f"{out} appeared while the bundle was being written, so the old bundle could not be put back: it "
                     f"is in {aside}. Nothing else was changed; move what is now at {out} elsewhere and run again, and "
                     "the old bundle is put back first")
    assert _refusal(out, bundle_b(), force=True) == (
        f"{aside} holds the old bundle of b, set aside by a run that was stopped, and b is now something else. Nothing "
        "was written; move that elsewhere and run again, and the old bundle is put back first")
    os.rename(out, tmp_path / "theirs")
    notes: list[str] = []
    write_folder(bundle_b(), out, force=True, note=notes.append)
    assert notes == [f"put back b from .b.{TOOL}.old, left by a run that was killed"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b", "theirs"]


def test_a_second_rename_that_fails_puts_the_old_bundle_back_and_leaves_nothing_beside(tmp_path, monkeypatch):
    """Two renames: the new folder cannot take the bundle's name (an I/O error); the old bundle is put back at once,
    the error is the user's to see, and neither the new folder nor the journal is left for a next run."""
    monkeypatch.setattr(bundle_folder, "_renameat2", None)
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    before = snapshot(out)
    real = os.rename

    def rename(src, dst):
        if str(src).endswith(f".{TOOL}.new") and str(dst) == str(out):
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real(src, dst)

    with monkeypatch.context() as patch:
        patch.setattr(bundle_folder.os, "rename", rename)
        with pytest.raises(OSError) as failed:
            write_folder(bundle_b(), out, force=True)
    assert failed.value.errno == errno.EIO
    assert snapshot(out) == before and leftovers(out) == []


def test_a_folder_at_the_old_folders_name_is_never_emptied_when_the_folders_are_exchanged(tmp_path):
    """With an atomic exchange the old folder is never set aside: a folder of someone's at that name is not
    touched, and nothing is said about it."""
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    if not bundle_folder._rename2(tmp_path / "x", tmp_path / "y", bundle_folder._RENAME_EXCHANGE):
        pytest.skip("no exchange of two folders here")
    (tmp_path / "x").rmdir()
    (tmp_path / "y").rmdir()
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    aside = tmp_path / f".b.{TOOL}.old"
    aside.mkdir()
    (aside / "theirs.txt").write_text("theirs\n")
    notes: list[str] = []
    write_folder(bundle_b(), out, force=True, note=notes.append)
    assert notes == [] and (aside / "theirs.txt").read_text() == "theirs\n"
    assert (out / "ACCESS.md").read_text() == "b\n" and not (out / "theirs.txt").exists()


def test_a_write_that_fails_removes_the_folders_it_made_above_the_bundles(tmp_path, monkeypatch):
    """A full disk while writing into p/q/b, none of which existed: p/q/b, q and p are all gone again."""
    def full(_path, _data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(bundle_folder, "_write_new", full)
    with pytest.raises(OSError) as failed:
        write_folder(bundle_a(), tmp_path / "p" / "q" / "b")
    assert failed.value.errno == errno.ENOSPC and list(tmp_path.iterdir()) == []


def test_a_write_that_fails_keeps_a_folder_it_made_above_once_something_is_in_it(tmp_path, monkeypatch):
    """As above, but another program put a file in p meanwhile: q goes, p stays with the file, and the error the
    user reads is still the full disk."""
    def someone_then_full(_path, _data):
        (tmp_path / "p" / "theirs.txt").write_text("theirs\n")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(bundle_folder, "_write_new", someone_then_full)
    with pytest.raises(OSError) as failed:
        write_folder(bundle_a(), tmp_path / "p" / "q" / "b")
    assert failed.value.errno == errno.ENOSPC and os.listdir(tmp_path / "p") == ["theirs.txt"]


def test_a_file_that_takes_the_folders_name_while_the_run_waits_to_lock_is_refused_untouched(tmp_path, monkeypatch):
    """The folder was there when the run began; by the time it holds the lock, a file has its name: refused, named."""
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    recover = bundle_folder._recover

    def recover_then_a_file_takes_the_name(*args):
        recover(*args)
        os.rename(out, tmp_path / "moved")
        out.write_text("someone's\n")

    monkeypatch.setattr(bundle_folder, "_recover", recover_then_a_file_takes_the_name)
    assert _refusal(out, bundle_b(), force=True) == f"{out} exists and is not a folder"
    assert out.read_text() == "someone's\n" and sorted(p.name for p in tmp_path.iterdir()) == ["b", "moved"]
