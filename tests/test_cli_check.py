"""`check`: the seed page's policies and real mistakes, explained, with a fix that works; exit 0/3/2."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from check_fixtures import FIXTURES, KEY, OWNER, READS, STREAM, Fixture, allow, policy, root_only, via_kinesis

from wizard.cli import main
from wizard.core.diagnose import diagnose, with_fixes


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_fixture_verdict_and_explanation(fixture: Fixture, tmp_path, capsys):
    code, out, err = run(fixture.write(tmp_path), capsys)
    assert code == fixture.exit, out + err
    assert err == ""
    for phrase in fixture.says:
        assert phrase in flat(out), phrase
    # A line is longer than 80 columns only to hold one name that must not be cut (a path, file#Sid, ARN).
    assert all(len(line) <= 80 or _one_name(line) for line in _outside_json(out)), out


def _one_name(line: str) -> bool:
    """A line holding a single word, or a single file#Sid (whose Sid may have spaces)."""
    text = line.strip().strip("(),;:.")
    return " " not in text or bool(re.fullmatch(r"\S+#[^,]+", text))


def flat(out: str) -> str:
    """The output with its wrapping undone, to find a phrase whatever the width of the paths."""
    return " ".join(out.split())


def _outside_json(out: str) -> list[str]:
    """The report's lines but the statements to copy (JSON, which is not wrapped)."""
    lines, inside = [], False
    for line in out.splitlines():
        inside = inside or line == "{"
        if not inside:
            lines.append(line)
        inside = inside and line != "}"
    return lines


@pytest.mark.parametrize("fixture", [f for f in FIXTURES if f.exit == 3], ids=lambda f: f.name)
def test_the_proposed_fix_lets_the_role_do_its_job(fixture: Fixture):
    report = diagnose(fixture.inputs())
    assert not report.ok
    if not fixture.fixable:
        assert not report.fixes
        return
    assert report.fixes
    assert diagnose(with_fixes(fixture.inputs(), report.fixes)).ok


def test_seed_producer_fix_is_the_tool_s_own_statement(tmp_path, capsys):
    seed = next(f for f in FIXTURES if f.name == "seed-producer")
    _, out, _ = run(seed.write(tmp_path), capsys)
    assert "The smallest fix: add to an identity policy of" in out
    assert '"Sid": "WriteStreams"' in out
    assert '"Resource": "arn:aws:kinesis:us-west-2:123456789012:stream/MyStream"' in out
    assert "cannot do its job: of 3 needed operations, 2 denied." in flat(out)
    # Its KMS statement is not limited to Kinesis: check says so.
    assert "Allowed beyond its job (narrow these):\n  allowed  GenerateDataKey, another stream" in out


def test_fix_applied_through_the_files_gives_exit_0(tmp_path, capsys):
    seed = next(f for f in FIXTURES if f.name == "seed-consumer")
    argv = seed.write(tmp_path)
    code, out, _ = run([*argv, "--json"], capsys)
    assert code == 3
    rows = json.loads(out)
    fixes = [f for r in rows if r["need"] == "required" for f in r.get("fix", [])]
    assert {f["document"] for f in fixes} == {"identity"}
    statements = [s for f in fixes for s in f["statements"]]
    assert [s["Action"] for s in statements] == [["kinesis:GetRecords"], ["kinesis:GetShardIterator"]]
    (tmp_path / "fix.json").write_text(json.dumps({"Version": "2012-10-17", "Statement": statements}))
    code, out, _ = run([*argv, "--identity-policy", str(tmp_path / "fix.json")], capsys)
    assert code == 0, out
    assert "can do its job: all 3 needed operations are allowed." in flat(out)


def test_json_rows(tmp_path, capsys):
    fixture = next(f for f in FIXTURES if f.name == "cross-account-key-policy-lacks-role")
    code, out, _ = run([*fixture.write(tmp_path), "--json"], capsys)
    rows = json.loads(out)
    assert code == 3
    for row in rows:
        assert {"principal", "action", "resource", "context", "decision", "because", "need"} <= set(row)
    decrypt = next(r for r in rows if r["operation"] == "Decrypt via Kinesis")
    assert decrypt["need"] == "required" and decrypt["decision"] == "denied"
    assert decrypt["context"]["kms:EncryptionContext:aws:kinesis:arn"] == STREAM
    assert decrypt["fix"][0]["document"] == "key"
    assert decrypt["fix"][0]["statements"][0]["Principal"] == {"AWS": "arn:aws:iam::444455556666:role/reader"}
    assert any("neither arn:aws:iam::444455556666:role/reader nor its account" in r for r in decrypt["reasons"])
    assert {r["need"] for r in rows} == {"required", "advised", "beyond"}
    assert {r["who"] for r in rows} == {"reader"}  # the principal's name, as the text report shows it
    assert "resources" not in decrypt  # one request: the key's ARN is known


