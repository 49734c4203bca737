"""`check`'s inputs refused by name, value and rule (one line each, as the CLI prints them), and read into the
principal and key the table is about."""

from __future__ import annotations

import pytest

from wizard.core.diagnose import Inputs, resolve_inputs

ROLE = "arn:aws:iam::111122223333:role/r"
STREAM = "arn:aws:kinesis:us-west-2:111122223333:stream/s"


@pytest.mark.parametrize(("changes", "refusal"), [
    ({"role": "reader"}, "as 'reader': choose producer, consumer or admin"),
    ({"role": "consumer", "service": "glue"}, "service 'glue': choose lambda, flink or firehose"),
    ({"service": "lambda"}, "service 'lambda': a service's role reads the stream: use --as consumer"),
    ({"stream": "orders"}, "stream 'orders': give the stream's ARN: arn:PARTITION:kinesis:REGION:ACCOUNT:stream/NAME"),
    ({"stream": STREAM.replace("us-west-2", "mars-1")},
     f"stream '{STREAM.replace('us-west-2', 'mars-1')}': 'mars-1' is not a Region of partition 'aws'"),
    ({"stream": STREAM[:-1]},
     f"stream '{STREAM[:-1]}': a stream name is 1 to 128 letters, digits, '_', '.' or '-'"),
    ({"principal": "r"}, "principal 'r': give the role's or user's ARN: arn:PARTITION:iam::ACCOUNT:role/NAME or "
                         "arn:PARTITION:iam::ACCOUNT:user/NAME"),
    ({"principal": "arn:aws:iam::111122223333:group/r"},  # by ARN only: check refuses a role's name
     "principal 'arn:aws:iam::111122223333:group/r': give the role's or user's ARN: "
     "arn:PARTITION:iam::ACCOUNT:role/NAME or arn:PARTITION:iam::ACCOUNT:user/NAME"),
    ({"key": "alias/"}, "key 'alias/': an alias name is alias/ followed by letters, digits, '/', '_' and '-'"),
], ids=["role", "service", "service-not-consumer", "stream-name", "stream-region", "stream-empty-name",
        "principal-name", "principal-group", "key-alias"])
def test_a_bad_input_is_refused_by_name_value_and_rule(changes, refusal):
    given = {"principal": ROLE, "role": "producer", "stream": STREAM, "identity": (), **changes}
    place, problems = resolve_inputs(Inputs(**given))
    assert place is None and [str(p) for p in problems] == [refusal]


def test_a_service_role_and_a_key_by_alias_are_read_as_given():
    place, problems = resolve_inputs(Inputs(ROLE, "consumer", STREAM, (), "lambda", "alias/k"))
    assert problems == []
    principal, key = place.principal, place.resolved.key
    assert (principal.arn, principal.account, principal.kind, principal.name) == (ROLE, "111122223333", "role", "r")
    assert (principal.roles, principal.service) == (("consumer",), "lambda")
    assert (key.kind, key.alias, key.account, key.arn) == ("alias", "alias/k", "111122223333", None)


def test_without_a_key_the_key_is_unknown_in_the_streams_account():
    place, problems = resolve_inputs(Inputs(ROLE, "admin", STREAM.replace("111122223333", "444455556666"), ()))
    assert problems == [] and (place.resolved.key.kind, place.resolved.key.account) == ("unknown", "444455556666")
