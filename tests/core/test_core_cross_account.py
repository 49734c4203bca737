"""Principals in other accounts: only what Kinesis can share, a registered consumer each, and the files for it."""

from __future__ import annotations

import json

import pytest
from matrix import CASES, OTHER_ACCOUNT, THIRD_ACCOUNT, World, owner_registers, role, world

from wizard.cli import main
from wizard.core.bundle import bundle_files
from wizard.core.model import Answers, Principal
from wizard.core.render import render_bundle

UUID = "1234abcd-12ab-34cd-56ef-1234567890ab"
ACCT = "111122223333"
KEY = f"arn:aws:kms:us-east-2:{ACCT}:key/{UUID}"
# The table "Kinesis Data Streams actions that can be shared",
# https://docs.aws.amazon.com/streams/latest/dev/controlling-access.html#sharing-data-streams
SHAREABLE = {"kinesis:DescribeStreamConsumer", "kinesis:DescribeStreamSummary", "kinesis:GetRecords",
             "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:PutRecord", "kinesis:PutRecords",
             "kinesis:SubscribeToShard"}
MULTI = next(c for c in CASES if c.id == "aws-multi-stream-cross-account-fan-out")


def answers(*principals: Principal, streams: tuple[str, ...] = ("orders",), fan_out: bool = True) -> Answers:
    return Answers("us-east-2", ACCT, KEY, streams, principals, fan_out)


def kinesis_actions(doc) -> set[str]:
    return {a for s in doc.body["Statement"] for a in s["Action"] if a.startswith("kinesis:")}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_other_accounts_are_given_only_what_a_stream_can_share(case):
    """Identity policies of principals elsewhere leave out what they cannot use; resource policies hold only that."""
    bundle = render_bundle(case.answers())
    for doc in bundle.documents:
        external = [p for p in doc.principals if p.account != bundle.resolved.account]
        if doc.kind == "identity" and external:
            lambda_only = {"kinesis:DescribeStream"} if doc.name.startswith("lambda-consumer") else set()
            assert kinesis_actions(doc) <= SHAREABLE | lambda_only, doc.filename
        if doc.kind in ("stream", "consumer"):
            for stmt in doc.body["Statement"]:
                extra = {"kinesis:DescribeStream"} if stmt["Sid"] == "CrossAccountLambdaConsumers" else set()
                assert set(stmt["Action"]) <= SHAREABLE | extra, (doc.filename, stmt["Sid"])


def test_describe_stream_goes_to_lambda_only_as_the_lambda_sharing_steps_require():
    """DescribeStream is not in the shareable table, but AWS's cross-account Lambda steps say to include it.

    https://docs.aws.amazon.com/streams/latest/dev/resource-based-policy-examples.html (Lambda, step 3)
    """
    fn, reader = role(OTHER_ACCOUNT, "fn"), role(OTHER_ACCOUNT, "reader")
    bundle = render_bundle(answers(Principal(fn, ("consumer",), "lambda"), Principal(reader, ("consumer",))))
    stream = {s["Sid"]: s for s in bundle.get("stream").body["Statement"]}
    assert "kinesis:DescribeStream" in stream["CrossAccountLambdaConsumers"]["Action"]
    assert "kinesis:DescribeStream" not in stream["CrossAccountConsumers"]["Action"]
    assert "kinesis:DescribeStream" in kinesis_actions(bundle.get("lambda-consumer"))
    assert "kinesis:DescribeStream" not in kinesis_actions(bundle.get("consumer-cross-account"))


def test_a_reader_elsewhere_gets_its_own_identity_document_without_registering():
    local, elsewhere = "reader", role(OTHER_ACCOUNT, "reader")
    bundle = render_bundle(answers(Principal(local, ("consumer",)), Principal(elsewhere, ("consumer",))))
    assert [d.filename for d in bundle.documents if d.kind == "identity"] == [
        "consumer-policy.json", "consumer-cross-account-policy.json"]
    assert "kinesis:RegisterStreamConsumer" in kinesis_actions(bundle.get("consumer"))
    assert "kinesis:DescribeStream" in kinesis_actions(bundle.get("consumer"))
    mine = bundle.get("consumer-cross-account")
    assert [p.arn for p in mine.principals] == [elsewhere]
    assert kinesis_actions(mine) == {"kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator",
                                     "kinesis:ListShards", "kinesis:DescribeStreamConsumer",
                                     "kinesis:SubscribeToShard"}


def test_writers_elsewhere_share_the_producer_document_since_they_use_the_same_actions():
    bundle = render_bundle(answers(Principal("w", ("producer",)), Principal(role(OTHER_ACCOUNT, "w"), ("producer",))))
    assert [d.filename for d in bundle.documents if d.kind == "identity"] == ["producer-policy.json"]


