"""A bundle's files (documents, README, manifest) and writing them; inputs read bounded."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from wizard import __version__
from wizard.core.bundle_folder import (
    TOOL,
    Note,
    file_sha256,
    is_bundle_file_name,
    old_bundle_files,
    read_manifest,
    verify_bundle,
    write_folder,
)
from wizard.core.display import path_text, quoted
from wizard.core.errors import BundleBusyError, BundleError, BundleExistsError, InputError
from wizard.core.exports import FORMATS, export_files, parse_formats
from wizard.core.inputs import load_json_file
from wizard.core.limits import to_json
from wizard.core.model import Answers, AnswersFileError, answers_from_dict
from wizard.core.readme import render_readme
from wizard.core.render import Bundle


def manifest(bundle: Bundle, files: dict[str, str], merged: bool,
             formats: Iterable[str] = ()) -> dict[str, Any]:
    """The answers as given and as resolved, the export formats written, the tool's version and each file's
    sha256. `formats` lets a reopened bundle be saved again with its exports (see `manifest_formats`)."""
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
        "formats": list(parse_formats(formats)),
        "files": {name: hashlib.sha256(text.encode("utf-8")).hexdigest() for name, text in files.items()},
    }


def bundle_files(bundle: Bundle, merged: bool = False, formats: Iterable[str] = ()) -> dict[str, str]:
    """Relative path -> exact text, in the order listed: documents, exports, README.md, ACCESS.md, manifest.json."""
    formats = parse_formats(formats)
    files = {doc.filename: doc.text for doc in bundle.documents}
    files.update(export_files(bundle, formats, merged))
    files["README.md"] = render_readme(bundle, merged, formats)
    from wizard.core.access_text import bundle_markdown  # the evaluator, only when a bundle is made

    files["ACCESS.md"] = bundle_markdown(bundle)
    files["manifest.json"] = to_json(manifest(bundle, files, merged, formats))
    return files


def bundle_file_names(bundle: Bundle, formats: Iterable[str] = ()) -> list[str]:
    """The names `bundle_files` gives, without making the README, ACCESS.md or manifest: the review step lists
    them after every answer, and making ACCESS.md means evaluating every principal."""
    # no formats: none, and nothing rendered. A merged key policy adds the key account's Terraform module.
    exports = list(export_files(bundle, formats, bundle.merge is not None))
    return [*(doc.filename for doc in bundle.documents), *exports, "README.md", "ACCESS.md", "manifest.json"]


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


def manifest_formats(data: Any) -> tuple[str, ...]:
    """The export formats a manifest says its bundle holds, in FORMATS order; () for a bare answers file.

    A manifest written before the "formats" field existed is read from the files it lists
    (terraform/..., cloudformation*.yaml), so reopening an older bundle keeps its exports too.
    The field is untrusted like the rest: a list of at most len(FORMATS) format names, each refused
    by index otherwise.
    """
    if not isinstance(data, dict) or data.get("tool") != TOOL:
        return ()
    if "formats" not in data:
        files = data.get("files")
        names = [name for name in files if isinstance(name, str)] if isinstance(files, dict) else []
        return tuple(name for name in FORMATS if any(export_format(file) == name for file in names))
    value = data["formats"]
    if not isinstance(value, list) or len(value) > len(FORMATS):
        raise AnswersFileError(f"formats: expected a list of at most {len(FORMATS)} of {', '.join(FORMATS)}")
    for index, item in enumerate(value):
        if item not in FORMATS:
            shown = quoted(item) if isinstance(item, str) else repr(type(item).__name__)
            raise AnswersFileError(f"formats[{index}]: {shown} is not an export format (choose {' or '.join(FORMATS)})")
    return tuple(name for name in FORMATS if name in value)


def export_format(name: str) -> str | None:
    """The export format a bundle file belongs to, by where exports are written; None for the rest."""
    if name.startswith("terraform/"):
        return "terraform"
    if name.startswith("cloudformation") and name.endswith(".yaml"):
        return "cloudformation"
    return None


@dataclass(frozen=True)
class Loaded:
    """What an answers file or a bundle's manifest gives: the answers, and the exports the bundle held."""

    answers: Answers
    formats: tuple[str, ...] = ()


def load_answers_file(path: str) -> Loaded:
    """Answers (and a manifest's export formats) from an answers file or a bundle's manifest.json ('-' for
    stdin), bounded like every input."""
    data = load_json_file(path, "an answers file")
    try:
        return Loaded(answers_from_dict(data), manifest_formats(data))
    except AnswersFileError as exc:
        raise InputError(f"{'stdin' if path == '-' else path_text(path)}: {exc}") from None


def load_answers(path: str) -> Answers:
    """Answers from an answers file or a bundle's manifest.json ('-' for stdin), bounded like every input."""
    return load_answers_file(path).answers


def files_removed(folder: str | Path, names: Iterable[str]) -> list[str]:
    """The old bundle's files in `folder` that a bundle of `names` would remove: listed by its manifest,
    unchanged (a changed one is kept), and not written again. Asked before replacing a bundle, so the
    user hears, for example, that terraform/ goes when Terraform is no longer ticked."""
    old = old_bundle_files(Path(folder))
    new = set(names)
    return sorted(name for name, digest in old.items()
                  if name not in new and file_sha256(Path(folder) / name) == digest)


def removal_warning(folder: str | Path, bundle: Bundle, formats: Iterable[str] = ()) -> str:
    """The sentence the save question adds when replacing `folder` would remove old bundle files (else ""):
    the wizard and --plain ask the same question."""
    removed = files_removed(folder, bundle_file_names(bundle, formats))
    if not removed:
        return ""
    return (f"This also removes {len(removed)} file{'s' if len(removed) != 1 else ''} of the bundle there that this "
            f"save does not write: {describe_files(removed)}.")


def default_folder(bundle: Bundle, origin: str | Path | None = None) -> str:
    """Where a save goes unless the user says otherwise: the folder of the bundle the answers came from (saving
    updates it), else ./kinesis-kms-<first stream> (the resolved name, so an ARN gives its stream's name)."""
    if origin is not None:
        return str(origin)
    streams = bundle.answers.streams and bundle.resolved.streams
    return f"./kinesis-kms-{streams[0].name}" if streams else "./kinesis-kms-bundle"


def describe_files(names: Iterable[str], most: int = 8) -> str:
    """`terraform/ (9 files), cloudformation-key.yaml`: files grouped by their top folder, at most `most` items."""
    groups: dict[str, int] = {}
    for name in names:
        top, sep, _rest = name.partition("/")
        key = top + "/" if sep else name
        groups[key] = groups.get(key, 0) + 1
    items = [f"{key} ({count} file{'s' if count != 1 else ''})" if key.endswith("/") else key
             for key, count in groups.items()]
    more = f" and {len(items) - most} more" if len(items) > most else ""
    return ", ".join(items[:most]) + more


__all__ = [
    "BundleBusyError", "BundleError", "BundleExistsError", "InputError", "Loaded", "bundle_file_names",
    "bundle_files", "describe_files", "export_format", "files_removed", "is_bundle_file_name", "is_non_empty_dir",
    "load_answers", "load_answers_file", "load_json_file", "manifest", "manifest_formats", "read_manifest",
    "verify_bundle", "write_bundle",
]
