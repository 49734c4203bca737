"""`generate --from-aws` against a local AWS API server: what it fills in, merges, warns about and refuses."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from tests.aws.conftest import ACCOUNT, REGION, World

ADMINS = {"Sid": "KeyAdmins", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:role/admin"},
          "Action": ["kms:Describe*", "kms:Put*"], "Resource": "*"}


def _manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def test_from_aws_fills_account_region_key_and_role_path_and_merges_the_key_policy(world: World):
    key_arn = world.orders(key_statements=[ADMINS])
    out = world.home / "bundle"
    done = world.cli("generate", "--from-aws", "--profile", "dev", "--stream", "orders",
                     "--producer", "app-writer", "--out", str(out))
    assert done.returncode == 0, done.stderr
    answers = _manifest(out)["answers"]
    assert answers["account"] == ACCOUNT and answers["region"] == REGION  # from the caller and the profile
    assert answers["key"] == key_arn  # the stream's alias/orders, resolved with DescribeKey
    assert answers["principals"][0]["principal"] == f"arn:aws:iam::{ACCOUNT}:role/svc/app-writer"
    assert f"stream orders is encrypted with key {key_arn} (alias/orders)" in done.stderr
    assert "merged with the key's current policy from AWS (kms:GetKeyPolicy):" in done.stderr
    assert "role app-writer is arn:aws:iam::123456789012:role/svc/app-writer; using that ARN" in done.stderr
    policy = json.loads((out / "key-policy.json").read_text(encoding="utf-8"))
    sids = [s.get("Sid") for s in policy["Statement"]]
    assert sids[:2] == ["Enable IAM User Permissions", "KeyAdmins"]  # the key's own statements, kept first
    assert "AllowKinesisProducers" in sids
    assert _manifest(out)["key_policy_merged"] is True
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert ("This file is the key's current policy (fetched from the key with `kms:GetKeyPolicy` by `--from-aws`) "
            "with this bundle's statements added.") in readme
    assert "as given to `--merge-key-policy`" not in readme


def test_from_aws_same_as_merge_key_policy_with_the_fetched_policy(world: World):
    key_arn = world.orders(key_statements=[ADMINS])
    current = world.home / "current.json"
    current.write_text(json.dumps(world.key_policy(key_arn)), encoding="utf-8")
    fetched = world.cli("generate", "--from-aws", "--stream", "orders", "--producer", "app-writer",
                        "--print", "key")
    by_hand = world.cli("generate", "--region", REGION, "--account", ACCOUNT, "--key", key_arn, "--stream", "orders",
                        "--producer", f"arn:aws:iam::{ACCOUNT}:role/svc/app-writer",
                        "--merge-key-policy", str(current), "--print", "key")
    assert fetched.returncode == by_hand.returncode == 0, fetched.stderr + by_hand.stderr
    assert fetched.stdout == by_hand.stdout


def test_from_aws_warns_about_a_principal_that_does_not_exist(world: World):
    world.orders()
    done = world.cli("generate", "--from-aws", "--stream", "orders", "--producer", "ghost", "--print", "producer")
    assert done.returncode == 0, done.stderr
    assert ("warning: role ghost does not exist in account 123456789012 (arn:aws:iam::123456789012:role/ghost); "
            "KMS refuses a key policy that names a principal that does not exist") in done.stderr


def test_from_aws_notes_principals_of_other_accounts_it_cannot_check(world: World):
    world.orders()
    done = world.cli("generate", "--from-aws", "--stream", "orders",
                     "--consumer", "arn:aws:iam::444455556666:role/reader", "--print", "stream")
    assert done.returncode == 0, done.stderr
    assert "principals in account 444455556666 were not checked" in done.stderr


def test_from_aws_says_a_stream_is_not_encrypted(world: World):
    key_arn = world.orders()
    world.client("kinesis").create_stream(StreamName="plain", ShardCount=1)
    done = world.cli("generate", "--from-aws", "--stream", "plain", "--key", key_arn, "--producer", "app-writer",
                     "--print", "producer")
    assert done.returncode == 0, done.stderr
    assert "warning: stream plain is not encrypted (EncryptionType NONE)" in done.stderr


def test_from_aws_with_the_managed_key_merges_nothing(world: World):
    world.orders()
    kinesis = world.client("kinesis")
    kinesis.create_stream(StreamName="managed", ShardCount=1)
    kinesis.start_stream_encryption(StreamName="managed", EncryptionType="KMS", KeyId="alias/aws/kinesis")
    out = world.home / "managed"
    done = world.cli("generate", "--from-aws", "--stream", "managed", "--producer", "app-writer", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "stream managed uses the AWS managed key aws/kinesis" in done.stderr
    assert _manifest(out)["answers"]["key"] == "alias/aws/kinesis"
    assert not (out / "key-policy.json").exists()


def test_from_aws_refuses_streams_with_different_keys(world: World):
    world.orders()
    kms, kinesis = world.client("kms"), world.client("kinesis")
    other = kms.create_key()["KeyMetadata"]["Arn"]
    kinesis.create_stream(StreamName="payments", ShardCount=1)
    kinesis.start_stream_encryption(StreamName="payments", EncryptionType="KMS", KeyId=other)
    done = world.cli("generate", "--from-aws", "--stream", "orders", "--stream", "payments",
                     "--producer", "app-writer", "--print", "producer")
    assert done.returncode == 1
    assert "the streams use different KMS keys" in done.stderr and "generate one bundle per key" in done.stderr


def test_from_aws_missing_stream_names_the_call_account_and_region(world: World):
    world.orders()
    done = world.cli("generate", "--from-aws", "--stream", "nope", "--producer", "app-writer", "--out",
                     str(world.home / "b"))
    assert done.returncode == 1
    assert done.stderr.strip() == ("kinesis-kms-wizard: kinesis:DescribeStreamSummary found no stream 'nope' in "
                                   "account 123456789012, Region us-west-2: check the name and the Region")
    assert not (world.home / "b").exists()


def test_from_aws_access_denied_names_the_call_and_the_permission(world: World):
    world.orders()
    iam = world.client("iam")
    iam.create_user(UserName="limited")
    iam.put_user_policy(UserName="limited", PolicyName="read-streams", PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["sts:GetCallerIdentity", "kinesis:DescribeStreamSummary"],
                       "Resource": "*"}]}))
    key = iam.create_access_key(UserName="limited")["AccessKey"]
    with world.iam_enforced():
        done = world.cli("generate", "--from-aws", "--stream", "orders", "--producer", "app-writer",
                         "--print", "key", credentials=key)
    assert done.returncode == 1
    assert done.stderr.strip() == ("kinesis-kms-wizard: kms:DescribeKey was denied on key 'alias/orders': the "
                                   "credentials need the kms:DescribeKey permission there")


def test_from_aws_without_credentials_says_how_to_give_them(world: World):
    done = world.cli("generate", "--from-aws", "--stream", "orders", "--producer", "app-writer", "--print", "key",
                     credentials=None)
    assert done.returncode == 1
    assert "sts:GetCallerIdentity found no AWS credentials: give --profile" in done.stderr
    assert "Traceback" not in done.stderr


def test_from_aws_unreachable_endpoint_says_check_region_and_network(world: World):
    # A loopback port held, bound but not listening, for the whole run: connecting is refused, and no other
    # process on the machine can take the port meanwhile.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        env = world.env_for({"AccessKeyId": "testing", "SecretAccessKey": "testing"})
        env["AWS_ENDPOINT_URL"] = f"http://127.0.0.1:{port}"
        done = world.cli("generate", "--from-aws", "--stream", "orders", "--producer", "app-writer", "--print",
                         "key", env=env)
    assert done.returncode == 1
    assert ("sts:GetCallerIdentity could not reach sts in Region us-west-2: check the Region and the "
            "network") in done.stderr


def test_from_aws_without_a_region_says_where_to_set_one(world: World):
    (world.home / "aws-config").write_text("[default]\n", encoding="utf-8")
    done = world.cli("generate", "--from-aws", "--stream", "orders", "--producer", "app-writer", "--print", "key")
    assert done.returncode == 1
    assert "no AWS Region: give --region" in done.stderr


@pytest.mark.parametrize("order", ["after the command", "before the command"])
def test_from_aws_unknown_profile(world: World, order: str):
    args = ["generate", "--from-aws", "--stream", "orders", "--producer", "a", "--print", "key"]
    args = [*args, "--profile", "nope"] if order == "after the command" else ["--profile", "nope", *args]
    done = world.cli(*args)
    assert done.returncode == 1
    assert "the AWS profile 'nope' is not in your AWS config files" in done.stderr


def test_the_profile_given_before_the_command_is_the_one_used(world: World):
    """`kinesis-kms-wizard --profile dev generate ...` reads with profile dev, not the environment's keys."""
    world.orders()
    env = world.env_for(None)  # no keys in the environment: only profile dev has them
    done = world.cli("--profile", "dev", "generate", "--from-aws", "--stream", "orders", "--producer", "app-writer",
                     "--print", "manifest", env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["answers"]["account"] == ACCOUNT


def test_from_aws_and_merge_key_policy_together_is_a_usage_error(world: World):
    (world.home / "p.json").write_text("{}", encoding="utf-8")
    done = world.cli("generate", "--from-aws", "--merge-key-policy", "p.json", "--stream", "orders",
                     "--producer", "a", "--print", "key")
    assert done.returncode == 2
    assert "--from-aws fetches the key's current policy itself; leave out --merge-key-policy" in done.stderr
