"""When the faces ask for an enhanced fan-out consumer name: exactly for the readers the bundle writes a consumer
resource policy for, and the name they offer is the one the bundle uses when none is given."""

from __future__ import annotations

from dataclasses import replace

import pytest

from wizard.core.fields import fan_out_consumer, own_consumer_default
from wizard.core.model import Answers, Principal
from wizard.core.render import render_bundle

BASE = Answers(region="eu-west-1", account="111122223333", key="alias/streams", streams=("orders",),
               principals=(Principal("writer", ("producer",)),), fan_out=True)
OTHER = "arn:aws:iam::444455556666:role/"


def consumers_in_bundle(answers: Answers) -> dict[str, str]:
    """principal as typed → the consumer name of its consumer resource policy, read from the bundle's documents."""
    bundle = render_bundle(answers)
    return {p.given: doc.consumer for doc in bundle.documents if doc.kind == "consumer" for p in doc.principals}


@pytest.mark.parametrize("principal", [
    Principal(OTHER + "reader", ("consumer",)),  # another account, fan-out: a consumer of its own
    Principal(OTHER + "team/reader+x", ("consumer", "producer")),  # a path, and a character a consumer name lacks
    Principal(OTHER + "fn", ("consumer",), "lambda"),
    Principal(OTHER + "app", ("consumer",), "flink"),
    Principal("arn:aws:iam::444455556666:user/dev", ("consumer",)),
    Principal(f"  {OTHER}reader  ", ("consumer",)),  # as typed, with spaces around it
    Principal(OTHER + "hose", ("consumer",), "firehose"),  # Firehose reads with GetRecords: none
    Principal(OTHER + "writer", ("producer",)),  # not a reader: none
    Principal("reader", ("consumer",)),  # a role of the stream's account: none
    Principal("arn:aws:iam::111122223333:role/reader", ("consumer",)),
    Principal("arn:aws:iam::4444:role/reader", ("consumer",)),  # not a valid ARN yet: nothing to offer
    Principal("not an arn", ("consumer",)),
])
@pytest.mark.parametrize("fan_out", [True, False])
def test_a_consumer_name_is_asked_exactly_for_the_readers_that_get_a_consumer(principal: Principal,
                                                                             fan_out: bool) -> None:
    answers = replace(BASE, principals=(*BASE.principals, principal), fan_out=fan_out)
    offered = own_consumer_default(principal, answers)
    written = consumers_in_bundle(answers).get(principal.ref.strip())
    assert offered == written
    if principal.ref.strip().startswith(OTHER) and principal.service != "firehose" and fan_out \
            and "consumer" in principal.roles:
        assert offered is not None  # the cases meant to get one do


def test_the_offered_name_is_the_role_name_and_account_with_what_a_consumer_name_cannot_hold_replaced() -> None:
    principal = Principal(OTHER + "team/reader+x", ("consumer",))
    assert own_consumer_default(principal, replace(BASE, principals=(principal,))) == "reader_x-444455556666"


def test_a_given_consumer_name_replaces_the_offered_one_in_the_bundle() -> None:
    principal = Principal(OTHER + "reader", ("consumer",), consumer_name="orders-app")
    answers = replace(BASE, principals=(principal,))
    assert own_consumer_default(principal, answers) == "reader-444455556666"  # still what is offered
    assert consumers_in_bundle(answers) == {OTHER + "reader": "orders-app"}


def test_the_consumer_shown_beside_a_reader_is_the_given_name_or_the_default_and_none_without_one() -> None:
    reader = Principal(OTHER + "reader", ("consumer",))
    named = replace(reader, consumer_name="orders-app")
    answers = replace(BASE, principals=(reader,))
    assert fan_out_consumer(reader, answers) == "reader-444455556666"
    assert fan_out_consumer(named, answers) == "orders-app"
    assert fan_out_consumer(named, replace(answers, fan_out=False)) is None  # a name kept, but no consumer now
    assert fan_out_consumer(Principal("reader", ("consumer",), consumer_name="x"), answers) is None


def test_a_firehose_reader_in_another_account_gets_no_consumer_even_with_fan_out() -> None:
    """Firehose reads its source stream with GetRecords: no enhanced fan-out consumer is registered for its role, so
    no consumer resource policy is written and no consumer name is asked."""
    hose = Principal(OTHER + "hose", ("consumer",), "firehose")
    answers = replace(BASE, principals=(hose,))
    bundle = render_bundle(answers)
    assert [doc.kind for doc in bundle.documents if doc.kind == "consumer"] == []
    assert not any(p.consumer_name for p in bundle.resolved.principals)
    assert own_consumer_default(hose, answers) is None
