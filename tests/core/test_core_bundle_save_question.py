"""What the save question offers and warns about, shared by the wizard and --plain: the folder it proposes and
the sentence naming the old bundle's files a replace would remove."""

from __future__ import annotations

from pathlib import Path

from wizard.core.bundle import default_folder, removal_warning, write_bundle
from wizard.core.model import Answers, Principal
from wizard.core.render import render_bundle

ANSWERS = Answers(region="us-west-2", account="123456789012", key="alias/aws/kinesis",
                  streams=("arn:aws:kinesis:us-west-2:123456789012:stream/orders", "events"),
                  principals=(Principal("app-writer", ("producer",)),))


def test_the_proposed_folder_is_named_for_the_first_streams_name_even_when_given_by_arn() -> None:
    assert default_folder(render_bundle(ANSWERS)) == "./kinesis-kms-orders"


def test_a_reopened_bundle_is_saved_back_to_its_own_folder(tmp_path: Path) -> None:
    assert default_folder(render_bundle(ANSWERS), tmp_path / "mine") == str(tmp_path / "mine")


def test_answers_without_a_stream_still_get_a_folder() -> None:
    bundle = render_bundle(Answers(region="us-west-2", account="123456789012", key="alias/aws/kinesis"))
    assert default_folder(bundle) == "./kinesis-kms-bundle"


def test_replacing_a_bundle_warns_by_count_and_folder_only_when_files_would_go(tmp_path: Path) -> None:
    bundle = render_bundle(ANSWERS)
    folder = tmp_path / "b"
    write_bundle(bundle, folder, formats=["terraform", "cloudformation"])
    terraform = [p for p in (folder / "terraform").rglob("*") if p.is_file()]
    assert removal_warning(folder, bundle, ["terraform", "cloudformation"]) == ""
    assert removal_warning(folder, bundle, ["terraform"]) == (
        "This also removes 1 file of the bundle there that this save does not write: cloudformation.yaml.")
    assert removal_warning(folder, bundle) == (
        f"This also removes {len(terraform) + 1} files of the bundle there that this save does not write: "
        f"cloudformation.yaml, terraform/ ({len(terraform)} files).")
