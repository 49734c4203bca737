"""Each role can do exactly what it needs and nothing it must not, judged by tests/iam_eval.py."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from iam_eval import Request, World, identity_allows, kinesis_allowed, kms_allowed

from wizard.core.model import Answers, Principal
from wizard.core.render import render_bundle

KEY_UUID = "1234abcd-12ab-34cd-56ef-1234567890ab"
MRK = "mrk-1234abcd12ab34cd56ef1234567890ab"
OTHER_ACCOUNT = "444455556666"

PRODUCER_ACTIONS = ("kinesis:PutRecord", "kinesis:PutRecords", "kinesis:ListShards", "kinesis:DescribeStreamSummary")
POLL_ACTIONS = ("kinesis:GetShardIterator", "kinesis:GetRecords", "kinesis:DescribeStream",
                "kinesis:DescribeStreamSummary", "kinesis:ListShards")
FIREHOSE_ACTIONS = ("kinesis:DescribeStream", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards")
EFO_CONSUMER_ACTIONS = ("kinesis:SubscribeToShard", "kinesis:DescribeStreamConsumer")


@dataclass(frozen=True)
class Case:
    id: str
    region: str
    account: str
    key: str  # as answered
    key_id: str  # the key's real ID, which AWS knows even when we were given an alias
    aliases: tuple[str, ...]
    streams: tuple[str, ...]
    principals: tuple[Principal, ...]
    fan_out: bool = True

    def answers(self) -> Answers:
        return Answers(self.region, self.account, self.key, self.streams, self.principals, self.fan_out)


def _role(account: str, name: str, partition: str = "aws") -> str:
    return f"arn:{partition}:iam::{account}:role/{name}"


CASES = (
    Case("aws-key-id", "us-west-2", "123456789012", KEY_UUID, KEY_UUID, (), ("MyStream",),
         (Principal("p", ("producer",)), Principal("c", ("consumer",)), Principal("a", ("admin",)))),
    Case("aws-cn-mrk-no-fan-out", "cn-north-1", "111122223333", MRK, MRK, ("alias/cn",), ("orders", "payments"),
         (Principal("p", ("producer",)), Principal("c", ("consumer",)), Principal("a", ("admin",)),
          Principal("lam", ("consumer",), "lambda")), False),
    Case("aws-us-gov-key-arn-cross-account", "us-gov-west-1", "111122223333",
         f"arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/{KEY_UUID}", KEY_UUID, (),
         ("orders", "arn:aws-us-gov:kinesis:us-gov-west-1:111122223333:stream/audit"),
         (Principal(_role(OTHER_ACCOUNT, "team/app/writer", "aws-us-gov"), ("producer",)),
          Principal(f"arn:aws-us-gov:iam::{OTHER_ACCOUNT}:user/reader", ("consumer",)),
          Principal("local-reader", ("consumer",)),
          Principal("a", ("admin",)))),
    Case("aws-alias-services", "eu-west-1", "111122223333", "alias/orders-key", KEY_UUID, ("alias/orders-key",),
         ("orders",),
         (Principal("p", ("producer",)), Principal("c", ("consumer",)), Principal("a", ("admin",)),
          Principal("lam", ("consumer",), "lambda"), Principal("flk", ("consumer", "producer"), "flink"),
          Principal("fh", ("consumer",), "firehose"))),
    Case("aws-alias-arn-cross-account-lambda", "ap-southeast-2", "111122223333",
         "arn:aws:kms:ap-southeast-2:111122223333:alias/shared", MRK, ("alias/shared", "alias/other"),
         ("orders",),
         (Principal("p", ("producer",)), Principal(_role(OTHER_ACCOUNT, "lambda-exec"), ("consumer",), "lambda"),
          Principal(_role(OTHER_ACCOUNT, "service-role/flink"), ("consumer",), "flink"))),
    Case("aws-managed-key", "us-east-1", "111122223333", "alias/aws/kinesis", KEY_UUID, ("alias/aws/kinesis",),
         ("orders",), (Principal("p", ("producer",)), Principal("c", ("consumer",)), Principal("a", ("admin",)))),
    Case("aws-key-in-other-account", "us-west-2", "111122223333",
         f"arn:aws:kms:us-west-2:{OTHER_ACCOUNT}:key/{KEY_UUID}", KEY_UUID, (), ("orders",),
         (Principal("p", ("producer",)), Principal("c", ("consumer",)))),
)


def world(case: Case) -> World:
    bundle = render_bundle(case.answers())
    assert bundle.ok, bundle.problems
    r = bundle.resolved
    key_arn = f"arn:{r.partition}:kms:{r.region}:{r.key.account}:key/{case.key_id}"
    return World(bundle, key_arn, case.aliases)


@pytest.fixture(params=CASES, ids=[c.id for c in CASES])
def case_world(request) -> tuple[Case, World]:
    return request.param, world(request.param)


def consumer_arn(stream_arn: str) -> str:
    return f"{stream_arn}/consumer/my-app:1700000000"


def other_stream(w: World) -> str:
    return f"arn:{w.r.partition}:kinesis:{w.r.region}:{w.r.account}:stream/not-in-the-answers"


def other_region(w: World) -> str:
    return "us-gov-east-1" if w.r.region == "us-gov-west-1" else "cn-northwest-1" if w.r.partition == "aws-cn" \
        else "eu-central-1" if w.r.region != "eu-central-1" else "us-east-1"


def test_producers(case_world):
    _case, w = case_world
    for p in w.r.with_role("producer"):
        for s in w.r.streams:
            for action in PRODUCER_ACTIONS:
                assert w.kinesis(p.arn, p.account, action, s.arn), (p.arn, action)
            assert w.kms(p.arn, p.account, "kms:GenerateDataKey", s.arn)
            if "consumer" not in p.roles:
                for action in ("kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:SubscribeToShard"):
                    assert not w.kinesis(p.arn, p.account, action, s.arn)
                if not w.r.key.managed:  # the managed key's own policy lets any local role decrypt via Kinesis
                    assert not w.kms(p.arn, p.account, "kms:Decrypt", s.arn)
        assert not w.kinesis(p.arn, p.account, "kinesis:PutRecord", other_stream(w))


def _expected_consumer_actions(p, fan_out: bool) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(on the stream, on the stream with fan-out, on consumer ARNs with fan-out)."""
    if p.service == "firehose":
        return FIREHOSE_ACTIONS, (), ()
    if p.service == "lambda":
        return POLL_ACTIONS, (), EFO_CONSUMER_ACTIONS if fan_out else ()
    if p.service == "flink":
        return POLL_ACTIONS, ("kinesis:RegisterStreamConsumer", "kinesis:ListStreamConsumers") if fan_out else (), \
            (*EFO_CONSUMER_ACTIONS, "kinesis:DeregisterStreamConsumer") if fan_out else ()
    return POLL_ACTIONS, ("kinesis:RegisterStreamConsumer",) if fan_out else (), EFO_CONSUMER_ACTIONS if fan_out else ()


