"""Answers in, documents out: the one generator every face calls.

`render_bundle` never raises on bad answers: it renders what it can with placeholders and
lists every problem, so the live preview and the `generate` command see the same result.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from wizard.core import limits
from wizard.core.model import SERVICE_TITLES, Answers, Principal
from wizard.core.policies import consumer_policy, identity, key_policy, merge, stream_policy
from wizard.core.policies.common import Policy
from wizard.core.policies.merge import MergeSummary
from wizard.core.problems import Problem
from wizard.core.validate import PrincipalRef, Resolved, StreamRef, principal_field, resolve


@dataclass(frozen=True)
class Document:
    """One file of the bundle and what the user does with it."""

    name: str  # what --print takes: producer, consumer, lambda-consumer, admin, key, stream, ...
    filename: str
    title: str
    kind: str  # "identity" | "key" | "stream" | "consumer" (a registered consumer's resource policy)
    body: Policy
    text: str
    size: int
    limit: int
    unit: str  # "characters" (whitespace not counted) or "bytes"
    principals: tuple[PrincipalRef, ...] = ()
    stream: StreamRef | None = None
    consumer: str | None = None  # kind "consumer": the name the stream's owner registers it under

    @property
    def attach_to(self) -> str:
        if self.kind == "key":
            return "the KMS key (its key policy)"
        if self.kind == "stream":
            return f"stream {self.stream.name if self.stream else ''} (its resource policy)"
        if self.kind == "consumer":
            return (f"consumer {self.consumer} of stream {self.stream.name if self.stream else ''}, "
                    "once registered (its resource policy)")
        return attach_names(self.principals)


def attach_names(principals: Sequence[PrincipalRef], show: Callable[[str], str] = str) -> str:
    """`IAM role: a`, `IAM users: b, c`, or with both kinds `IAM role: a; IAM user: b`: each by its kind."""
    parts = []
    for kind in ("role", "user"):
        names = [show(p.name) for p in principals if p.kind == kind]
        if names:
            parts.append(f"IAM {kind}{'s' if len(names) > 1 else ''}: {', '.join(names)}")
    return "; ".join(parts)


@dataclass(frozen=True)
class Bundle:
    answers: Answers
    resolved: Resolved
    documents: tuple[Document, ...]
    problems: tuple[Problem, ...]
    merge: MergeSummary | None = None  # set when the key policy was merged with the key's current one
    merge_source: str = "file"  # where that policy came from: "file" (--merge-key-policy) or "aws" (--from-aws)

    @property
    def ok(self) -> bool:
        return not self.problems

    def get(self, name: str) -> Document | None:
        for doc in self.documents:
            if name in (doc.name, doc.filename, doc.filename.removesuffix(".json")):
                return doc
        return None


IDENTITY_TITLES = {
    "producer": "Producer identity policy",
    "consumer": "Consumer identity policy",
    "admin": "Stream encryption administrator identity policy",
}
CROSS_ACCOUNT = "cross-account"


def render_bundle(answers: Answers, merge_key_policy: dict[str, Any] | None = None,
                  merge_source: str = "file") -> Bundle:
    """Every document the answers call for, plus every problem that blocks saving them.

    With `merge_key_policy` (the key's current policy), the key policy is that policy with our
    statements added (see wizard.core.policies.merge); a policy that cannot be merged with is a
    problem under the field "merge-key-policy", its value the Sid at fault. `merge_source` says
    where that policy came from, for the README: "file" or "aws" (fetched from the key).
    """
    resolved, problems = resolve(answers, placeholders=True)
    assert resolved is not None  # placeholders=True always resolves
    docs: list[Document] = []
    r = resolved

    def add_identity(name: str, title: str, principals: Sequence[PrincipalRef],
                     build: Callable[[Sequence[StreamRef], bool], Policy]) -> None:
        """One document for the stream's account and, where they may use less, one for the others."""
        local = tuple(p for p in principals if p.account == r.account)
        external = tuple(p for p in principals if p.account != r.account)
        if external and build(r.streams[:1], True) == build(r.streams[:1], False):
            local, external = (*local, *external), ()
        if local:
            docs.extend(_identity_documents(name, title, local, r.streams, lambda s: build(s, False), problems))
        if external:
            docs.extend(_identity_documents(f"{name}-{CROSS_ACCOUNT}", f"{title} for principals in other accounts",
                                            external, r.streams, lambda s: build(s, True), problems))

    add_identity("producer", IDENTITY_TITLES["producer"], r.with_role("producer"),
                 lambda s, ext: identity.producer(r, s, external=ext))
    add_identity("consumer", IDENTITY_TITLES["consumer"], r.with_role("consumer"),
                 lambda s, ext: identity.consumer(r, s, external=ext))
    for service, service_title in SERVICE_TITLES.items():
        add_identity(f"{service}-consumer", f"{service_title} consumer identity policy",
                     r.with_role("consumer", service),
                     lambda s, ext, service=service: identity.consumer(r, s, service, external=ext))
    add_identity("admin", IDENTITY_TITLES["admin"], r.with_role("admin"), lambda s, ext: identity.admin(r, s))

    summary = None
    if not r.key.managed:
        body = key_policy.build(r)
        if merge_key_policy is not None:
            try:
                body, summary = merge.merge(r, merge_key_policy)
            except merge.MergeError as exc:  # never merge into (or crash on) what cannot take it
                problems.append(Problem("merge-key-policy", exc.value, exc.rule))
        text, size = limits.written(body, limits.KEY_POLICY_BYTES)
        docs.append(Document("key", "key-policy.json", "KMS key policy", "key", body, text, size,
                             limits.KEY_POLICY_BYTES, "bytes"))
        if size > limits.KEY_POLICY_BYTES:
            if summary is not None:
                theirs = limits.byte_size(limits.to_compact_json(merge_key_policy))
                advice = (f"the key's current policy alone is {theirs:,} bytes: remove statements it no longer "
                          f"needs, or name fewer principals here ({len(r.principals)})")
            else:
                advice = (f"reduce the streams ({len(r.streams)}) or the principals ({len(r.principals)}) this "
                          "key serves, or spread the streams over several keys")
            problems.append(Problem("key", r.key.given, (
                f"the key policy would be {size:,} bytes even without indentation, over the KMS limit of "
                f"{limits.KEY_POLICY_BYTES:,}; {advice}")))

    if stream_policy.needed(r):
        several = len(r.streams) > 1
        for stream in r.streams:
            body = stream_policy.build(r, stream)
            text, size = limits.written(body, limits.STREAM_POLICY_BYTES)
            name = f"stream-{stream.name}" if several else "stream"
            filename = f"stream-resource-policy-{stream.name}.json" if several else "stream-resource-policy.json"
            docs.append(Document(name, filename, f"Stream resource policy for {stream.name}", "stream",
                                 body, text, size, limits.STREAM_POLICY_BYTES, "bytes",
                                 tuple(p for p in r.principals if p.account != r.account), stream))
            if size > limits.STREAM_POLICY_BYTES:
                shared = sum(1 for p in r.principals if p.account != r.account)
                problems.append(Problem("stream", stream.name, (
                    f"its resource policy would be {size:,} bytes even without indentation, over the Kinesis "
                    f"limit of {limits.STREAM_POLICY_BYTES:,} bytes for a resource policy; share it with fewer "
                    f"principals from other accounts ({shared} now), for example one role per application")))
    docs.extend(_consumer_documents(r, problems))
    return Bundle(answers, r, tuple(docs), tuple(problems), summary, merge_source)


def _consumer_documents(r: Resolved, problems: list[Problem]) -> list[Document]:
    """One resource policy per enhanced fan-out consumer the stream's owner registers for another account."""
    readers = consumer_policy.readers(r)
    pairs = [(stream, reader) for stream in r.streams for reader in readers]
    out = []
    for stream, reader in pairs:
        assert reader.consumer_name is not None
        if len(pairs) == 1:
            suffix = ""
        elif len(readers) == 1:
            suffix = f"-{stream.name}"
        elif len(r.streams) == 1:
            suffix = f"-{reader.consumer_name}"
        else:  # '@' is in neither a consumer's nor a stream's name, so no two files meet
            suffix = f"-{reader.consumer_name}@{stream.name}"
        body = consumer_policy.build(r, stream, reader)
        text, size = limits.written(body, limits.RESOURCE_POLICY_BYTES)
        out.append(Document(f"consumer-resource{suffix}", f"consumer-resource-policy{suffix}.json",
                            f"Resource policy for consumer {reader.consumer_name} of {stream.name}", "consumer",
                            body, text, size, limits.RESOURCE_POLICY_BYTES, "bytes", (reader,), stream,
                            reader.consumer_name))
        if size > limits.RESOURCE_POLICY_BYTES:  # one principal: only a very long path comes near
            problems.append(Problem(principal_field(Principal(reader.given, reader.roles, reader.service)),
                                    reader.given, f"its consumer's resource policy would be {size:,} bytes, over "
                                    f"the Kinesis limit of {limits.RESOURCE_POLICY_BYTES:,}"))
    return out


def _identity_documents(name: str, title: str, principals: tuple[PrincipalRef, ...],
                        streams: Sequence[StreamRef], build: Callable[[Sequence[StreamRef]], Policy],
                        problems: list[Problem]) -> list[Document]:
    """One document, or several parts that each fit the managed-policy limit."""
    limit = limits.MANAGED_POLICY_CHARS
    body = build(streams)
    size = limits.iam_size(body)
    if size <= limit:
        return [_identity_document(name, f"{name}-policy.json", title, body, size, principals)]
    chunks = _split(streams, build, limit)
    if chunks is None:
        problems.append(Problem(name, "", f"one stream alone makes this policy larger than {limit:,} characters"))
        return [_identity_document(name, f"{name}-policy.json", title, body, size, principals)]
    out = []
    for number, chunk in enumerate(chunks, start=1):
        part = build(chunk)
        part_size = limits.iam_size(part)
        if part_size > limit:  # a single stream that alone does not fit: never write it silently
            problems.append(Problem(name, chunk[0].name, (
                f"this stream alone makes the policy {part_size:,} characters, over {limit:,}")))
        out.append(_identity_document(f"{name}-{number}", f"{name}-policy-{number}.json",
                                      f"{title}, part {number} of {len(chunks)}", part,
                                      part_size, principals))
    return out


def _identity_document(name: str, filename: str, title: str, body: Policy, size: int,
                       principals: tuple[PrincipalRef, ...]) -> Document:
    return Document(name, filename, title, "identity", body, limits.to_json(body), size,
                    limits.MANAGED_POLICY_CHARS, "characters", principals)


def _split(streams: Sequence[StreamRef], build: Callable[[Sequence[StreamRef]], Policy],
           limit: int) -> list[Sequence[StreamRef]] | None:
    """Cut the streams, in order, into the fewest consecutive groups whose policies each fit `limit`.

    Each group is the longest run from where the last one ended that still fits (a policy never
    shrinks when a stream is added, so that is the fewest groups). The run's length is searched
    for around a guess: the previous group's length, or at first what the size of one stream and
    of two predicts.
    """
    one = limits.iam_size(build(streams[:1]))
    if one > limit:
        return None

    def fits(start: int, count: int) -> bool:
        return limits.iam_size(build(streams[start:start + count])) <= limit

    per_stream = max(1, limits.iam_size(build(streams[:2])) - one) if len(streams) > 1 else 1
    guess = max(1, (limit - one) // per_stream + 1)
    chunks: list[Sequence[StreamRef]] = []
    start = 0
    while start < len(streams):
        left = len(streams) - start
        probe = min(guess, left)
        # Bracket the longest run that fits between `low` (fits; one stream always goes in) and
        # `high` (does not), stepping out from the guess one, two, four ... streams at a time:
        # with streams of one length every part has the same length, and two probes settle it.
        if probe == 1 or fits(start, probe):
            low, high, step = probe, left + 1, 1
            while low + step < high:
                if not fits(start, low + step):
                    high = low + step
                    break
                low, step = low + step, step * 2
        else:
            low, high, step = 1, probe, 1
            while high - step > low:
                if fits(start, high - step):
                    low = high - step
                    break
                high, step = high - step, step * 2
        while high - low > 1:
            middle = (low + high) // 2
            if fits(start, middle):
                low = middle
            else:
                high = middle
        chunks.append(streams[start:start + low])
        start += low
        guess = low
    return chunks
