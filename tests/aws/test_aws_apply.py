"""`apply DIR` against a local AWS API server: the plan, the changes read back with boto3, the refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.aws.conftest import ACCOUNT, OTHER, REGION, World

ADMINS = {"Sid": "KeyAdmins", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:role/admin"},
          "Action": ["kms:Describe*", "kms:Put*"], "Resource": "*"}
PRODUCER_POLICY = f"arn:aws:iam::{ACCOUNT}:policy/kinesis-orders-producer"


def _generate(world: World, *extra: str, credentials: dict[str, str] | str = "testing") -> Path:
    out = world.home / "bundle"
    done = world.cli("generate", "--from-aws", "--stream", "orders", "--producer", "app-writer", *extra,
                     "--out", str(out), credentials=credentials)
    assert done.returncode == 0, done.stderr
    return out


def _default_document(world: World, arn: str, credentials: dict[str, str] | None = None) -> dict:
    iam = world.client("iam", credentials)
    version = iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"]
    return iam.get_policy_version(PolicyArn=arn, VersionId=version)["PolicyVersion"]["Document"]


def test_generate_then_apply_puts_everything_and_a_second_apply_changes_nothing(world: World):
    key_arn = world.orders(key_statements=[ADMINS])
    out = _generate(world)
    done = world.cli("apply", str(out), "--yes")
    assert done.returncode == 0, done.stderr
    plan = done.stdout
    assert "+ create policy kinesis-orders-producer from producer-policy.json" in plan
    assert "+ attach kinesis-orders-producer to role app-writer" in plan
    assert f"+ add statement AllowKinesisProducers for arn:aws:iam::{ACCOUNT}:role/svc/app-writer" in plan
    assert "= keep 2 current statements: Enable IAM User Permissions, KeyAdmins" in plan
    assert plan.index("Plan for") < plan.index("Applying 3 changes in account 123456789012")  # the plan comes first
    assert "Done: 3 changes made in account 123456789012." in plan

    iam = world.client("iam")
    attached = iam.list_attached_role_policies(RoleName="app-writer")["AttachedPolicies"]
    assert [a["PolicyArn"] for a in attached] == [PRODUCER_POLICY]
    assert _default_document(world, PRODUCER_POLICY) == json.loads((out / "producer-policy.json").read_text())
    statements = world.key_policy(key_arn)["Statement"]
    assert ADMINS in statements  # the key's own statements are kept
    assert [s.get("Sid") for s in statements] == ["Enable IAM User Permissions", "KeyAdmins", "AllowKinesisProducers"]
    assert world.key_policy(key_arn) == json.loads((out / "key-policy.json").read_text())

    again = world.cli("apply", str(out), "--yes")
    assert again.returncode == 0, again.stderr
    assert "Nothing to change in account 123456789012: it already has what the bundle says." in again.stdout
    assert "= policy kinesis-orders-producer already says what producer-policy.json says" in again.stdout
    assert len(iam.list_policy_versions(PolicyArn=PRODUCER_POLICY)["Versions"]) == 1
    assert world.key_policy(key_arn)["Statement"] == statements


def test_dry_run_prints_the_plan_and_changes_nothing(world: World):
    key_arn = world.orders(key_statements=[ADMINS])
    before = world.key_policy(key_arn)
    out = _generate(world)
    done = world.cli("apply", str(out), "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "+ create policy kinesis-orders-producer" in done.stdout
    assert "3 changes to make in account 123456789012. Dry run: nothing was changed." in done.stdout
    assert world.client("iam").list_policies(Scope="Local")["Policies"] == []
    assert world.key_policy(key_arn) == before


def test_without_yes_and_without_a_terminal_it_asks_for_yes_and_changes_nothing(world: World):
    world.orders()
    out = _generate(world)
    done = world.cli("apply", str(out), stdin="y\n")
    assert done.returncode == 1
    assert "give --yes to apply this plan, or --dry-run to only see it. Nothing was changed." in done.stderr
    assert world.client("iam").list_policies(Scope="Local")["Policies"] == []


def test_cross_account_each_account_applies_its_own_parts(world: World):
    key_arn = world.orders(key_statements=[ADMINS])
    other = world.assume(OTHER)
    world.client("iam", other).create_role(RoleName="reader", AssumeRolePolicyDocument="{}")
    reader = f"arn:aws:iam::{OTHER}:role/reader"
    # Polling only: moto cannot read a registered consumer's resource policy back (its GetResourcePolicy takes
    # a consumer ARN for a stream name), so that path is tested with Stubber in test_aws_consumer.py.
    out = _generate(world, "--consumer", reader, "--no-fan-out")
    assert (out / "stream-resource-policy.json").exists() and not list(out.glob("consumer-resource*"))

    mine = world.cli("apply", str(out), "--yes")
    assert mine.returncode == 0, mine.stderr
    assert (f"Needs account {OTHER}'s credentials (run apply again with a profile for that account):\n"
            "  - managed policy kinesis-orders-consumer-cross-account from consumer-cross-account-policy.json, "
            "attached to role reader") in mine.stdout
    assert "+ add statement CrossAccountConsumers" in mine.stdout
    assert f"Still to do with other accounts' credentials: {OTHER}." in mine.stdout
    stream_arn = f"arn:aws:kinesis:{REGION}:{ACCOUNT}:stream/orders"
    shared = json.loads(world.client("kinesis").get_resource_policy(ResourceARN=stream_arn)["Policy"])
    assert shared["Statement"][0]["Principal"] == {"AWS": reader}
    assert any(reader in json.dumps(s) for s in world.key_policy(key_arn)["Statement"])
    assert ADMINS in world.key_policy(key_arn)["Statement"]

    theirs = world.cli("apply", str(out), "--yes", credentials=other)
    assert theirs.returncode == 0, theirs.stderr
    assert ("+ create policy kinesis-orders-consumer-cross-account from consumer-cross-account-policy.json"
            in theirs.stdout)
    assert f"Needs account {ACCOUNT}'s credentials" in theirs.stdout
    consumer_arn = f"arn:aws:iam::{OTHER}:policy/kinesis-orders-consumer-cross-account"
    attached = world.client("iam", other).list_attached_role_policies(RoleName="reader")["AttachedPolicies"]
    assert [a["PolicyArn"] for a in attached] == [consumer_arn]
    assert _default_document(world, consumer_arn, other) == json.loads(
        (out / "consumer-cross-account-policy.json").read_text())

    for credentials in ("testing", other):
        again = world.cli("apply", str(out), "--yes", credentials=credentials)
        assert again.returncode == 0 and "Nothing to change" in again.stdout, again.stdout + again.stderr


def test_a_policy_with_five_versions_loses_its_oldest_non_default_version(world: World):
    world.orders()
    iam = world.client("iam")
    document = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kinesis:ListShards",
                                                        "Resource": "*"}]}
    iam.create_policy(PolicyName="kinesis-orders-producer", PolicyDocument=json.dumps(document))
    for _ in range(4):
        iam.create_policy_version(PolicyArn=PRODUCER_POLICY, PolicyDocument=json.dumps(document), SetAsDefault=True)
    out = _generate(world)
    done = world.cli("apply", str(out), "--yes")
    assert done.returncode == 0, done.stderr
    assert ("- delete version v1 of kinesis-orders-producer, the oldest non-default one (IAM keeps at most 5 "
            "versions)") in done.stdout
    assert ("~ update policy kinesis-orders-producer: a new default version from producer-policy.json "
            "(now v5)") in done.stdout
    versions = iam.list_policy_versions(PolicyArn=PRODUCER_POLICY)["Versions"]
    assert sorted(v["VersionId"] for v in versions) == ["v2", "v3", "v4", "v5", "v6"]
    assert _default_document(world, PRODUCER_POLICY) == json.loads((out / "producer-policy.json").read_text())


def test_a_principal_that_does_not_exist_is_refused_and_nothing_changes(world: World):
    key_arn = world.orders()
    out = world.home / "bundle"
    done = world.cli("generate", "--region", REGION, "--account", ACCOUNT, "--key", key_arn, "--stream", "orders",
                     "--producer", "ghost", "--out", str(out))
    assert done.returncode == 0, done.stderr
    before = world.key_policy(key_arn)
    done = world.cli("apply", str(out), "--yes")
    assert done.returncode == 1
    assert ("  - role ghost does not exist in account 123456789012 (arn:aws:iam::123456789012:role/ghost): create "
            "it first (KMS refuses a key policy naming a principal that does not exist)") in done.stderr
    assert "apply refused; nothing was changed" in done.stderr
    assert world.client("iam").list_policies(Scope="Local")["Policies"] == []
    assert world.key_policy(key_arn) == before


def test_credentials_of_an_account_the_bundle_does_not_touch_are_refused(world: World):
    world.orders()
    out = _generate(world)
    stranger = world.assume("999999999999")
    done = world.cli("apply", str(out), "--yes", credentials=stranger)
    assert done.returncode == 1
    assert ("the credentials are for account 999999999999, which this bundle does not touch (its accounts: "
            "123456789012); use a profile for one of them (--profile); nothing was changed") in done.stderr


def test_a_bundle_changed_after_it_was_written_is_refused(world: World):
    world.orders()
    out = _generate(world)
    path = out / "producer-policy.json"
    path.write_text(path.read_text().replace("kinesis:PutRecord\"", "kinesis:*\""), encoding="utf-8")
    done = world.cli("apply", str(out), "--yes")
    assert done.returncode == 1
    assert "apply refused: " in done.stderr
    assert ("producer-policy.json: changed since the bundle was written (its sha256 differs from manifest.json); "
            "nothing was changed") in done.stderr
    assert world.client("iam").list_policies(Scope="Local")["Policies"] == []


def test_a_failure_midway_says_what_was_applied_and_a_rerun_completes_it(world: World):
    key_arn = world.orders(key_statements=[ADMINS])
    out = _generate(world)
    iam = world.client("iam")
    iam.create_user(UserName="deployer")
    iam.put_user_policy(UserName="deployer", PolicyName="all-but-key-policy", PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"},
                      {"Effect": "Deny", "Action": "kms:PutKeyPolicy", "Resource": "*"}]}))
    deployer = iam.create_access_key(UserName="deployer")["AccessKey"]
    with world.iam_enforced():
        done = world.cli("apply", str(out), "--yes", credentials=deployer)
    assert done.returncode == 1
    assert ("apply stopped: kms:PutKeyPolicy was denied on key " + key_arn +
            ": the credentials need the kms:PutKeyPolicy permission there") in done.stderr
    assert ("Applied:\n  - create policy kinesis-orders-producer from producer-policy.json\n"
            "  - attach kinesis-orders-producer to role app-writer\n"
            "Not applied:\n  - put the merged key policy") in done.stderr
    assert "run `kinesis-kms-wizard apply` again: it plans only what is still missing" in done.stderr

    rerun = world.cli("apply", str(out), "--yes")
    assert rerun.returncode == 0, rerun.stderr
    assert "Applying 1 change in account 123456789012" in rerun.stdout
    assert "= kinesis-orders-producer is already attached to role app-writer" in rerun.stdout
    assert "AllowKinesisProducers" in json.dumps(world.key_policy(key_arn))


def test_a_key_policy_without_account_delegation_never_gets_one(world: World):
    """Adding the account-root kms:* statement to a key that lacks it would widen who can use the key."""
    world.orders()
    kms = world.client("kms")
    own = {"Version": "2012-10-17", "Statement": [
        {"Sid": "Admins", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:role/admin"},
         "Action": "kms:*", "Resource": "*"}]}
    key = kms.create_key(Policy=json.dumps(own))["KeyMetadata"]["Arn"]
    world.client("iam").create_role(RoleName="admin", AssumeRolePolicyDocument="{}")
    out = world.home / "bundle"
    done = world.cli("generate", "--region", REGION, "--account", ACCOUNT, "--key", key, "--stream", "orders",
                     "--producer", f"arn:aws:iam::{ACCOUNT}:role/svc/app-writer", "--out", str(out))
    assert done.returncode == 0, done.stderr
    done = world.cli("apply", str(out), "--yes")
    assert done.returncode == 0, done.stderr
    statements = world.key_policy(key)["Statement"]
    assert [s.get("Sid") for s in statements] == ["Admins", "AllowKinesisProducers"]  # no root statement added
    assert statements[0] == own["Statement"][0]


def test_the_streams_own_resource_policy_statements_are_kept(world: World):
    world.orders()
    other = world.assume(OTHER)
    world.client("iam", other).create_role(RoleName="reader", AssumeRolePolicyDocument="{}")
    stream_arn = f"arn:aws:kinesis:{REGION}:{ACCOUNT}:stream/orders"
    theirs = {"Sid": "Auditors", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::777777777777:role/audit"},
              "Action": "kinesis:DescribeStreamSummary", "Resource": stream_arn}
    world.client("kinesis").put_resource_policy(ResourceARN=stream_arn, Policy=json.dumps(
        {"Version": "2012-10-17", "Statement": [theirs]}))
    out = _generate(world, "--consumer", f"arn:aws:iam::{OTHER}:role/reader", "--no-fan-out")
    done = world.cli("apply", str(out), "--yes")
    assert done.returncode == 0, done.stderr
    assert "= keep 1 current statement: Auditors" in done.stdout
    shared = json.loads(world.client("kinesis").get_resource_policy(ResourceARN=stream_arn)["Policy"])
    assert [s["Sid"] for s in shared["Statement"]] == ["Auditors", "CrossAccountConsumers"]
    assert shared["Statement"][0] == theirs


@pytest.mark.parametrize("folder", ["missing", "empty"])
def test_a_folder_without_a_bundle_is_refused(world: World, folder: str):
    (world.home / "empty").mkdir()
    done = world.cli("apply", str(world.home / folder), "--yes")
    assert done.returncode == 1
    assert "apply refused:" in done.stderr and "Traceback" not in done.stderr


def test_fetch_policies_reads_back_what_check_needs(world: World, monkeypatch: pytest.MonkeyPatch):
    """The fetch `check --from-aws` will use: identity policies, the key policy, the stream policy."""
    from wizard.aws.fetch import fetch_policies
    from wizard.aws.session import connect

    key_arn = world.orders(key_statements=[ADMINS])
    out = _generate(world)
    assert world.cli("apply", str(out), "--yes").returncode == 0
    iam = world.client("iam")
    inline = {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "kinesis:DeleteStream",
                                                      "Resource": "*"}]}
    iam.put_role_policy(RoleName="app-writer", PolicyName="no-delete", PolicyDocument=json.dumps(inline))
    for name in ("AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, world.env[name])
    aws = connect(region=REGION)
    found = fetch_policies(aws, f"arn:aws:iam::{ACCOUNT}:role/svc/app-writer", "orders", "alias/orders")
    assert [p.name for p in found.identity] == [PRODUCER_POLICY, "inline:no-delete"]
    assert found.identity[0].document == json.loads((out / "producer-policy.json").read_text())
    assert found.identity[1].document == inline
    assert found.key_arn == key_arn and found.key_policy == world.key_policy(key_arn)
    assert found.stream_arn == f"arn:aws:kinesis:{REGION}:{ACCOUNT}:stream/orders" and found.stream_policy is None