def test_consumers(case_world):
    _case, w = case_world
    consumers = [p for p in w.r.principals if "consumer" in p.roles]
    for p in consumers:
        on_stream, fan_stream, fan_consumer = _expected_consumer_actions(p, w.r.fan_out)
        same_account = p.account == w.r.account
        for s in w.r.streams:
            for action in on_stream:
                assert w.kinesis(p.arn, p.account, action, s.arn), (p.arn, action)
            for action in ("kinesis:SubscribeToShard", "kinesis:DescribeStreamConsumer",
                           "kinesis:RegisterStreamConsumer", "kinesis:DeregisterStreamConsumer"):
                on_consumer = action in fan_consumer
                target = consumer_arn(s.arn) if action != "kinesis:RegisterStreamConsumer" else s.arn
                expected = on_consumer or action in fan_stream
                if same_account:
                    assert w.kinesis(p.arn, p.account, action, target) is expected, (p.arn, action)
                else:  # the consumer's own resource policy is the owner's step (see README); check IAM's half
                    req = Request(p.arn, p.account, action, (target,))
                    assert kinesis_allowed(req, w.identity(p.arn), {"Statement": [{
                        "Effect": "Allow", "Principal": {"AWS": p.arn}, "Action": action, "Resource": target}]},
                        w.r.account) is expected, (p.arn, action)
            # EFO actions are never granted on the stream ARN itself (they authorize on consumer ARNs)
            assert w.kms(p.arn, p.account, "kms:Decrypt", s.arn)
            if "producer" not in p.roles:
                assert not w.kinesis(p.arn, p.account, "kinesis:PutRecord", s.arn)
                assert not w.kinesis(p.arn, p.account, "kinesis:PutRecords", s.arn)
                if not w.r.key.managed:
                    assert not w.kms(p.arn, p.account, "kms:GenerateDataKey", s.arn)
        assert not w.kinesis(p.arn, p.account, "kinesis:GetRecords", other_stream(w))


