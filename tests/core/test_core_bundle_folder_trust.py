"""What a bundle's folder trusts, pinned by what a user sees: a manifest (or a bundle file) that is a link, or a
manifest that lists itself, proves nothing ours, so nothing is removed on its word; a file the user edits while the
bundle is written is kept; files that cannot be a bundle are refused before anything is written; the root of the
file system is refused; a leftover old folder in the way stops the run with the old bundle whole."""

from __future__ import annotations

import hashlib
import json
import os
import shutil

import pytest
from test_core_bundle_folder import bundle_a, bundle_b, snapshot, with_manifest

from wizard.core import bundle_folder
from wizard.core.bundle_folder import read_manifest, verify_bundle, write_folder
from wizard.core.errors import BundleError, InputError

TOOL = "kinesis-kms-wizard"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def test_a_manifest_that_lists_itself_is_refused_by_name(tmp_path):
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    data = json.loads((out / "manifest.json").read_text())
    data["files"]["manifest.json"] = "0" * 64
    (out / "manifest.json").write_text(json.dumps(data))
    with pytest.raises(InputError, match=r"lists 1 entry that cannot be a bundle's file \(a file name with a "
                                         r"sha256\): 'manifest.json'"):
        read_manifest(out)


@pytest.mark.parametrize("what", ["link to the same text", "folder"])
def test_a_bundle_file_that_is_not_a_regular_file_does_not_verify(tmp_path, what):
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    (out / "README.md").unlink()
    if what == "folder":
        (out / "README.md").mkdir()
    else:
        (tmp_path / "copy.md").write_text(bundle_a()["README.md"])
        (out / "README.md").symlink_to(tmp_path / "copy.md")
    with pytest.raises(InputError, match=r"README.md: missing, or not a regular file"):
        verify_bundle(out)


def test_a_manifest_that_is_a_link_makes_nothing_ours(tmp_path):
    """Another program's folder with a link named manifest.json (to a manifest listing its files): --force keeps
    every one of those files."""
    theirs = {"producer-policy.json": "their policy\n", "README.md": "their readme\n"}
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text(json.dumps({"tool": TOOL, "files": {n: _sha(t) for n, t in theirs.items()}}))
    out = tmp_path / "b"
    out.mkdir()
    for name, text in theirs.items():
        (out / name).write_text(text)
    (out / "manifest.json").symlink_to(elsewhere)
    write_folder(bundle_b(), out, force=True)
    assert (out / "producer-policy.json.orig").read_text() == "their policy\n"
    assert (out / "README.md.orig").read_text() == "their readme\n"
    assert os.readlink(out / "manifest.json.orig") == str(elsewhere)


def edit_before_the_swap(monkeypatch, path, text: str) -> None:
    """Make the next write edit `path` (in the old folder) after the user's files were carried over, before the swap."""
    swap = bundle_folder._Replace._swap

    def edit_then_swap(self, old):
        path.write_text(text)
        swap(self, old)

    monkeypatch.setattr(bundle_folder._Replace, "_swap", edit_then_swap)


def test_a_file_edited_while_the_bundle_is_written_is_kept(tmp_path, monkeypatch):
    """The old bundle's README is edited after its files were carried over and before the swap: the edit is not
    lost with the old folder, it is kept beside the new README, and the user is told."""
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    edit_before_the_swap(monkeypatch, out / "README.md", "my late notes\n")
    notes: list[str] = []
    write_folder(bundle_b(), out, force=True, note=notes.append)
    assert (out / "README.md").read_text() == "# b\n"
    assert (out / "README.md.orig").read_text() == "my late notes\n"
    assert "kept README.md, which appeared while the bundle was written, as README.md.orig" in notes


@pytest.mark.parametrize(("files", "refusal"), [
    ({"terraform.tf": "x\n", "terraform.tf/main.tf": "y\n"}, "'terraform.tf' cannot be a bundle's file name"),
    ({"README.md": "x\n"}, "cannot write the bundle: it has no manifest.json"),
], ids=["a-file-where-a-folder-is", "no-manifest"])
def test_files_that_cannot_be_a_bundle_are_refused_before_anything_is_written(tmp_path, files, refusal):
    files = with_manifest(files) if "manifest" not in refusal else files
    with pytest.raises(BundleError, match=refusal):
        write_folder(files, tmp_path / "b")
    assert list(tmp_path.iterdir()) == []


