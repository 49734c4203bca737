"""A bundle's folder: which names are bundle files, reading its manifest, and replacing it whole.

A bundle is written as a whole folder, never file by file: the new bundle is built in a sibling
folder (`.NAME.kinesis-kms-wizard.new`), together with everything of the user's in the old folder
(hard links, so the same files, not copies), and swapped with the old folder in one system call.
At every moment the folder's name holds exactly the old bundle or exactly the new one.

- Linux: renameat2(RENAME_EXCHANGE) swaps the two folders atomically; the old one, now at the
  sibling's name, is then emptied: files the new folder links are unlinked, our old files are
  deleted, anything else (a file added meanwhile) is moved into the new folder.
- Elsewhere, or on a file system without RENAME_EXCHANGE: two renames (old aside, new into place)
  with signals held between them. Only a kill in the microseconds between them leaves the name
  empty; the old bundle is then whole at `.NAME.kinesis-kms-wizard.old`, and the next run into the
  folder puts it back before anything else.

One run at a time per folder: a lock file beside it, held with flock, so it dies with its process.
The lock file is also the journal: it names the sibling being built and its inode, and the old
folder's inode, so a run that finds the leftovers of a killed one can prove they are ours and
whether the swap happened, and finish or undo it; a folder at the old folder's name that the journal
does not prove is the old bundle is never put back, only mentioned. Ctrl-C (SIGINT), SIGTERM and
SIGHUP stop a run while it builds, and wait while it swaps and cleans up. Only `kill -9` can leave
the sibling and the lock file; the next run into the same folder removes them.

What is ours: the files the old manifest (of this tool) lists under a bundle file name, with the
sha256 it records. A file the user changed, or anything else, is the user's: kept where it is, or
kept as NAME.orig when the new bundle writes a file of that name, and said so.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import json
import os
import re
import signal
import stat
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wizard.core.display import path_text, quoted
from wizard.core.errors import BundleBusyError, BundleError, BundleExistsError, InputError
from wizard.core.inputs import load_json_file

try:
    import fcntl
except ImportError:  # Windows: no flock; see _Lock
    fcntl = None  # type: ignore[assignment]

TOOL = "kinesis-kms-wizard"
MANIFEST = "manifest.json"
BUNDLE_SUFFIXES = (".json", ".md", ".tf", ".yaml")
MAX_NAME_DEPTH = 3  # terraform/123456789012/main.tf
MAX_CARRIED = 100_000  # entries of the user's carried into a replaced folder
_NAME_PART = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,254}")  # 255: the longest file name most systems allow
_SHA256 = re.compile(r"[0-9a-f]{64}")
_JOURNAL_BYTES = 4096
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # Windows has none (nor symbolic links an unprivileged user can make)

Note = Callable[[str], None]


def is_bundle_file_name(name: object) -> bool:
    """Whether `name` can be a file of a bundle: a relative POSIX path like terraform/main.tf.

    1 to 3 parts, each a plain name of letters, digits, '.', '_', '-' and '@' (consumer@stream)
    starting with a letter or digit (so never '..', never hidden), ending in one of the suffixes
    this tool writes. Manifest entries are checked with it, so a
    manifest from elsewhere cannot make --force delete ../x, /etc/x or the user's notes.txt.
    """
    if not isinstance(name, str) or not name.endswith(BUNDLE_SUFFIXES):
        return False
    parts = name.split("/")
    return len(parts) <= MAX_NAME_DEPTH and all(_NAME_PART.fullmatch(part) for part in parts)


# --- manifests ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Manifest:
    """A manifest of this tool: the whole document, and the files it lists with their sha256."""

    data: dict[str, Any]
    files: dict[str, str]
    invalid: tuple[str, ...] = ()  # entries that cannot be bundle files, as given


def parse_manifest(data: Any) -> Manifest | None:
    """The manifest in `data`, or None when it is not one of this tool's.

    Entries whose name is not a bundle file name or whose hash is not a sha256 are set aside in
    `invalid`, never trusted.
    """
    if not isinstance(data, dict) or data.get("tool") != TOOL or not isinstance(data.get("files"), dict):
        return None
    files, invalid = {}, []
    for name, digest in data["files"].items():
        if is_bundle_file_name(name) and name != MANIFEST and isinstance(digest, str) and _SHA256.fullmatch(digest):
            files[name] = digest
        else:
            invalid.append(name)
    return Manifest(data, files, tuple(invalid))


def read_manifest(folder: str | Path) -> Manifest:
    """The manifest of the bundle in `folder`, refusing one that is not this tool's or lists a bad entry."""
    path = Path(folder) / MANIFEST
    shown = path_text(path)
    if not os.path.isfile(path):
        raise InputError(f"{shown} does not exist: {path_text(folder)} holds no bundle of {TOOL}")
    manifest = parse_manifest(load_json_file(path, "a manifest"))
    if manifest is None:
        raise InputError(f"{shown} is not a manifest of {TOOL} (it needs \"tool\": \"{TOOL}\" and a \"files\" object)")
    if manifest.invalid:
        listed = ", ".join(quoted(str(name)) for name in manifest.invalid[:5])
        raise InputError(f"{shown} lists {len(manifest.invalid)} entr{'y' if len(manifest.invalid) == 1 else 'ies'} "
                         f"that cannot be a bundle's file (a file name with a sha256): {listed}")
    return manifest


