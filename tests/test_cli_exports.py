"""`generate --format`: the exports a script gets, byte for byte against tests/golden/seed-exports/.

Regenerate after a deliberate change with UPDATE_GOLDEN=1, then read the diff line by line.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from wizard.cli import main

GOLDEN = Path(__file__).resolve().parent / "golden" / "seed-exports"
EXPORTS = ["cloudformation.yaml", "terraform/main.tf", "terraform/versions.tf"]
OTHER = "arn:aws:iam::210987654321:role/partner-reader"


def _exports(folder: Path) -> dict[str, bytes]:
    """The export files, and the README's exports section, of a bundle folder (or a golden one)."""
    out = {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
           if p.is_file() and p.relative_to(folder).parts[0].startswith(("terraform", "cloudformation"))}
    readme = folder / "README.md"
    if readme.is_file():  # a bundle: keep only the section about the exports
        text = readme.read_bytes()
        out["README-exports.md"] = text[text.index(b"## Terraform and CloudFormation"):]
    elif (folder / "README-exports.md").is_file():
        out["README-exports.md"] = (folder / "README-exports.md").read_bytes()
    return out


def _check_golden(golden: Path, *bundles: Path) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(golden, ignore_errors=True)
        for name, data in _exports(bundles[0]).items():
            (golden / name).parent.mkdir(parents=True, exist_ok=True)
            (golden / name).write_bytes(data)
    for bundle in bundles:
        assert _exports(bundle) == _exports(golden)


def test_seed_exports_match_golden_and_replay_byte_identical(tmp_path, seed_argv, capsys):
    first, second = tmp_path / "a", tmp_path / "b"
    assert main([*seed_argv, "--format", "all", "--out", str(first)]) == 0
    assert main([*seed_argv, "--format", "terraform", "--format", "cloudformation", "--out", str(second)]) == 0
    _check_golden(GOLDEN, first, second)
    assert sorted(_exports(first)) == ["README-exports.md", *EXPORTS]
    out = capsys.readouterr().out
    assert "  terraform/main.tf\n" in out and "  cloudformation.yaml\n" in out


def test_cross_account_merged_alias_exports_match_golden(tmp_path, seed_argv, capsys):
    current = tmp_path / "current-key-policy.json"
    current.write_text(json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "KeyAdministrators", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
         "Action": "kms:*", "Resource": "*"}]}))
    argv = [*seed_argv, "--key", "alias/orders-key", "--merge-key-policy", str(current), "--stream", "orders",
            "--stream", "payments", "--consumer", OTHER, "--consumer", "orders-consumer",
            "--producer", "arn:aws:iam::210987654321:user/partner-writer", "--format", "all"]
    first, second = tmp_path / "a", tmp_path / "b"
    assert main([*argv, "--out", str(first)]) == 0
    assert main([*argv, "--out", str(second)]) == 0
    _check_golden(GOLDEN.with_name("cross-account-exports"), first, second)
    assert sorted(p for p in _exports(first) if p != "README-exports.md") == [
        "cloudformation-123456789012.yaml", "cloudformation-210987654321.yaml",
        "terraform/123456789012/main.tf", "terraform/123456789012/variables.tf", "terraform/123456789012/versions.tf",
        "terraform/210987654321/main.tf", "terraform/210987654321/versions.tf"]


def test_manifest_lists_each_export_with_its_sha256_and_the_readme_says_what_to_run(tmp_path, seed_argv, capsys):
    out = tmp_path / "bundle"
    assert main([*seed_argv, "--format", "all", "--out", str(out)]) == 0
    listed = json.loads((out / "manifest.json").read_text())["files"]
    for name in EXPORTS:
        assert listed[name] == hashlib.sha256((out / name).read_bytes()).hexdigest()
    readme = (out / "README.md").read_text()
    assert "terraform init && terraform plan" in readme
    assert ("aws cloudformation deploy --region us-west-2 --template-file cloudformation.yaml "
            "--stack-name kinesis-MyStream-permissions --capabilities CAPABILITY_NAMED_IAM") in readme
    assert "generate --answers manifest.json --format terraform --format cloudformation --out DIR" in readme


def test_one_format_writes_only_that_one(tmp_path, seed_argv, capsys):
    out = tmp_path / "bundle"
    assert main([*seed_argv, "--format", "cloudformation", "--out", str(out)]) == 0
    assert sorted(_exports(out)) == ["README-exports.md", "cloudformation.yaml"]
    readme = (out / "README.md").read_text()
    assert "### CloudFormation" in readme and "### Terraform" not in readme


