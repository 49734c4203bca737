"""Labels and where-lines for documents, including a kind the preview does not know yet."""

from __future__ import annotations

from dataclasses import replace

from wizard.core.model import Answers, Principal
from wizard.core.render import Document, render_bundle
from wizard.core.validate import StreamRef
from wizard.tui.documents import label, where

ANSWERS = Answers(region="us-west-2", account="111122223333", key="alias/orders", streams=("orders",),
                  principals=(Principal("arn:aws:iam::444455556666:user/ci-bot", ("producer",)),))


def test_a_user_in_another_account_and_a_key_given_by_alias() -> None:
    bundle = render_bundle(ANSWERS)
    producer, key = bundle.get("producer"), bundle.get("key")
    assert producer is not None and key is not None
    assert where(producer, bundle.resolved) == "attach to IAM user ci-bot in account 444455556666"
    assert where(key, bundle.resolved) == "set on the KMS key of alias/orders in account 111122223333"
    assert [label(doc) for doc in bundle.documents] == ["producer", "key", "stream: orders"]


def test_many_principals_are_counted_not_listed() -> None:
    answers = replace(ANSWERS, principals=tuple(Principal(f"role-{n}", ("producer",)) for n in range(20)))
    bundle = render_bundle(answers)
    producer = bundle.get("producer")
    assert producer is not None
    assert where(producer, bundle.resolved).endswith("IAM role role-5, 14 more (the bundle's README lists them all)")


def test_a_kind_this_preview_does_not_know_still_gets_a_label_and_a_line() -> None:
    stream = StreamRef("orders", "arn:aws:kinesis:us-west-2:111122223333:stream/orders")
    fan_out = Document("consumer-resource-orders", "consumer-resource-policy-orders.json", "Consumer resource policy",
                       "consumer", {}, "{}\n", 2, 20_480, "bytes", stream=stream, consumer="analytics-efo")
    other = replace(fan_out, kind="future", name="future-thing", stream=None)
    assert label(fan_out) == "fan-out: orders"
    assert where(fan_out, None) == ("set on consumer analytics-efo of stream orders in account 111122223333, "
                                    "once registered")
    assert label(other) == "future-thing"
    assert where(other, None) == other.attach_to  # the core's own words


def test_the_engines_consumer_resource_policies_are_labelled_by_their_file() -> None:
    answers = replace(ANSWERS, key="", streams=("orders", "refunds"), principals=(
        Principal("arn:aws:iam::444455556666:role/analytics", ("consumer",)),))
    bundle = render_bundle(answers)
    consumers = [doc for doc in bundle.documents if doc.kind == "consumer"]
    assert consumers, [doc.filename for doc in bundle.documents]
    assert [label(doc) for doc in consumers] == ["fan-out: orders", "fan-out: refunds"]
    assert all(where(doc, bundle.resolved).startswith("set on consumer ") for doc in consumers)