def test_admins(case_world):
    _case, w = case_world
    for p in w.r.with_role("admin"):
        for s in w.r.streams:
            for action in ("kinesis:StartStreamEncryption", "kinesis:StopStreamEncryption"):
                assert w.kinesis(p.arn, p.account, action, s.arn, w.key_arn)
            assert w.kinesis(p.arn, p.account, "kinesis:DescribeStreamSummary", s.arn)
            for action in ("kinesis:GetRecords", "kinesis:PutRecord", "kinesis:DeleteStream"):
                assert not w.kinesis(p.arn, p.account, action, s.arn)
            if not w.r.key.managed:
                assert w.kms(p.arn, p.account, "kms:GenerateDataKey", s.arn)  # StartStreamEncryption's check
                assert not w.kms(p.arn, p.account, "kms:Decrypt", s.arn)
        assert not w.kinesis(p.arn, p.account, "kinesis:StartStreamEncryption", other_stream(w), w.key_arn)
        if not w.r.key.managed:
            assert w.kms(p.arn, p.account, "kms:DescribeKey", None, via=None)
            for action in ("kms:Decrypt", "kms:ScheduleKeyDeletion", "kms:PutKeyPolicy", "kms:DisableKey",
                           "kms:CreateGrant", "kms:Encrypt"):
                assert not w.kms(p.arn, p.account, action, None, via=None), action
                assert not w.kms(p.arn, p.account, action, w.r.streams[0].arn), action
            if w.r.key.arn:  # named by ARN: another key of the account is not the admin's
                other_key = w.key_arn.rsplit("/", 1)[0] + "/00000000-0000-0000-0000-000000000000"
                assert not w.kinesis(p.arn, p.account, "kinesis:StartStreamEncryption", w.r.streams[0].arn, other_key)


def test_nobody_uses_the_key_outside_kinesis(case_world):
    """Not directly, not via another Region's Kinesis, not for another stream, not another key."""
    _case, w = case_world
    for p in w.r.principals:
        for action in ("kms:GenerateDataKey", "kms:Decrypt"):
            s = w.r.streams[0].arn
            assert not w.kms(p.arn, p.account, action, s, via=None)
            assert not w.kms(p.arn, p.account, action, None, via=None)
            assert not w.kms(p.arn, p.account, action, s, via=w.via(other_region(w)))
            assert not w.kms(p.arn, p.account, action, s, via=f"firehose.{w.r.region}.amazonaws.com")
            assert not w.kms(p.arn, p.account, action, s, via=f"kinesis.{w.r.region}.amazonaws.com.cn")
            if not w.r.key.managed:  # the managed key's policy is not scoped to streams; ours are
                assert not w.kms(p.arn, p.account, action, other_stream(w))
                assert not w.kms(p.arn, p.account, action, s.replace("stream/", "stream/x"))
            if w.r.key.arn is None and not w.r.key.managed:
                # alias-only: the identity policies follow the alias, not any key of the account
                other_key = Request(p.arn, p.account, action, (w.key_arn,), {
                    "kms:ViaService": w.via(), "kms:EncryptionContext:aws:kinesis:arn": s,
                    "kms:CallerAccount": p.account, "kms:ResourceAliases": ["alias/something-else"]})
                assert not identity_allows(other_key, w.identity(p.arn))