def verify_bundle(folder: str | Path) -> Manifest:
    """The bundle's manifest, once every file it lists is there, a regular file, with its sha256."""
    manifest = read_manifest(folder)
    wrong = []
    for name, digest in manifest.files.items():
        actual = file_sha256(Path(folder) / name)
        if actual is None:
            wrong.append(f"{name}: missing, or not a regular file")
        elif actual != digest:
            wrong.append(f"{name}: changed since the bundle was written (its sha256 differs from {MANIFEST})")
    if wrong:
        more = f"\n  ... and {len(wrong) - 20} more" if len(wrong) > 20 else ""
        raise InputError(f"{path_text(folder)} is not the bundle its {MANIFEST} describes:\n  "
                         + "\n  ".join(wrong[:20]) + more)
    return manifest


def file_sha256(path: str | Path) -> str | None:
    """The sha256 of a regular file (a symbolic link is not followed), or None if it is not one."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        digest = hashlib.sha256()
        while chunk := os.read(fd, 1 << 16):
            digest.update(chunk)
        return digest.hexdigest()
    finally:
        os.close(fd)


def _manifest_in(folder: Path, note: Note | None = None) -> Manifest | None:
    """The old bundle's manifest for --force, or None: a bad or foreign one makes nothing ours."""
    path = folder / MANIFEST
    if not os.path.isfile(path) or os.path.islink(path):
        return None
    try:
        manifest = parse_manifest(load_json_file(path))
    except BundleError:  # too large, or not JSON: not ours, whatever the reason (the note says so)
        manifest = None
    if note and manifest is None:
        note(f"{MANIFEST} in {path_text(folder)} is not a manifest of {TOOL}; nothing it lists is removed")
    if note and manifest and manifest.invalid:
        listed = ", ".join(quoted(str(name)) for name in manifest.invalid[:5])
        note(f"{MANIFEST} lists {listed}, which {TOOL} never writes; ignored")
    return manifest


def old_bundle_files(folder: Path) -> dict[str, str]:
    """The files (name -> sha256) the manifest of this tool in `folder` lists, or none: what --force may remove."""
    manifest = _manifest_in(folder)
    return dict(manifest.files) if manifest else {}


# --- writing ------------------------------------------------------------------------------------


def write_folder(files: dict[str, str], out_dir: str | Path, *, force: bool = False,
                 note: Note | None = None) -> Path:
    """Make `out_dir` hold exactly `files` (relative name -> text) and the user's own files.

    A new or empty folder is filled, a non-empty one replaced only with `force`; either way the
    folder is swapped in whole (see the module's docstring). Returns the folder written, with
    symbolic links resolved. `note` receives what the user should know (files kept, leftovers).
    """
    note = note or (lambda _message: None)
    _check_names(files)
    out = Path(out_dir)
    shown = path_text(out)
    target = _target(out, shown)
    with _Signals(_written_message(shown)) as signals:
        created = _make_parents(target.parent, shown)
        try:
            _Replace(files, target, shown, force, note, signals).run()
        except BaseException:
            with signals.critical():
                for folder in reversed(created):  # only folders this run made, and only if still empty
                    with contextlib.suppress(OSError):
                        os.rmdir(folder)
            raise
    return target


def _check_names(files: dict[str, str]) -> None:
    bad = [name for name in files if not is_bundle_file_name(name)]
    folders = {"/".join(name.split("/")[:i]) for name in files for i in range(1, name.count("/") + 1)}
    bad += [name for name in files if name in folders]
    if bad:
        raise BundleError(f"cannot write the bundle: {', '.join(map(quoted, bad))} cannot be a bundle's file name "
                          "(parts of at most 255 letters, digits, '.', '_', '-' or '@', and no file where a folder is)")
    if MANIFEST not in files:
        raise BundleError(f"cannot write the bundle: it has no {MANIFEST}, which says which files are the bundle's")