def test_managed_key_across_accounts_says_use_a_customer_managed_key(tmp_path, capsys):
    fixture = next(f for f in FIXTURES if f.name == "managed-key-cross-account")
    _, out, _ = run(fixture.write(tmp_path), capsys)
    assert "key policy: the AWS managed key's" in out
    assert "Note: the AWS managed key aws/kinesis cannot serve another account" in flat(out)
    assert "The smallest fix" not in out


def test_without_the_key_policy_kms_is_unknown_and_exit_3(tmp_path, capsys):
    fixture = next(f for f in FIXTURES if f.name == "good-consumer")
    argv = fixture.write(tmp_path)
    at = argv.index("--key-policy")
    code, out, _ = run(argv[:at] + argv[at + 2:], capsys)
    assert code == 3
    assert "  unknown  Decrypt via Kinesis\n           the key policy was not given" in out
    assert "cannot be confirmed" in out


@pytest.mark.parametrize(("change", "words"), [
    ({"--stream": "arn:aws:kinesis:us-west-2:111122223333:orders"}, "without 'stream/' it matches no stream"),
    ({"--stream": "orders"}, "give the stream's ARN"),
    ({"--stream": "arn:aws:kinesis:mars-1:111122223333:stream/orders"}, "is not a Region of partition"),
    ({"--principal": "reader"}, "give the role's or user's ARN"),
    ({"--principal": "arn:aws:iam::111122223333:group/readers"}, "principal 'arn:aws:iam::111122223333:group"),
    ({"--key": "alias/aws/s3"}, "alias/aws/kinesis"),
    ({"--service": "lambda", "--as": "producer"}, "use --as consumer"),
])
def test_bad_input_exit_2_names_flag_value_rule(tmp_path, capsys, change, words):
    fixture = next(f for f in FIXTURES if f.name == "good-consumer")
    argv = fixture.write(tmp_path)
    for flag, value in change.items():
        if flag in argv:
            argv[argv.index(flag) + 1] = value
        else:
            argv += [flag, value]
    code, out, err = run(argv, capsys)
    assert code == 2 and out == "" and words in err and "Traceback" not in err


@pytest.mark.parametrize(("content", "words"), [
    (b"{", "not valid JSON"),
    (b"\xff", "not UTF-8 text"),
    (b" " * (1 << 20) + b"{}", "larger than 1,048,576 bytes"),
    # Bounded like every other input: no RecursionError traceback, no 40-deep policy taken.
    (b"[" * 100_000 + b"]" * 100_000, "nests lists or objects more than 32 levels deep"),
    (b'{"Statement": ' + b"[" * 40 + b"]" * 40 + b"}", "nests lists or objects more than 32 levels deep"),
    (b'{"Version": 1' + b"0" * 200 + b"}", "a number of 201 digits"),
])
def test_bad_policy_files_exit_2(tmp_path, capsys, content, words):
    (tmp_path / "p.json").write_bytes(content)
    code, _, err = run(["check", "--principal", f"arn:aws:iam::{OWNER}:role/r", "--as", "consumer", "--stream",
                        STREAM, "--identity-policy", str(tmp_path / "p.json")], capsys)
    assert code == 2 and f"identity policy {tmp_path / 'p.json'}: {words}" in err


def test_missing_identity_policy_and_unreadable_file(tmp_path, capsys):
    base = ["check", "--principal", f"arn:aws:iam::{OWNER}:role/r", "--as", "consumer", "--stream", STREAM]
    code, _, err = run(base, capsys)
    assert code == 2 and "--identity-policy FILE" in err
    code, _, err = run([*base, "--identity-policy", str(tmp_path / "missing.json")], capsys)
    assert code == 2 and "cannot read it" in err
    code, _, err = run([*base, *(["--identity-policy", "x"] * 31)], capsys)
    assert code == 2 and "31 files" in err


def test_an_unknown_condition_is_never_called_allowed(tmp_path, capsys):
    fixture = next(f for f in FIXTURES if f.name == "unmodelled-condition")
    code, out, _ = run(fixture.write(tmp_path), capsys)
    assert code == 3
    assert "  unknown  PutRecord\n" in out and "the operator IpAddress is not modelled" in flat(out)
    assert "The smallest fix" not in out


def test_hostile_sids_in_a_users_file_are_shown_visibly(tmp_path, capsys):
    fixture = next(f for f in FIXTURES if f.name == "good-consumer")
    argv = fixture.write(tmp_path)
    path = tmp_path / "consumer-policy.json"
    body = json.loads(path.read_text())
    body["Statement"][0]["Sid"] = "Read\x1b[31m\u202e"
    path.write_text(json.dumps(body))
    code, out, _ = run(argv, capsys)
    assert code == 0 and "\x1b" not in out and "\u202e" not in out and "#Read^[[31m<U+202E>" in out


