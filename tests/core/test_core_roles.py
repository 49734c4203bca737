"""Each role can do exactly what it needs and nothing it must not, judged by the core evaluator."""

from __future__ import annotations

import pytest
from matrix import (
    CASES,
    KEY_UUID,
    OTHER_ACCOUNT,
    Case,
    World,
    allowed,
    iam_decides,
    kms_request,
    owner_registers,
    world,
)
from matrix import role as _role

from wizard.core.evaluate import Request
from wizard.core.render import render_bundle

PRODUCER_ACTIONS = ("kinesis:PutRecord", "kinesis:PutRecords", "kinesis:ListShards", "kinesis:DescribeStreamSummary")
POLL_ACTIONS = ("kinesis:GetShardIterator", "kinesis:GetRecords", "kinesis:DescribeStream",
                "kinesis:DescribeStreamSummary", "kinesis:ListShards")
FIREHOSE_ACTIONS = ("kinesis:DescribeStream", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards")
EFO_CONSUMER_ACTIONS = ("kinesis:SubscribeToShard", "kinesis:DescribeStreamConsumer")


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


def _expected_consumer_actions(p, fan_out: bool, external: bool) -> tuple[tuple[str, ...], tuple[str, ...],
                                                                         tuple[str, ...]]:
    """(on the stream, on the stream with fan-out, on its own consumer's ARN with fan-out).

    A reader in another account gets only what a stream can share (plus DescribeStream for Lambda,
    as AWS's Lambda sharing steps require): never DescribeStream otherwise, and never
    Register/Deregister/ListStreamConsumers, which only the stream's owner can call.
    """
    polls = FIREHOSE_ACTIONS if p.service == "firehose" else POLL_ACTIONS
    if external and p.service != "lambda":
        polls = tuple(a for a in polls if a != "kinesis:DescribeStream")
    if not fan_out or p.service == "firehose":
        return polls, (), ()
    if external:
        return polls, (), EFO_CONSUMER_ACTIONS
    if p.service == "lambda":
        return polls, (), EFO_CONSUMER_ACTIONS
    if p.service == "flink":
        return polls, ("kinesis:RegisterStreamConsumer", "kinesis:ListStreamConsumers"), \
            (*EFO_CONSUMER_ACTIONS, "kinesis:DeregisterStreamConsumer")
    return polls, ("kinesis:RegisterStreamConsumer",), EFO_CONSUMER_ACTIONS


NOT_SHAREABLE = ("kinesis:RegisterStreamConsumer", "kinesis:ListStreamConsumers", "kinesis:DeregisterStreamConsumer")


def test_consumers(case_world):
    """Every reader can do what it needs, through every policy AWS checks, and nothing more.

    Readers in other accounts read through consumers the stream's owner registers for them, as the
    README says; each can use its own consumer and no other reader's.
    """
    _case, w = case_world
    registered = owner_registers(w)
    consumers = [p for p in w.r.principals if "consumer" in p.roles]
    for p in consumers:
        external = p.account != w.r.account
        on_stream, fan_stream, fan_consumer = _expected_consumer_actions(p, w.r.fan_out, external)
        for s in w.r.streams:
            for action in on_stream:
                assert w.kinesis(p.arn, p.account, action, s.arn), (p.arn, action)
            for action in {*POLL_ACTIONS, *FIREHOSE_ACTIONS, *NOT_SHAREABLE} - {*on_stream, *fan_stream}:
                assert not w.kinesis(p.arn, p.account, action, s.arn), (p.arn, action)
            for action in fan_stream:
                assert w.kinesis(p.arn, p.account, action, s.arn), (p.arn, action)
            if external and fan_consumer:
                own = f"{s.arn}/consumer/{p.consumer_name}:1700000000"
                assert own in registered.values(), (p.arn, "the README registers its consumer")
                mine = {f"{t.arn}/consumer/{p.consumer_name}:1700000000" for t in w.r.streams}
                for other in registered.values():  # its consumers on every stream, no other reader's
                    expected = other in mine
                    for action in EFO_CONSUMER_ACTIONS:
                        assert w.kinesis(p.arn, p.account, action, other) is expected, (p.arn, action, other)
                assert not w.kinesis(p.arn, p.account, "kinesis:DeregisterStreamConsumer", own)
            else:
                target = consumer_arn(s.arn)
                for action in ("kinesis:SubscribeToShard", "kinesis:DescribeStreamConsumer",
                               "kinesis:DeregisterStreamConsumer"):
                    assert w.kinesis(p.arn, p.account, action, target) is (action in fan_consumer), (p.arn, action)
            # EFO actions are never granted on the stream ARN itself (they authorize on consumer ARNs)
            assert not w.kinesis(p.arn, p.account, "kinesis:SubscribeToShard", s.arn)
            assert w.kms(p.arn, p.account, "kms:Decrypt", s.arn)
            if "producer" not in p.roles:
                assert not w.kinesis(p.arn, p.account, "kinesis:PutRecord", s.arn)
                assert not w.kinesis(p.arn, p.account, "kinesis:PutRecords", s.arn)
                if not w.r.key.managed:
                    assert not w.kms(p.arn, p.account, "kms:GenerateDataKey", s.arn)
        assert not w.kinesis(p.arn, p.account, "kinesis:GetRecords", other_stream(w))


def test_consumer_resource_policies_exist_exactly_for_fan_out_readers_elsewhere(case_world):
    _case, w = case_world
    expected = {(s.arn, p.arn) for s in w.r.streams for p in w.r.principals
                if w.r.fan_out and "consumer" in p.roles and p.account != w.r.account and p.service != "firehose"}
    docs = [d for d in w.bundle.documents if d.kind == "consumer"]
    assert {(d.stream.arn, d.principals[0].arn) for d in docs} == expected
    assert len(docs) == len(expected)
    for doc in docs:  # each names only the reader it was registered for, nothing else
        (stmt,) = doc.body["Statement"]
        assert stmt["Principal"] == {"AWS": doc.principals[0].arn}
        assert sorted(stmt["Action"]) == ["kinesis:DescribeStreamConsumer", "kinesis:SubscribeToShard"]
        assert "*" not in doc.text  # Kinesis resource policies take no wildcards


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
                other_key = kms_request(p.arn, action, w.key_arn, {
                    "kms:ViaService": w.via(), "kms:EncryptionContext:aws:kinesis:arn": s,
                    "kms:ResourceAliases": ["alias/something-else"]})
                assert not allowed(other_key, w.identity(p.arn), iam_decides(p.account))  # IAM's half alone


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
    assert not allowed(Request(role, action, SEED_STREAM), [seed_producer(), seed_consumer()])


def test_seed_kms_statements_are_unscoped_and_ours_are_not(seed):
    role = "arn:aws:iam::123456789012:role/orders-producer"
    root_only = {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
                                "Action": "kms:*", "Resource": "*"}]}
    direct = kms_request(role, "kms:GenerateDataKey", SEED_KEY_ARN, {})
    assert allowed(direct, [seed_producer()], root_only)  # the seed: usable directly
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


