"""A bundle's manifest records its export formats, so saving a reopened bundle again does not lose them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wizard.core.bundle import (
    InputError,
    bundle_file_names,
    bundle_files,
    describe_files,
    files_removed,
    load_answers_file,
    manifest_formats,
    write_bundle,
)
from wizard.core.model import Answers, Principal
from wizard.core.render import render_bundle

ANSWERS = Answers(region="us-west-2", account="123456789012", key="alias/aws/kinesis", streams=("events",),
                  principals=(Principal("app-writer", ("producer",)),))


def test_manifest_records_the_formats_and_reading_it_gives_them_back(tmp_path: Path) -> None:
    write_bundle(render_bundle(ANSWERS), tmp_path / "b", formats=["cloudformation", "terraform"])
    data = json.loads((tmp_path / "b" / "manifest.json").read_text())
    assert data["formats"] == ["terraform", "cloudformation"]
    loaded = load_answers_file(str(tmp_path / "b" / "manifest.json"))
    assert loaded.answers == ANSWERS and loaded.formats == ("terraform", "cloudformation")


def test_a_bundle_without_exports_and_a_bare_answers_file_have_none(tmp_path: Path) -> None:
    write_bundle(render_bundle(ANSWERS), tmp_path / "b")
    assert load_answers_file(str(tmp_path / "b" / "manifest.json")).formats == ()
    (tmp_path / "answers.json").write_text(json.dumps({**ANSWERS.to_dict(), "formats": ["terraform"]}))
    assert load_answers_file(str(tmp_path / "answers.json")).formats == ()  # not a manifest: no bundle's exports


def test_an_older_manifest_without_the_field_is_read_from_its_files() -> None:
    files = bundle_files(render_bundle(ANSWERS), formats=["terraform"])
    data = json.loads(files["manifest.json"])
    del data["formats"]
    assert manifest_formats(data) == ("terraform",)
    data["files"] = {name: digest for name, digest in data["files"].items() if not name.startswith("terraform/")}
    assert manifest_formats(data) == ()


@pytest.mark.parametrize(("formats", "refusal"), [
    ("terraform", "formats: expected a list of at most 2 of terraform, cloudformation"),
    (["terraform"] * 3, "formats: expected a list of at most 2"),
    (["pulumi"], "formats[0]: 'pulumi' is not an export format (choose terraform or cloudformation)"),
    (["terraform", 7], "formats[1]: 'int' is not an export format"),
    (["\x1b[31mx"], "formats[0]: '\\x1b[31mx' is not an export format"),
])
def test_a_bad_formats_field_is_refused_by_name(tmp_path: Path, formats: object, refusal: str) -> None:
    data = json.loads(bundle_files(render_bundle(ANSWERS))["manifest.json"])
    data["formats"] = formats
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(data))
    with pytest.raises(InputError) as caught:
        load_answers_file(str(path))
    assert refusal in str(caught.value)
    assert "\x1b" not in str(caught.value)


def test_files_removed_names_the_old_bundles_files_a_save_does_not_write(tmp_path: Path) -> None:
    bundle = render_bundle(ANSWERS)
    folder = tmp_path / "b"
    write_bundle(bundle, folder, formats=["terraform", "cloudformation"])
    removed = files_removed(folder, bundle_file_names(bundle))
    assert removed and all(name.startswith("terraform/") or name.startswith("cloudformation") for name in removed)
    assert "cloudformation.yaml" in removed
    assert files_removed(folder, bundle_file_names(bundle, ["terraform", "cloudformation"])) == []
    # a file the user changed is kept, so it is not among those removed
    (folder / "cloudformation.yaml").write_text("mine\n")
    assert "cloudformation.yaml" not in files_removed(folder, bundle_file_names(bundle))
    assert files_removed(tmp_path / "missing", []) == []


def test_describe_files_groups_folders() -> None:
    assert describe_files(["terraform/main.tf", "terraform/variables.tf", "cloudformation.yaml"]) == (
        "terraform/ (2 files), cloudformation.yaml")
    assert describe_files([f"f{n}.json" for n in range(10)], most=3) == "f0.json, f1.json, f2.json and 7 more"
