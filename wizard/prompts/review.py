"""After the questions: every document with its size against its limit, a summary, then save or copy.

Saving goes through `write_bundle` (all files or none) and copying through `copy_text`, so the
plain face writes exactly what `generate` writes and never claims a copy that did not happen.
"""

from __future__ import annotations

from pathlib import Path

import questionary

from wizard.clipboard import copy_text
from wizard.core import fields
from wizard.core.bundle import (
    BundleError,
    default_folder,
    is_non_empty_dir,
    removal_warning,
    write_bundle,
)
from wizard.core.display import visible
from wizard.core.exports import FORMAT_CHOICES, FORMAT_TITLES
from wizard.core.model import ROLE_TITLES, SERVICE_TITLES, Answers
from wizard.core.render import Bundle, Document
from wizard.prompts.questions import Io, offered, say, shown

ACTIONS = (
    ("save", "Save the bundle to a folder"),
    ("save-exports", "Save the bundle with Terraform and CloudFormation files too"),
    ("copy", "Copy one document to the clipboard"),
    ("both", "Both: save the bundle, then copy one document"),
    ("none", "Neither: quit without saving"),
)


def summary_lines(answers: Answers) -> list[str]:
    """The answers, labelled as the core labels its fields."""
    labels = {spec.name: spec.label for step in fields.STEPS for spec in step.fields}
    lines = [
        f"{labels['region']}: {answers.region}",
        f"{labels['account']}: {answers.account}",
        f"{labels['key']}: {answers.key}",
        f"{labels['streams']}: {', '.join(answers.streams)}",
        f"{labels['principals']}:",
    ]
    for p in answers.principals:
        roles = ", ".join(ROLE_TITLES.get(r, r) for r in p.roles)
        service = f" for {SERVICE_TITLES.get(p.service, p.service)}" if p.service else ""
        consumer = f", fan-out consumer {name}" if (name := fields.fan_out_consumer(p, answers)) else ""
        lines.append(f"  {p.ref}: {roles}{service}{consumer}")
    lines.append(f"{labels['fan_out']}: {'yes' if answers.fan_out else 'no'}")
    return lines


def size_line(doc: Document, width: int) -> str:
    """`producer-policy.json  605 / 6,144 characters`, then where it is attached."""
    return f"{doc.filename:<{width}}  {doc.size:,} / {doc.limit:,} {doc.unit}  -> {doc.attach_to}"


def show(bundle: Bundle) -> None:
    """The summary, then every document in full under its size line, then the size table again."""
    say()
    for doc in bundle.documents:
        say(f"--- {size_line(doc, len(doc.filename))}")
        print(visible(doc.text, keep_newlines=True), end="", flush=True)
        say()
    say("Summary")
    for line in summary_lines(bundle.answers):
        say(f"  {line}")
    say()
    say(f"Documents ({len(bundle.documents)})")
    width = max((len(d.filename) for d in bundle.documents), default=0)
    for doc in bundle.documents:
        say(f"  {size_line(doc, width)}")
    if any(doc.kind == "identity" and doc.name.rpartition("-")[2].isdigit() for doc in bundle.documents):
        say("  Note: a policy over the managed-policy limit is split into parts; attach every part.")
    say()


def ask_formats(io: Io, ticked: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Which infrastructure code to write beside the JSON files (`ticked`, or each, chosen by default)."""
    choices = [questionary.Choice(title, value, checked=not ticked or value in ticked)
               for value, title in FORMAT_CHOICES]
    return tuple(questionary.checkbox("Write which infrastructure code beside the JSON files?", choices=choices,
                                      validate=lambda chosen: bool(chosen) or "choose at least one",
                                      **io).unsafe_ask())


def save(bundle: Bundle, io: Io, formats: tuple[str, ...] = (), origin: Path | None = None) -> Path:
    """Ask for a folder until the bundle is written; a non-empty one is replaced only when confirmed."""
    default = offered(default_folder(bundle, origin))
    while True:
        text = questionary.path("Save the bundle in folder:", default=default, only_directories=True,
                                validate=lambda s: bool(s.strip()) or "give a folder", **io).unsafe_ask()
        out = Path(text.strip()).expanduser()
        force = False
        if is_non_empty_dir(out):
            question = f"{shown(str(out))} is not empty. Replace the bundle's files in it?"
            if warning := removal_warning(out, bundle, formats):
                question += f" {warning}"
            force = questionary.confirm(question, default=False, **io).unsafe_ask()
            if not force:
                default = offered(text)
                continue
        try:
            written = write_bundle(bundle, out, force=force, formats=formats,
                                   note=lambda text: say(f"Note: {visible(text)}"))
        except (BundleError, OSError) as exc:
            say(f"Not saved: {exc}")
            default = offered(text)
            continue
        say(f"Wrote {len(written)} files to {out}:")
        for path in written:
            say(f"  {path.relative_to(out).as_posix()}")
        flags = "".join(f" --format {name}" for name in formats)
        say(f"To write it again without questions: kinesis-kms-wizard generate "
            f"--answers {out / 'manifest.json'}{flags} --out DIR")
        return out


def copy(bundle: Bundle, io: Io) -> None:
    """Copy one document; without a clipboard, say so and print the document instead."""
    choices = [questionary.Choice(shown(f"{d.filename} - {d.title}"), d.name) for d in bundle.documents]
    name = questionary.select("Copy which document?", choices=choices, use_search_filter=True,
                              use_jk_keys=False, **io).unsafe_ask()
    doc = bundle.get(name)
    assert doc is not None  # chosen from the bundle's own documents
    result = copy_text(doc.text)
    if result.native:
        say(f"Copied {doc.filename} to the system clipboard.")
        return
    say(f"Not copied: {result.error}. Here is {doc.filename}; select it to copy it:")
    say()
    print(visible(doc.text, keep_newlines=True), end="", flush=True)
    say()


def actions(formats: tuple[str, ...]) -> list[tuple[str, str]]:
    """What the user can do last. A reopened bundle that held exports (`formats`) is saved with them by
    default, so saving it again does not drop them."""
    if not formats:
        return list(ACTIONS)
    titles = " and ".join(FORMAT_TITLES[name] for name in formats)
    return [("save", f"Save the bundle with its {titles} files, as before"),
            ("save-json", "Save the bundle without infrastructure code (JSON files and README only)"),
            ("save-exports", "Save the bundle choosing which infrastructure code goes with it"),
            *((value, title) for value, title in ACTIONS if value not in ("save", "save-exports"))]


def finish(bundle: Bundle, io: Io, written: list[Path], origin: Path | None = None,
           formats: tuple[str, ...] = ()) -> None:
    """Show the result and do what the user chooses; a saved folder is appended to `written`. `formats`: the
    exports of the bundle the answers came from, proposed again."""
    show(bundle)
    choices = [questionary.Choice(title, value) for value, title in actions(formats)]
    action = questionary.select("What now?", choices=choices, **io).unsafe_ask()
    if action in ("save", "both"):
        written.append(save(bundle, io, formats, origin=origin))
    if action == "save-json":
        written.append(save(bundle, io, origin=origin))
    if action == "save-exports":
        written.append(save(bundle, io, ask_formats(io, formats), origin=origin))
    if action in ("copy", "both"):
        copy(bundle, io)
    if action == "none":
        say("Nothing was saved.")