def _target(out: Path, shown: str) -> Path:
    """The real folder to write, refusing what cannot be replaced whole or would create the wrong thing."""
    absolute = Path(os.path.abspath(out))
    for place in (absolute, *absolute.parents):
        if os.path.lexists(place):
            if os.path.islink(place) and not os.path.exists(place):
                what = shown if place == absolute else path_text(place)
                raise BundleError(f"{what} is a symbolic link to {path_text(os.readlink(place))}, which does not "
                                  "exist; nothing was created. Create that folder first, or give another one")
            break
    target = Path(os.path.realpath(out))
    if target == Path(target.anchor):  # the only real path without a name
        raise BundleError(f"{shown} is the root of the file system; choose a folder for the bundle")
    if os.path.lexists(target) and not target.is_dir():
        raise BundleError(f"{shown} exists and is not a folder")
    if target.is_dir():
        with contextlib.suppress(OSError):
            cwd = os.getcwd()
            if cwd == str(target) or cwd.startswith(str(target) + os.sep):  # never ends in /: root is refused
                raise BundleError(
                    f"{shown} is the folder this command runs in, or holds it. A bundle replaces its folder whole, "
                    f"which would leave this shell in a removed folder; nothing was written. Run it from the "
                    f"folder above instead (cd .. and --out {path_text(target.name)})")
    return target


def _make_parents(parent: Path, shown: str) -> list[Path]:
    """Create the missing folders above the bundle's; return them, outermost first, to undo on failure."""
    missing = []
    for place in (parent, *parent.parents):
        if os.path.isdir(place):
            break
        missing.append(place)
    missing.reverse()
    try:
        for place in missing:
            try:
                os.mkdir(place)
            except FileExistsError:
                if not os.path.isdir(place):
                    raise BundleError(f"cannot create {shown}: {path_text(place)} is not a folder") from None
            except OSError as exc:
                raise BundleError(f"cannot create {shown}: {exc.strerror} ({path_text(place)})") from None
    except BundleError:
        for place in reversed(missing):  # those made before the one that failed, if still empty
            with contextlib.suppress(OSError):
                os.rmdir(place)
        raise
    return missing


def _sibling(target: Path, what: str) -> Path:
    """`.NAME.kinesis-kms-wizard.WHAT` beside the folder: the lock, the new folder, the old one."""
    name = target.name
    if len(os.fsencode(name)) > 180:  # keep within the 255-byte name limit
        name = hashlib.sha256(os.fsencode(name)).hexdigest()[:32]
    return target.parent / f".{name}.{TOOL}.{what}"


