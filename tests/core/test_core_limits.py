"""Size limits: identity policies split to fit, key policies refused when they cannot, nothing over written."""

from __future__ import annotations

import json
import re

import pytest

from wizard.core import limits
from wizard.core.bundle import BundleError, write_bundle
from wizard.core.model import Answers, Principal
from wizard.core.render import render_bundle

ACCT = "123456789012"
STREAMS = tuple(f"stream-{i:04d}-" + "x" * 40 for i in range(1000))
PRINCIPALS = (Principal("p", ("producer",)), Principal("c", ("consumer",)), Principal("a", ("admin",)),
              Principal("lam", ("consumer",), "lambda"), Principal("flk", ("consumer",), "flink"),
              Principal("fh", ("consumer",), "firehose"))


@pytest.fixture(scope="module")
def big_bundle():
    return render_bundle(Answers("us-west-2", ACCT, "alias/aws/kinesis", STREAMS, PRINCIPALS))


def _stream_arns(doc) -> list[str]:
    """Every stream ARN a part covers, from its first statement (the one on the streams)."""
    res = doc.body["Statement"][0]["Resource"]
    return [x for x in ([res] if isinstance(res, str) else res) if ":stream/" in x and "/consumer/" not in x]


def test_iam_size_ignores_whitespace():
    doc = {"Version": "2012-10-17", "Statement": [{"Sid": "A", "Action": ["x:y"], "Resource": "*"}]}
    assert limits.iam_size(doc) == len(re.sub(r"\s", "", limits.to_json(doc)))


def test_thousand_streams_split_into_parts_that_each_fit(big_bundle):
    assert big_bundle.ok, big_bundle.problems
    arns = {f"arn:aws:kinesis:us-west-2:{ACCT}:stream/{s}" for s in STREAMS}
    for base in ("producer", "consumer", "admin", "lambda-consumer", "flink-consumer", "firehose-consumer"):
        parts = [d for d in big_bundle.documents if d.name.rsplit("-", 1)[0] == base and d.name[-1].isdigit()]
        assert len(parts) > 1, base
        assert [d.filename for d in parts] == [f"{base}-policy-{i}.json" for i in range(1, len(parts) + 1)]
        covered: list[str] = []
        for d in parts:
            assert len(re.sub(r"\s", "", d.text)) <= limits.MANAGED_POLICY_CHARS
            assert d.size == limits.iam_size(d.body) <= limits.MANAGED_POLICY_CHARS
            mine = _stream_arns(d)
            covered += mine
            for stmt in d.body["Statement"]:  # every statement of a part speaks of that part's streams only
                text = json.dumps(stmt)
                assert set(re.findall(r"arn:aws:kinesis:[^\"/]+/[A-Za-z0-9_.-]+", text)) <= set(mine)
        assert sorted(covered) == sorted(arns), base  # every stream exactly once


def test_split_parts_with_a_customer_key_also_carry_their_own_conditions():
    streams = STREAMS[:200]
    bundle = render_bundle(Answers("us-west-2", ACCT, "1234abcd-12ab-34cd-56ef-1234567890ab", streams,
                                   (Principal("p", ("producer",)),)))
    parts = [d for d in bundle.documents if d.name.startswith("producer-")]
    assert len(parts) > 1
    for d in parts:
        kms = next(s for s in d.body["Statement"] if s["Action"] == ["kms:GenerateDataKey"])
        ctx = kms["Condition"]["StringEquals"]["kms:EncryptionContext:aws:kinesis:arn"]
        assert sorted([ctx] if isinstance(ctx, str) else ctx) == sorted(_stream_arns(d))


def test_key_policy_over_32k_is_a_problem_naming_what_to_reduce(tmp_path):
    bundle = render_bundle(Answers("us-west-2", ACCT, "1234abcd-12ab-34cd-56ef-1234567890ab", STREAMS[:400],
                                   (Principal("p", ("producer",)), Principal("c", ("consumer",)))))
    key_problems = [p for p in bundle.problems if p.field == "key"]
    assert len(key_problems) == 1
    text = str(key_problems[0])
    assert "32,768" in text and "reduce the streams (400)" in text and "principals (2)" in text
    key_doc = bundle.get("key")
    assert key_doc.size > limits.KEY_POLICY_BYTES
    out = tmp_path / "out"
    with pytest.raises(BundleError):
        write_bundle(bundle, out)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_key_policy_just_under_the_limit_is_fine():
    bundle = render_bundle(Answers("us-west-2", ACCT, "1234abcd-12ab-34cd-56ef-1234567890ab", STREAMS[:100],
                                   (Principal("p", ("producer",)),)))
    assert bundle.ok
    assert bundle.get("key").size == len(bundle.get("key").text.encode()) <= limits.KEY_POLICY_BYTES


