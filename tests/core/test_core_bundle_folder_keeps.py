"""What a replaced bundle folder keeps of the user's, pinned by what they find afterwards: the owner, group and
extended attributes of the folder and of their folders; a folder of theirs at a bundle file's name, carried over
whole; the names chosen for what is kept, which never take a name in use; the old bundle's folders that now hold
nothing, removed, and the user's empty ones kept; a file that cannot be carried, or a folder (the bundle's or one
inside) whose owner cannot be kept, refused by name."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess

import pytest
from test_core_bundle_folder import as_nobody, bundle_a, bundle_b, shared_folder, snapshot, with_manifest  # noqa: F401 (a fixture)
from test_core_bundle_folder_trust import edit_before_the_swap

from wizard.core import bundle_folder
from wizard.core.bundle_folder import write_folder
from wizard.core.errors import BundleError

TOOL = "kinesis-kms-wizard"
needs_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root, to chown")
needs_xattr = pytest.mark.skipif(not hasattr(os, "setxattr"), reason="no extended attributes here")


def _owner(path) -> tuple[int, int]:
    info = os.lstat(path)
    return info.st_uid, info.st_gid


@needs_root
@needs_xattr
def test_owner_group_and_extended_attributes_of_the_folders_are_kept(tmp_path):
    """The folder keeps its group (its owner unchanged), a folder of the user's keeps its owner (its group
    unchanged), and both keep their extended attributes (where ACLs live), across a replacement."""
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    (out / "notes").mkdir()
    (out / "notes" / "n.txt").write_text("mine\n")
    me = _owner(out)
    os.chown(out, -1, 4321)
    os.chown(out / "notes", 4321, -1)
    for path, value in ((out, b"bundle"), (out / "notes", b"notes"), (out / "terraform", b"tf")):
        os.setxattr(path, "user.kept", value)
    write_folder(bundle_b(), out, force=True)
    assert _owner(out) == (me[0], 4321)
    assert _owner(out / "notes") == (4321, me[1])
    assert os.getxattr(out, "user.kept") == b"bundle"
    assert os.getxattr(out / "notes", "user.kept") == b"notes"
    assert os.getxattr(out / "terraform", "user.kept") == b"tf"
    assert (out / "notes" / "n.txt").read_text() == "mine\n"


@needs_xattr
@pytest.mark.parametrize("whose", ["the bundle's folder", "a folder inside"])
def test_a_folder_whose_owner_cannot_be_kept_stops_the_run_by_name(shared_folder, whose):  # noqa: F811
    """Run as user nobody, whose bundle is, or holds, a folder of root's: its owner cannot be kept, so nothing is
    written, and the message names that folder and the bundle's."""
    if os.geteuid() != 0:
        pytest.skip("needs root, to act as nobody")
    out = shared_folder / "b"
    if whose == "the bundle's folder":
        out.mkdir()
        os.chmod(out, 0o777)
        roots, files, force = out, bundle_a(), False
    else:
        assert as_nobody(lambda: write_folder(bundle_a(), out)) == str(out)
        (out / "roots").mkdir()
        roots, files, force = out / "roots", bundle_b(), True
    before = snapshot(out)
    message = as_nobody(lambda: write_folder(files, out, force=force))
    assert message == (f"{roots} belongs to user 0, group 0; a bundle replaces its folder whole and could not keep "
                       f"that owner. Let its owner run this, or choose another folder than {out}; nothing was written")
    assert snapshot(out) == before
    assert sorted(p.name for p in shared_folder.iterdir()) == ["b"]


@needs_xattr
def test_attributes_the_file_system_will_not_list_or_take_do_not_stop_the_bundle(tmp_path, monkeypatch):
    """A file system without extended attributes, or one refusing one of them (a security label), still gets the
    bundle, with every attribute it does take."""
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    os.setxattr(out, "user.refused", b"x")
    os.setxattr(out, "user.taken", b"y")
    real_set, real_list = os.setxattr, os.listxattr

    def refuse_one(path, name, *args, **kwargs):
        if name == "user.refused":
            raise PermissionError(errno.EPERM, "Operation not permitted")
        return real_set(path, name, *args, **kwargs)

    monkeypatch.setattr(os, "setxattr", refuse_one)
    write_folder(bundle_b(), out, force=True)
    assert os.getxattr(out, "user.taken") == b"y" and "user.refused" not in os.listxattr(out)

    def unsupported(*_args, **_kwargs):
        raise OSError(errno.EOPNOTSUPP, "Operation not supported")

    monkeypatch.setattr(os, "listxattr", unsupported)
    write_folder(bundle_a(), out, force=True)
    monkeypatch.setattr(os, "listxattr", real_list)
    assert (out / "terraform" / "versions.tf").read_text() == "# v\n"


def test_a_folder_of_the_users_at_a_bundle_files_name_is_kept_whole(tmp_path):
    """The user's folder ACCESS.md (never the tool's) is where the new bundle writes ACCESS.md: it is kept whole
    as ACCESS.md.orig, the same files, its mode; an edited nested file of the old bundle is kept beside it."""
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    (out / "ACCESS.md").mkdir(mode=0o750)
    (out / "ACCESS.md" / "draft.txt").write_text("draft\n")
    (out / "terraform" / "main.tf").write_text("# edited\n")
    inode = (out / "ACCESS.md" / "draft.txt").stat().st_ino
    notes: list[str] = []
    write_folder(bundle_b(), out, force=True, note=notes.append)
    assert (out / "ACCESS.md").read_text() == "b\n"
    kept = out / "ACCESS.md.orig"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o750
    assert (kept / "draft.txt").stat().st_ino == inode
    assert (out / "terraform" / "main.tf.orig").read_text() == "# edited\n"
    assert sorted(notes) == [
        f"kept your ACCESS.md (not written by {TOOL}) as ACCESS.md.orig",
        "kept your terraform/main.tf (changed since the bundle was written) as terraform/main.tf.orig",
    ]


