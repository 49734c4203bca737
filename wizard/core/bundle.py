"""Writing a bundle to disk: every file at once or none, never over a user's files unasked."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from wizard import __version__
from wizard.core.limits import to_json
from wizard.core.model import Answers, AnswersFileError, answers_from_dict
from wizard.core.readme import render_readme
from wizard.core.render import Bundle


class BundleError(Exception):
    """A bundle that cannot be written; the message says why and what to do."""


class BundleExistsError(BundleError):
    """The target folder has files in it and --force was not given."""


class InputError(BundleError):
    """An input file whose content is not what it should be (exit 2: invalid input)."""


def manifest(bundle: Bundle, files: dict[str, str], merged: bool = False) -> dict[str, Any]:
    """The answers as given and as resolved, the tool's version and each file's sha256."""
    r = bundle.resolved
    return {
        "tool": "kinesis-kms-wizard",
        "version": __version__,
        "answers": bundle.answers.to_dict(),
        "resolved": {
            "partition": r.partition,
            "region": r.region,
            "account": r.account,
            "key": asdict(r.key),
            "streams": [asdict(s) for s in r.streams],
            "principals": [
                {**asdict(p), "roles": list(p.roles)} for p in r.principals
            ],
            "fan_out": r.fan_out,
        },
        "key_policy_merged": merged,
        "files": {name: hashlib.sha256(text.encode("utf-8")).hexdigest() for name, text in files.items()},
    }


def bundle_files(bundle: Bundle, merged: bool = False) -> dict[str, str]:
    """File name -> exact text, in the order they are listed: documents, README.md, manifest.json."""
    files = {doc.filename: doc.text for doc in bundle.documents}
    files["README.md"] = render_readme(bundle, merged)
    files["manifest.json"] = to_json(manifest(bundle, files, merged))
    return files


def is_non_empty_dir(path: Path) -> bool:
    return path.is_dir() and any(path.iterdir())


def write_bundle(bundle: Bundle, out_dir: Path, *, force: bool = False, merged: bool = False) -> list[Path]:
    """Write the bundle into `out_dir` and return the paths written.

    A new or empty folder is filled by building the whole bundle in a temporary sibling and
    renaming it into place, so an interruption leaves either nothing or everything. With
    `force`, files in a non-empty folder are replaced one by one, each atomically. A bundle
    with problems is never written.
    """
    if not bundle.ok:
        raise BundleError("the answers have problems:\n" + "\n".join(f"  {p}" for p in bundle.problems))
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise BundleError(f"{out_dir} exists and is not a folder")
    if is_non_empty_dir(out_dir) and not force:
        raise BundleExistsError(
            f"{out_dir} is not empty; nothing was written. Choose another folder, or use --force "
            "to replace the bundle's files in it")
    files = bundle_files(bundle, merged)
    parent = out_dir.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    if not is_non_empty_dir(out_dir):
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".tmp", dir=parent))
        try:
            for name, text in files.items():
                _write_file(staging / name, text)
            os.chmod(staging, 0o755)
            os.replace(staging, out_dir)  # an empty folder is replaced; a new one appears whole
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
        return [out_dir / name for name in files]
    stale = _previous_bundle_files(out_dir) - set(files)
    written = []
    for name, text in files.items():
        target = out_dir / name
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=out_dir)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        written.append(target)
    for name in sorted(stale):  # e.g. producer-policy-2.json of an earlier, larger bundle
        (out_dir / name).unlink(missing_ok=True)
    return written


def _previous_bundle_files(out_dir: Path) -> set[str]:
    """Files an earlier bundle in `out_dir` listed in its manifest, so --force leaves none behind stale.

    Only plain file names the manifest lists are considered; anything else in the folder is the
    user's and is left alone.
    """
    try:
        data = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    listed = data.get("files") if isinstance(data, dict) and data.get("tool") == "kinesis-kms-wizard" else None
    if not isinstance(listed, dict):
        return set()
    return {name for name in listed if isinstance(name, str) and name == Path(name).name
            and name not in ("", ".", "..") and (out_dir / name).is_file()}


def _write_file(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def load_json_file(path: str) -> Any:
    """Read a JSON file ('-' for stdin), raising BundleError with a readable reason."""
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise BundleError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InputError(f"cannot read {path}: not UTF-8 text") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None


def load_answers(path: str) -> Answers:
    """Answers from an answers file or a bundle's manifest.json ('-' for stdin)."""
    data = load_json_file(path)
    try:
        return answers_from_dict(data)
    except AnswersFileError as exc:
        raise InputError(f"{path}: {exc}") from None
