"""A bundle's files (documents, README, manifest) and writing them; inputs read bounded."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from wizard import __version__
from wizard.core.access_text import bundle_markdown
from wizard.core.bundle_folder import Note, is_bundle_file_name, read_manifest, verify_bundle, write_folder
from wizard.core.display import path_text
from wizard.core.errors import BundleBusyError, BundleError, BundleExistsError, InputError
from wizard.core.exports import export_files, parse_formats
from wizard.core.inputs import load_json_file
from wizard.core.limits import to_json
from wizard.core.model import Answers, AnswersFileError, answers_from_dict
from wizard.core.readme import render_readme
from wizard.core.render import Bundle


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


def bundle_files(bundle: Bundle, merged: bool = False, formats: Iterable[str] = ()) -> dict[str, str]:
    """Relative path -> exact text, in the order listed: documents, exports, README.md, ACCESS.md, manifest.json."""
    formats = parse_formats(formats)
    files = {doc.filename: doc.text for doc in bundle.documents}
    files.update(export_files(bundle, formats, merged))
    files["README.md"] = render_readme(bundle, merged, formats)
    files["ACCESS.md"] = bundle_markdown(bundle)
    files["manifest.json"] = to_json(manifest(bundle, files, merged))
    return files


def bundle_file_names(bundle: Bundle) -> list[str]:
    """The names `bundle_files` gives (no exports), without making the files: the review step lists them
    after every answer, and making ACCESS.md means evaluating every principal."""
    return [*(doc.filename for doc in bundle.documents), "README.md", "ACCESS.md", "manifest.json"]


def is_non_empty_dir(path: Path) -> bool:
    return path.is_dir() and any(path.iterdir())


def write_bundle(bundle: Bundle, out_dir: Path, *, force: bool = False, merged: bool = False,
                 note: Note | None = None, formats: Iterable[str] = ()) -> list[Path]:
    """Write the bundle into `out_dir` and return the paths written.

    The folder is swapped in whole (wizard.core.bundle_folder): after an interruption, a kill or
    an error it holds exactly the old bundle or exactly the new one. A non-empty folder is
    replaced only with `force`, and then only the files of the old bundle go; `note` hears about
    the user's files kept. A bundle with problems is never written.
    """
    if not bundle.ok:
        raise BundleError("the answers have problems:\n" + "\n".join(f"  {p}" for p in bundle.problems))
    files = bundle_files(bundle, merged, formats)
    write_folder(files, out_dir, force=force, note=note)
    return [Path(out_dir) / name for name in files]


def load_answers(path: str) -> Answers:
    """Answers from an answers file or a bundle's manifest.json ('-' for stdin), bounded like every input."""
    data = load_json_file(path, "an answers file")
    try:
        return answers_from_dict(data)
    except AnswersFileError as exc:
        raise InputError(f"{'stdin' if path == '-' else path_text(path)}: {exc}") from None


__all__ = [
    "BundleBusyError", "BundleError", "BundleExistsError", "InputError", "bundle_file_names", "bundle_files",
    "is_bundle_file_name",
    "is_non_empty_dir", "load_answers", "load_json_file", "manifest", "read_manifest", "verify_bundle",
    "write_bundle",
]
