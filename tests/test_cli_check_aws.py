"""`check --from-aws` where the aws extra is not installed: exit 2 and how to enable it (tests/aws has the rest)."""

from __future__ import annotations

import subprocess
import sys

from tests.test_import_hygiene import HIDE_BOTO3


def test_check_from_aws_without_boto3_says_how_to_enable_it(tmp_path):
    code = HIDE_BOTO3 + ("raise SystemExit(wizard.cli.main(['check', '--from-aws', '--principal', "
                         "'arn:aws:iam::123456789012:role/app', '--as', 'producer', '--stream', 'orders']))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip() == ("kinesis-kms-wizard: the AWS features need boto3, which is not installed; "
                                   "install them with: pip install 'kinesis-kms-wizard[aws]'")


def test_check_without_from_aws_still_needs_identity_policy_files(tmp_path):
    code = HIDE_BOTO3 + ("raise SystemExit(wizard.cli.main(['check', '--principal', "
                         "'arn:aws:iam::123456789012:role/app', '--as', 'producer', '--stream', "
                         "'arn:aws:kinesis:us-west-2:123456789012:stream/orders']))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 2
    assert "give the principal's identity policies: --identity-policy FILE" in done.stderr


def test_control_characters_are_refused_before_anything_is_sent_to_aws(capsys, monkeypatch):
    from wizard.aws import session
    from wizard.cli import main

    monkeypatch.setattr(session, "connect", lambda *a, **k: (_ for _ in ()).throw(AssertionError("connected")))
    code = main(["check", "--from-aws", "--principal", "arn:aws:iam::123456789012:role/x\x1b[2J", "--as", "producer",
                 "--stream", "orders\u202e"])
    err = capsys.readouterr().err
    assert code == 2
    assert "\x1b" not in err and "\u202e" not in err
    assert err.splitlines() == [
        "kinesis-kms-wizard: check cannot start: 2 problems:",
        "  principal 'arn:aws:iam::123456789012:role/x\\x1b[2J': contains ^[ at character 33, a control or bidi "
        "character; answers are plain text",
        "  stream 'orders\\u202e': contains <U+202E> at character 7, a control or bidi character; answers are "
        "plain text",
        "kinesis-kms-wizard: nothing was read from AWS"]