def test_an_admin_of_a_key_given_by_alias_inspects_that_key_only():
    """InspectKey allows key/*, narrowed by kms:ResourceAliases: another key of the account is refused.

    The condition is ForAnyValue: a key has several aliases, and one of them being ours is enough.
    """
    w = world(next(c for c in CASES if c.id == "aws-alias-services"))
    alias = w.r.key.alias
    assert w.r.with_role("admin")
    other_key = w.key_arn.rsplit("/", 1)[0] + "/00000000-0000-0000-0000-000000000000"
    for p in w.r.with_role("admin"):
        assert w.kms(p.arn, p.account, "kms:DescribeKey", None, via=None)
        assert w.kms(p.arn, p.account, "kms:DescribeKey", None, via=None, aliases=["alias/first", alias, "alias/z"])
        # another key of the account, with the default key policy: IAM policies decide
        default = {"Statement": [{"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{w.r.key.account}:root"},
                                  "Action": "kms:*", "Resource": "*"}]}
        for action in ("kms:DescribeKey", "kms:ListGrants", "kms:ListResourceTags"):
            for aliases in (["alias/another-key"], [], [alias + "-not"]):
                request = kms_request(p.arn, action, other_key, {"kms:ResourceAliases": aliases})
                assert not allowed(request, w.identity(p.arn), default), (action, aliases)
            ours = kms_request(p.arn, action, w.key_arn, {"kms:ResourceAliases": ["alias/x", alias]})
            assert allowed(ours, w.identity(p.arn), default), action
        inspect = next(s for s in w.identity(p.arn)[0]["Statement"] if s["Sid"] == "InspectKey")
        assert inspect["Condition"] == {"ForAnyValue:StringEquals": {"kms:ResourceAliases": alias}}
