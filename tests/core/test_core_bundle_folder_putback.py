"""Replacing a bundle by two renames (where the system has no atomic exchange): if a folder takes the bundle's
name between them, the old bundle cannot go back. The user is told where it is, the next run keeps it and says so,
and once the name is free again it is put back first: never a message that would have the user delete it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_core_bundle_folder import bundle_a, bundle_b

from wizard.core import bundle_folder
from wizard.core.bundle_folder import TOOL, write_folder
from wizard.core.errors import BundleError


def _intruder_between_the_renames(monkeypatch: pytest.MonkeyPatch, out: Path) -> None:
    real = os.rename

    def rename(src: str | Path, dst: str | Path) -> None:
        if str(src).endswith(".new") and str(dst) == str(out):
            os.mkdir(out)
            (out / "theirs.txt").write_text("theirs\n")
        real(src, dst)

    monkeypatch.setattr(bundle_folder.os, "rename", rename)


def test_an_old_bundle_that_cannot_be_put_back_is_named_kept_and_put_back_once_its_name_is_free(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundle_folder, "_renameat2", None)
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    (out / "mine.txt").write_text("mine\n")
    aside = tmp_path / f".b.{TOOL}.old"

    with monkeypatch.context() as patch:
        _intruder_between_the_renames(patch, out)
        with pytest.raises(BundleError) as caught:
            write_folder(bundle_b(), out, force=True)
    assert "could not be put back" in str(caught.value) and aside.name in str(caught.value)
    assert (aside / "mine.txt").read_text() == "mine\n" and (out / "theirs.txt").read_text() == "theirs\n"

    # The next run does not write over either, nor tell the user to remove the old bundle: it names both.
    with pytest.raises(BundleError) as again:
        write_folder(bundle_b(), out, force=True)
    assert "holds the old bundle of b" in str(again.value) and "remove it" not in str(again.value)
    assert (aside / "mine.txt").read_text() == "mine\n" and (out / "theirs.txt").read_text() == "theirs\n"

    # The user moves their folder away: the old bundle is put back, then replaced as asked, their file kept.
    os.rename(out, tmp_path / "theirs")
    notes: list[str] = []
    write_folder(bundle_b(), out, force=True, note=notes.append)
    assert any("put back b" in note for note in notes), notes
    assert (out / "mine.txt").read_text() == "mine\n" and not aside.exists()
    assert {name: (out / name).read_text() for name in bundle_b()} == bundle_b()


def test_a_folder_of_the_old_bundle_where_the_new_one_writes_a_file_goes_unless_it_holds_the_users(
        tmp_path: Path) -> None:
    """The old bundle had docs.md/a.md, the new one writes docs.md: the old folder held only the bundle's own file,
    so it goes without a word; with a file of the user's in it, it is kept whole as docs.md.orig and said so."""
    from test_core_bundle_folder import with_manifest

    out = tmp_path / "b"
    old = with_manifest({"README.md": "# a\n", "docs.md/a.md": "a\n"})
    new = with_manifest({"README.md": "# b\n", "docs.md": "b\n"})
    write_folder(old, out)
    notes: list[str] = []
    write_folder(new, out, force=True, note=notes.append)
    assert (out / "docs.md").read_text() == "b\n" and not (out / "docs.md.orig").exists()
    assert not any("docs.md" in note for note in notes), notes

    write_folder(old, out, force=True)
    (out / "docs.md" / "mine.txt").write_text("mine\n")
    notes.clear()
    write_folder(new, out, force=True, note=notes.append)
    assert (out / "docs.md.orig" / "mine.txt").read_text() == "mine\n"
    assert not (out / "docs.md.orig" / "a.md").exists()  # the old bundle's own file is not carried
    assert notes == ["kept your docs.md (it holds files that are not the bundle's) as docs.md.orig"], notes
