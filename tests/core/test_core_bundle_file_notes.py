"""What `generate --force` and the wizard tell a user about an old bundle's files: the note that lists the files a
save removes (grouped by folder, counted, cut after eight items), and which export formats an older manifest's file
list says the bundle holds (so reopening it keeps its exports, and only those)."""

from __future__ import annotations

import json

import pytest

from wizard.core.bundle import bundle_files, describe_files, manifest_formats
from wizard.core.model import Answers, Principal
from wizard.core.render import render_bundle

ANSWERS = Answers(region="us-west-2", account="123456789012", key="alias/aws/kinesis", streams=("events",),
                  principals=(Principal("app-writer", ("producer",)),))


@pytest.mark.parametrize(("names", "shown"), [
    (["terraform/main.tf"], "terraform/ (1 file)"),
    (["terraform/modules/a.tf", "terraform/modules/b.tf", "terraform/main.tf"], "terraform/ (3 files)"),
    ([f"f{n}.json" for n in range(8)], ", ".join(f"f{n}.json" for n in range(8))),
    ([f"f{n}.json" for n in range(9)], ", ".join(f"f{n}.json" for n in range(8)) + " and 1 more"),
    (["a.json", "terraform/x.tf", "b.json", "terraform/y.tf"], "a.json, terraform/ (2 files), b.json"),
], ids=["one-file-in-a-folder", "nested-folders-count-under-the-top", "eight-shown-whole", "nine-cut-after-eight",
        "in-first-seen-order"])
def test_the_removed_files_note(names: list[str], shown: str) -> None:
    assert describe_files(names) == shown


def test_an_older_manifest_holds_cloudformation_only_by_its_cloudformation_files() -> None:
    """A manifest written before the "formats" field is read from its file list, which is untrusted: a YAML
    file of the user's or a note named cloudformation-... is not a CloudFormation export."""
    data = json.loads(bundle_files(render_bundle(ANSWERS))["manifest.json"])
    del data["formats"]
    data["files"] = {**data["files"], "notes.yaml": "0" * 64, "cloudformation-notes.md": "0" * 64}
    assert manifest_formats(data) == ()
    data["files"]["cloudformation-key.yaml"] = "0" * 64
    assert manifest_formats(data) == ("cloudformation",)
