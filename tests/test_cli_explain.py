"""`explain DIR`: the access table of a bundle's files as they are on disk, as text or JSON."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from wizard.cli import main


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def bundle_dir(tmp_path, seed_argv, capsys):
    folder = tmp_path / "b"
    assert main([*seed_argv, "--lambda-consumer", "arn:aws:iam::444455556666:role/service-role/fn",
                 "--out", str(folder)]) == 0
    capsys.readouterr()
    return folder


def test_text_is_the_table_and_fits_80_columns(bundle_dir, capsys):
    code, out, err = run(["explain", str(bundle_dir)], capsys)
    assert code == 0 and err == ""
    assert "orders-producer (producer)  arn:aws:iam::123456789012:role/orders-producer\n" in out
    assert "  allowed  PutRecord  producer-policy.json#WriteStreams\n" in out
    assert "fn (consumer, lambda)  arn:aws:iam::444455556666:role/service-role/fn" in out
    assert "anyone else in 123456789012" in out and "another account (999999999999)" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_json_rows_have_the_interface_fields(bundle_dir, capsys):
    code, out, _ = run(["explain", str(bundle_dir), "--json"], capsys)
    rows = json.loads(out)
    assert code == 0 and isinstance(rows, list)
    for row in rows:
        assert {"principal", "action", "resource", "context", "decision", "because"} <= set(row)
        assert row["decision"] in ("allowed", "denied", "unknown")
    decrypt = next(r for r in rows if r["principal"].endswith("role/orders-consumer")
                   and r["operation"] == "Decrypt via Kinesis")
    stream = "arn:aws:kinesis:us-west-2:123456789012:stream/MyStream"
    assert decrypt["action"] == "kms:Decrypt"
    assert decrypt["resource"] == "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    assert decrypt["context"] == {"kms:ViaService": "kinesis.us-west-2.amazonaws.com",
                                  "kms:EncryptionContext:aws:kinesis:arn": stream,
                                  "kms:EncryptionContextKeys": ["aws:kinesis:arn"]}
    assert decrypt["decision"] == "allowed" and "key-policy.json#AllowKinesisConsumers" in decrypt["because"]
    direct = next(r for r in rows if r["principal"].endswith("role/orders-consumer")
                  and r["operation"] == "Decrypt directly")
    assert "kms:ViaService" not in direct["context"] and direct["decision"] == "denied"
    start = next(r for r in rows if r["operation"] == "StartStreamEncryption" and r["decision"] == "allowed")
    assert start["resources"] == [stream, decrypt["resource"]]
    fan_out = next(r for r in rows if r["operation"] == "SubscribeToShard")
    assert fan_out["resource"] == f"{stream}/consumer/app:1700000000"


def test_unedited_bundle_explains_as_its_access_md(bundle_dir, capsys):
    _, out, _ = run(["explain", str(bundle_dir)], capsys)
    access = (bundle_dir / "ACCESS.md").read_text()
    for line in access.splitlines():
        if line.startswith("| GetRecords | - | **allowed** | `consumer-policy.json#ReadStreams` |"):
            break
    else:
        pytest.fail("ACCESS.md lost the consumer's read row")
    assert "  allowed  GetRecords  consumer-policy.json#ReadStreams" in out


def test_an_edited_file_is_explained_as_it_is_now(bundle_dir, capsys):
    policy = json.loads((bundle_dir / "producer-policy.json").read_text())
    policy["Statement"][0]["Resource"] = "arn:aws:kinesis:*:123456789012:MyStream"  # the seed page's mistake
    (bundle_dir / "producer-policy.json").write_text(json.dumps(policy))
    code, out, err = run(["explain", str(bundle_dir)], capsys)
    assert code == 0
    assert "note: producer-policy.json was edited after it was generated; explained as it is now" in err
    assert "  denied   PutRecord\n" in out


@pytest.mark.parametrize(("damage", "words"), [
    (lambda d: (d / "manifest.json").unlink(), "manifest.json: cannot read it"),
    (lambda d: (d / "manifest.json").write_text("{"), "not valid JSON"),
    (lambda d: (d / "manifest.json").write_text('{"tool": "other"}'), "not a manifest written by"),
    (lambda d: (d / "key-policy.json").unlink(), "key-policy.json: the manifest's answers call for it"),
    (lambda d: (d / "key-policy.json").write_bytes(b"\xff\xfe"), "not UTF-8 text"),
    (lambda d: (d / "key-policy.json").write_text(" " * (1 << 20) + "{}"), "larger than 1,048,576 bytes"),
    (lambda d: (d / "manifest.json").write_text(
        '{"tool": "kinesis-kms-wizard", "answers": {"region": "mars-1", "streams": ["s"]}}'), "region 'mars-1'"),
])
def test_bad_folders_exit_2_with_the_reason(bundle_dir, capsys, damage, words):
    damage(bundle_dir)
    code, out, err = run(["explain", str(bundle_dir)], capsys)
    assert code == 2 and out == "" and words in err and "Traceback" not in err


def test_a_path_that_does_not_exist_is_said_not_to_exist(tmp_path, capsys):
    code, _, err = run(["explain", str(tmp_path / "nope\x1b[2J")], capsys)
    assert code == 2 and "\x1b" not in err
    assert f"{tmp_path}/nope^[[2J: does not exist; give a folder written by generate, or its manifest.json" in err


def test_a_file_that_is_not_a_manifest_is_not_a_folder(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("hi")
    code, _, err = run(["explain", str(tmp_path / "notes.txt")], capsys)
    assert code == 2 and "notes.txt: not a folder; give a folder written by generate, or its manifest.json" in err


def test_the_bundle_s_manifest_path_is_taken_as_its_folder(bundle_dir, capsys):
    """`--answers DIR/manifest.json` takes that path; so does explain, and explains the same bundle."""
    code, by_manifest, err = run(["explain", str(bundle_dir / "manifest.json")], capsys)
    assert code == 0 and err == ""
    _, by_folder, _ = run(["explain", str(bundle_dir)], capsys)
    assert by_manifest == by_folder and "  allowed  PutRecord  producer-policy.json#WriteStreams\n" in by_manifest


def test_a_long_sid_with_spaces_is_shown_whole_on_its_own_line(bundle_dir, capsys):
    policy = json.loads((bundle_dir / "producer-policy.json").read_text())
    sid = "Write the orders streams for the checkout and billing applications of the team"
    policy["Statement"][0]["Sid"] = sid
    (bundle_dir / "producer-policy.json").write_text(json.dumps(policy))
    _, out, _ = run(["explain", str(bundle_dir)], capsys)
    lines = out.splitlines()
    cited = f"  producer-policy.json#{sid}"  # too long for the column: as far left as the table goes
    assert lines[lines.index("  allowed  PutRecord") + 1] == cited
    assert {line for line in lines if len(line) > 80} == {cited}


def test_a_long_file_name_moves_left_to_fit_rather_than_run_over(tmp_path, capsys):
    """A bundle's consumer policy for a reader of another account has a long name: it still fits 80 columns."""
    folder = tmp_path / "shared"
    assert main(["generate", "--region", "us-west-2", "--account", "123456789012", "--key",
                 "1234abcd-12ab-34cd-56ef-1234567890ab", "--stream", "orders", "--consumer",
                 "arn:aws:iam::555566667777:user/auditor", "--consumer", "arn:aws:iam::555566667777:role/r2",
                 "--out", str(folder)]) == 0
    capsys.readouterr()
    _, out, _ = run(["explain", str(folder)], capsys)
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "\n    consumer-resource-policy-auditor-555566667777.json#EnhancedFanOutReader\n" in out


def test_hostile_sid_reaches_the_terminal_as_visible_text(bundle_dir, capsys):
    policy = json.loads((bundle_dir / "producer-policy.json").read_text())
    policy["Statement"][0]["Sid"] = "Write\x1b]52;c;aGVsbG8=\x07\u202e"
    (bundle_dir / "producer-policy.json").write_text(json.dumps(policy))
    _, out, _ = run(["explain", str(bundle_dir)], capsys)
    assert "\x1b" not in out and "\u202e" not in out and "producer-policy.json#Write^[]52;c;aGVsbG8=^G<U+202E>" in out
    _, out, _ = run(["explain", str(bundle_dir), "--json"], capsys)
    assert "\x1b" not in out and "\\u001b" in out


@pytest.mark.external
def test_subprocess(bundle_dir):
    done = subprocess.run([sys.executable, "-m", "wizard", "explain", str(bundle_dir), "--json"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and json.loads(done.stdout)
