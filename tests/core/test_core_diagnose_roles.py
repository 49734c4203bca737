"""What `check` proposes for a role with no identity policy: the tool's own statement for that role, narrowed
to the one action each operation needs; and the registered consumer a consumer policy names."""

from __future__ import annotations

from check_fixtures import KEY, OTHER, OWNER, READS, STREAM, allow, policy, root_only, via_kinesis

from wizard.core.diagnose import Inputs, diagnose
from wizard.core.evaluate import Source

KEY_POLICY = Source("key-policy.json", root_only(OWNER), "key")


def _fixes(inputs: Inputs) -> dict[str, list[tuple]]:
    return {f.row.operation.label: [(fx.document, [(s["Sid"], s["Action"], s["Resource"]) for s in fx.statements])
                                    for fx in f.fixes]
            for f in diagnose(inputs).findings if f.fixes}


def test_an_administrator_gets_the_tools_admin_statements():
    fixes = _fixes(Inputs(f"arn:aws:iam::{OWNER}:role/admin", "admin", STREAM, (), None, KEY, KEY_POLICY))
    assert fixes["StartStreamEncryption"] == [
        ("identity", [("ManageStreamEncryption", ["kinesis:StartStreamEncryption"], [STREAM, KEY])])]
    assert fixes["DescribeKey"] == [("identity", [("InspectKey", ["kms:DescribeKey"], KEY)])]
    assert fixes["GenerateDataKey via Kinesis"] == [
        ("identity", [("GenerateDataKeyViaKinesis", ["kms:GenerateDataKey"], KEY)])]


def test_a_lambda_consumer_gets_what_lambda_needs():
    fixes = _fixes(Inputs(f"arn:aws:iam::{OWNER}:role/l", "consumer", STREAM, (), "lambda", KEY, KEY_POLICY))
    assert fixes["DescribeStream"] == [("identity", [("ReadStreams", ["kinesis:DescribeStream"], STREAM)])]
    assert fixes["SubscribeToShard"] == [
        ("identity", [("ReadWithEnhancedFanOut", ["kinesis:SubscribeToShard"], f"{STREAM}/consumer/*")])]
    assert "RegisterStreamConsumer" not in fixes  # Lambda registers its consumer itself


def test_the_consumer_a_consumer_policy_names_is_the_one_checked():
    reader = f"arn:aws:iam::{OTHER}:role/reader"
    registered = f"{STREAM}/consumer/reader-efo:1700000000"
    consumer_policy = {"Version": "2012-10-17", "Statement": [{
        "Sid": "FanOut", "Effect": "Allow", "Principal": {"AWS": reader},
        "Action": ["kinesis:SubscribeToShard", "kinesis:DescribeStreamConsumer"],
        "Resource": [f"{STREAM}/consumer/*", f"arn:aws:kinesis:us-west-2:{OWNER}:stream/other", registered]}]}
    identity = policy(allow(READS, STREAM, sid="Read"), allow(["kinesis:SubscribeToShard",
                      "kinesis:DescribeStreamConsumer"], f"{STREAM}/consumer/*", sid="FanOut"),
                      allow(["kms:Decrypt"], KEY, via_kinesis(STREAM)))
    report = diagnose(Inputs(reader, "consumer", STREAM, (Source("reader.json", identity),), None, KEY, KEY_POLICY,
                             None, Source("consumer-policy.json", consumer_policy, "consumer")))
    decisions = {f.row.operation.label: f.row.decision for f in report.findings}
    assert decisions["SubscribeToShard"] == decisions["DescribeStreamConsumer"] == "allowed"
    subscribe = next(f for f in report.findings if f.row.operation.label == "SubscribeToShard")
    assert {r.resource for r in subscribe.row.requests} == {registered}


WRITER = f"arn:aws:iam::{OWNER}:role/writer"
PROBES = (f"arn:aws:kms:us-west-2:{OWNER}:key/00000000-0000-4000-8000-000000000000",
          f"arn:aws:kms:us-west-2:{OWNER}:key/mrk-ffffffffffffffffffffffffffffffff")