def test_a_file_of_the_users_where_the_bundle_needs_a_nested_folder_is_kept(tmp_path):
    out = tmp_path / "b"
    (out / "terraform").mkdir(parents=True)
    (out / "terraform" / "123456789012").write_text("mine\n")
    notes: list[str] = []
    write_folder(bundle_a(), out, force=True, note=notes.append)
    assert (out / "terraform" / "123456789012" / "kms.tf").read_text() == "# kms a\n"
    assert (out / "terraform" / "123456789012.orig").read_text() == "mine\n"
    assert notes == [f"kept your terraform/123456789012 (not written by {TOOL}) as terraform/123456789012.orig"]


def test_a_kept_copy_never_takes_a_folder_the_new_bundle_writes(tmp_path):
    """The new bundle has a folder README.md.orig: the user's README.md is kept as README.md.orig-2."""
    out = tmp_path / "b"
    out.mkdir()
    (out / "README.md").write_text("mine\n")
    files = with_manifest({"README.md": "# new\n", "README.md.orig/x.json": "{}\n"})
    notes: list[str] = []
    write_folder(files, out, force=True, note=notes.append)
    assert (out / "README.md.orig" / "x.json").read_text() == "{}\n"
    assert (out / "README.md.orig-2").read_text() == "mine\n"
    assert notes == [f"kept your README.md (not written by {TOOL}) as README.md.orig-2"]


def test_a_file_that_appears_during_the_write_never_takes_a_kept_copys_name(tmp_path, monkeypatch):
    """The user already keeps README.md.orig; README.md is edited while the bundle is written: the edit is kept as
    README.md.orig-2, and their README.md.orig is untouched."""
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    (out / "README.md.orig").write_text("my old readme\n")
    edit_before_the_swap(monkeypatch, out / "README.md", "my late notes\n")
    notes: list[str] = []
    write_folder(bundle_b(), out, force=True, note=notes.append)
    assert (out / "README.md.orig").read_text() == "my old readme\n"
    assert (out / "README.md.orig-2").read_text() == "my late notes\n"
    assert notes == ["kept README.md, which appeared while the bundle was written, as README.md.orig-2"]


def test_kept_copies_are_numbered_up_to_9999_then_refused():
    taken = {"a.md.orig", *(f"a.md.orig-{n}" for n in range(2, 9999))}
    assert bundle_folder._free_name("a.md", taken) == "a.md.orig-9999"
    with pytest.raises(BundleError, match=r"^too many kept copies of a\.md$"):
        bundle_folder._free_name("a.md", taken | {"a.md.orig-9999"})


def test_the_old_bundles_emptied_folders_go_and_the_users_empty_folder_stays(tmp_path):
    """The new bundle drops terraform/: the old bundle's folder goes. The user replaced the old admin-policy.json
    by an empty folder of that name: it stays."""
    out = tmp_path / "b"
    write_folder(with_manifest({"README.md": "# a\n", "admin-policy.json": "{}\n", "terraform/main.tf": "# a\n"}),
                 out)
    (out / "admin-policy.json").unlink()
    (out / "admin-policy.json").mkdir()
    write_folder(with_manifest({"README.md": "# b\n"}), out, force=True)
    assert sorted(p.name for p in out.iterdir()) == ["README.md", "admin-policy.json", "manifest.json"]
    assert (out / "admin-policy.json").is_dir()


def test_as_many_user_files_as_the_limit_are_carried_one_more_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(bundle_folder, "MAX_CARRIED", 4)
    out = tmp_path / "b"
    out.mkdir()
    for i in range(4):
        (out / f"n{i}").write_text("x")
    write_folder(bundle_a(), out, force=True)
    (out / "manifest.json").unlink()  # no longer a bundle: its files count as the user's
    shutil.rmtree(out / "terraform")
    before = sorted(p.name for p in out.iterdir())
    with pytest.raises(BundleError) as refused:
        write_folder(bundle_a(), out, force=True)
    assert str(refused.value) == (f"{out} holds more than 4 files that are not the bundle's; write the bundle into a "
                                  "folder of its own; nothing was written")
    assert sorted(p.name for p in out.iterdir()) == before


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("chattr") is None,
                    reason="needs root and chattr, to make a file immutable")
def test_a_file_that_cannot_be_carried_over_is_refused_by_name(tmp_path):
    """An immutable file cannot be hard-linked into the new folder: the run stops, says which file and why, and
    leaves the folder as it was."""
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    (out / "notes.txt").write_text("mine\n")
    if subprocess.run(["chattr", "+i", str(out / "notes.txt")], capture_output=True).returncode:
        pytest.skip("this file system has no immutable files")
    try:
        with pytest.raises(BundleError) as refused:
            write_folder(bundle_b(), out, force=True)
    finally:
        subprocess.run(["chattr", "-i", str(out / "notes.txt")], check=True)
    assert str(refused.value) == (
        "cannot keep notes.txt in the new bundle (Operation not permitted): the user's files are carried over as the "
        f"same files (hard links). Move it out of {out}, or write the bundle to another folder; nothing was written")
    assert (out / "README.md").read_text() == "# a\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b"]
