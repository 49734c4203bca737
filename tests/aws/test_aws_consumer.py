"""A registered consumer's resource policy, through botocore's Stubber.

moto cannot serve this path: its Kinesis GetResourcePolicy reads the last part of the ARN as a
stream name, so for a consumer ARN (stream/NAME/consumer/C:TIMESTAMP) it answers "stream not
found". The Stubber checks every request apply makes (names, ARNs, the policy with the consumer's
real ARN in place of the placeholder) and answers as the Kinesis API reference documents.
"""

from __future__ import annotations

import json

import pytest

boto3 = pytest.importorskip("boto3")
from botocore.stub import Stubber  # noqa: E402

from wizard.aws import apply  # noqa: E402
from wizard.aws.session import Aws, Identity  # noqa: E402
from wizard.core import limits  # noqa: E402
from wizard.core.model import Answers, Principal  # noqa: E402
from wizard.core.render import render_bundle  # noqa: E402

ACCOUNT, OTHER = "123456789012", "444455556666"
STREAM = f"arn:aws:kinesis:us-west-2:{ACCOUNT}:stream/orders"
READER = f"arn:aws:iam::{OTHER}:role/reader"
CONSUMER = f"{STREAM}/consumer/reader-{OTHER}:1700000000"


@pytest.fixture
def consumer_doc():  # type: ignore[no-untyped-def]
    answers = Answers(region="us-west-2", account=ACCOUNT, key=f"arn:aws:kms:us-west-2:{ACCOUNT}:key/"
                      "1234abcd-12ab-34cd-56ef-1234567890ab", streams=("orders",),
                      principals=(Principal(READER, ("consumer",)),))
    bundle = render_bundle(answers)
    assert bundle.ok, bundle.problems
    docs = [d for d in bundle.documents if d.kind == "consumer"]
    assert len(docs) == 1
    return bundle.resolved, docs[0]


def _aws() -> tuple[Aws, Stubber]:
    session = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-west-2")
    aws = Aws(session, "us-west-2")
    return aws, Stubber(aws.client("kinesis"))


def _active() -> dict:
    return {"ConsumerDescription": {"ConsumerName": f"reader-{OTHER}", "ConsumerARN": CONSUMER,
                                    "ConsumerStatus": "ACTIVE", "ConsumerCreationTimestamp": 1700000000,
                                    "StreamARN": STREAM}}


def test_an_unregistered_consumer_is_registered_then_given_its_policy(consumer_doc, monkeypatch):  # type: ignore[no-untyped-def]
    r, doc = consumer_doc
    name = doc.consumer
    monkeypatch.setattr(apply, "CONSUMER_WAIT_SECONDS", 0)
    aws, stub = _aws()
    describe = {"StreamARN": STREAM, "ConsumerName": name}
    stub.add_client_error("describe_stream_consumer", "ResourceNotFoundException", expected_params=describe)
    stub.add_response("register_stream_consumer", {"Consumer": {
        "ConsumerName": name, "ConsumerARN": CONSUMER, "ConsumerStatus": "CREATING",
        "ConsumerCreationTimestamp": 1700000000}}, expected_params=describe)
    creating = _active()
    creating["ConsumerDescription"]["ConsumerStatus"] = "CREATING"
    stub.add_response("describe_stream_consumer", creating, expected_params=describe)
    stub.add_response("describe_stream_consumer", _active(), expected_params=describe)
    expected = json.loads(doc.text.replace(f"{STREAM}/consumer/{name}:CREATION_TIMESTAMP", CONSUMER))
    assert expected["Statement"][0]["Resource"] == CONSUMER  # the placeholder is replaced by the registered ARN
    assert expected["Statement"][0]["Principal"] == {"AWS": READER}
    stub.add_response("put_resource_policy", {},
                      expected_params={"ResourceARN": CONSUMER, "Policy": limits.to_compact_json(expected)})
    plan = apply.Plan(Identity(ACCOUNT, f"arn:aws:iam::{ACCOUNT}:user/u"), "us-west-2")
    with stub:
        apply._plan_consumer(aws, r, doc, plan)
        assert [text for _section, _mark, text in plan.lines] == [
            f"register consumer {name} on stream orders (enhanced fan-out: billed per consumer-shard hour) and, "
            "once it is ACTIVE, put its resource policy"]
        apply.execute(plan)
        stub.assert_no_pending_responses()


