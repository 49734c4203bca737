"""`explain` and `check` on a key given only by alias: a policy naming one exact key of the alias's account may
name the very key the alias points to, so the answer is unknown and says the key's id is not known; a policy naming
every key of the account allows; one naming a key of another account denies (an alias names a key of its own account
and Region: https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdateAlias.html)."""

from __future__ import annotations

import json

import pytest

from wizard.cli import main

ACCT = "123456789012"
KEYS = f"arn:aws:kms:eu-west-1:{ACCT}:key"
KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab"
STREAM = f"arn:aws:kinesis:eu-west-1:{ACCT}:stream/orders"
NOT_KNOWN = f"may or may not match {KEYS}/<the key of alias/orders>: its id is not known (only its alias is), and " \
    f"it may be any key of account {ACCT} in eu-west-1"
NONE_THERE = f"does not match {KEYS}/<the key of alias/orders>: its id is not known (only its alias is), but an " \
    f"alias names a key of account {ACCT} in eu-west-1"
ALIASES = {"ForAnyValue:StringEquals": {"kms:ResourceAliases": "alias/orders"}}
CASES = [
    (f"{KEYS}/{KEY_ID}", None, "unknown", NOT_KNOWN),
    (f"{KEYS}/*", None, "allowed", None),
    (f"arn:aws:kms:eu-west-1:210987654321:key/{KEY_ID}", None, "denied", NONE_THERE),
    (f"{KEYS}/*", ALIASES, "allowed", None),
    ([f"{KEYS}/0*", f"{KEYS}/mrk-*"], None, "unknown", NOT_KNOWN),  # key 1234abcd-... is named by neither
    ([f"{KEYS}/{c}*" for c in "0123456789abcdef"] + [f"{KEYS}/mrk-*"], None, "allowed", None),  # every key
]


def flat(out: str) -> str:
    return " ".join(out.split())


def _generate_data_key(resource, condition):
    statement = {"Sid": "UseTheKey", "Effect": "Allow", "Action": "kms:GenerateDataKey", "Resource": resource,
                 "Condition": {"StringEquals": {"kms:ViaService": "kinesis.eu-west-1.amazonaws.com"}}}
    statement["Condition"].update(condition or {})
    return statement


@pytest.mark.parametrize(("resource", "condition", "decision", "why"), CASES)
def test_explain_a_bundle_whose_key_is_an_alias(resource, condition, decision, why, tmp_path, capsys):
    """A writer in another account: its identity policy (edited here) decides whether it may use the key."""
    folder = tmp_path / "b"
    assert main(["generate", "--region", "eu-west-1", "--account", ACCT, "--key", "alias/orders", "--stream", "orders",
                 "--producer", "arn:aws:iam::444455556666:role/writer", "--out", str(folder)]) == 0
    policy = json.loads((folder / "producer-policy.json").read_text())
    policy["Statement"] = [s for s in policy["Statement"] if s["Sid"] == "WriteStreams"]
    policy["Statement"].append(_generate_data_key(resource, condition))
    (folder / "producer-policy.json").write_text(json.dumps(policy))
    capsys.readouterr()
    assert main(["explain", str(folder)]) == 0
    out = capsys.readouterr().out
    writer = out.split("\n\n")[0]
    assert f"  {decision:<8} GenerateDataKey via Kinesis" in writer
    if decision == "unknown":
        assert NOT_KNOWN in flat(writer)
    assert main(["explain", str(folder), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    row = next(r for r in rows if r["principal"].endswith("role/writer")
               and r["operation"] == "GenerateDataKey via Kinesis")
    assert row["decision"] == decision


@pytest.mark.parametrize(("resource", "condition", "decision", "why"), CASES)
def test_check_a_principal_whose_stream_key_is_an_alias(resource, condition, decision, why, tmp_path, capsys):
    """The key policy leaves the decision to IAM (the account's root), so the identity policy decides."""
    identity, key_policy = tmp_path / "identity.json", tmp_path / "key.json"
    identity.write_text(json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "Write", "Effect": "Allow", "Action": ["kinesis:PutRecord", "kinesis:PutRecords"], "Resource": STREAM},
        _generate_data_key(resource, condition)]}))
    key_policy.write_text(json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCT}:root"}, "Action": "kms:*",
         "Resource": "*"}]}))
    code = main(["check", "--principal", f"arn:aws:iam::{ACCT}:role/writer", "--as", "producer", "--stream", STREAM,
                 "--key", "alias/orders", "--identity-policy", str(identity), "--key-policy", str(key_policy)])
    out = flat(capsys.readouterr().out)
    assert code == (0 if decision == "allowed" else 3)
    assert f"{decision} GenerateDataKey via Kinesis" in out
    if why:
        assert why in out
    else:
        assert "its id is not known" not in out