def test_unknown_format_is_refused_with_exit_2_naming_it(tmp_path, seed_argv, capsys):
    with pytest.raises(SystemExit) as stop:
        main([*seed_argv, "--format", "pulumi", "--out", str(tmp_path / "b")])
    assert stop.value.code == 2
    assert "'pulumi'" in capsys.readouterr().err
    assert not (tmp_path / "b").exists()


def test_print_an_export_file(seed_argv, capsys):
    assert main([*seed_argv, "--format", "terraform", "--print", "terraform/versions.tf"]) == 0
    assert 'source  = "hashicorp/aws"' in capsys.readouterr().out


def test_print_names_export_files_among_the_choices(seed_argv, capsys):
    assert main([*seed_argv, "--format", "terraform", "--print", "terraform/nope.tf"]) == 2
    assert "terraform/main.tf" in capsys.readouterr().err


def test_force_replaces_old_exports_and_keeps_the_users_terraform_files(tmp_path, seed_argv, capsys):
    out = tmp_path / "bundle"
    assert main([*seed_argv, "--consumer", OTHER, "--format", "all", "--out", str(out)]) == 0
    module = out / "terraform" / "210987654321"
    assert (module / "main.tf").is_file() and (out / "cloudformation-210987654321.yaml").is_file()
    (module / ".terraform").mkdir()
    (module / ".terraform" / "plugin").write_text("provider")
    (module / "terraform.tfstate").write_text("{}")
    (out / "terraform" / "123456789012" / "notes.txt").write_text("mine")
    assert main([*seed_argv, "--format", "all", "--out", str(out), "--force"]) == 0
    assert (out / "terraform" / "main.tf").is_file()  # one account now: one module in terraform/
    assert not (module / "main.tf").exists() and not (module / "versions.tf").exists()
    assert not (out / "terraform" / "123456789012" / "main.tf").exists()
    assert not (out / "cloudformation-210987654321.yaml").exists()
    assert (module / ".terraform" / "plugin").read_text() == "provider"
    assert (module / "terraform.tfstate").read_text() == "{}"
    assert (out / "terraform" / "123456789012" / "notes.txt").read_text() == "mine"


def test_force_never_writes_through_a_linked_folder(tmp_path, seed_argv, capsys):
    out, elsewhere = tmp_path / "bundle", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "notes.txt").write_text("mine")
    (out / "terraform").symlink_to(elsewhere, target_is_directory=True)
    assert main([*seed_argv, "--format", "terraform", "--out", str(out), "--force"]) == 0
    assert list(elsewhere.iterdir()) == []  # nothing written through the user's link
    assert not (out / "terraform").is_symlink() and (out / "terraform" / "main.tf").is_file()
    assert (out / "notes.txt").read_text() == "mine"
    kept = [p for p in out.iterdir() if p.is_symlink()]  # the user's link is kept, under another name
    assert [p.resolve() for p in kept] == [elsewhere.resolve()]
    assert "kept your terraform" in capsys.readouterr().err


def test_new_folders_are_readable_by_everyone(tmp_path, seed_argv, capsys):
    out = tmp_path / "bundle"
    assert main([*seed_argv, "--consumer", OTHER, "--format", "terraform", "--out", str(out)]) == 0
    for folder in (out / "terraform", out / "terraform" / "210987654321"):
        assert folder.stat().st_mode & 0o777 == 0o755


def test_readme_examples_are_what_the_seed_exports_hold():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    section = readme.split("## Terraform and CloudFormation", 1)[1].split("\n## ", 1)[0]
    hcl = section.split("```hcl\n", 1)[1].split("```", 1)[0]
    yaml_example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert hcl in (GOLDEN / "terraform" / "main.tf").read_text()
    assert yaml_example in (GOLDEN / "cloudformation.yaml").read_text()


def test_force_deletes_only_plain_nested_paths_an_old_manifest_listed(tmp_path, seed_argv, capsys):
    out, outside = tmp_path / "bundle", tmp_path / "outside.txt"
    assert main([*seed_argv, "--format", "terraform", "--out", str(out)]) == 0
    outside.write_text("not the bundle's")
    (out / "terraform" / "keep.tf").write_text("mine")
    manifest = json.loads((out / "manifest.json").read_text())
    for name in ("terraform/../../outside.txt", str(outside), "terraform/./keep.tf", "terraform\\keep.tf"):
        manifest["files"][name] = "0" * 64
    (out / "manifest.json").write_text(json.dumps(manifest))
    assert main([*seed_argv, "--out", str(out), "--force"]) == 0  # no exports this time
    assert outside.read_text() == "not the bundle's"
    assert (out / "terraform" / "keep.tf").read_text() == "mine"
    assert not (out / "terraform" / "main.tf").exists()  # listed by the old manifest: replaced by nothing
