"""Writing a bundle's folder whole: names, manifests, --force keeping the user's files, and faults at every step.

The fault tests stop a real write at each file-system call in turn — an error (a full disk), a real
SIGINT, or the process dying there (a forked child that calls _exit, as kill -9 would leave it) —
and check what a user would find: the folder is exactly the old bundle or exactly the new one,
the user's files are the same files, and nothing is left beside it once the next run is done.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
import signal
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import seed_answers

from wizard.core import bundle_folder
from wizard.core.bundle import bundle_files
from wizard.core.bundle_folder import (
    is_bundle_file_name,
    read_manifest,
    verify_bundle,
    write_folder,
)
from wizard.core.errors import BundleBusyError, BundleError, BundleExistsError, InputError
from wizard.core.model import Principal
from wizard.core.render import render_bundle

ACCOUNT = "123456789012"


def with_manifest(files: dict[str, str]) -> dict[str, str]:
    """`files` and a manifest.json of this tool listing them with their sha256, as bundle_files makes it."""
    listed = {name: hashlib.sha256(text.encode()).hexdigest() for name, text in files.items()}
    return {**files, "manifest.json": json.dumps({"tool": "kinesis-kms-wizard", "files": listed}, indent=2)}


def bundle_a() -> dict[str, str]:
    """A bundle with the nested files exports will add (terraform/, terraform/ACCOUNT/)."""
    return with_manifest({"producer-policy.json": "{}\n", "key-policy.json": '{"a": 1}\n', "README.md": "# a\n",
                          "terraform/main.tf": "# a\n", "terraform/versions.tf": "# v\n",
                          f"terraform/{ACCOUNT}/kms.tf": "# kms a\n"})


def bundle_b() -> dict[str, str]:
    return with_manifest({"producer-policy.json": '{"b": 1}\n', "admin-policy.json": "{}\n",
                          "key-policy.json": '{"b": 2}\n', "README.md": "# b\n", "terraform/main.tf": "# b\n",
                          "ACCESS.md": "b\n"})


def test_bundle_files_of_a_real_bundle_are_bundle_file_names():
    answers = seed_answers()
    answers = answers.__class__(**{**answers.__dict__, "principals": (*answers.principals, Principal("x", ("admin",)))})
    assert all(is_bundle_file_name(name) for name in bundle_files(render_bundle(answers)))


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every entry under `folder`: kind, mode and content (a link's target), not following links."""
    out: dict[str, tuple] = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        rel = path.relative_to(folder).as_posix()
        if stat.S_ISDIR(info.st_mode):
            out[rel] = ("dir", stat.S_IMODE(info.st_mode))
        elif stat.S_ISLNK(info.st_mode):
            out[rel] = ("link", os.readlink(path))
        else:
            out[rel] = ("file", stat.S_IMODE(info.st_mode), path.read_bytes())
    return out


def user_state(folder: Path) -> None:
    """What a user adds to a bundle's folder: notes, terraform's own files, a link, an edit."""
    (folder / "notes.txt").write_text("mine\n")
    (folder / ".terraform" / "providers").mkdir(parents=True)
    (folder / ".terraform" / "providers" / "p.bin").write_bytes(b"\x7fELF")
    (folder / "terraform" / "terraform.tfstate").write_text("{}\n")
    (folder / "terraform" / ".terraform.lock.hcl").write_text("# lock\n")
    (folder / "link").symlink_to("notes.txt")
    (folder / "empty").mkdir(mode=0o700)
    with open(folder / "key-policy.json", "a") as handle:
        handle.write("\n")  # edited after the bundle was written


def user_inodes(folder: Path) -> dict[str, int]:
    names = ["notes.txt", ".terraform/providers/p.bin", "terraform/terraform.tfstate"]
    return {name: (folder / name).stat().st_ino for name in names}


@pytest.fixture
def old_folder(tmp_path: Path) -> Path:
    out = tmp_path / "p" / "bundle"
    write_folder(bundle_a(), out)
    user_state(out)
    return out