@pytest.mark.external
def test_subprocess_exit_codes(tmp_path):
    good = next(f for f in FIXTURES if f.name == "good-consumer").write(tmp_path / "good")
    bad = next(f for f in FIXTURES if f.name == "seed-consumer").write(tmp_path / "bad")
    for argv, code in ((good, 0), (bad, 3), (["check", "--as", "nobody"], 2)):
        done = subprocess.run([sys.executable, "-m", "wizard", *argv], capture_output=True, text=True, timeout=60)
        assert done.returncode == code, done.stderr
        assert "Traceback" not in done.stderr


def test_missing_required_flags_are_named_exit_2(capsys):
    code, out, err = run(["check", "--identity-policy", "x.json"], capsys)
    assert code == 2 and out == ""
    assert "check needs --principal, --as, --stream" in err


def test_every_input_problem_is_reported_at_once_each_with_field_value_and_rule(tmp_path, capsys):
    """A bad stream does not hide a bad principal, key or file: one run names them all (exit 2)."""
    (tmp_path / "key-policy.json").write_text("{")
    code, out, err = run(["check", "--principal", "orders", "--as", "consumer", "--stream", "orders",
                          "--key", "alias/aws/s3", "--identity-policy", str(tmp_path / "missing.json"),
                          "--key-policy", str(tmp_path / "key-policy.json")], capsys)
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert lines[0] == "kinesis-kms-wizard: check cannot start: 5 problems:"
    assert lines[1].startswith("  principal 'orders': give the role's or user's ARN: arn:PARTITION:iam::ACCOUNT:role/")
    assert lines[2] == ("  stream 'orders': give the stream's ARN: arn:PARTITION:kinesis:REGION:ACCOUNT:"
                        "stream/NAME")
    assert lines[3].startswith("  key 'alias/aws/s3': aliases beginning alias/aws/ belong to AWS managed keys")
    assert lines[4].startswith(f"  identity policy {tmp_path / 'missing.json'}: cannot read it")
    assert lines[5].startswith(f"  key policy {tmp_path / 'key-policy.json'}: not valid JSON")


def test_a_principal_is_checked_on_its_own_when_the_stream_is_bad(capsys):
    code, _, err = run(["check", "--principal", "arn:aws:iam::12345:role/x", "--as", "consumer",
                        "--stream", "arn:aws:kinesis:us-west-2:123456789012:MyStream"], capsys)
    assert code == 2
    assert "stream 'arn:aws:kinesis:us-west-2:123456789012:MyStream': a stream ARN has the form" in err
    assert "principal 'arn:aws:iam::12345:role/x': names account '12345'; an AWS account ID is exactly 12 digits" in err
    assert "check needs" not in err and "give the principal's identity policies" in err


def test_citations_are_never_cut_even_from_a_deep_folder_or_with_spaces_in_a_sid(tmp_path, capsys):
    """Each file#Sid stands whole on its line (one a line when they do not fit beside the operation)."""
    folder = tmp_path / "policies of the orders team" / ("x" * 40)
    folder.mkdir(parents=True)
    identity = folder / "consumer-cross-account-policy.json"
    identity.write_text(json.dumps(policy(
        allow(READS, STREAM, sid="Read Streams Of The Orders Application"),
        allow("kms:Decrypt", KEY, via_kinesis(STREAM), sid="DecryptViaKinesis"))))
    key = folder / "key-policy.json"
    key.write_text(json.dumps(root_only(OWNER)))
    code, out, _ = run(["check", "--principal", f"arn:aws:iam::{OWNER}:user/auditor", "--as", "consumer",
                        "--stream", STREAM, "--key", KEY, "--identity-policy", str(identity),
                        "--key-policy", str(key)], capsys)
    assert code == 0, out
    lines = [line.strip() for line in out.splitlines()]
    assert f"{identity}#Read Streams Of The Orders Application" in lines
    assert f"{identity}#DecryptViaKinesis" in lines
    assert f"{key}#Enable IAM User Permissions" in lines
    # the sources line breaks between names, never inside one
    assert any(line.endswith(str(identity)) for line in lines[:8]), out


