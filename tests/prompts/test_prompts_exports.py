"""`--plain` offers the exports: a save that also writes Terraform and CloudFormation, as `generate` does."""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard import cli
from wizard.cli.interactive import bundle_folder
from wizard.core.bundle import load_answers_file
from wizard.prompts.flow import run_plain

from .support import (
    CTRL_C,
    DEFAULT,
    DEFAULT_FOLDER,
    DOWN,
    ENTER,
    GENERATE_FLAGS,
    KEYS,
    QUESTIONS,
    Script,
    run_with_keys,
)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def generated(folder: Path, *formats: str) -> dict[str, bytes]:
    flags = [arg for name in formats for arg in ("--format", name)]
    assert cli.main(["generate", *GENERATE_FLAGS, *flags, "--out", str(folder)]) == 0
    return tree(folder)


def test_save_with_exports_asks_which_and_writes_what_generate_writes(script: Script, tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    script.steps = [*QUESTIONS, ("What now", "save-exports"), ("infrastructure code", ["cloudformation"]),
                    ("folder", DEFAULT)]
    assert run_plain(None, input=object()) == 0
    assert script.steps == []
    assert tree(tmp_path / DEFAULT_FOLDER) == generated(tmp_path / "generated", "cloudformation")
    out = capsys.readouterr().out
    assert "  cloudformation.yaml\n" in out and "--format cloudformation --out DIR" in out
    (asked,) = [a for a in script.asked if "infrastructure code" in a.message]
    assert [(c.value, c.checked) for c in asked.kwargs["choices"]] == [("terraform", True), ("cloudformation", True)]


def test_choosing_no_format_is_asked_again(script: Script, tmp_path: Path) -> None:
    script.steps = [*QUESTIONS, ("What now", "save-exports"), ("infrastructure code", []),
                    ("infrastructure code", ["terraform"]), ("folder", DEFAULT)]
    assert run_plain(None, input=object()) == 0
    assert [rule for _message, rule in script.refused] == ["choose at least one"]
    assert (tmp_path / DEFAULT_FOLDER / "terraform" / "main.tf").is_file()
    assert not (tmp_path / DEFAULT_FOLDER / "cloudformation.yaml").exists()


def test_real_prompts_save_both_exports_with_the_defaults(tmp_path: Path) -> None:
    # "What now?" -> the second choice, the formats as offered (both), the default folder
    result = run_with_keys(KEYS + DOWN + ENTER + ENTER + ENTER)
    assert result.status == 0
    assert tree(tmp_path / DEFAULT_FOLDER) == generated(tmp_path / "generated", "terraform", "cloudformation")


def test_reopened_bundle_proposes_its_exports_and_names_what_a_save_without_them_removes(
        script: Script, tmp_path: Path) -> None:
    folder = tmp_path / "bundle"
    before = generated(folder, "terraform", "cloudformation")
    manifest = str(folder / "manifest.json")
    loaded = load_answers_file(manifest)
    assert loaded.formats == ("terraform", "cloudformation")

    script.steps = [*QUESTIONS, ("What now", DEFAULT), ("folder", DEFAULT), ("not empty", True)]
    assert run_plain(loaded.answers, folder=bundle_folder(manifest), formats=loaded.formats, input=object()) == 0
    (what_now,) = [a for a in script.asked if "What now" in a.message]
    assert what_now.kwargs["choices"][0].title == (
        "Save the bundle with its Terraform and CloudFormation files, as before")
    (replace,) = script.messages("not empty")
    assert "removes" not in replace
    assert tree(folder) == before

    script.steps = [*QUESTIONS, ("What now", "save-json"), ("folder", DEFAULT), ("not empty", False),
                    ("folder", CTRL_C)]
    assert run_plain(loaded.answers, folder=folder, formats=loaded.formats, input=object()) == 130
    (replace,) = script.messages("not empty")[1:]
    terraform = [name for name in before if name.startswith("terraform/")]
    assert f"removes {len(terraform) + 1} files" in replace
    assert f"terraform/ ({len(terraform)} files), " in replace or f", terraform/ ({len(terraform)} files)" in replace
    assert "cloudformation.yaml" in replace
    assert tree(folder) == before