def test_a_registered_consumer_with_its_policy_plans_nothing(consumer_doc):  # type: ignore[no-untyped-def]
    r, doc = consumer_doc
    body = json.loads(doc.text.replace(f"{STREAM}/consumer/{doc.consumer}:CREATION_TIMESTAMP", CONSUMER))
    aws, stub = _aws()
    stub.add_response("describe_stream_consumer", _active())
    stub.add_response("get_resource_policy", {"Policy": json.dumps(body)}, expected_params={"ResourceARN": CONSUMER})
    plan = apply.Plan(Identity(ACCOUNT, f"arn:aws:iam::{ACCOUNT}:user/u"), "us-west-2")
    with stub:
        apply._plan_consumer(aws, r, doc, plan)
    assert plan.changes == []
    assert [text for _s, _m, text in plan.lines] == ["the resource policy already grants what the bundle's does"]


def test_the_consumer_is_for_the_streams_account_only(consumer_doc):  # type: ignore[no-untyped-def]
    r, doc = consumer_doc
    aws, _stub = _aws()
    plan = apply.Plan(Identity(OTHER, f"arn:aws:iam::{OTHER}:user/u"), "us-west-2")
    apply._plan_consumer(aws, r, doc, plan)
    assert plan.elsewhere == {ACCOUNT: [f"consumer {doc.consumer} of stream orders and its resource policy "
                                        f"({doc.filename})"]}


def test_check_from_aws_reads_the_registered_consumers_policy(consumer_doc, tmp_path, monkeypatch, capsys):  # type: ignore[no-untyped-def]
    """`check --from-aws` for a reader of another account (its identity policy given as a file): the consumer
    this tool names for it (DescribeStreamConsumer), then its resource policy; the real CLI in this process, every
    AWS call answered by Stubber in the order the code makes them (moto's GetResourcePolicy refuses consumer ARNs)."""
    from wizard.cli import main

    r, doc = consumer_doc
    bundle = render_bundle(Answers(region="us-west-2", account=ACCOUNT, key=r.key.given, streams=("orders",),
                                   principals=(Principal(READER, ("consumer",)),)))
    identity = tmp_path / "reader.json"
    identity.write_text(bundle.get("consumer-cross-account").text, encoding="utf-8")
    consumer_policy = doc.text.replace(f"{STREAM}/consumer/{doc.consumer}:CREATION_TIMESTAMP", CONSUMER)
    key = r.key.arn
    session = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-west-2")
    aws = Aws(session, "us-west-2")
    stubs = {name: Stubber(aws.client(name)) for name in ("sts", "kms", "kinesis")}
    stubs["sts"].add_response("get_caller_identity", {"Account": ACCOUNT, "Arn": f"arn:aws:iam::{ACCOUNT}:user/u",
                                                      "UserId": "AIDAEXAMPLE"})
    stubs["kms"].add_response("describe_key", {"KeyMetadata": {"KeyId": key.rpartition("/")[2], "Arn": key,
                                                               "KeyManager": "CUSTOMER", "KeyState": "Enabled"}},
                              expected_params={"KeyId": key})
    stubs["kms"].add_response("list_aliases", {"Aliases": [{"AliasName": "alias/orders"}], "Truncated": False},
                              expected_params={"KeyId": key})
    stubs["kms"].add_response("get_key_policy", {"Policy": bundle.get("key").text},
                              expected_params={"KeyId": key, "PolicyName": "default"})
    stubs["kinesis"].add_response("get_resource_policy", {"Policy": bundle.get("stream").text},
                                  expected_params={"ResourceARN": STREAM})
    stubs["kinesis"].add_response("describe_stream_consumer", _active(),
                                  expected_params={"StreamARN": STREAM, "ConsumerName": f"reader-{OTHER}"})
    stubs["kinesis"].add_response("get_resource_policy", {"Policy": consumer_policy},
                                  expected_params={"ResourceARN": CONSUMER})
    monkeypatch.setattr("wizard.aws.session.connect", lambda profile=None, region=None: aws)
    for stub in stubs.values():
        stub.activate()
    code = main(["check", "--from-aws", "--principal", READER, "--as", "consumer", "--stream", STREAM, "--key", key,
                 "--identity-policy", str(identity)])
    for stub in stubs.values():
        stub.assert_no_pending_responses()
        stub.deactivate()
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert f"  consumer-policy: the resource policy of consumer {CONSUMER}" in err.splitlines()
    text = " ".join(out.split())
    assert "allowed SubscribeToShard" in text and "consumer-policy#" in text
    assert "denied SubscribeToShard" not in text