def test_one_stream_too_big_for_a_policy_is_a_problem_not_a_silent_write():
    from wizard.core.render import _identity_documents
    from wizard.core.validate import StreamRef

    streams = [StreamRef("s", "arn:aws:kinesis:us-west-2:123456789012:stream/s")]
    problems: list = []

    def huge(_streams):
        return {"Version": "2012-10-17", "Statement": [{"Sid": "X", "Effect": "Allow", "Action": ["a:" + "b" * 7000],
                                                        "Resource": "*"}]}

    docs = _identity_documents("producer", "Producer", (), streams, huge, problems)
    assert len(docs) == 1 and docs[0].size > limits.MANAGED_POLICY_CHARS
    assert [str(p) for p in problems] == ["producer: one stream alone makes this policy larger than 6,144 characters"]


def test_a_later_stream_too_big_alone_is_a_problem_too():
    from wizard.core.render import _identity_documents
    from wizard.core.validate import StreamRef

    streams = [StreamRef(n, f"arn:aws:kinesis:us-west-2:123456789012:stream/{n}") for n in ("a", "b", "huge")]

    def build(chunk):
        actions = ["a:" + ("b" * 7000 if s.name == "huge" else s.name * 2000) for s in chunk]
        return {"Version": "2012-10-17", "Statement": [{"Sid": "X", "Effect": "Allow", "Action": actions,
                                                        "Resource": "*"}]}

    problems: list = []
    docs = _identity_documents("consumer", "Consumer", (), streams, build, problems)
    assert [len(d.body["Statement"][0]["Action"]) for d in docs] == [2, 1]  # a and b share a part; huge is alone
    assert [str(p) for p in problems] == [
        "consumer 'huge': this stream alone makes the policy 7,098 characters, over 6,144"]


# --- every limit at exactly its value, and one over ---------------------------------------------------

UUID = "1234abcd-12ab-34cd-56ef-1234567890ab"
OTHER = "444455556666"


def _sized(make, measure, target: int):
    """make(extra) for the `extra` that makes measure(...) exactly `target` (each extra adds exactly one)."""
    base = measure(make(0))
    extra = target - base
    assert extra >= 0, (base, target)
    made = make(extra)
    assert measure(made) == target
    return made