def test_the_root_of_the_file_system_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(BundleError, match=r"is the root of the file system; choose a folder for the bundle"):
        write_folder(bundle_a(), "/")


def test_an_old_folder_left_in_the_way_stops_the_run_with_the_old_bundle_whole(tmp_path, monkeypatch):
    """Without an atomic exchange the old folder is set aside first; a folder already there (no journal proves it
    a killed run's) is not overwritten."""
    monkeypatch.setattr(bundle_folder, "_renameat2", None)
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    before = snapshot(out)
    aside = tmp_path / f".b.{TOOL}.old"
    aside.mkdir()
    (aside / "keep.txt").write_text("someone's\n")
    with pytest.raises(BundleError, match=r"\.b\.kinesis-kms-wizard\.old is in the way; remove it and run again "
                                          r"\(nothing written\)"):
        write_folder(bundle_b(), out, force=True)
    assert snapshot(out) == before and (aside / "keep.txt").read_text() == "someone's\n"
    assert f".b.{TOOL}.new" not in {p.name for p in tmp_path.iterdir()}  # the new folder half built is gone
    with pytest.raises(BundleError, match=r"is in the way"):  # and the next run does not take it for its own
        write_folder(bundle_b(), out, force=True)
    assert snapshot(out) == before and (aside / "keep.txt").read_text() == "someone's\n"


def test_an_old_folder_that_stopped_a_run_is_never_put_back_as_the_bundle(tmp_path, monkeypatch):
    """The refusal leaves nothing that would make a later run take the folder in the way for the user's old bundle:
    once the user has removed the bundle's folder, the next run writes a new bundle there and leaves the other
    folder as it is."""
    monkeypatch.setattr(bundle_folder, "_renameat2", None)
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    aside = tmp_path / f".b.{TOOL}.old"
    aside.mkdir()
    (aside / "keep.txt").write_text("someone's\n")
    with pytest.raises(BundleError, match=r"is in the way"):
        write_folder(bundle_b(), out, force=True)
    shutil.rmtree(out)
    notes: list[str] = []
    write_folder(bundle_b(), out, note=notes.append)
    assert (out / "ACCESS.md").read_text() == "b\n" and not (out / "keep.txt").exists()
    assert (aside / "keep.txt").read_text() == "someone's\n"
    assert not any("put back" in n for n in notes)
    assert sorted(p.name for p in tmp_path.iterdir()) == [aside.name, "b"]  # no lock file, no journal left


def test_a_journal_never_puts_back_a_folder_it_does_not_prove_is_the_old_bundle(tmp_path):
    """A journal of a run killed between its two renames names the old bundle's folder by its inode; a folder at the
    old folder's name with another inode is not put back, and the user is told why."""
    out = tmp_path / "b"
    aside = tmp_path / f".b.{TOOL}.old"
    aside.mkdir()
    (aside / "keep.txt").write_text("someone's\n")
    other = tmp_path / "other"
    other.mkdir()
    (tmp_path / f".b.{TOOL}.lock").write_text(json.dumps(
        {"tool": TOOL, "pid": 1, "target": "b", "staging_ino": 1, "old_ino": other.lstat().st_ino}).ljust(4096))
    notes: list[str] = []
    write_folder(bundle_b(), out, note=notes.append)
    assert (out / "ACCESS.md").read_text() == "b\n" and not (out / "keep.txt").exists()
    assert (aside / "keep.txt").read_text() == "someone's\n"
    assert notes == [f".b.{TOOL}.old was left as it is: nothing proves it is the old bundle of a run into b that was "
                     "killed. If it is yours, check it, then move or remove it"]


def test_the_old_bundle_a_journal_proves_is_put_back(tmp_path):
    """Killed between its two renames: the journal names the old bundle's inode, the folder at the old folder's name
    has it, and the bundle's name is empty; the next run puts it back, says so, and writes the new bundle over it."""
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    aside = tmp_path / f".b.{TOOL}.old"
    out.rename(aside)
    (tmp_path / f".b.{TOOL}.lock").write_text(json.dumps(
        {"tool": TOOL, "pid": 1, "target": "b", "staging_ino": 1, "old_ino": aside.lstat().st_ino}).ljust(4096))
    notes: list[str] = []
    with pytest.raises(BundleError, match="is not empty"):
        write_folder(bundle_b(), out, note=notes.append)
    assert notes == [f"put back b from .b.{TOOL}.old, left by a run that was killed"]
    assert (out / "README.md").read_text() == "# a\n" and not aside.exists()
