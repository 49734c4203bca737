"""Writing bundles: refusal, --force, interruption, manifest hashes, replay from manifest.json."""

from __future__ import annotations

import hashlib
import json
import os
import signal
from pathlib import Path

import pytest

from wizard.cli import main
from wizard.core import bundle_folder


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_non_empty_dir_is_refused_and_untouched(tmp_path, seed_argv, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("keep me")
    (out / "producer-policy.json").write_text("old")
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir()}
    assert main([*seed_argv, "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "not empty; nothing was written" in err and "--force" in err and "Traceback" not in err
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no temp folder beside it


def test_empty_existing_dir_is_filled(tmp_path, seed_argv, capsys):
    out = tmp_path / "out"
    out.mkdir()
    assert main([*seed_argv, "--out", str(out)]) == 0
    assert "manifest.json" in _tree(out)


def test_force_replaces_bundle_files_keeps_others_and_drops_stale_parts(tmp_path, seed_argv, capsys):
    out = tmp_path / "out"
    big = [*seed_argv[:seed_argv.index("--stream")], "--producer", "p", "--out", str(out)]
    for i in range(150):
        big += ["--stream", f"stream-{i:03d}-" + "x" * 60]
    assert main(big) == 0
    assert (out / "producer-policy-2.json").exists()
    (out / "notes.txt").write_text("mine")
    assert main([*seed_argv, "--out", str(out), "--force"]) == 0
    files = _tree(out)
    assert "producer-policy-2.json" not in files and "producer-policy-1.json" not in files
    assert files["notes.txt"] == b"mine"
    fresh = tmp_path / "fresh"
    assert main([*seed_argv, "--out", str(fresh)]) == 0
    assert {k: v for k, v in files.items() if k != "notes.txt"} == _tree(fresh)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def sigint_on_call(monkeypatch, name: str, at: int) -> None:
    """A real SIGINT from inside the writer, at the `at`-th call of bundle_folder.`name`."""
    real = getattr(bundle_folder, name)
    calls = {"n": 0}

    def wrapped(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == at:
            os.kill(os.getpid(), signal.SIGINT)
        return real(*args, **kwargs)

    monkeypatch.setattr(bundle_folder, name, wrapped)


@pytest.mark.usefixtures("python_sigint")
def test_interrupted_new_bundle_leaves_nothing(tmp_path, seed_argv, monkeypatch, capsys):
    sigint_on_call(monkeypatch, "_write_new", 3)
    out = tmp_path / "deeper" / "out"
    assert main([*seed_argv, "--out", str(out)]) == 130
    assert "interrupted; nothing was written" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []  # no bundle, no partial file, no temp or parent folder


@pytest.mark.usefixtures("python_sigint")
def test_interrupted_force_leaves_the_old_bundle_whole(tmp_path, seed_argv, monkeypatch, capsys):
    out = tmp_path / "out"
    assert main([*seed_argv, "--out", str(out)]) == 0
    old = _tree(out)
    sigint_on_call(monkeypatch, "_write_new", 2)
    other = [a if a != "orders-consumer" else "other-consumer" for a in seed_argv]
    assert main([*other, "--out", str(out), "--force"]) == 130
    assert "interrupted; nothing was written" in capsys.readouterr().err
    assert _tree(out) == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.usefixtures("python_sigint")
def test_interrupt_while_swapping_finishes_and_says_so(tmp_path, seed_argv, monkeypatch, capsys):
    out = tmp_path / "out"
    assert main([*seed_argv, "--out", str(out)]) == 0
    sigint_on_call(monkeypatch, "_sweep", 1)  # emptying the old folder, once the new one is in place
    other = [a if a != "orders-consumer" else "other-consumer" for a in seed_argv]
    assert main([*other, "--out", str(out), "--force"]) == 130
    assert f"interrupted after the bundle was written to {out}" in capsys.readouterr().err
    monkeypatch.undo()
    fresh = tmp_path / "fresh"
    assert main([*other, "--out", str(fresh)]) == 0
    assert _tree(out) == _tree(fresh)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh", "out"]


@pytest.mark.usefixtures("python_sigint")
def test_interrupt_just_after_the_swap_says_the_bundle_was_written(tmp_path, seed_argv, monkeypatch, capsys):
    """Ctrl-C once the writer is done, before `generate` has said so (Python's own handler is back by then): the
    bundle stands, so the message must not say nothing was written (the attack script caught this under load)."""
    from wizard.core import bundle

    real = bundle.write_bundle

    def then_interrupted(*args, **kwargs):
        written = real(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGINT)
        return written

    monkeypatch.setattr(bundle, "write_bundle", then_interrupted)
    out = tmp_path / "out"
    assert main([*seed_argv, "--out", str(out)]) == 130
    assert f"interrupted after the bundle was written to {out}" in capsys.readouterr().err
    assert (out / "manifest.json").is_file()
    monkeypatch.undo()
    sigint_on_call(monkeypatch, "_write_new", 2)  # the next run in this process starts afresh
    assert main([*seed_argv, "--out", str(tmp_path / "other")]) == 130
    assert "interrupted; nothing was written" in capsys.readouterr().err


def test_force_says_which_changed_files_it_kept(tmp_path, seed_argv, capsys):
    out = tmp_path / "out"
    assert main([*seed_argv, "--out", str(out)]) == 0
    (out / "consumer-policy.json").write_text("{}\n")
    capsys.readouterr()
    assert main([*seed_argv, "--admin", "x", "--out", str(out), "--force"]) == 0
    err = capsys.readouterr().err
    assert "note: kept your consumer-policy.json (changed since the bundle was written) as " \
           "consumer-policy.json.orig" in err
    assert (out / "consumer-policy.json.orig").read_text() == "{}\n"


def test_manifest_hashes_match(tmp_path, seed_argv, capsys):
    out = tmp_path / "out"
    assert main([*seed_argv, "--out", str(out)]) == 0
    manifest = json.loads((out / "manifest.json").read_text())
    files = {p.name for p in out.iterdir()} - {"manifest.json"}
    assert set(manifest["files"]) == files
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest
    assert manifest["version"] and manifest["answers"]["streams"] == ["MyStream"]
    assert manifest["resolved"]["streams"][0]["arn"] == "arn:aws:kinesis:us-west-2:123456789012:stream/MyStream"


def test_answers_manifest_replays_byte_identical(tmp_path, capsys):
    argv = ["generate", "--region", "cn-north-1", "--account", "111122223333", "--key", "alias/orders",
            "--stream", "orders", "--stream", "arn:aws-cn:kinesis:cn-north-1:111122223333:stream/audit",
            "--producer", "w", "--consumer", "w", "--lambda-consumer", "fn",
            "--consumer", "arn:aws-cn:iam::444455556666:role/path/reader", "--admin", "a", "--no-fan-out"]
    first = tmp_path / "first"
    assert main([*argv, "--out", str(first)]) == 0
    second = tmp_path / "second"
    assert main(["generate", "--answers", str(first / "manifest.json"), "--out", str(second)]) == 0
    assert _tree(first) == _tree(second)


def test_flags_beside_answers_override_them(tmp_path, seed_argv, capsys):
    first = tmp_path / "first"
    assert main([*seed_argv, "--out", str(first)]) == 0
    capsys.readouterr()
    assert main(["generate", "--answers", str(first / "manifest.json"), "--region", "eu-west-1",
                 "--stream", "Other", "--no-fan-out", "--print", "consumer"]) == 0
    consumer = json.loads(capsys.readouterr().out)
    text = json.dumps(consumer)
    assert "arn:aws:kinesis:eu-west-1:123456789012:stream/Other" in text
    assert "MyStream" not in text and "SubscribeToShard" not in text
    assert "kinesis.eu-west-1.amazonaws.com" in text


def test_bad_answers_file_is_invalid_input(tmp_path, capsys):
    bad = tmp_path / "a.json"
    bad.write_text('{"streams": 3}')
    assert main(["generate", "--answers", str(bad), "--print", "producer"]) == 2
    assert "streams: expected a list of strings" in capsys.readouterr().err
    bad.write_text("{not json")
    assert main(["generate", "--answers", str(bad), "--print", "producer"]) == 2
    assert "is not valid JSON" in capsys.readouterr().err
    assert main(["generate", "--answers", str(tmp_path / "missing.json"), "--print", "producer"]) == 1


def test_out_is_a_file(tmp_path, seed_argv, capsys):
    target = tmp_path / "f"
    target.write_text("x")
    assert main([*seed_argv, "--out", str(target)]) == 1
    assert target.read_text() == "x"


def test_principal_flags_beside_answers_replace_only_their_own_role(tmp_path, seed_argv, capsys):
    first = tmp_path / "first"
    assert main([*seed_argv, "--lambda-consumer", "fn", "--out", str(first)]) == 0
    capsys.readouterr()
    assert main(["generate", "--answers", str(first / "manifest.json"), "--admin", "new-admin",
                 "--print", "manifest"]) == 0
    principals = json.loads(capsys.readouterr().out)["answers"]["principals"]
    assert [(p["principal"], p["roles"], p["service"]) for p in principals] == [
        ("orders-producer", ["producer"], None), ("orders-consumer", ["consumer"], None),
        ("fn", ["consumer"], "lambda"), ("new-admin", ["admin"], None)]
    assert main(["generate", "--answers", str(first / "manifest.json"), "--lambda-consumer", "fn2",
                 "--consumer", "orders-producer", "--print", "manifest"]) == 0
    principals = json.loads(capsys.readouterr().out)["answers"]["principals"]
    assert [(p["principal"], p["roles"], p["service"]) for p in principals] == [
        ("orders-producer", ["producer", "consumer"], None), ("stream-encryption-admin", ["admin"], None),
        ("fn2", ["consumer"], "lambda")]