# --- names and manifests ------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["manifest.json", "README.md", "ACCESS.md", "producer-policy-2.json",
                                  "terraform/main.tf", f"terraform/{ACCOUNT}/kms.tf", "cloudformation.yaml",
                                  f"cloudformation-{ACCOUNT}.yaml", "x" * 250 + ".json",
                                  "consumer-resource-policy-fn-444455556666@orders.json"])
def test_bundle_file_names(name):
    assert is_bundle_file_name(name)


@pytest.mark.parametrize("name", ["../x.json", "/etc/x.json", "a/../b.json", ".hidden.json", "notes.txt",
                                  "terraform/.terraform.lock.hcl", "terraform/terraform.tfstate", "a/b/c/d.tf",
                                  "a//b.json", "a\\b.json", "", "x.json/", "./x.json", 3, None, "é.json",
                                  "terraform/.terraform/x.tf", "x" * 251 + ".json", "@x.json", "a+b.json"])
def test_not_bundle_file_names(name):
    assert not is_bundle_file_name(name)


def test_verify_bundle_names_each_changed_or_missing_file(tmp_path):
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    assert set(verify_bundle(out).files) == set(bundle_a()) - {"manifest.json"}
    (out / "terraform" / "main.tf").write_text("# changed\n")
    (out / "README.md").unlink()
    with pytest.raises(InputError) as exc:
        verify_bundle(out)
    assert "terraform/main.tf: changed since the bundle was written" in str(exc.value)
    assert "README.md: missing" in str(exc.value)


@pytest.mark.parametrize(("manifest", "words"), [
    ({"tool": "other", "files": {}}, "is not a manifest of kinesis-kms-wizard"),
    ({"tool": "kinesis-kms-wizard", "files": {"../x.json": "0" * 64}}, "'../x.json'"),
    ({"tool": "kinesis-kms-wizard", "files": {"a.json": "not a hash"}}, "'a.json'"),
    ("[" * 5000, "nests lists or objects"),
])
def test_read_manifest_refuses_what_is_not_ours(tmp_path, manifest, words):
    (tmp_path / "manifest.json").write_text(manifest if isinstance(manifest, str) else json.dumps(manifest))
    with pytest.raises(InputError) as exc:
        read_manifest(tmp_path)
    assert words in str(exc.value)


def test_read_manifest_of_a_folder_without_one(tmp_path):
    with pytest.raises(InputError, match="holds no bundle"):
        read_manifest(tmp_path)


# --- writing ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("umask", "folder", "file"), [(0o027, 0o750, 0o640), (0o002, 0o775, 0o664)])
def test_new_folder_with_nested_files_and_umask_modes(tmp_path, umask, folder, file):
    """Folders and files get the modes the user's umask gives anything they create: never executable files."""
    old_umask = os.umask(umask)
    try:
        write_folder(bundle_a(), tmp_path / "new" / "b")
    finally:
        os.umask(old_umask)
    out = tmp_path / "new" / "b"
    assert (out / f"terraform/{ACCOUNT}/kms.tf").read_text() == "# kms a\n"
    assert stat.S_IMODE(out.stat().st_mode) == folder
    assert stat.S_IMODE((out / "terraform").stat().st_mode) == folder
    assert {stat.S_IMODE((out / name).stat().st_mode) for name in bundle_a()} == {file}
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == ["b"]


def test_force_replaces_ours_and_keeps_the_users(old_folder):
    inodes = user_inodes(old_folder)
    notes: list[str] = []
    write_folder(bundle_b(), old_folder, force=True, note=notes.append)
    files = snapshot(old_folder)
    b = bundle_b()
    for name, text in b.items():
        assert files[name][2] == text.encode(), name
    assert verify_bundle(old_folder)
    assert f"terraform/{ACCOUNT}/kms.tf" not in files and f"terraform/{ACCOUNT}" not in files  # stale, and its folder
    assert "terraform/versions.tf" not in files
    assert files["terraform/terraform.tfstate"][2] == b"{}\n"  # terraform's own files stay
    assert files["terraform/.terraform.lock.hcl"][2] == b"# lock\n"
    assert files["link"] == ("link", "notes.txt")
    assert files["empty"] == ("dir", 0o700)
    assert files["key-policy.json.orig"][2].endswith(b"\n\n")  # the user's edit, kept beside the new one
    assert user_inodes(old_folder) == inodes  # the same files, not copies
    assert notes == ["kept your key-policy.json (changed since the bundle was written) as key-policy.json.orig"]
    assert sorted(p.name for p in old_folder.parent.iterdir()) == ["bundle"]


