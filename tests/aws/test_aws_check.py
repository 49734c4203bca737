"""`check --from-aws` against a local AWS API server: the policies read from the account, not files.

Each test lays out the account with boto3, often by running the real `generate --from-aws` and
`apply`, then runs `check --from-aws` through the installed CLI as a user would.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.aws.conftest import ACCOUNT, OTHER, REGION, World

WRITER = f"arn:aws:iam::{ACCOUNT}:role/svc/app-writer"
READER = f"arn:aws:iam::{ACCOUNT}:role/orders-reader"
STREAM = f"arn:aws:kinesis:{REGION}:{ACCOUNT}:stream/orders"
ADMINS = {"Sid": "KeyAdmins", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:role/admin"},
          "Action": "kms:*", "Resource": "*"}


def _applied(world: World, *principal: str) -> Path:
    """A bundle for the orders stream made from the account and applied to it."""
    out = world.home / "bundle"
    done = world.cli("generate", "--from-aws", "--stream", "orders", *principal, "--out", str(out))
    assert done.returncode == 0, done.stderr
    done = world.cli("apply", str(out), "--yes")
    assert done.returncode == 0, done.stderr
    return out


def _check(world: World, principal: str, role: str, *extra: str, **kwargs) -> object:
    return world.cli("check", "--from-aws", "--principal", principal, "--as", role, "--stream", "orders", *extra,
                     **kwargs)


def test_a_producer_with_the_applied_bundle_can_do_its_job(world: World):
    key_arn = world.orders()
    _applied(world, "--producer", "app-writer")
    done = _check(world, WRITER, "producer")
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{WRITER} can do its job: all 3 needed operations are allowed." in " ".join(done.stdout.split())
    assert f"key: {key_arn}" in done.stdout  # the stream's key, found with DescribeStreamSummary and DescribeKey
    policies = " ".join(done.stdout.split())
    assert ("policies: policy/kinesis-orders-producer (identity), key-policy (key policy), no stream policy (none "
            "assumed)") in policies
    assert "  allowed  PutRecords  policy/kinesis-orders-producer#WriteStreams\n" in done.stdout
    assert "key-policy#AllowKinesisProducers" in policies
    assert done.stderr.splitlines() == [
        f"kinesis-kms-wizard: read from account {ACCOUNT} in Region {REGION} as arn:aws:sts::{ACCOUNT}:user/moto:",
        f"  identity policies of {WRITER}: policy/kinesis-orders-producer",
        f"  key-policy: the policy of key {key_arn}",
        "  stream-policy: none (the stream has no resource policy)"]


def _key_without_delegation(world: World) -> str:
    """Stream orders encrypted with a key whose policy names its principals (no account-wide kms:* statement),
    and roles admin and orders-reader. Returns the key ARN."""
    iam = world.client("iam")
    for name in ("admin", "orders-reader"):
        iam.create_role(RoleName=name, AssumeRolePolicyDocument="{}")
    kms = world.client("kms")
    key_arn = kms.create_key(Policy=json.dumps({"Version": "2012-10-17", "Statement": [ADMINS]}))["KeyMetadata"]["Arn"]
    kms.create_alias(AliasName="alias/orders", TargetKeyId=key_arn)
    kinesis = world.client("kinesis")
    kinesis.create_stream(StreamName="orders", ShardCount=1)
    kinesis.start_stream_encryption(StreamName="orders", EncryptionType="KMS", KeyId="alias/orders")
    return str(key_arn)


def test_a_consumer_missing_from_the_key_policy_cannot_do_its_job_and_gets_the_fix(world: World):
    key_arn = _key_without_delegation(world)
    _applied(world, "--consumer", "orders-reader", "--no-fan-out")
    assert _check(world, READER, "consumer").returncode == 0  # as applied: it can
    # Someone puts the key policy back as it was: the consumer's key-policy statement is gone.
    world.client("kms").put_key_policy(KeyId=key_arn, PolicyName="default",
                                       Policy=json.dumps({"Version": "2012-10-17", "Statement": [ADMINS]}))
    done = _check(world, READER, "consumer")
    assert done.returncode == 3, done.stdout + done.stderr
    out = " ".join(done.stdout.split())
    assert (f"denied Decrypt via Kinesis the key policy allows kms:Decrypt to neither {READER} nor its account "
            f"{ACCOUNT}") in out
    assert "allowed GetRecords policy/kinesis-orders-consumer#ReadStreams" in out  # the identity half is there
    assert "The smallest fix: add to the key policy:" in done.stdout
    fix = json.loads(done.stdout[done.stdout.index("{", done.stdout.index("The smallest fix")):
                                 done.stdout.index("\n}\n") + 2])
    assert fix["Principal"] == {"AWS": READER} and fix["Action"] == ["kms:Decrypt"]
    assert fix["Condition"]["StringEquals"] == {"kms:ViaService": f"kinesis.{REGION}.amazonaws.com",
                                                "kms:EncryptionContext:aws:kinesis:arn": STREAM}
    assert f"{READER} cannot do its job: of 3 needed operations, 1 denied." in out


def test_a_key_named_by_alias_is_checked_with_every_alias_the_key_has(world: World):
    """A bundle made for --key alias/orders allows key/* with kms:ResourceAliases; the aliases read from KMS
    (ListAliases) decide it, as they do in AWS."""
    key_arn = world.orders()
    delegation = world.key_policy(key_arn)  # moto's default: the account's IAM policies decide
    _applied(world, "--producer", "app-writer", "--key", "alias/orders")
    policy = json.loads((world.home / "bundle" / "producer-policy.json").read_text(encoding="utf-8"))
    assert "kms:ResourceAliases" in json.dumps(policy)
    # Without the key policy's statement naming the role, the identity policy's alias condition decides.
    world.client("kms").put_key_policy(KeyId=key_arn, PolicyName="default", Policy=json.dumps(delegation))
    done = _check(world, WRITER, "producer", "--key", "alias/orders")
    assert done.returncode == 0, done.stdout + done.stderr
    cited = " " * 11  # the statements that decide, one a line under the operation, each whole
    assert (f"  allowed  GenerateDataKey via Kinesis\n{cited}key-policy#Enable IAM User Permissions\n"
            f"{cited}policy/kinesis-orders-producer#GenerateDataKeyViaKinesis\n") in done.stdout


def test_a_role_named_without_its_path_is_checked_as_iam_has_it(world: World):
    world.orders()
    _applied(world, "--producer", "app-writer")
    done = _check(world, f"arn:aws:iam::{ACCOUNT}:role/app-writer", "producer")
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"note: role app-writer is {WRITER}; checking that ARN" in done.stderr
    assert done.stdout.startswith(f"check: {WRITER} as producer\n")


def test_access_denied_on_a_read_names_the_call_and_the_permission(world: World):
    world.orders()
    _applied(world, "--producer", "app-writer")
    iam = world.client("iam")
    iam.create_user(UserName="limited")
    iam.put_user_policy(UserName="limited", PolicyName="some-reads", PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Resource": "*", "Action": [
            "sts:GetCallerIdentity", "kinesis:DescribeStreamSummary", "kms:DescribeKey", "kms:ListAliases",
            "kms:GetKeyPolicy", "iam:GetRole"]}]}))
    key = iam.create_access_key(UserName="limited")["AccessKey"]
    with world.iam_enforced():
        done = _check(world, WRITER, "producer", credentials=key)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip() == ("kinesis-kms-wizard: iam:ListAttachedRolePolicies was denied on role app-writer: "
                                   "the credentials need the iam:ListAttachedRolePolicies permission there")


def test_a_stream_that_is_not_encrypted_has_no_key_to_check(world: World):
    world.client("kinesis").create_stream(StreamName="orders", ShardCount=1)
    world.client("iam").create_role(RoleName="app-writer", Path="/svc/", AssumeRolePolicyDocument="{}")
    done = _check(world, WRITER, "producer")
    assert done.returncode == 2
    assert done.stderr.strip() == ("kinesis-kms-wizard: stream orders is not encrypted (EncryptionType NONE), so it "
                                   "has no key to check: give --key KEY, the key it will be encrypted with")


def test_a_missing_stream_and_a_missing_role_are_bad_input(world: World):
    world.orders()
    done = world.cli("check", "--from-aws", "--principal", WRITER, "--as", "producer", "--stream", "nope")
    assert done.returncode == 2
    assert ("kinesis:DescribeStreamSummary found no stream 'nope' in account 123456789012, Region us-west-2"
            in done.stderr)
    done = _check(world, f"arn:aws:iam::{ACCOUNT}:role/ghost", "producer")
    assert done.returncode == 2
    assert done.stderr.strip() == (f"kinesis-kms-wizard: role ghost does not exist in account {ACCOUNT} "
                                   f"(arn:aws:iam::{ACCOUNT}:role/ghost): check the ARN")


def test_a_principal_of_another_account_needs_its_policies_as_files(world: World, tmp_path: Path):
    """IAM lists a role's policies only in the role's account: with the stream owner's credentials, the reader's
    identity policy is given as a file and the rest is read from the account."""
    world.orders()
    reader = f"arn:aws:iam::{OTHER}:role/reader"
    other = world.assume(OTHER)
    world.client("iam", other).create_role(RoleName="reader", AssumeRolePolicyDocument="{}")
    out = _applied(world, "--consumer", reader, "--no-fan-out")
    done = _check(world, reader, "consumer")
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"kinesis-kms-wizard: these credentials are for account {ACCOUNT}, and some policies can only be read in "
        f"their own account: the principal's identity policies, in account {OTHER} (the principal's): "
        "--identity-policy FILE. Give each as a file, or check with a profile for that account (--profile) and give "
        "the others as files")
    mine = _check(world, reader, "consumer", "--identity-policy", str(out / "consumer-cross-account-policy.json"))
    assert mine.returncode == 0, mine.stdout + mine.stderr
    assert "stream-policy: the stream's resource policy" in mine.stderr
    assert "identity policies of" not in mine.stderr  # given as a file, not read
    text = " ".join(mine.stdout.split())
    assert "allowed GetRecords" in text and "stream-policy#CrossAccountConsumers" in text


@pytest.mark.parametrize("form", [[], ["--json"]])
def test_the_report_is_the_one_check_prints_for_the_same_policies_as_files(world: World, form: list[str]):
    key_arn = _key_without_delegation(world)
    _applied(world, "--consumer", "orders-reader", "--no-fan-out")
    kms = world.client("kms")
    kms.put_key_policy(KeyId=key_arn, PolicyName="default",
                       Policy=json.dumps({"Version": "2012-10-17", "Statement": [ADMINS]}))
    fetched = _check(world, READER, "consumer", *form)
    # The same documents saved under the names the report cites them by, as a user would save them.
    (world.home / "policy").mkdir()
    iam = world.client("iam")
    arn = f"arn:aws:iam::{ACCOUNT}:policy/kinesis-orders-consumer"
    version = iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"]
    document = iam.get_policy_version(PolicyArn=arn, VersionId=version)["PolicyVersion"]["Document"]
    (world.home / "policy" / "kinesis-orders-consumer").write_text(json.dumps(document), encoding="utf-8")
    (world.home / "key-policy").write_text(world.client("kms").get_key_policy(KeyId=key_arn, PolicyName="default")
                                           ["Policy"], encoding="utf-8")
    from_files = world.cli("check", "--principal", READER, "--as", "consumer", "--stream", STREAM, "--key", key_arn,
                           "--identity-policy", "policy/kinesis-orders-consumer", "--key-policy", "key-policy", *form)
    assert fetched.returncode == from_files.returncode == 3, fetched.stderr + from_files.stderr
    if not form:
        assert fetched.stdout == from_files.stdout
        return
    # The one difference: AWS knows every alias of the key, and the requests to it carry them.
    rows, file_rows = json.loads(fetched.stdout), json.loads(from_files.stdout)
    kms_rows = [row for row in rows if row["action"].startswith("kms:")]
    assert kms_rows and all(row["context"]["kms:ResourceAliases"] == ["alias/orders"] for row in kms_rows)
    for row in kms_rows:
        del row["context"]["kms:ResourceAliases"]
    assert rows == file_rows


def test_a_user_is_checked_with_its_groups_policies(world: World):
    """IAM evaluates a user's groups' policies as the user's own: the producer policy here is the group's."""
    world.orders()
    alice = f"arn:aws:iam::{ACCOUNT}:user/alice"
    made = world.cli("generate", "--from-aws", "--stream", "orders", "--producer", alice, "--print", "producer")
    iam = world.client("iam")
    iam.create_user(UserName="alice")
    assert made.returncode == 0, made.stderr
    policy_arn = iam.create_policy(PolicyName="orders-writers", PolicyDocument=made.stdout)["Policy"]["Arn"]
    iam.create_group(GroupName="writers")
    iam.attach_group_policy(GroupName="writers", PolicyArn=policy_arn)
    iam.put_group_policy(GroupName="writers", PolicyName="no-delete", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "kinesis:DeleteStream", "Resource": "*"}]}))
    iam.put_user_policy(UserName="alice", PolicyName="read-only", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kinesis:ListStreams", "Resource": "*"}]}))
    without_group = _check(world, alice, "producer")
    assert without_group.returncode == 3  # not yet in the group: its own inline policy grants no writing
    iam.add_user_to_group(GroupName="writers", UserName="alice")
    done = _check(world, alice, "producer")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (f"  identity policies of {alice}: inline:read-only, policy/orders-writers, group/writers:inline:no-delete"
            in done.stderr.splitlines())
    assert "allowed  PutRecords  policy/orders-writers#WriteStreams" in done.stdout