class _Replace:
    """One write of one folder, from taking the lock to releasing it."""

    def __init__(self, files: dict[str, str], target: Path, shown: str, force: bool, note: Note,
                 signals: _Signals) -> None:
        self.files, self.target, self.shown, self.force, self.note, self.signals = (
            files, target, shown, force, note, signals)
        self.staging = _sibling(target, "new")
        self.aside = _sibling(target, "old")
        self.lock = _Lock(_sibling(target, "lock"), shown)
        self.set_aside = False  # the old folder is at `aside`, moved there by this run

    def run(self) -> None:
        dirty = False  # only read once the lock is held: release() does nothing before
        try:
            with self.signals.critical():
                self.lock.acquire()
                dirty = self.lock.previous.get("tool") == TOOL  # a killed run's journal: kept till its leftovers go
                _recover(self.lock, self.target, self.staging, self.aside, self.note)
                dirty = False
            old = self._old()
            self.lock.record(target=self.target.name)
            staging_ino = None
            try:
                with self.signals.critical():
                    try:
                        os.mkdir(self.staging)
                    except FileExistsError:
                        raise BundleError(
                            f"{path_text(self.staging)} is in the way: left by an earlier run that cannot be "
                            "identified. Check it holds nothing of yours, remove it, and run again; nothing was "
                            "written") from None
                    dirty = True
                    staging_ino = os.lstat(self.staging).st_ino
                # The old folder's inode: what proves a folder at `aside` is the old bundle this run set there.
                self.lock.record(target=self.target.name, staging_ino=staging_ino,
                                 old_ino=old.st_ino if old is not None else None)
                self._build(old)
                self.signals.hold()  # swapping: signals wait until the run is over
                self._commit(old)
            except BaseException:
                with self.signals.critical():
                    if staging_ino is not None and os.path.lexists(self.staging) and \
                            os.lstat(self.staging).st_ino == staging_ino:
                        _remove_tree(self.staging)
                        dirty = self.set_aside  # a failed put-back: the next run restores it
                raise
            dirty = not self._clean(old)
        finally:
            with self.signals.critical():
                self.lock.release(remove=not dirty, note=self.note)

    def _old(self) -> os.stat_result | None:
        """The folder as it is now (None when new), once it may be replaced."""
        try:
            old = os.lstat(self.target)
        except FileNotFoundError:
            return None
        if not stat.S_ISDIR(old.st_mode):
            raise BundleError(f"{self.shown} exists and is not a folder")
        if not self.force and any(os.scandir(self.target)):
            raise BundleExistsError(
                f"{self.shown} is not empty; nothing was written. Choose another folder, or use --force "
                "to replace the bundle's files in it")
        return old

    def _build(self, old: os.stat_result | None) -> None:
        if old is not None:
            _copy_identity(self.target, self.staging, old, self.shown)
        for name, text in self.files.items():
            path = self.staging / name
            os.makedirs(path.parent, exist_ok=True)
            _write_new(path, text.encode())
        if old is not None:
            _Carry(self.target, self.staging, self.files, self.shown, self.note).run()
            os.chmod(self.staging, stat.S_IMODE(old.st_mode))
        _fsync_tree_dirs(self.staging)

    def _commit(self, old: os.stat_result | None) -> None:
        try:
            self._swap(old)
        except OSError as exc:
            if exc.errno in (errno.EEXIST, errno.ENOTEMPTY):
                raise BundleExistsError(f"{self.shown} appeared while the bundle was being written; nothing was "
                                        "written. Run again (with --force to replace what is there)") from None
            if exc.errno not in (errno.EBUSY, errno.EXDEV):
                raise
            raise BundleError(f"{self.shown} cannot be replaced whole ({exc.strerror}: a mount point?); write the "
                              "bundle into a folder inside it. Nothing was written") from None
        _WRITTEN.append(self.shown)  # swapped: from here on the new bundle stands, whatever fails
        with contextlib.suppress(OSError):
            _fsync_dir(self.target.parent)

    def _swap(self, old: os.stat_result | None) -> None:
        if old is None:
            if not _rename2(self.staging, self.target, _RENAME_NOREPLACE):
                if os.path.lexists(self.target):
                    raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST))  # _commit says what it means
                os.rename(self.staging, self.target)
        elif not _rename2(self.staging, self.target, _RENAME_EXCHANGE):
            if os.path.lexists(self.aside):
                raise BundleError(f"{path_text(self.aside)} is in the way; remove it and run again (nothing written)")
            os.rename(self.target, self.aside)
            self.set_aside = True
            try:
                os.rename(self.staging, self.target)
            except BaseException:
                try:
                    os.rename(self.aside, self.target)  # put the old bundle back
                except OSError:  # something took its name between the renames: say where the old bundle is
                    raise BundleError(
                        f"{self.shown} appeared while the bundle was being written, so the old bundle could not be "
                        f"put back: it is in {path_text(self.aside)}. Nothing else was changed; move what is now at "
                        f"{self.shown} elsewhere and run again, and the old bundle is put back first") from None
                self.set_aside = False
                raise

    def _clean(self, old: os.stat_result | None) -> bool:
        """Empty and remove the old folder; False (and a note) if it cannot be, for the next run to finish."""
        if old is None:
            return True
        previous = self.staging if os.path.lexists(self.staging) else self.aside
        try:
            _sweep(previous, self.target, self.note)
        except OSError as exc:
            self.note(f"the bundle was written, but the old one at {path_text(previous)} could not be removed "
                      f"({exc.strerror or exc}); the next run into {self.shown} removes it")
            return False
        return True