def test_force_keeps_an_edited_file_the_new_bundle_drops(tmp_path):
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    (out / "terraform" / "versions.tf").write_text("# pinned by me\n")
    notes: list[str] = []
    write_folder(bundle_b(), out, force=True, note=notes.append)
    assert (out / "terraform" / "versions.tf").read_text() == "# pinned by me\n"
    assert notes == ["kept terraform/versions.tf: changed since the bundle was written"]


def test_manifest_entries_outside_the_bundle_delete_nothing(tmp_path):
    victim = tmp_path / "x.json"
    victim.write_text("outside\n")
    out = tmp_path / "b"
    out.mkdir()
    (out / "notes.txt").write_text("mine\n")
    digest = hashlib.sha256(b"outside\n").hexdigest()
    mine = hashlib.sha256(b"mine\n").hexdigest()
    (out / "manifest.json").write_text(json.dumps({"tool": "kinesis-kms-wizard", "files": {
        "../x.json": digest, "notes.txt": mine, "/etc/passwd": digest}}))
    notes: list[str] = []
    write_folder(bundle_b(), out, force=True, note=notes.append)
    assert victim.read_text() == "outside\n"
    assert (out / "notes.txt").read_text() == "mine\n"
    assert any("'../x.json'" in n and "never writes; ignored" in n for n in notes)


def test_a_foreign_manifest_makes_nothing_ours(tmp_path):
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    data = json.loads((out / "manifest.json").read_text())
    data["tool"] = "another-tool"
    (out / "manifest.json").write_text(json.dumps(data))
    notes: list[str] = []
    write_folder(bundle_b(), out, force=True, note=notes.append)
    assert json.loads((out / "manifest.json.orig").read_text())["tool"] == "another-tool"
    assert (out / "terraform" / "versions.tf").read_text() == "# v\n"  # listed there, yet not deleted
    assert (out / "producer-policy.json.orig").exists()
    assert any("is not a manifest of kinesis-kms-wizard; nothing it lists is removed" in n for n in notes)


@pytest.mark.parametrize("content", [None, "{broken", "[" * 100_000])
def test_force_into_a_folder_without_a_usable_manifest(tmp_path, content):
    out = tmp_path / "b"
    out.mkdir()
    (out / "producer-policy.json").write_text("mine\n")
    if content is not None:
        (out / "manifest.json").write_text(content)
    write_folder(bundle_b(), out, force=True)
    assert (out / "producer-policy.json.orig").read_text() == "mine\n"
    assert verify_bundle(out)


def test_user_file_in_the_way_of_a_bundle_folder(tmp_path):
    out = tmp_path / "b"
    out.mkdir()
    (out / "terraform").write_text("a file of mine\n")
    (out / "terraform.orig").write_text("taken\n")
    write_folder(bundle_b(), out, force=True)
    assert (out / "terraform" / "main.tf").read_text() == "# b\n"
    assert (out / "terraform.orig").read_text() == "taken\n"
    assert (out / "terraform.orig-2").read_text() == "a file of mine\n"


def test_empty_folder_keeps_owner_and_mode(tmp_path):
    out = tmp_path / "b"
    out.mkdir(mode=0o750)
    os.chmod(out, 0o2751)
    if os.geteuid() == 0:
        os.chown(out, 12345, 23456)
    before = out.stat()
    write_folder(bundle_a(), out)
    after = out.stat()
    assert (stat.S_IMODE(after.st_mode), after.st_uid, after.st_gid) == (
        stat.S_IMODE(before.st_mode), before.st_uid, before.st_gid)
    assert verify_bundle(out)


