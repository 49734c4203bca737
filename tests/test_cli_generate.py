"""The `generate` command: exit statuses, messages, --print, --merge-key-policy, a few real processes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from wizard import __version__
from wizard.cli import main

UUID = "1234abcd-12ab-34cd-56ef-1234567890ab"

CONSOLE_POLICY = {
    "Version": "2012-10-17",
    "Id": "key-consolepolicy-3",
    "Statement": [
        {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "kms:*", "Resource": "*"},
        {"Sid": "Allow access for Key Administrators", "Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::123456789012:role/KeyAdmin"},
         "Action": ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*",
                    "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource",
                    "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"],
         "Resource": "*"},
        {"Sid": "Allow use of the key", "Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::123456789012:role/Other"},
         "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
         "Resource": "*"},
    ],
}


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_help_and_version(capsys):
    for argv in (["--help"], ["generate", "--help"]):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 0
        assert "--region" in capsys.readouterr().out or argv == ["--help"]
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"kinesis-kms-wizard {__version__}"


def test_invalid_answers_exit_2_with_every_problem(capsys):
    code, out, err = run(["generate", "--region", "us-west-9", "--account", "12345", "--key", "alias/aws/s3",
                          "--stream", "x" * 129, "--stream", "arn:aws:kinesis:us-west-2:123456789012:MyStream",
                          "--producer", "a" * 65, "--consumer", "bad name", "--print", "producer"], capsys)
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert lines[0] == "kinesis-kms-wizard: the answers have 7 problems:"
    assert [line.split(" ")[2] for line in lines[1:]] == ["region", "account", "key", "stream", "stream",
                                                          "producer", "consumer"]
    assert "  account '12345': an AWS account ID is exactly 12 digits" in lines
    assert "Traceback" not in err


def test_missing_everything_exit_2(capsys, tmp_path):
    code, _out, err = run(["generate", "--out", str(tmp_path / "o")], capsys)
    assert code == 2 and "5 problems" in err
    assert not (tmp_path / "o").exists()


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["generate", "--region", "us-west-2"])  # neither --out nor --print
    assert exc.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize(("name", "first_line"), [
    ("producer", "{"), ("consumer", "{"), ("admin", "{"), ("key", "{"), ("lambda-consumer", "{"),
    ("flink-consumer", "{"), ("firehose-consumer", "{"), ("stream", "{"), ("producer-policy.json", "{"),
    ("readme", "# Kinesis stream encryption permissions for MyStream"), ("manifest", "{"),
])
def test_print_each_document(name, first_line, capsys):
    argv = ["generate", "--region", "us-west-2", "--account", "123456789012", "--key", UUID, "--stream", "MyStream",
            "--producer", "p", "--consumer", "c", "--admin", "a", "--lambda-consumer", "l", "--flink-consumer", "f",
            "--firehose-consumer", "h", "--consumer", "arn:aws:iam::444455556666:role/x", "--print", name]
    code, out, err = run(argv, capsys)
    assert code == 0, err
    assert out.splitlines()[0] == first_line
    if first_line == "{":
        assert isinstance(json.loads(out), dict)
        assert out.endswith("}\n")


def test_print_unknown_document_lists_the_names(seed_argv, capsys):
    code, out, err = run([*seed_argv, "--print", "stream"], capsys)
    assert code == 2 and out == ""
    assert "not a document of this bundle" in err and "producer, consumer, admin, key, readme, manifest" in err


def test_print_matches_the_written_file(tmp_path, seed_argv, capsys):
    assert main([*seed_argv, "--out", str(tmp_path / "b")]) == 0
    capsys.readouterr()
    for name, filename in (("key", "key-policy.json"), ("readme", "README.md"), ("manifest", "manifest.json"),
                           ("producer-policy", "producer-policy.json"), ("admin-policy.json", "admin-policy.json"),
                           ("README.md", "README.md")):
        _code, out, _err = run([*seed_argv, "--print", name], capsys)
        assert out == (tmp_path / "b" / filename).read_text()


# --- --merge-key-policy ----------------------------------------------------------------------------

@pytest.mark.parametrize("form", ["text", "json", "query-json"])
def test_merge_keeps_every_existing_statement(tmp_path, seed_argv, capsys, form):
    text = json.dumps(CONSOLE_POLICY, indent=4)  # what `--output text` prints: the policy itself
    if form == "json":
        text = json.dumps({"Policy": json.dumps(CONSOLE_POLICY), "PolicyName": "default"}, indent=4)
    elif form == "query-json":
        text = json.dumps(json.dumps(CONSOLE_POLICY))
    current = tmp_path / "current.json"
    current.write_text(text + "\n")
    code, out, err = run([*seed_argv, "--merge-key-policy", str(current), "--print", "key"], capsys)
    assert code == 0, err
    merged = json.loads(out)
    assert merged["Statement"][:3] == CONSOLE_POLICY["Statement"]  # theirs, verbatim and in place
    assert [s["Sid"] for s in merged["Statement"][3:]] == [
        "AllowKinesisProducers", "AllowKinesisConsumers", "AllowEncryptionAdminsToInspectKey",
        "AllowEncryptionAdminsViaKinesis"]
    assert merged["Id"] == "key-consolepolicy-3"
    assert "EnableIAMPolicies" not in out  # their root statement already delegates to IAM
    assert "merged with the key's current policy from" in err
    assert "  added after them: AllowKinesisProducers, AllowKinesisConsumers, AllowEncryptionAdminsToInspectKey, " \
        "AllowEncryptionAdminsViaKinesis" in err.splitlines()
    assert "replaced: none" in err and "'Enable IAM User Permissions'" in err


def test_merge_never_adds_a_root_statement_theirs_did_not_have(tmp_path, seed_argv, capsys):
    policy = {"Version": "2012-10-17", "Statement": [CONSOLE_POLICY["Statement"][1], CONSOLE_POLICY["Statement"][2]]}
    current = tmp_path / "p.json"
    current.write_text(json.dumps(policy))
    code, out, err = run([*seed_argv, "--merge-key-policy", str(current), "--print", "key"], capsys)
    assert code == 0, err
    merged = json.loads(out)
    assert merged["Statement"][:2] == policy["Statement"]
    assert not any(s["Principal"]["AWS"].endswith(":root") for s in merged["Statement"]
                   if isinstance(s["Principal"]["AWS"], str))
    assert "has no statement delegating to account 123456789012, and none was added" in err


def test_merge_refuses_a_sid_of_ours_that_says_something_else(tmp_path, seed_argv, capsys):
    theirs = {"Sid": "AllowKinesisProducers", "Effect": "Deny", "Principal": {"AWS": "*"},
              "Action": "kms:GenerateDataKey", "Resource": "*"}
    policy = {"Version": "2012-10-17", "Statement": [CONSOLE_POLICY["Statement"][0], theirs]}
    current = tmp_path / "p.json"
    current.write_text(json.dumps(policy))
    code, out, err = run([*seed_argv, "--merge-key-policy", str(current), "--out", str(tmp_path / "b")], capsys)
    assert code == 2 and out == ""
    assert "  merge-key-policy 'AllowKinesisProducers': the current key policy already has a statement with this " \
        "Sid" in err
    assert "nothing was replaced" in err
    assert not (tmp_path / "b").exists()


def test_merged_bundle_says_so(tmp_path, seed_argv, capsys):
    current = tmp_path / "p.json"
    current.write_text(json.dumps(CONSOLE_POLICY))
    out = tmp_path / "b"
    assert main([*seed_argv, "--merge-key-policy", str(current), "--out", str(out)]) == 0
    readme = (out / "README.md").read_text()
    assert "This file is the key's current policy (as given to `--merge-key-policy`)" in readme
    assert "- replaced: none. A merge never replaces or edits a statement" in readme
    assert "- kept unchanged, in their place: 3 statements of the current policy (`Enable IAM User Permissions`, " \
        "`Allow access for Key Administrators`, `Allow use of the key`)" in readme
    assert json.loads((out / "manifest.json").read_text())["key_policy_merged"] is True


@pytest.mark.parametrize(("content", "words"), [
    ("[1, 2]", "a key policy is a JSON object"),
    ('"just text"', "a key policy is a JSON object"),
    ('{"Statement": "x"}', "Statement list of objects"),
    ('{"Statement": [1]}', "Statement list of objects"),
    ('{"Statement": [{"Sid": 3}]}', "Sid"),
    ("{not json", "is not valid JSON"),
])
def test_invalid_merge_file_exit_2(tmp_path, seed_argv, capsys, content, words):
    current = tmp_path / "p.json"
    current.write_text(content)
    code, out, err = run([*seed_argv, "--merge-key-policy", str(current), "--print", "key"], capsys)
    assert code == 2 and out == "" and words in err and "Traceback" not in err and "unexpected" not in err


def test_merge_with_managed_key_is_refused(tmp_path, capsys):
    current = tmp_path / "p.json"
    current.write_text(json.dumps(CONSOLE_POLICY))
    code, _out, err = run(["generate", "--region", "us-west-2", "--account", "123456789012", "--key",
                           "alias/aws/kinesis", "--stream", "s", "--producer", "p",
                           "--merge-key-policy", str(current), "--print", "producer"], capsys)
    assert code == 2 and "cannot be changed" in err


def test_split_note_on_stderr(capsys):
    argv = ["generate", "--region", "us-west-2", "--account", "123456789012", "--key", "alias/aws/kinesis",
            "--producer", "p", "--print", "producer-2"]
    for i in range(200):
        argv += ["--stream", f"s{i:03d}" + "x" * 60]
    code, out, err = run(argv, capsys)
    assert code == 0 and json.loads(out)
    assert "split into" in err and "attach every part" in err


# --- a few real processes ----------------------------------------------------------------------------

def _cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "wizard", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=60)


@pytest.mark.external
def test_subprocess_success_and_refusal(tmp_path, seed_argv):
    out = tmp_path / "b"
    done = _cli(*seed_argv, "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "wrote 7 files" in done.stdout
    again = _cli(*seed_argv, "--out", str(out))
    assert again.returncode == 1 and "not empty" in again.stderr and "Traceback" not in again.stderr


@pytest.mark.external
def test_subprocess_invalid_and_version(tmp_path):
    bad = _cli("generate", "--region", "cn-north-1", "--account", "123456789012", "--key",
               f"arn:aws:kms:cn-north-1:123456789012:key/{UUID}", "--stream", "s", "--producer", "p",
               "--print", "producer")
    assert bad.returncode == 2
    assert "key 'arn:aws:kms:cn-north-1" in bad.stderr and "partition aws-cn" in bad.stderr
    assert "Traceback" not in bad.stderr
    version = _cli("--version")
    assert version.returncode == 0 and __version__ in version.stdout


@pytest.mark.external
def test_subprocess_console_script_help():
    exe = Path(sys.executable).with_name("kinesis-kms-wizard")  # installed beside this Python by pip
    done = subprocess.run([str(exe), "generate", "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "--merge-key-policy" in done.stdout


def test_readme_says_where_to_run_each_command_across_accounts(capsys):
    code, out, _err = run(["generate", "--region", "eu-west-1", "--account", "111122223333", "--key",
                           "arn:aws:kms:eu-west-1:999988887777:alias/shared", "--stream", "orders",
                           "--producer", "arn:aws:iam::444455556666:role/w", "--admin", "a",
                           "--print", "readme"], capsys)
    assert code == 0
    assert "# in account 999988887777 (the key's), with that account's credentials:" in out
    assert "# in account 444455556666, with that account's credentials:" in out
    assert "aws kinesis put-resource-policy --region eu-west-1" in out


def test_a_region_typo_says_which_region_was_meant(seed_argv, capsys) -> None:
    from wizard.cli import main

    argv = list(seed_argv)
    argv[argv.index("us-west-2")] = "us-wset-2"
    assert main([*argv, "--print", "producer"]) == 2
    assert "no Region matches 'us-wset-2'; did you mean us-west-2?" in capsys.readouterr().err


def test_regenerating_a_bundle_without_its_formats_names_the_export_files_removed(tmp_path, capsys) -> None:
    flags = ["--region", "us-west-2", "--account", "123456789012", "--key", "alias/aws/kinesis",
             "--stream", "events", "--producer", "app-writer"]
    out = tmp_path / "b"
    assert main(["generate", *flags, "--format", "all", "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["generate", "--answers", str(out / "manifest.json"), "--out", str(out), "--force"]) == 0
    err = capsys.readouterr().err
    terraform = len(list((tmp_path / "b").glob("terraform/*")))
    assert terraform == 0 and not (out / "cloudformation.yaml").exists()
    assert "note: removed 3 files of the old bundle that this run does not write: cloudformation.yaml, " \
           "terraform/ (2 files)" in err
    assert "run again with --format terraform --format cloudformation" in err
    assert main(["generate", *flags, "--format", "all", "--out", str(out), "--force"]) == 0
    assert "removed" not in capsys.readouterr().err
