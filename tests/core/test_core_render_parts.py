"""The identity documents a bundle writes for one role, as a user finds them: one file when it fits the managed
policy limit (6,144 characters), else numbered parts whose names and titles say which part of how many; a part of
exactly the limit is fine; a stream that alone overflows is written whole for the user to see and reported.

The policy builder is a stand-in of a chosen size, so each case sits exactly at the limit (valid answers cannot make
one stream overflow: a stream adds a few hundred characters)."""

from __future__ import annotations

from wizard.core import limits
from wizard.core.render import _identity_documents
from wizard.core.validate import PrincipalRef, StreamRef

LIMIT = limits.MANAGED_POLICY_CHARS
WRITER = PrincipalRef("writer", "arn:aws:iam::123456789012:role/writer", "123456789012", "role", "writer",
                      ("producer",))


def _stream(name: str) -> StreamRef:
    return StreamRef(name, f"arn:aws:kinesis:us-west-2:123456789012:stream/{name}")


def _builder(lengths: dict[str, int]):
    """A policy with one action per stream, `lengths[name]` characters long."""
    def build(chunk):
        return {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "*",
                                                        "Action": ["a:" + "b" * (lengths[s.name] - 2) for s in chunk]}]}
    return build


def _exact(name: str, others: dict[str, int], target: int) -> dict[str, int]:
    """`others` and a length for `name` that makes the policy of `name` alone exactly `target` characters."""
    lengths = {**others, name: 10}
    lengths[name] += target - limits.iam_size(_builder(lengths)([_stream(name)]))
    assert limits.iam_size(_builder(lengths)([_stream(name)])) == target
    return lengths


def test_parts_are_numbered_and_titled_and_a_part_of_exactly_the_limit_is_fine():
    lengths = _exact("b", {"a": 3000}, LIMIT)
    streams = [_stream("a"), _stream("b")]
    problems: list = []
    docs = _identity_documents("producer", "Producer policy", (WRITER,), streams, _builder(lengths), problems)
    assert problems == []
    assert [(d.name, d.filename, d.title, d.size) for d in docs] == [
        ("producer-1", "producer-policy-1.json", "Producer policy, part 1 of 2",
         limits.iam_size(_builder(lengths)(streams[:1]))),
        ("producer-2", "producer-policy-2.json", "Producer policy, part 2 of 2", LIMIT)]
    assert [d.principals for d in docs] == [(WRITER,), (WRITER,)]
    assert docs[1].body == _builder(lengths)(streams[1:]) and docs[1].text == limits.to_json(docs[1].body)


def test_a_policy_of_exactly_the_limit_is_one_file():
    lengths = _exact("a", {}, LIMIT)
    docs = _identity_documents("producer", "Producer policy", (WRITER,), [_stream("a")], _builder(lengths), [])
    assert [(d.name, d.filename, d.title, d.size, d.principals) for d in docs] == [
        ("producer", "producer-policy.json", "Producer policy", LIMIT, (WRITER,))]


def test_one_stream_over_the_limit_is_written_whole_under_the_roles_name_and_reported():
    lengths = _exact("a", {}, LIMIT + 1)
    problems: list = []
    docs = _identity_documents("consumer", "Consumer policy", (WRITER,), [_stream("a")], _builder(lengths), problems)
    assert [(d.name, d.filename, d.title, d.kind, d.size, d.principals) for d in docs] == [
        ("consumer", "consumer-policy.json", "Consumer policy", "identity", LIMIT + 1, (WRITER,))]
    assert docs[0].body == _builder(lengths)([_stream("a")])
    assert [str(p) for p in problems] == ["consumer: one stream alone makes this policy larger than 6,144 characters"]