def test_non_empty_without_force_is_refused_untouched(old_folder):
    before = snapshot(old_folder)
    with pytest.raises(BundleExistsError) as refused:
        write_folder(bundle_b(), old_folder)
    assert str(refused.value) == (f"{old_folder} is not empty; nothing was written. Choose another folder, or use "
                                  "--force to replace the bundle's files in it")
    assert snapshot(old_folder) == before
    assert sorted(p.name for p in old_folder.parent.iterdir()) == ["bundle"]


def test_symlink_to_an_empty_folder_writes_into_it(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to("real")
    assert write_folder(bundle_a(), tmp_path / "link") == real
    assert (tmp_path / "link").is_symlink() and verify_bundle(real)


@pytest.mark.parametrize("out", ["dangling", "dangling/sub/b"])
def test_dangling_symlink_creates_nothing(tmp_path, out):
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere" / "x")
    with pytest.raises(BundleError, match="which does not exist; nothing was created"):
        write_folder(bundle_a(), tmp_path / out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dangling"]


def test_the_current_folder_is_refused_clearly(tmp_path, monkeypatch):
    out = tmp_path / "b"
    out.mkdir()
    (out / "sub").mkdir()
    for where in (out, out / "sub"):
        monkeypatch.chdir(where)
        with pytest.raises(BundleError, match=r"is the folder this command runs in, or holds it.*cd \.\. and --out b"):
            write_folder(bundle_a(), out)
    assert sorted(p.name for p in out.iterdir()) == ["sub"]


def test_a_run_holding_the_lock_makes_another_refuse(tmp_path):
    out = tmp_path / "b"
    lock = bundle_folder._Lock(bundle_folder._sibling(out, "lock"), "b")
    lock.acquire()
    lock.record(target="b")
    try:
        with pytest.raises(BundleBusyError, match=rf"process {os.getpid()}\) is writing {out} right now; nothing was"):
            write_folder(bundle_a(), out)
    finally:
        lock.release(remove=True, note=pytest.fail)
    assert not out.exists()
    write_folder(bundle_a(), out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b"]


def test_too_many_user_files_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(bundle_folder, "MAX_CARRIED", 3)
    out = tmp_path / "b"
    out.mkdir()
    for i in range(4):
        (out / f"n{i}").write_text("x")
    with pytest.raises(BundleError, match="more than 3 files that are not the bundle's"):
        write_folder(bundle_a(), out, force=True)
    assert sorted(p.name for p in out.iterdir()) == ["n0", "n1", "n2", "n3"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b"]


# --- faults at every step ----------------------------------------------------------------------

class FaultyOS:
    """The os module, with a fault at the n-th call that changes the file system (or opens a file)."""

    CALLS = frozenset({"mkdir", "makedirs", "open", "write", "fsync", "link", "rename", "unlink", "rmdir",
                       "chmod", "chown", "setxattr", "lseek"})

    def __init__(self, real, fail_at: int, fault) -> None:
        self.real, self.fail_at, self.fault, self.calls = real, fail_at, fault, 0

    def step(self) -> None:
        self.calls += 1
        if self.calls == self.fail_at:
            self.fault()

    def __getattr__(self, name):
        value = getattr(self.real, name)
        if name not in self.CALLS:
            return value

        def call(*args, **kwargs):
            reading = name == "open" and not args[1] & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
            if not reading:  # a read that fails only makes a file look not ours: kept, never lost
                self.step()
            if name == "fsync":
                return None  # durability is for power loss, not simulated here; skipping it keeps the loop fast
            return value(*args, **kwargs)
        return call


def full_disk():
    raise OSError(errno.ENOSPC, "No space left on device")


def ctrl_c():
    os.kill(os.getpid(), signal.SIGINT)  # a real signal: it lands wherever Python next checks


def run_with_fault(monkeypatch, fail_at, fault, out, files):
    """One write with `fault` at call `fail_at`; returns (calls made, exception, notes)."""
    faulty = FaultyOS(os, fail_at, fault)
    real_rename2 = bundle_folder._rename2

    def rename2(*args):
        faulty.step()
        return real_rename2(*args)

    monkeypatch.setattr(bundle_folder, "os", faulty)
    monkeypatch.setattr(bundle_folder, "_rename2", rename2)
    notes: list[str] = []
    error = None
    try:
        write_folder(files, out, force=True, note=notes.append)
    except (OSError, BundleError, KeyboardInterrupt) as exc:
        error = exc
    finally:
        monkeypatch.undo()
    return faulty.calls, error, notes


A, B = bundle_a(), bundle_b()


def quick_write(files: dict[str, str], out: Path, **kwargs) -> None:
    """write_folder without fsync, for the loops below (a fault-free FaultyOS)."""
    saved = bundle_folder.os
    bundle_folder.os = FaultyOS(os, 0, None)
    try:
        write_folder(files, out, **kwargs)
    finally:
        bundle_folder.os = saved


def fresh_old(base: Path, index: int) -> Path:
    out = base / f"run{index}" / "bundle"
    quick_write(A, out)
    user_state(out)
    return out


def expected_states(tmp_path: Path) -> tuple[dict, dict]:
    old = fresh_old(tmp_path, 0)
    before = snapshot(old)
    quick_write(B, old, force=True)
    return before, snapshot(old)


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name != out.name)


@pytest.fixture
def scratch(tmp_path: Path) -> Iterator[Path]:
    """A folder for the loops: in memory (tmpfs) when there is one, where folders come and go fast."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(dir=shm, prefix="kkw-test-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=["exchange", "two renames"])
def swap(request, monkeypatch):
    if request.param == "exchange" and bundle_folder._load_renameat2() is None:
        pytest.skip("renameat2 is not available here")
    if request.param == "two renames":
        monkeypatch.setattr(bundle_folder, "_renameat2", None)
    return request.param


@pytest.mark.parametrize("fault", [full_disk, ctrl_c], ids=["full disk", "ctrl-c"])
@pytest.mark.usefixtures("python_sigint")
def test_a_fault_at_every_step_leaves_old_or_new_and_nothing_beside(scratch, monkeypatch, swap, fault):
    old_state, new_state = expected_states(scratch)
    outcomes = {"old": 0, "new": 0}
    fail_at = 0
    while True:
        fail_at += 1
        out = fresh_old(scratch, fail_at)
        inodes = user_inodes(out)
        calls, error, notes = run_with_fault(monkeypatch, fail_at, fault, out, B)
        state = snapshot(out)
        assert state in (old_state, new_state), f"mixed folder after a fault at call {fail_at}"
        assert user_inodes(out) == inodes
        outcomes["old" if state == old_state else "new"] += 1
        if error is None and not leftovers(out):
            pass
        elif error is not None:
            assert leftovers(out) == [], f"left beside it after a fault at call {fail_at}: {leftovers(out)}"
        else:  # written, but what was beside it could not be removed: said so, and the next run finishes it
            assert any("could not be removed" in n for n in notes), notes
            assert state == new_state
        if state == old_state and error is None:
            pytest.fail(f"a fault at call {fail_at} left the old bundle without an error")
        quick_write(B, out, force=True)
        assert snapshot(out) == new_state and leftovers(out) == [], f"not recovered after call {fail_at}"
        if fail_at > calls:
            break
    assert outcomes["old"] > 10 and outcomes["new"] >= 1


def die_in_child(fail_at: int, out: Path) -> None:
    faulty = FaultyOS(os, fail_at, lambda: os._exit(9))
    real_rename2 = bundle_folder._rename2

    def rename2(*args):
        faulty.step()
        return real_rename2(*args)

    bundle_folder.os = faulty
    bundle_folder._rename2 = rename2
    write_folder(B, out, force=True)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_death_at_every_step_is_recovered_by_the_next_run(scratch, swap):
    """A child process dies (os._exit, no cleanup, like kill -9) at call n; the parent checks and recovers."""
    old_state, new_state = expected_states(scratch)
    fail_at, seen = 0, {"old": 0, "new": 0}
    while True:
        fail_at += 1
        out = fresh_old(scratch, fail_at)
        pid = os.fork()
        if pid == 0:  # the child: write, dying at call `fail_at`
            try:
                die_in_child(fail_at, out)
            finally:
                os._exit(0)
        _pid, status = os.waitpid(pid, 0)
        died = os.waitstatus_to_exitcode(status) == 9
        state = snapshot(out) if out.exists() else None
        if state is None:  # only between the two renames of the fallback: the old bundle is whole, aside
            assert swap == "two renames" and snapshot(out.parent / ".bundle.kinesis-kms-wizard.old") == old_state
        else:
            assert state in (old_state, new_state), f"mixed folder after death at call {fail_at}"
            seen["old" if state == old_state else "new"] += 1
        assert all(name.startswith(".bundle.kinesis-kms-wizard.") for name in leftovers(out)), leftovers(out)
        quick_write(B, out, force=True)  # the next run: finds the leftovers, proves them ours
        assert snapshot(out) == new_state, f"not recovered after death at call {fail_at}"
        assert leftovers(out) == [], f"leftovers after death at call {fail_at}: {leftovers(out)}"
        if not died:
            break
    assert seen["old"] > 10 and seen["new"] >= 1


@contextlib.contextmanager
def acting_as_nobody() -> Iterator[None]:
    """Act as user nobody inside: the effective user and group, set back on the way out. In this process, not a
    forked one, so that what runs inside is seen (the mutation run only reruns tests it saw call a function)."""
    bundle_folder._load_renameat2()  # loaded now: nobody cannot read root's Python library
    uid, gid = os.geteuid(), os.getegid()
    os.setegid(65534)
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(uid)
        os.setegid(gid)


def as_nobody(action) -> str:
    """Run `action()` acting as user nobody; its result or BundleError's message."""
    with acting_as_nobody():
        try:
            return str(action())
        except BundleError as exc:
            return str(exc)


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A world-writable folder, so that user nobody can build a bundle beside one of root's."""
    base = Path(tempfile.mkdtemp(prefix="kkw-owner-"))
    os.chmod(base, 0o777)
    try:
        yield base
    finally:
        shutil.rmtree(base)


needs_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root, to act as nobody")


@needs_root
def test_a_folder_of_another_user_is_refused_not_taken_over(shared_folder):
    out = shared_folder / "b"
    out.mkdir()
    os.chmod(out, 0o777)
    message = as_nobody(lambda: write_folder(A, out))
    assert "belongs to user 0, group 0; a bundle replaces its folder whole and could not keep that owner" in message
    assert out.stat().st_uid == 0 and list(out.iterdir()) == []
    assert sorted(p.name for p in shared_folder.iterdir()) == ["b"]


@needs_root
def test_read_only_folders_are_replaced_and_stay_read_only(shared_folder):
    """Without root's powers: the old folder's read-only modes must not stop it being emptied."""
    out = shared_folder / "b"

    def write_then_force() -> str:
        write_folder(A, out)
        (out / ".terraform").mkdir()
        (out / ".terraform" / "x").write_text("x")
        os.chmod(out / ".terraform", 0o555)
        os.chmod(out / "terraform", 0o555)
        os.chmod(out, 0o555)
        write_folder(B, out, force=True)
        return "written"

    assert as_nobody(write_then_force) == "written"
    assert stat.S_IMODE(out.stat().st_mode) == 0o555
    assert stat.S_IMODE((out / ".terraform").stat().st_mode) == 0o555
    assert (out / ".terraform" / "x").read_text() == "x" and (out / "ACCESS.md").exists()
    assert sorted(p.name for p in shared_folder.iterdir()) == ["b"]
    for path in (out, out / ".terraform", out / "terraform"):
        os.chmod(path, 0o755)
