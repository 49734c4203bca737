"""Bundles written by the command, byte for byte against tests/golden/<scenario>/: the seed page's scenario, and
scenarios that reach every README section (several streams shared with other accounts, fan-out consumers registered
for them, a key given by alias, a merge into a key's current policy, the AWS managed key).

Regenerate after a deliberate change with UPDATE_GOLDEN=1, then read the diff line by line.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from wizard.cli import main

GOLDEN = Path(__file__).resolve().parent / "golden" / "seed"
OTHER = "210987654321"
CONSOLE_POLICY = {
    "Version": "2012-10-17", "Id": "key-consolepolicy-3", "Statement": [
        {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "kms:*", "Resource": "*"},
        {"Sid": "Allow access for Key Administrators", "Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::123456789012:role/KeyAdmin"},
         "Action": ["kms:Create*", "kms:Describe*", "kms:Put*", "kms:Get*"], "Resource": "*"},
    ]}
SCENARIOS = {
    # two streams, a key by alias, readers and writers in another account, fan-out consumers registered for them
    "shared-alias": [
        "generate", "--region", "eu-west-1", "--account", "123456789012", "--key", "alias/orders-key",
        "--stream", "orders", "--stream", "payments", "--producer", "orders-producer",
        "--producer", f"arn:aws:iam::{OTHER}:role/partner-writer", "--consumer", "orders-consumer",
        "--consumer", f"arn:aws:iam::{OTHER}:role/partner-reader", "--consumer-name",
        f"arn:aws:iam::{OTHER}:role/partner-reader=partner-efo",
        "--lambda-consumer", f"arn:aws:iam::{OTHER}:role/partner-lambda",
        "--flink-consumer", "analytics", "--admin", "stream-encryption-admin"],
    # one stream shared with one reader in another account: one consumer policy, no suffixes
    "shared-one-reader": [
        "generate", "--region", "us-east-1", "--account", "123456789012",
        "--key", "arn:aws:kms:us-east-1:123456789012:alias/orders-key", "--stream", "orders",
        "--flink-consumer", f"arn:aws:iam::{OTHER}:role/partner-flink", "--firehose-consumer", "delivery"],
    # the seed's answers merged into a key's current policy
    "merged": ["--merge-key-policy", "{current}"],
    # the AWS managed key: no key policy, no admin key statements
    "managed": [
        "generate", "--region", "cn-north-1", "--account", "123456789012", "--key", "alias/aws/kinesis",
        "--stream", "logs", "--producer", "writer", "--lambda-consumer", "reader", "--no-fan-out",
        "--admin", "admin"],
}


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_seed_bundle_matches_golden(tmp_path, seed_argv, capsys):
    out = tmp_path / "bundle"
    assert main([*seed_argv, "--out", str(out)]) == 0
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(out, GOLDEN)
    assert _tree(out) == _tree(GOLDEN)
    assert sorted(_tree(GOLDEN)) == ["ACCESS.md", "README.md", "admin-policy.json", "consumer-policy.json",
                                     "key-policy.json", "manifest.json", "producer-policy.json"]


def test_same_answers_give_byte_identical_bundles_anywhere(tmp_path, seed_argv, capsys):
    first, second = tmp_path / "a", tmp_path / "deeper" / "b"
    assert main([*seed_argv, "--out", str(first)]) == 0
    os.chdir(tmp_path)
    assert main([*seed_argv, "--out", "deeper/b"]) == 0
    assert _tree(first) == _tree(second)
    for name, data in _tree(first).items():
        assert str(tmp_path).encode() not in data, name
        assert data.endswith(b"\n") and not data.endswith(b"\n\n"), name


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_scenario_bundle_matches_golden(tmp_path, seed_argv, capsys, scenario):
    current = tmp_path / "current-key-policy.json"
    current.write_text(json.dumps(CONSOLE_POLICY))
    argv = [a.replace("{current}", str(current)) for a in SCENARIOS[scenario]]
    if scenario == "merged":
        argv = [*seed_argv, *argv]
    out = tmp_path / "bundle"
    assert main([*argv, "--out", str(out)]) == 0
    golden = GOLDEN.parent / scenario
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(golden, ignore_errors=True)
        shutil.copytree(out, golden)
    assert _tree(out) == _tree(golden)
