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