class _Carry:
    """Link everything of the user's from the old folder into the new one, at the same place.

    A file of the old bundle (listed, same sha256) is not carried: the new bundle has its own, or
    drops it. Where the new bundle writes a file the user has (changed, or never ours), theirs is
    kept beside it as NAME.orig. Folders keep their mode and owner.
    """

    def __init__(self, old: Path, new: Path, files: dict[str, str], shown: str, note: Note) -> None:
        self.old, self.new, self.shown, self.note = old, new, shown, note
        self.manifest = _manifest_in(old, note)
        self.new_names = set(files)
        self.new_dirs = {"/".join(n.split("/")[:i]) for n in files for i in range(1, n.count("/") + 1)}
        self.ours_dirs = {"/".join(n.split("/")[:i]) for n in (self.manifest.files if self.manifest else ())
                          for i in range(1, n.count("/") + 1)}
        self.count = 0
        self.folders: list[tuple[Path, os.stat_result, str]] = []
        # A folder kept under another name is said to be kept only if it still holds something once the old
        # bundle's own files are left out (a folder of the old bundle's where the new one writes a file goes).
        self.kept_folders: dict[Path, str] = {}

    def run(self) -> None:
        self._folder(self.old, "", self.new)
        for path, old, rel in reversed(self.folders):  # deepest first
            if rel in self.ours_dirs and rel not in self.new_dirs and not any(os.scandir(path)):
                os.rmdir(path)  # a folder of the old bundle's that now holds nothing
                continue
            if path in self.kept_folders:
                self.note(self.kept_folders[path])
            _copy_identity(self.old / rel, path, old, self.shown)
            os.chmod(path, stat.S_IMODE(old.st_mode))

    def _folder(self, src: Path, rel: str, dest: Path) -> None:
        with os.scandir(src) as listing:
            entries = sorted(listing, key=lambda e: e.name)
        taken = {e.name for e in entries} | set(os.listdir(dest))
        clashes = []
        for entry in entries:
            erel = f"{rel}/{entry.name}" if rel else entry.name
            info = entry.stat(follow_symlinks=False)
            self.count += 1
            if self.count > MAX_CARRIED:
                raise BundleError(f"{self.shown} holds more than {MAX_CARRIED:,} files that are not the bundle's; "
                                  "write the bundle into a folder of its own; nothing was written")
            listed = self.manifest.files.get(erel) if self.manifest else None
            if erel == MANIFEST and self.manifest is not None:
                continue  # the old bundle's manifest: replaced by the new one's
            if listed is not None and stat.S_ISREG(info.st_mode) and file_sha256(entry.path) == listed:
                continue  # ours, unchanged: replaced or dropped
            if erel in self.new_names or (erel in self.new_dirs and not stat.S_ISDIR(info.st_mode)):
                clashes.append((entry, erel, info, listed is not None))
            elif stat.S_ISDIR(info.st_mode):
                self._dir(entry, erel, dest / entry.name, info)
            else:
                if listed is not None:
                    self.note(f"kept {path_text(erel)}: changed since the bundle was written")
                self._link(entry.path, dest / entry.name, erel)
        for entry, erel, info, changed in clashes:
            name = _free_name(entry.name, taken)
            taken.add(name)
            why = "changed since the bundle was written" if changed else f"not written by {TOOL}"
            kept = f"{rel}/{name}" if rel else name
            if stat.S_ISDIR(info.st_mode):
                if erel in self.ours_dirs:
                    why = "it holds files that are not the bundle's"
                self.kept_folders[dest / name] = f"kept your {path_text(erel)} ({why}) as {path_text(kept)}"
                self._dir(entry, erel, dest / name, info)
                continue
            self.note(f"kept your {path_text(erel)} ({why}) as {path_text(kept)}")
            self._link(entry.path, dest / name, erel)

    def _dir(self, entry: os.DirEntry[str], erel: str, dest: Path, info: os.stat_result) -> None:
        with contextlib.suppress(FileExistsError):
            os.mkdir(dest)
        self.folders.append((dest, info, erel))
        self._folder(Path(entry.path), erel, dest)

    def _link(self, src: str, dest: Path, erel: str) -> None:
        try:
            os.link(src, dest, follow_symlinks=False)
        except OSError as exc:
            raise BundleError(
                f"cannot keep {path_text(erel)} in the new bundle ({exc.strerror}): the user's files are carried "
                f"over as the same files (hard links). Move it out of {self.shown}, or write the bundle to "
                "another folder; nothing was written") from None


def _free_name(name: str, taken: set[str]) -> str:
    for number in range(1, 10_000):
        candidate = f"{name}.orig" if number == 1 else f"{name}.orig-{number}"
        if candidate not in taken:
            return candidate
    raise BundleError(f"too many kept copies of {path_text(name)}")