def test_strangers_get_nothing_from_the_key_policy(case_world):
    _case, w = case_world
    for account in (w.r.account, OTHER_ACCOUNT, "999999999999"):
        stranger = _role(account, "not-in-the-answers", w.r.partition)
        for action in ("kms:GenerateDataKey", "kms:Decrypt", "kms:DescribeKey", "kms:PutKeyPolicy"):
            for stream in (w.r.streams[0].arn, None):
                if w.r.key.managed and account == w.r.key.account and action != "kms:PutKeyPolicy":
                    continue  # the AWS managed key serves every role of its account through Kinesis
                assert not w.kms(stranger, account, action, stream), (stranger, action)
        assert not w.kinesis(stranger, account, "kinesis:PutRecord", w.r.streams[0].arn)
        assert not w.kinesis(stranger, account, "kinesis:GetRecords", w.r.streams[0].arn)


def test_cross_account_documents_exist_only_when_needed(case_world):
    _case, w = case_world
    external = [p for p in w.r.principals if p.account != w.r.account]
    has_stream_policy = any(d.kind == "stream" for d in w.bundle.documents)
    assert has_stream_policy is bool(external)
    for p in external:
        named = set()
        for st in w.key_policy["Statement"]:
            aws = st["Principal"]["AWS"]
            named.update([aws] if isinstance(aws, str) else aws)
        assert p.arn in named


def test_managed_key_bundle_has_no_kms_statements():
    case = next(c for c in CASES if c.id == "aws-managed-key")
    bundle = render_bundle(case.answers())
    assert bundle.get("key") is None
    for doc in bundle.documents:
        for st in doc.body["Statement"]:
            if doc.name == "admin":
                continue
            assert not any(a.startswith("kms:") for a in st["Action"]), (doc.name, st)
    admin = bundle.get("admin")
    assert admin is not None
    assert all(not a.startswith("kms:") for st in admin.body["Statement"] for a in st["Action"])
    assert "cannot be edited" in next(t for n, t in _files(bundle).items() if n == "README.md")


def _files(bundle):
    from wizard.core.bundle import bundle_files

    return bundle_files(bundle)


def test_alias_only_key_uses_wildcard_and_resource_aliases():
    case = next(c for c in CASES if c.id == "aws-alias-services")
    bundle = render_bundle(case.answers())
    producer = bundle.get("producer").body
    kms = next(st for st in producer["Statement"] if st["Action"] == ["kms:GenerateDataKey"])
    assert kms["Resource"] == "arn:aws:kms:eu-west-1:111122223333:key/*"
    assert kms["Condition"]["ForAnyValue:StringEquals"] == {"kms:ResourceAliases": "alias/orders-key"}
    readme = _files(bundle)["README.md"]
    assert "kms:ResourceAliases" in readme and "alias/orders-key" in readme


# --- the seed page's example, as written, grants nothing -------------------------------------------

SEED_KEY_ARN = f"arn:aws:kms:us-west-2:123456789012:key/{KEY_UUID}"
SEED_STREAM = "arn:aws:kinesis:us-west-2:123456789012:stream/MyStream"