def _spread(count: int, extra: int) -> list[int]:
    """`extra` characters shared out over `count` names, one at a time."""
    return [extra // count + (1 if i < extra % count else 0) for i in range(count)]


def _producers_only_streams(extra: int) -> Answers:
    """A managed-key producer: each character of a stream name is one character of its policy."""
    names = [f"s{i:02d}" + "x" * (57 + more) for i, more in enumerate(_spread(44, extra))]
    return Answers("us-west-2", ACCT, "alias/aws/kinesis", tuple(names), (Principal("p", ("producer",)),))


@pytest.mark.parametrize("over", [0, 1])
def test_identity_policy_at_exactly_6144_characters_is_one_file_and_one_more_splits(over):
    from wizard.core.policies import identity
    from wizard.core.validate import resolve

    def whole(a: Answers) -> int:  # the policy for all the streams, before any split
        r = resolve(a)[0]
        return limits.iam_size(identity.producer(r, r.streams))

    answers = _sized(_producers_only_streams, whole, 6144 + over)
    bundle = render_bundle(answers)
    assert bundle.ok
    files = [d.filename for d in bundle.documents]
    assert files == (["producer-policy.json"] if not over else ["producer-policy-1.json", "producer-policy-2.json"])


def _principals_with_paths(count: int, *, account: str = ACCT):
    """Producers whose ARNs grow by one character per extra, each ARN once in the key and stream policies."""
    def make(extra: int) -> Answers:
        principals = tuple(Principal(f"arn:aws:iam::{account}:role/t{i:03d}/{'p' * (200 + more)}/w{i}", ("producer",))
                           for i, more in enumerate(_spread(count, extra)))
        return Answers("us-west-2", ACCT, UUID, ("orders",), principals)
    return make


def _key_doc(answers):
    return render_bundle(answers).get("key")


@pytest.mark.parametrize("over", [0, 1])
def test_key_policy_indented_at_exactly_32768_bytes_stays_indented_and_one_more_is_written_compact(over):
    answers = _sized(_principals_with_paths(100), lambda a: len(limits.to_json(_key_doc(a).body).encode()),
                     limits.KEY_POLICY_BYTES + over)
    bundle = render_bundle(answers)
    assert bundle.ok, bundle.problems
    doc = bundle.get("key")
    assert doc.text == (limits.to_json(doc.body) if not over else limits.to_compact_json(doc.body))
    assert doc.size == len(doc.text.encode()) <= limits.KEY_POLICY_BYTES


@pytest.mark.parametrize("over", [0, 1])
def test_key_policy_compact_at_exactly_32768_bytes_is_fine_and_one_more_is_refused(over, tmp_path):
    answers = _sized(_principals_with_paths(110), lambda a: len(limits.to_compact_json(_key_doc(a).body).encode()),
                     limits.KEY_POLICY_BYTES + over)
    bundle = render_bundle(answers)
    doc = bundle.get("key")
    assert doc.size == len(doc.text.encode()) == limits.KEY_POLICY_BYTES + over
    if over:
        assert [p.field for p in bundle.problems] == ["key"]
        assert "32,769 bytes even without indentation" in bundle.problems[0].rule
        with pytest.raises(BundleError):
            write_bundle(bundle, tmp_path / "out")
    else:
        assert bundle.ok, bundle.problems


def _stream_doc(answers):
    return render_bundle(answers).get("stream")


@pytest.mark.parametrize("over", [0, 1])
def test_stream_policy_at_exactly_20480_bytes_both_forms(over):
    make = _principals_with_paths(60, account=OTHER)
    indented = _sized(make, lambda a: len(limits.to_json(_stream_doc(a).body).encode()), 20_480 + over)
    doc = _stream_doc(indented)
    assert doc.text == (limits.to_json(doc.body) if not over else limits.to_compact_json(doc.body))
    assert render_bundle(indented).ok
    compact = _sized(_principals_with_paths(66, account=OTHER),
                     lambda a: len(limits.to_compact_json(_stream_doc(a).body).encode()), 20_480 + over)
    bundle = render_bundle(compact)
    assert bundle.get("stream").size == 20_480 + over
    if over:
        (problem,) = bundle.problems
        assert problem.field == "stream" and problem.value == "orders"
        assert problem.rule.startswith("its resource policy would be 20,481 bytes even without indentation, over the "
                                       "Kinesis limit of 20,480 bytes for a resource policy; share it with fewer "
                                       "principals from other accounts (66 now)")
    else:
        assert bundle.ok, bundle.problems


def test_stream_policy_limit_is_kinesis_20kb_not_kms_32kb():
    assert limits.STREAM_POLICY_BYTES == 20_480


# --- splitting: the fewest parts --------------------------------------------------------------------

def _fewest_consecutive(streams, build, limit):
    """Independent greedy: add streams to a part while the part still fits."""
    parts, current = [], []
    for s in streams:
        if current and limits.iam_size(build([*current, s])) > limit:
            parts.append(current)
            current = []
        current.append(s)
    return [*parts, current] if current else parts


@pytest.mark.parametrize("lengths", ["same", "mixed", "short-then-long", "long-then-short"])
def test_split_makes_the_fewest_parts(lengths):
    import random

    from wizard.core.policies import identity
    from wizard.core.validate import resolve

    rng = random.Random(15)
    pads = {"same": [40] * 1000, "mixed": [rng.choice([1, 5, 30, 90, 122]) for _ in range(300)],
            # a part of many short names, then names so long that far fewer fit in the next part
            "short-then-long": [1] * 50 + [122] * 60,
            # a part of long names, then short ones that all fit in one more part
            "long-then-short": [122] * 17 + [1] * 30}[lengths]
    names = [f"s{i:04d}-" + "x" * pad for i, pad in enumerate(pads)]
    answers = Answers("us-west-2", ACCT, UUID, tuple(names), (Principal("p", ("producer",)),))
    r, _ = resolve(answers)
    expected = _fewest_consecutive(list(r.streams), lambda chunk: identity.producer(r, chunk), 6144)
    parts = [d for d in render_bundle(answers).documents if d.name.startswith("producer-")]
    assert len(parts) == len(expected) > 1
    assert [_stream_arns(d) for d in parts] == [[s.arn for s in chunk] for chunk in expected]


def test_a_part_of_exactly_6144_characters_is_one_part():
    """Streams whose first 24 make a producer policy of exactly the limit: those 24 are part 1, the rest part 2."""
    pads = [60] * 23 + [111] + [60] * 5  # sized with the alias alias/kk, whose length sets the parity
    names = tuple(f"s{i:04d}-" + "x" * pad for i, pad in enumerate(pads))
    bundle = render_bundle(Answers("us-west-2", ACCT, "alias/kk", names, (Principal("p", ("producer",)),)))
    parts = [d for d in bundle.documents if d.name.startswith("producer-")]
    assert parts[0].size == limits.MANAGED_POLICY_CHARS
    assert [len(_stream_arns(d)) for d in parts] == [24, 5]
