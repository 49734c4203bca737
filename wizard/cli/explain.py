"""`explain DIR`: who can do what with a bundle's documents, as they are on disk now.

The manifest says which document goes to whom; the files say what they grant. An edited file is
explained as it is (and named on stderr), so the table answers "before I apply this".
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from wizard.cli.common import EXIT_OK, PROG, UsageError, read_json
from wizard.core.display import path_text, visible


def add_parser(commands: Any) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        "explain", help="who can do what with a bundle's documents (an access table)",
        description="Evaluate a bundle's documents as they are in DIR: for each principal, and for anyone "
                    "else in the account and another account, which operations are allowed, denied or "
                    "unknown, and the statements (file#Sid) that decide.",
    )
    parser.add_argument("dir", metavar="DIR", help="a folder written by generate (it has manifest.json), or that "
                                                   "manifest.json itself")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON array: principal, action, resource, context, decision, because")
    return parser


def load_bundle(folder: Path) -> tuple[Any, dict[str, Any], list[str]]:
    """The bundle the manifest describes, the documents' bodies on disk, and the files edited since."""
    from wizard.core.bundle import InputError
    from wizard.core.bundle_folder import TOOL, file_sha256
    from wizard.core.model import AnswersFileError, answers_from_dict
    from wizard.core.render import render_bundle

    if not folder.exists():
        raise UsageError(f"{path_text(folder)}: does not exist; give a folder written by generate, or its "
                         "manifest.json")
    if folder.is_file() and folder.name == "manifest.json":  # as --answers takes it: the bundle is beside it
        folder = folder.parent
    if not folder.is_dir():
        raise UsageError(f"{path_text(folder)}: not a folder; give a folder written by generate, or its "
                         "manifest.json")
    manifest = read_json(str(folder / "manifest.json"), "manifest")
    if not isinstance(manifest, dict) or manifest.get("tool") != TOOL:
        raise InputError(f"{visible(str(folder / 'manifest.json'))}: not a manifest written by {PROG}")
    try:
        answers = answers_from_dict(manifest)
    except AnswersFileError as exc:
        raise InputError(f"{visible(str(folder / 'manifest.json'))}: {exc}") from None
    bundle = render_bundle(answers)
    if not bundle.ok:
        raise InputError(f"{visible(str(folder / 'manifest.json'))}: its answers have problems: "
                         + "; ".join(str(p) for p in bundle.problems))
    sums = manifest.get("files") if isinstance(manifest.get("files"), dict) else {}
    bodies: dict[str, Any] = {}
    edited: list[str] = []
    for doc in bundle.documents:
        path = folder / doc.filename
        if not path.is_file():
            raise InputError(f"{visible(str(path))}: the manifest's answers call for it, and it is missing")
        bodies[doc.filename] = read_json(str(path), "document")
        if sums.get(doc.filename) not in (None, file_sha256(path)):
            edited.append(doc.filename)
    return bundle, bodies, edited


def run(args: argparse.Namespace) -> int:
    from wizard.core.access import bundle_setting, setting_rows
    from wizard.core.access_text import text

    bundle, bodies, edited = load_bundle(Path(args.dir))
    for name in edited:
        print(f"{PROG}: note: {name} was edited after it was generated; explained as it is now", file=sys.stderr)
    setting = bundle_setting(bundle, bodies)
    if args.json:
        rows = setting_rows(setting, exact=True)
        sys.stdout.write(json.dumps([row.to_json() for row in rows], indent=2) + "\n")
    else:
        sys.stdout.write(text(setting, setting_rows(setting)))
    return EXIT_OK