def test_flink_with_fan_out_lists_registers_and_deregisters_only_in_its_own_account():
    local, elsewhere = "flink", role(OTHER_ACCOUNT, "flink")
    bundle = render_bundle(answers(Principal(local, ("consumer",), "flink"),
                                   Principal(elsewhere, ("consumer",), "flink")))
    own = kinesis_actions(bundle.get("flink-consumer"))
    assert {"kinesis:ListStreamConsumers", "kinesis:RegisterStreamConsumer", "kinesis:DeregisterStreamConsumer"} <= own
    assert not {"kinesis:ListStreamConsumers", "kinesis:RegisterStreamConsumer",
                "kinesis:DeregisterStreamConsumer"} & kinesis_actions(bundle.get("flink-consumer-cross-account"))
    no_fan_out = render_bundle(answers(Principal(local, ("consumer",), "flink"), fan_out=False))
    assert "kinesis:ListStreamConsumers" not in kinesis_actions(no_fan_out.get("flink-consumer"))


def test_several_streams_shared_with_other_accounts_write_every_streams_policies(tmp_path, capsys):
    """File names of a multi-stream cross-account bundle, each stream's policy on that stream only."""
    out, answers_file = tmp_path / "b", tmp_path / "answers.json"
    answers_file.write_text(json.dumps(MULTI.answers().to_dict()))
    assert main(["generate", "--answers", str(answers_file), "--out", str(out)]) == 0, capsys.readouterr().err
    written = sorted(p.name for p in out.iterdir())
    readers = ["fn-444455556666", "flink-555566667777", "reader-444455556666", "reader-555566667777"]
    streams = ["audit", "orders", "payments.v2"]
    assert written == sorted([
        "README.md", "ACCESS.md", "manifest.json", "admin-policy.json", "consumer-policy.json",
        "consumer-cross-account-policy.json",
        "lambda-consumer-policy.json", "flink-consumer-policy.json", "flink-consumer-cross-account-policy.json",
        "firehose-consumer-cross-account-policy.json", "producer-policy.json", "key-policy.json",
        *(f"stream-resource-policy-{s}.json" for s in streams),
        *(f"consumer-resource-policy-{c}@{s}.json" for c in readers for s in streams)])
    for s in streams:
        body = json.loads((out / f"stream-resource-policy-{s}.json").read_text())
        assert {st["Resource"] for st in body["Statement"]} == {f"arn:aws:kinesis:us-east-2:{ACCT}:stream/{s}"}
        for c in readers:
            body = json.loads((out / f"consumer-resource-policy-{c}@{s}.json").read_text())
            (stmt,) = body["Statement"]
            assert stmt["Resource"] == f"arn:aws:kinesis:us-east-2:{ACCT}:stream/{s}/consumer/{c}:CREATION_TIMESTAMP"


@pytest.mark.parametrize(("streams", "readers", "files"), [
    (("orders",), ("r1",), ["consumer-resource-policy.json"]),
    (("orders", "audit"), ("r1",), ["consumer-resource-policy-orders.json", "consumer-resource-policy-audit.json"]),
    (("orders",), ("r1", "r2"), ["consumer-resource-policy-r1-444455556666.json",
                                 "consumer-resource-policy-r2-444455556666.json"]),
])
def test_consumer_policy_file_names(streams, readers, files):
    bundle = render_bundle(answers(*(Principal(role(OTHER_ACCOUNT, r), ("consumer",)) for r in readers),
                                   streams=streams))
    assert [d.filename for d in bundle.documents if d.kind == "consumer"] == files
    assert bundle_files(bundle).keys() >= set(files)


def test_no_consumer_policy_without_fan_out_or_for_firehose_or_in_the_stream_account():
    assert not [d for d in render_bundle(answers(Principal(role(OTHER_ACCOUNT, "r"), ("consumer",)), fan_out=False))
                .documents if d.kind == "consumer"]
    assert not [d for d in render_bundle(answers(Principal(role(OTHER_ACCOUNT, "r"), ("consumer",), "firehose")))
                .documents if d.kind == "consumer"]
    assert not [d for d in render_bundle(answers(Principal("r", ("consumer",)))).documents if d.kind == "consumer"]


def test_consumer_names_derive_from_the_role_and_account_and_can_be_given():
    derived = render_bundle(answers(Principal(role(OTHER_ACCOUNT, "team/app+1@x"), ("consumer",))))
    assert derived.get("consumer-resource").consumer == "app_1_x-444455556666"
    given = render_bundle(answers(Principal(role(OTHER_ACCOUNT, "app"), ("consumer",), consumer_name="orders-app")))
    assert given.ok and given.get("consumer-resource").consumer == "orders-app"
    # the name a reader already has in the answers is kept through the manifest
    assert given.answers.to_dict()["principals"][0]["consumer_name"] == "orders-app"