def test_the_aws_managed_key_is_judged_by_its_own_published_policy():
    """AWS managed keys restrict use to their account and service with kms:CallerAccount and kms:ViaService
    (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html); the tool judges aws/kinesis by
    that policy, named as such, since nobody can give it."""
    from check_fixtures import GOOD_PRODUCER

    report = diagnose(Inputs(WRITER, "producer", STREAM, (Source("p.json", GOOD_PRODUCER),), None, "alias/aws/kinesis"))
    row = next(f.row for f in report.findings if f.row.operation.label == "GenerateDataKey via Kinesis")
    assert row.decision == "allowed"
    assert row.verdict.because == ("aws/kinesis key policy (AWS managed)#AllowAccessThroughKinesis",)
    key = report.inputs.setting().key
    assert (key.arn, key.aliases, key.probes, key.managed) == (
        f"arn:aws:kms:us-west-2:{OWNER}:key/<the key of alias/aws/kinesis>", ("alias/aws/kinesis",), PROBES, True)


def test_a_key_known_only_by_alias_or_not_at_all_is_probed():
    by_alias = Inputs(WRITER, "producer", STREAM, (), None, "alias/orders", None,
                      key_aliases=("alias/a", "alias/orders")).setting().key
    assert (by_alias.arn, by_alias.account, by_alias.aliases, by_alias.aliases_complete, by_alias.probes) == (
        f"arn:aws:kms:us-west-2:{OWNER}:key/<the key of alias/orders>", OWNER, ("alias/orders", "alias/a"), True,
        PROBES)
    unknown = Inputs(WRITER, "producer", STREAM, ()).setting().key
    assert (unknown.arn, unknown.aliases, unknown.probes, unknown.policy, unknown.managed) == (
        f"arn:aws:kms:us-west-2:{OWNER}:key/<the stream's key>", (), PROBES, None, False)
    by_arn = Inputs(WRITER, "producer", STREAM, (), None, KEY, KEY_POLICY).setting().key
    assert (by_arn.arn, by_arn.probes, by_arn.policy) == (KEY, (), KEY_POLICY)


def test_an_administrator_in_another_account_of_an_unknown_key_may_inspect_its_accounts_keys():
    """Without the key, check cannot narrow DescribeKey to it: the fix names the keys of the stream's account, with
    no alias condition that nothing could meet."""
    fixes = _fixes(Inputs(f"arn:aws:iam::{OTHER}:role/admin", "admin", STREAM, ()))
    assert fixes["DescribeKey"] == [("identity", [("InspectKey", ["kms:DescribeKey"],
                                                   f"arn:aws:kms:us-west-2:{OWNER}:key/*")])]
    report = diagnose(Inputs(f"arn:aws:iam::{OTHER}:role/admin", "admin", STREAM, ()))
    inspect, = next(f for f in report.findings if f.row.operation.label == "DescribeKey").fixes[0].statements
    assert "Condition" not in inspect


def test_a_consumer_in_the_streams_account_is_offered_its_own_fan_out_registration():
    """Only the stream's owner can register consumers, so the tool's statement for a reader of its own account
    includes RegisterStreamConsumer (one in another account is offered only what can be shared)."""
    fixes = _fixes(Inputs(f"arn:aws:iam::{OWNER}:role/reader", "consumer", STREAM, (), None, KEY, KEY_POLICY))
    assert fixes["RegisterStreamConsumer"] == [
        ("identity", [("ReadStreams", ["kinesis:RegisterStreamConsumer"], STREAM)])]


def test_a_flink_consumer_is_offered_flinks_own_fan_out_management():
    """The Flink Kinesis connector looks up, registers and, when its job stops, deregisters its own enhanced
    fan-out consumer (see wizard/core/actions.py), which a plain reader is not given."""
    fixes = _fixes(Inputs(f"arn:aws:iam::{OWNER}:role/f", "consumer", STREAM, (), "flink", KEY, KEY_POLICY))
    assert fixes["ListStreamConsumers"] == [("identity", [("ReadStreams", ["kinesis:ListStreamConsumers"], STREAM)])]
    assert fixes["DeregisterStreamConsumer"] == [
        ("identity", [("ReadWithEnhancedFanOut", ["kinesis:DeregisterStreamConsumer"], f"{STREAM}/consumer/*")])]


def test_an_administrator_in_another_account_is_named_in_the_tools_own_key_statements():
    fixes = _fixes(Inputs(f"arn:aws:iam::{OTHER}:role/admin", "admin", STREAM, (), None, KEY, KEY_POLICY))
    key = {label: [s for doc, s in fx if doc == "key"] for label, fx in fixes.items()}
    assert key["DescribeKey"] == [[("AllowEncryptionAdminsToInspectKey", ["kms:DescribeKey"], "*")]]
    assert key["GenerateDataKey via Kinesis"] == [[("AllowEncryptionAdminsViaKinesis", ["kms:GenerateDataKey"], "*")]]