def test_the_managed_key_s_grants_are_not_offered_for_narrowing_and_are_explained_once(tmp_path, capsys):
    """Its key policy cannot be edited: what it allows beyond the job is listed apart, with one note."""
    identity = tmp_path / "producer.json"
    identity.write_text(json.dumps(policy(allow(["kinesis:PutRecord", "kinesis:PutRecords"], STREAM,
                                                sid="WriteStreams"))))
    argv = ["check", "--principal", f"arn:aws:iam::{OWNER}:role/writer", "--as", "producer", "--stream", STREAM,
            "--key", "alias/aws/kinesis", "--identity-policy", str(identity)]
    code, out, _ = run(argv, capsys)
    assert code == 0, out
    assert "narrow these" not in out
    assert "Also allowed beyond its job, by the AWS managed key:\n  allowed  Decrypt via Kinesis\n" \
           "  allowed  GenerateDataKey, another stream\n  allowed  Decrypt, another stream\n" in out
    text = flat(out)
    assert text.count("cannot be edited") == 1
    assert (f"it lets every principal of account {OWNER} that has IAM permission to use Kinesis use the key "
            "through Kinesis") in text
    assert "Only the principal's identity policy narrows this" in text
    _, out, _ = run([*argv, "--json"], capsys)
    beyond = [r for r in json.loads(out) if r["need"] == "beyond" and r["decision"] == "allowed"]
    assert {r["operation"] for r in beyond} == {"Decrypt via Kinesis", "GenerateDataKey, another stream",
                                                "Decrypt, another stream"}
    assert all("cannot be edited" in r["advice"][0] for r in beyond)


def test_a_customer_managed_key_s_extra_grants_are_still_to_narrow(tmp_path, capsys):
    seed = next(f for f in FIXTURES if f.name == "seed-producer")
    _, out, _ = run(seed.write(tmp_path), capsys)
    assert "Allowed beyond its job (narrow these):" in out and "by the AWS managed key" not in out


def _shared_bundle(tmp_path, capsys, *flags):
    folder = tmp_path / "shared"
    assert main(["generate", "--region", "us-west-2", "--account", OWNER, "--key", KEY, "--stream", "orders",
                 *flags, "--out", str(folder)]) == 0
    capsys.readouterr()
    return folder


def test_actions_another_account_cannot_be_given_are_said_to_be_so_once_with_no_fix(tmp_path, capsys):
    """DescribeStream and RegisterStreamConsumer denied to a reader of another account: not shareable, say why."""
    reader = "arn:aws:iam::444455556666:user/auditor"
    b = _shared_bundle(tmp_path, capsys, "--consumer", reader)
    argv = ["check", "--principal", reader, "--as", "consumer", "--stream", STREAM, "--key", KEY,
            "--identity-policy", str(b / "consumer-cross-account-policy.json"),
            "--key-policy", str(b / "key-policy.json"), "--stream-policy", str(b / "stream-resource-policy.json"),
            "--consumer-policy", str(b / "consumer-resource-policy.json")]
    code, out, _ = run(argv, capsys)
    assert code == 0, out
    assert "  denied   DescribeStream  (cannot be shared across accounts)\n" in out
    assert "  denied   RegisterStreamConsumer  (cannot be shared across accounts)\n" in out
    text = flat(out)
    assert text.count("cannot be shared with another account") == 1
    assert ("Note: DescribeStream and RegisterStreamConsumer cannot be shared with another account: a stream's or "
            "a consumer's resource policy gives another account only the actions in Kinesis's table of shareable "
            "actions (https://docs.aws.amazon.com/streams/latest/dev/controlling-access.html#sharing-data-streams)"
            ) in text
    assert "the stream's owner registers an enhanced fan-out consumer for it" in text
    _, out, _ = run([*argv, "--json"], capsys)
    rows = {r["operation"]: r for r in json.loads(out)}
    assert "fix" not in rows["RegisterStreamConsumer"] and "fix" not in rows["DescribeStream"]
    assert "cannot be shared with another account" in rows["DescribeStream"]["advice"][0]


def test_a_service_reader_of_another_account_does_its_job_without_what_cannot_be_shared(tmp_path, capsys):
    """The bundle's own cross-account Flink policy leaves out DescribeStream; check no longer calls that a failure."""
    reader = "arn:aws:iam::444455556666:role/analytics"
    b = _shared_bundle(tmp_path, capsys, "--flink-consumer", reader, "--no-fan-out")
    code, out, _ = run(["check", "--principal", reader, "--as", "consumer", "--service", "flink",
                        "--stream", STREAM, "--key", KEY,
                        "--identity-policy", str(b / "flink-consumer-cross-account-policy.json"),
                        "--key-policy", str(b / "key-policy.json"),
                        "--stream-policy", str(b / "stream-resource-policy.json")], capsys)
    assert code == 0, out
    advised = out.split("Advised")[1]
    assert "  denied   DescribeStream  (cannot be shared across accounts)" in advised
    assert "can do its job" in flat(out)