@pytest.mark.parametrize(("principals", "words"), [
    ((Principal(role(OTHER_ACCOUNT, "a"), ("consumer",), consumer_name="same"),
      Principal(role(THIRD_ACCOUNT, "b"), ("consumer",), consumer_name="same")),
     "consumer 'arn:aws:iam::555566667777:role/b': its enhanced fan-out consumer would be named 'same', like the "
     "one of arn:aws:iam::444455556666:role/a; consumer names are unique on a stream"),
    ((Principal(role(OTHER_ACCOUNT, "a"), ("consumer",), consumer_name="bad name"),),
     "consumer 'arn:aws:iam::444455556666:role/a': its enhanced fan-out consumer name 'bad name' is not valid"),
    ((Principal(role(OTHER_ACCOUNT, "a"), ("consumer",), consumer_name="x" * 129),), "1 to 128 letters"),
])
def test_consumer_name_problems(principals, words):
    bundle = render_bundle(answers(*principals))
    assert len(bundle.problems) == 1 and words in str(bundle.problems[0]), bundle.problems


def test_a_consumer_name_for_a_reader_that_needs_none_is_kept_but_unused():
    bundle = render_bundle(answers(Principal("local", ("consumer",), consumer_name="bad name")))
    assert bundle.ok and not [d for d in bundle.documents if d.kind == "consumer"]


def test_consumer_name_on_the_command_line(capsys):
    argv = ["generate", "--region", "us-east-2", "--account", ACCT, "--key", KEY, "--stream", "orders",
            "--consumer", role(OTHER_ACCOUNT, "app"), "--consumer-name", f"{role(OTHER_ACCOUNT, 'app')}=orders-app",
            "--print", "readme"]
    assert main(argv) == 0
    assert "--consumer-name orders-app" in capsys.readouterr().out
    assert main([*argv[:-2], "--consumer-name", "nobody=x", "--print", "readme"]) == 2
    assert "--consumer-name 'nobody=x': expected ROLE=NAME" in capsys.readouterr().err


def test_without_its_consumer_policy_a_reader_elsewhere_cannot_subscribe():
    """The evaluator's cross-account fan-out path: stream policy and identity are not enough."""
    reader = role(OTHER_ACCOUNT, "reader")
    bundle = render_bundle(answers(Principal(reader, ("consumer",))))
    w = World(bundle, KEY, ())
    consumer = f"arn:aws:kinesis:us-east-2:{ACCT}:stream/orders/consumer/reader-{OTHER_ACCOUNT}:1700000000"
    assert not w.kinesis(reader, OTHER_ACCOUNT, "kinesis:SubscribeToShard", consumer)
    # the file as written, put without the README's substitution, names no real consumer
    w.consumer_policies[consumer] = bundle.get("consumer-resource").body
    assert not w.kinesis(reader, OTHER_ACCOUNT, "kinesis:SubscribeToShard", consumer)
    assert owner_registers(w) == {"consumer-resource-policy.json": consumer}
    assert w.kinesis(reader, OTHER_ACCOUNT, "kinesis:SubscribeToShard", consumer)
    assert w.kinesis(reader, OTHER_ACCOUNT, "kinesis:DescribeStreamConsumer", consumer)
    assert not w.kinesis(role(OTHER_ACCOUNT, "someone-else"), OTHER_ACCOUNT, "kinesis:SubscribeToShard", consumer)


def test_the_multi_stream_world_registers_every_consumer():
    w = world(MULTI)
    registered = owner_registers(w)
    assert len(registered) == 12  # four readers elsewhere (not the Firehose role) on three streams


def test_a_consumer_name_survives_the_manifest_and_replays_byte_identical(tmp_path, capsys):
    first, second = tmp_path / "first", tmp_path / "second"
    argv = ["generate", "--region", "us-east-2", "--account", ACCT, "--key", KEY, "--stream", "orders",
            "--flink-consumer", role(OTHER_ACCOUNT, "app"), "--consumer-name", f"{role(OTHER_ACCOUNT, 'app')}=-efo"]
    assert main([*argv, "--out", str(first)]) == 0
    assert json.loads((first / "manifest.json").read_text())["answers"]["principals"][0]["consumer_name"] == "-efo"
    assert main(["generate", "--answers", str(first / "manifest.json"), "--out", str(second)]) == 0
    assert {p.name: p.read_bytes() for p in first.iterdir()} == {p.name: p.read_bytes() for p in second.iterdir()}
    assert "--consumer-name=-efo" in (first / "README.md").read_text()


def test_a_consumer_name_in_an_answers_file_must_be_text(tmp_path, capsys):
    bad = tmp_path / "a.json"
    bad.write_text(json.dumps({"principals": [{"principal": "r", "roles": ["consumer"], "consumer_name": 7}]}))
    assert main(["generate", "--answers", str(bad), "--print", "readme"]) == 2
    assert "principals[0].consumer_name: expected a string or null" in capsys.readouterr().err
