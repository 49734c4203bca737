"""What a crash or a rival cannot undo, pinned by what reaches the disk and what is left outside the folder: every file
and every folder of the new bundle is flushed to the disk (fsync) before the bundle takes the folder's name, and the
folder above once it has (a power cut after the swap keeps the new bundle, not an empty or half-written one); and a
file someone puts in the new folder while it is built, a hard link to a file elsewhere, is refused, never written
through, so nothing outside the bundle's folder changes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_core_bundle_folder import bundle_a, bundle_b, leftovers, snapshot, swap, user_state  # noqa: F401 (a fixture)

from wizard.core import bundle_folder
from wizard.core.bundle_folder import write_folder

TOOL = "kinesis-kms-wizard"


def _key(path: Path) -> tuple[int, int]:
    info = os.lstat(path)
    return info.st_dev, info.st_ino


@pytest.mark.parametrize("force", [False, True], ids=["new-folder", "replaced-folder"])
def test_every_file_and_folder_reaches_the_disk_before_the_bundle_takes_the_name(tmp_path, monkeypatch, swap, force):  # noqa: F811
    out = tmp_path / "p" / "b"
    if force:
        write_folder(bundle_a(), out)
        user_state(out)
    files = bundle_b() if force else bundle_a()
    real_fsync = os.fsync
    flushed: list[tuple[tuple[int, int], bool]] = []  # what was flushed, and whether the new bundle had the name then

    def fsync(fd: int) -> None:
        info = os.fstat(fd)
        real_fsync(fd)
        manifest = out / "manifest.json"
        swapped = manifest.is_file() and manifest.read_text() == files["manifest.json"]
        flushed.append(((info.st_dev, info.st_ino), swapped))

    monkeypatch.setattr(os, "fsync", fsync)
    write_folder(files, out, force=force)
    before = {key for key, swapped in flushed if not swapped}
    for path in [out / name for name in files] + [out, out / "terraform"]:
        assert _key(path) in before, f"{path} was not on the disk before the bundle took its name"
    assert (_key(out.parent), True) in flushed, "the folder above was not flushed once the bundle took its name"


def test_a_file_put_in_the_new_folder_while_it_is_built_is_never_written_through(tmp_path, monkeypatch, swap):  # noqa: F811
    """Someone links a file of the user's elsewhere into the new folder, under the names the bundle is about to
    write: the write stops at the first of them, that file is left as it was, and so is the old bundle."""
    home = tmp_path / "home"
    home.mkdir()
    precious = home / "precious.txt"
    precious.write_text("the user's\n")
    out = tmp_path / "p" / "b"
    write_folder(bundle_a(), out)
    before = snapshot(out)
    staging = out.parent / f".b.{TOOL}.new"
    files = bundle_b()
    real_makedirs = os.makedirs

    def makedirs(path, *args, **kwargs):
        real_makedirs(path, *args, **kwargs)
        if Path(path) == staging and not (staging / "manifest.json").exists():
            for name in files:
                if "/" not in name:
                    os.link(precious, staging / name)

    monkeypatch.setattr(bundle_folder.os, "makedirs", makedirs)
    with pytest.raises(FileExistsError):
        write_folder(files, out, force=True)
    monkeypatch.undo()
    assert precious.read_text() == "the user's\n" and precious.stat().st_nlink == 1
    assert snapshot(out) == before and leftovers(out) == []