def seed_producer():
    return {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["kms:GenerateDataKey"], "Resource": SEED_KEY_ARN},
        {"Effect": "Allow", "Action": ["kinesis:PutRecord", "kinesis:PutRecords"],
         "Resource": "arn:aws:kinesis:*:123456789012:MyStream"}]}


def seed_consumer():
    return {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["kms:Decrypt"], "Resource": SEED_KEY_ARN},
        {"Effect": "Allow", "Action": ["kinesis:GetRecords", "kinesis:DescribeStream"],
         "Resource": "arn:aws:kinesis:*:123456789012:MyStream"}]}


@pytest.mark.parametrize("action", ["kinesis:PutRecord", "kinesis:PutRecords", "kinesis:GetRecords",
                                    "kinesis:DescribeStream", "kinesis:GetShardIterator"])
def test_seed_policies_grant_no_kinesis_action(action):
    role = "arn:aws:iam::123456789012:role/app"
    req = Request(role, "123456789012", action, (SEED_STREAM,))
    assert not kinesis_allowed(req, [seed_producer(), seed_consumer()], None, "123456789012")


def test_seed_kms_statements_are_unscoped_and_ours_are_not(seed):
    role = "arn:aws:iam::123456789012:role/orders-producer"
    root_only = {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
                                "Action": "kms:*", "Resource": "*"}]}
    direct = Request(role, "123456789012", "kms:GenerateDataKey", (SEED_KEY_ARN,), {})
    assert kms_allowed(direct, [seed_producer()], root_only, "123456789012")  # the seed: usable directly
    w = World(render_bundle(seed), SEED_KEY_ARN, ())
    assert not w.kms(role, "123456789012", "kms:GenerateDataKey", None, via=None)


def test_our_seed_output_fixes_the_seed(seed):
    w = World(render_bundle(seed), SEED_KEY_ARN, ())
    producer = "arn:aws:iam::123456789012:role/orders-producer"
    consumer = "arn:aws:iam::123456789012:role/orders-consumer"
    for action in ("kinesis:PutRecord", "kinesis:PutRecords"):
        assert w.kinesis(producer, "123456789012", action, SEED_STREAM)
    for action in ("kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream"):
        assert w.kinesis(consumer, "123456789012", action, SEED_STREAM)
    assert w.kms(producer, "123456789012", "kms:GenerateDataKey", SEED_STREAM)
    assert w.kms(consumer, "123456789012", "kms:Decrypt", SEED_STREAM)


def test_key_policy_is_lockout_safe_and_names_only_the_answers(case_world):
    _case, w = case_world
    if w.r.key.managed:
        return
    root, *ours = w.key_policy["Statement"]
    assert root == {"Sid": "EnableIAMPolicies", "Effect": "Allow",
                    "Principal": {"AWS": f"arn:{w.r.partition}:iam::{w.r.key.account}:root"},
                    "Action": ["kms:*"], "Resource": "*"}
    answered = {p.arn for p in w.r.principals}
    for stmt in ours:
        aws = stmt["Principal"]["AWS"]
        assert set([aws] if isinstance(aws, str) else aws) <= answered
        assert stmt["Resource"] == "*"
        assert not {"kms:*", "kms:Decrypt"} & set(stmt["Action"]) or stmt["Condition"]["StringEquals"][
            "kms:ViaService"] == w.via()


def test_fan_out_covers_consumer_arns_with_and_without_timestamp(case_world):
    _case, w = case_world
    if not w.r.fan_out:
        return
    for p in w.r.with_role("consumer"):
        if p.account != w.r.account:
            continue
        s = w.r.streams[0].arn
        assert w.kinesis(p.arn, p.account, "kinesis:SubscribeToShard", f"{s}/consumer/app:1700000000")
        assert w.kinesis(p.arn, p.account, "kinesis:DescribeStreamConsumer", f"{s}/consumer/app")
        assert not w.kinesis(p.arn, p.account, "kinesis:SubscribeToShard", s)
