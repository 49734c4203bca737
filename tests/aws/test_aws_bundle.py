"""Reading a saved bundle for apply (no AWS needed): what is refused, and the interrupted-apply report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wizard import cli
from wizard.aws.apply import ApplyFailed, ApplyRefused, Change, Plan, execute, load_saved
from wizard.aws.session import Identity

FLAGS = ["generate", "--region", "us-west-2", "--account", "123456789012", "--key",
         "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", "--stream", "orders",
         "--producer", "app-writer"]


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    out = tmp_path / "bundle"
    assert cli.main([*FLAGS, "--out", str(out)]) == 0
    return out


def _edit_manifest(folder: Path, change) -> None:  # type: ignore[no-untyped-def]
    path = folder / "manifest.json"
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def test_a_whole_bundle_loads_with_its_documents(bundle: Path):
    saved = load_saved(bundle)
    assert [d.filename for d in saved.bundle.documents] == ["producer-policy.json", "key-policy.json"]
    assert saved.merged is False


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["files"].update({"../../etc/passwd": "0" * 64}), "manifest.json lists 1 entry that cannot be a "
                                                                   "bundle's file (a file name with a sha256): "),
    (lambda d: d.update(tool="other"), "manifest.json is not a manifest of kinesis-kms-wizard"),
    (lambda d: d["answers"].update(account="12345"), "the bundle's answers have problems: account '12345'"),
    (lambda d: d["answers"].update(streams=["orders", "clicks"]), "producer-policy.json is not what this version "
                                                                   "of the tool makes from the manifest's answers"),
])
def test_a_manifest_that_does_not_match_its_bundle_is_refused(bundle: Path, change, message: str):  # type: ignore
    _edit_manifest(bundle, change)
    with pytest.raises(ApplyRefused) as refused:
        load_saved(bundle)
    assert message in str(refused.value)


def test_an_oversized_file_is_refused_by_its_hash_read_in_chunks(bundle: Path):
    with open(bundle / "key-policy.json", "w") as handle:
        handle.write(" " * (2 << 20))
    with pytest.raises(ApplyRefused, match=r"key-policy\.json: changed since the bundle was written"):
        load_saved(bundle)


def test_an_interrupted_apply_says_what_was_applied_and_what_may_have_been():
    plan = Plan(Identity("123456789012", "arn:aws:iam::123456789012:user/u"), "us-west-2")
    applied: list[str] = []

    def interrupt() -> None:
        raise KeyboardInterrupt

    plan.changes = [Change("s", "create policy p", lambda: applied.append("p")), Change("s", "attach p", interrupt),
                    Change("s", "put the key policy", lambda: applied.append("k"))]
    with pytest.raises(ApplyFailed) as failed:
        execute(plan)
    assert failed.value.interrupted and applied == ["p"]
    assert [c.text for c in failed.value.done] == ["create policy p"]
    assert [c.text for c in failed.value.left] == ["attach p", "put the key policy"]
    assert str(failed.value) == "interrupted during: attach p (it may or may not have been applied)"