def _copy_identity(src: Path, dest: Path, old: os.stat_result, shown: str) -> None:
    """Give `dest` the owner and extended attributes (ACLs) of `src`; the mode is set by the caller."""
    new = os.lstat(dest)
    if (new.st_uid, new.st_gid) != (old.st_uid, old.st_gid):
        try:
            os.chown(dest, old.st_uid if new.st_uid != old.st_uid else -1,
                     old.st_gid if new.st_gid != old.st_gid else -1, follow_symlinks=False)
        except PermissionError:
            raise BundleError(
                f"{path_text(src)} belongs to user {old.st_uid}, group {old.st_gid}; a bundle replaces its folder "
                f"whole and could not keep that owner. Let its owner run this, or choose another folder than "
                f"{shown}; nothing was written") from None
    if hasattr(os, "listxattr"):
        with contextlib.suppress(OSError):
            for attr in os.listxattr(src, follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.setxattr(dest, attr, os.getxattr(src, attr, follow_symlinks=False), follow_symlinks=False)


def _write_new(path: Path, data: bytes) -> None:
    # O_EXCL: a file (or a link, which is never followed) put at the name meanwhile is refused, never written through.
    # The descriptor is not inherited by programs started meanwhile: Python opens every file so (PEP 446). The mode is
    # the umask's, as for any file the user creates.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree_dirs(root: Path) -> None:
    for rel, info in _walk(root):
        if stat.S_ISDIR(info.st_mode):
            _fsync_dir(root / rel)
    _fsync_dir(root)


def _walk(root: Path) -> Iterator[tuple[str, os.stat_result]]:
    """(relative POSIX path, lstat) of everything under `root`, parents first; links are not followed."""
    stack = [""]
    while stack:
        rel = stack.pop()
        with os.scandir(root / rel) as listing:  # root / "" is root
            entries = list(listing)
        for entry in entries:
            erel = f"{rel}/{entry.name}" if rel else entry.name
            info = entry.stat(follow_symlinks=False)
            yield erel, info
            if stat.S_ISDIR(info.st_mode):
                stack.append(erel)


def _sweep(old: Path, target: Path, note: Note) -> None:
    """Remove `old`, the folder a swap has just replaced, keeping anything of the user's.

    The new folder links every file of the user's, so those links go; a file the old manifest
    lists with its sha256 goes; anything else (added or changed while the new bundle was built)
    is moved into the new folder, as NAME.orig if that name is taken.
    """
    manifest = _manifest_in(old)
    _make_removable(old)
    kept = {(info.st_dev, info.st_ino) for _rel, info in _walk(target) if not stat.S_ISDIR(info.st_mode)}
    folders = []
    entries = sorted(_walk(old), key=lambda item: item[0] == MANIFEST)  # the manifest last: until the
    for rel, info in entries:  # rest is gone, a run that takes over after a failure needs it to know ours
        path = old / rel
        if stat.S_ISDIR(info.st_mode):
            folders.append(path)
            continue
        listed = manifest.files.get(rel) if manifest else None
        if ((info.st_dev, info.st_ino) in kept or (rel == MANIFEST and manifest is not None)
                or (listed is not None and stat.S_ISREG(info.st_mode) and file_sha256(path) == listed)):
            os.unlink(path)
            continue
        dest = target / rel
        os.makedirs(dest.parent, exist_ok=True)
        if os.path.lexists(dest):
            dest = dest.with_name(_free_name(dest.name, set(os.listdir(dest.parent))))
        os.rename(path, dest)
        note(f"kept {path_text(rel)}, which appeared while the bundle was written, as "
             f"{path_text(dest.relative_to(target).as_posix())}")
    for path in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        os.rmdir(path)
    os.rmdir(old)


def _make_removable(root: Path) -> None:
    """Let the owner write in every folder under `root` (one kept read-only by its mode), before emptying it."""

    def allow(path: Path) -> None:
        mode = stat.S_IMODE(os.lstat(path).st_mode)
        if mode & 0o700 != 0o700:
            os.chmod(path, mode | 0o700)

    allow(root)
    for rel, info in _walk(root):  # a folder is yielded before it is listed, so it can be opened first
        if stat.S_ISDIR(info.st_mode):
            allow(root / rel)


def _remove_tree(root: Path) -> None:
    """Remove a folder this tool built (never following a link out of it)."""
    _make_removable(root)
    for rel, info in sorted(_walk(root), key=lambda item: item[0].count("/"), reverse=True):
        if stat.S_ISDIR(info.st_mode):
            os.rmdir(root / rel)
        else:
            os.unlink(root / rel)
    os.rmdir(root)


def _is_our_dir(path: Path) -> os.stat_result | None:
    """lstat of `path` when it is a real folder owned by this user (what this tool would have made)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    if stat.S_ISDIR(info.st_mode) and (not hasattr(os, "geteuid") or info.st_uid == os.geteuid()):
        return info
    return None


def _recover(lock: _Lock, target: Path, staging: Path, aside: Path, note: Note) -> None:
    """Finish or undo what a killed run into the same folder left, proven ours by its journal."""
    journal = lock.previous
    if journal.get("tool") != TOOL or journal.get("target") != target.name:
        return
    staging_ino = journal.get("staging_ino")

    def target_ino() -> int | None:
        with contextlib.suppress(FileNotFoundError):
            return os.lstat(target).st_ino
        return None

    aside_info = _is_our_dir(aside)
    if aside_info is not None and aside_info.st_ino == journal.get("old_ino"):  # two renames: the old bundle aside
        if target_ino() is None:
            os.rename(aside, target)
            note(f"put back {path_text(target.name)} from {path_text(aside.name)}, left by a run that was killed")
        elif target_ino() == staging_ino:  # never None here: the folder's name is taken
            _sweep(aside, target, note)
        else:  # the old bundle is aside and something else has its name: keep both, and the journal, and say so
            raise BundleError(
                f"{path_text(aside)} holds the old bundle of {path_text(target.name)}, set aside by a run that was "
                f"stopped, and {path_text(target.name)} is now something else. Nothing was written; move that "
                "elsewhere and run again, and the old bundle is put back first")
    elif os.path.lexists(aside):
        note(f"{path_text(aside.name)} was left as it is: nothing proves it is the old bundle of a run into "
             f"{path_text(target.name)} that was killed. If it is yours, check it, then move or remove it")
    info = _is_our_dir(staging)
    if info is None:
        return
    if staging_ino is not None and target_ino() == staging_ino:  # swapped, then killed: this is the old bundle
        _sweep(staging, target, note)
    elif staging_ino is None or info.st_ino == staging_ino:
        _remove_tree(staging)  # never swapped: a new bundle half built
    else:
        return
    note(f"removed {path_text(staging.name)}, left by a run into {path_text(target.name)} that was killed")


# --- the lock, the swap, the signals -------------------------------------------------------------


class _Lock:
    """One run per folder: a file beside it, flock'ed, so the lock dies with its process.

    The file also holds the journal (`record`), written in place in one write so that a kill
    never leaves it half old, half new. Releasing unlinks the file before closing it; a run that
    then gets the lock on the unlinked file sees it is no longer at its path and tries again.
    """

    def __init__(self, path: Path, shown: str) -> None:
        self.path, self.shown = path, shown
        self.fd: int | None = None  # None until locked
        self.previous: dict[str, Any] = {}

    def acquire(self) -> None:
        flags = os.O_RDWR | os.O_CREAT | _NOFOLLOW  # a link planted at its name is never followed; CLOEXEC: PEP 446
        for _attempt in range(50):
            try:
                fd = os.open(self.path, flags if fcntl else flags | os.O_EXCL, 0o600)
            except FileExistsError:  # no flock (Windows): the file alone is the lock
                raise BundleBusyError(f"another run may be writing {self.shown}; if none is, remove "
                                      f"{path_text(self.path)} and run again. Nothing was written") from None
            except OSError as exc:
                raise BundleError(f"cannot lock {self.shown}: {exc.strerror} ({path_text(self.path)})") from None
            if fcntl is None:
                self.fd = fd
                return
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                holder = _read_journal(fd).get("pid", "unknown")
                os.close(fd)
                raise BundleBusyError(f"another {TOOL} run (process {holder}) is writing {self.shown} right now; "
                                      "nothing was written. Run again once it has finished") from None
            with contextlib.suppress(FileNotFoundError):  # gone: removed by the run before us
                if os.path.samestat(os.fstat(fd), os.stat(self.path, follow_symlinks=False)):
                    self.fd = fd
                    self.previous = _read_journal(fd)
                    return
            os.close(fd)  # the run before us removed it as we opened it: take the new one
        raise BundleBusyError(f"could not lock {self.shown}: other runs keep writing it; nothing was written")

    def record(self, **fields: Any) -> None:
        """Write the journal before the step it describes.

        Not fsync'ed: it is read after a process dies, when the page cache still holds it. After a
        power cut without it, a run would take the old folder left beside for a half-built new one
        and remove it, which loses nothing: the new folder links every file of the user's.
        """
        text = json.dumps({"tool": TOOL, "pid": os.getpid(), **fields}).encode()
        os.lseek(self.fd, 0, os.SEEK_SET)
        os.write(self.fd, text.ljust(_JOURNAL_BYTES))

    def release(self, *, remove: bool, note: Note) -> None:
        """Unlock; with `remove`, remove the file first, or say it could not be."""
        if self.fd is None:  # never locked: the file, if any, is another run's
            return
        if remove:
            try:
                os.unlink(self.path)
            except FileNotFoundError:
                pass
            except OSError:
                note(f"{path_text(self.path)} could not be removed; remove it (no run is using it)")
        with contextlib.suppress(OSError):  # a close that reports an error (NFS) has closed it all the same
            os.close(self.fd)
        self.fd = None  # a second call must not close a number the system has since given to another file


def _read_journal(fd: int) -> dict[str, Any]:
    try:
        data = json.loads(os.pread(fd, _JOURNAL_BYTES, 0).decode())  # an empty file (no journal yet): ValueError
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


_RENAME_NOREPLACE, _RENAME_EXCHANGE = 1, 2
_AT_FDCWD = -100


@functools.cache
def _load_renameat2() -> Any:
    """The C library's renameat2, loaded on first use (ctypes costs ~20 ms to import and load)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None  # a C library older than glibc 2.28
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_renameat2: Any = _load_renameat2  # replaced by None in tests, to take the fallback


def _rename2(src: Path, dest: Path, flags: int) -> bool:
    """renameat2(src, dest, flags): True once done, False where the system or file system cannot."""
    function = _renameat2() if _renameat2 is _load_renameat2 else _renameat2
    if function is None:
        return False
    if function(_AT_FDCWD, os.fsencode(src), _AT_FDCWD, os.fsencode(dest), flags) == 0:
        return True
    import ctypes

    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):  # ENOTSUP is EOPNOTSUPP on Linux, errno(3)
        return False
    raise OSError(code, os.strerror(code), str(dest))


