"""Emptying the old folder after the swap, pinned by what a user finds: folders of theirs that only they may read or
open (mode 500) are emptied all the same; a folder the old bundle made that now belongs to someone else and holds
nothing is removed without touching its mode (which only its owner may change); and when the cleanup stops half way,
the old folder it leaves beside the new bundle is no more open to others than it was, and the next run removes it."""

from __future__ import annotations

import errno
import os
import stat

from test_core_bundle_folder import as_nobody, leftovers, needs_root, shared_folder, swap, with_manifest  # noqa: F401

from wizard.core.bundle_folder import write_folder

TOOL = "kinesis-kms-wizard"
OLD = with_manifest({"README.md": "# a\n", "terraform/main.tf": "# a\n"})
NEW = with_manifest({"README.md": "# b\n"})


def _force_new(out):
    def run() -> str:
        notes: list[str] = []
        write_folder(NEW, out, force=True, note=notes.append)
        return repr(notes)
    return run


@needs_root
def test_a_folder_only_its_owner_may_open_is_emptied_by_them_and_kept_as_it_was(shared_folder):  # noqa: F811
    out = shared_folder / "b"
    assert as_nobody(lambda: write_folder(OLD, out)) == str(out)
    private = out / "private"
    private.mkdir()
    (private / "key.txt").write_text("mine\n")
    os.chown(private, 65534, 65534)
    os.chown(private / "key.txt", 65534, 65534)
    os.chmod(private, 0o500)
    assert as_nobody(_force_new(out)) == "[]"
    assert stat.S_IMODE(private.stat().st_mode) == 0o500
    assert (private / "key.txt").read_text() == "mine\n"
    assert (out / "README.md").read_text() == "# b\n"
    assert leftovers(out) == []


@needs_root
def test_an_emptied_old_bundle_folder_another_user_owns_is_removed_its_mode_untouched(shared_folder):  # noqa: F811
    """The old bundle's terraform/ was emptied and taken over by root (a `sudo terraform` run, say); the new bundle
    writes no terraform: the folder goes, with nothing to say, since only its parent, the user's, had to change."""
    out = shared_folder / "b"
    assert as_nobody(lambda: write_folder(OLD, out)) == str(out)
    (out / "terraform" / "main.tf").unlink()
    os.chown(out / "terraform", 0, 0)
    os.chmod(out / "terraform", 0o755)
    assert as_nobody(_force_new(out)) == "[]"
    assert sorted(p.name for p in out.iterdir()) == ["README.md", "manifest.json"]
    assert leftovers(out) == []


def test_an_old_folder_left_by_a_failed_cleanup_is_opened_to_no_one_else(tmp_path, monkeypatch, swap):  # noqa: F811
    """A folder of the user's that others may not open (mode 550) is carried into the new bundle; the old one's
    cleanup then fails half way (an I/O error): the old folder left beside grants others nothing new, nor does the
    journal kept for the next run, which removes both."""
    out = tmp_path / "b"
    write_folder(OLD, out)
    private = out / "private"
    private.mkdir()
    (private / "key.txt").write_text("mine\n")
    os.chmod(private, 0o550)
    real_unlink = os.unlink

    def unlink(path, *args, **kwargs):
        if os.path.basename(path) == "key.txt":
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real_unlink(path, *args, **kwargs)

    notes: list[str] = []
    with monkeypatch.context() as patched:
        patched.setattr(os, "unlink", unlink)
        write_folder(NEW, out, force=True, note=notes.append)
    left = out.parent / f".b.{TOOL}.{'new' if swap == 'exchange' else 'old'}"
    assert notes == [f"the bundle was written, but the old one at {left} could not be removed "
                     f"({os.strerror(errno.EIO)}); the next run into {out} removes it"]
    assert (out / "README.md").read_text() == "# b\n" and (private / "key.txt").read_text() == "mine\n"
    assert stat.S_IMODE(private.stat().st_mode) == 0o550
    assert stat.S_IMODE((left / "private").stat().st_mode) & 0o007 == 0
    assert stat.S_IMODE((out.parent / f".b.{TOOL}.lock").stat().st_mode) == 0o600  # the journal kept: theirs alone
    notes.clear()
    write_folder(NEW, out, force=True, note=notes.append)
    assert notes == ([f"removed .b.{TOOL}.new, left by a run into b that was killed"] if swap == "exchange" else [])
    assert leftovers(out) == [] and (private / "key.txt").read_text() == "mine\n"