# The folders this process swapped a bundle into. A Ctrl-C once the swap is done but before the program has said
# so (its handlers are back to Python's by then) must not be reported as "nothing was written".
_WRITTEN: list[str] = []


def _written_message(shown: str) -> str:
    return f"interrupted after the bundle was written to {shown}"


def forget_written() -> None:
    """Start a new run in this process (a test calling the command line again, say)."""
    _WRITTEN.clear()


def written_folders() -> tuple[str, ...]:
    """The folders (as shown) this run has swapped a bundle into, first first."""
    return tuple(dict.fromkeys(_WRITTEN))


def interrupted_message() -> str:
    """What to say on Ctrl-C: where a bundle was written in this run, or that nothing was."""
    return _written_message(", ".join(written_folders())) if _WRITTEN else "interrupted; nothing was written"


class _Interrupted(KeyboardInterrupt):
    """SIGINT, SIGTERM or SIGHUP while the bundle was being built."""

    def __init__(self, signum: int) -> None:
        super().__init__()
        self.signum = signum


class _Signals:
    """SIGINT, SIGTERM and SIGHUP stop a run while it builds, and wait while it swaps and cleans up.

    Installed only in the main thread and only over the default handlers. After the run, a
    signal that had to wait is acted on: SIGINT as KeyboardInterrupt (saying the bundle was
    written), the others by dying of them, as the shell expects.
    """

    SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))

    def __init__(self, written_message: str) -> None:
        self.written_message = written_message
        self.saved: dict[int, Any] = {}
        self.holding = False  # True while signals wait: in a critical part, once stopped, and from the swap on
        self.pending: int | None = None

    def __enter__(self) -> _Signals:
        if threading.current_thread() is threading.main_thread():
            for signum in self.SIGNALS:  # Windows has no SIGHUP
                if signal.getsignal(signum) in (signal.default_int_handler, signal.SIG_DFL):
                    self.saved[signum] = signal.getsignal(signum)
                    signal.signal(signum, self._handle)
        return self

    def _handle(self, signum: int, _frame: Any) -> None:
        if self.holding:
            self.pending = self.pending or signum
            return
        self.holding = True  # from here on the run only cleans up: later signals wait for that
        raise _Interrupted(signum)

    @contextlib.contextmanager
    def critical(self) -> Iterator[None]:
        """Signals wait inside; one that came meanwhile stops the run as soon as it leaves, if it may."""
        holding, self.holding = self.holding, True
        try:
            yield
        finally:
            self.holding = holding
        if not holding and self.pending is not None:  # not inside another critical part, nor swapping: stop
            signum, self.pending, self.holding = self.pending, None, True
            raise _Interrupted(signum)

    def hold(self) -> None:
        """From here to the end of the run signals wait: the folder is being swapped."""
        self.holding = True  # for good: hold() is never called inside a critical part, whose end would undo it

    def __exit__(self, kind: Any, exc: BaseException | None, _tb: Any) -> None:
        for signum, handler in self.saved.items():
            signal.signal(signum, handler)
        signum = exc.signum if isinstance(exc, _Interrupted) else self.pending
        if signum is None:  # a signal is only ever pending, or raised, through a handler installed here
            return
        if signum != signal.SIGINT:
            os.kill(os.getpid(), signum)  # the default action, now restored: die of it
        if exc is None:
            raise KeyboardInterrupt(self.written_message)
