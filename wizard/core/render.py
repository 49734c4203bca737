"""Answers in, documents out: the one generator every face calls.

`render_bundle` never raises on bad answers: it renders what it can with placeholders and
lists every problem, so the live preview and the `generate` command see the same result.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from wizard.core import limits
from wizard.core.model import SERVICE_TITLES, Answers
from wizard.core.policies import identity, key_policy, stream_policy
from wizard.core.policies.common import Policy
from wizard.core.problems import Problem
from wizard.core.validate import PrincipalRef, Resolved, StreamRef, resolve


@dataclass(frozen=True)
class Document:
    """One file of the bundle and what the user does with it."""

    name: str  # what --print takes: producer, consumer, lambda-consumer, admin, key, stream, ...
    filename: str
    title: str
    kind: str  # "identity" | "key" | "stream"
    body: Policy
    text: str
    size: int
    limit: int
    unit: str  # "characters" (whitespace not counted) or "bytes"
    principals: tuple[PrincipalRef, ...] = ()
    stream: StreamRef | None = None

    @property
    def attach_to(self) -> str:
        if self.kind == "key":
            return "the KMS key (its key policy)"
        if self.kind == "stream":
            return f"stream {self.stream.name if self.stream else ''} (its resource policy)"
        names = ", ".join(p.name for p in self.principals)
        return f"IAM {'roles' if len(self.principals) != 1 else 'role'}: {names}"


@dataclass(frozen=True)
class Bundle:
    answers: Answers
    resolved: Resolved
    documents: tuple[Document, ...]
    problems: tuple[Problem, ...]

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


def render_bundle(answers: Answers, merge_key_policy: dict[str, Any] | None = None) -> Bundle:
    """Every document the answers call for, plus every problem that blocks saving them."""
    resolved, problems = resolve(answers, placeholders=True)
    assert resolved is not None  # placeholders=True always resolves
    docs: list[Document] = []
    r = resolved

    def add_identity(name: str, title: str, principals: Sequence[PrincipalRef],
                     build: Callable[[Sequence[StreamRef]], Policy]) -> None:
        if principals:
            docs.extend(_identity_documents(name, title, tuple(principals), r.streams, build, problems))

    add_identity("producer", IDENTITY_TITLES["producer"], r.with_role("producer"),
                 lambda s: identity.producer(r, s))
    add_identity("consumer", IDENTITY_TITLES["consumer"], r.with_role("consumer"),
                 lambda s: identity.consumer(r, s))
    for service, service_title in SERVICE_TITLES.items():
        add_identity(f"{service}-consumer", f"{service_title} consumer identity policy",
                     r.with_role("consumer", service),
                     lambda s, service=service: identity.consumer(r, s, service))
    add_identity("admin", IDENTITY_TITLES["admin"], r.with_role("admin"), lambda s: identity.admin(r, s))

    if merge_key_policy is not None and not r.key.managed:
        rule = key_policy.merge_problem(merge_key_policy)
        if rule:  # never merge into (or crash on) something that is not a key policy
            problems.append(Problem("merge-key-policy", "", rule))
            merge_key_policy = None
    if not r.key.managed:
        body = key_policy.merge(r, merge_key_policy) if merge_key_policy is not None else key_policy.build(r)
        text = limits.to_json(body)
        size = limits.byte_size(text)
        docs.append(Document("key", "key-policy.json", "KMS key policy", "key", body, text, size,
                             limits.KEY_POLICY_BYTES, "bytes"))
        if size > limits.KEY_POLICY_BYTES:
            problems.append(Problem("key", r.key.given, (
                f"the key policy would be {size:,} bytes, over the KMS limit of "
                f"{limits.KEY_POLICY_BYTES:,}; reduce the streams ({len(r.streams)}) or the "
                f"principals ({len(r.principals)}) this key serves, or spread the streams over "
                "several keys")))

    if stream_policy.needed(r):
        several = len(r.streams) > 1
        for stream in r.streams:
            body = stream_policy.build(r, stream)
            text = limits.to_json(body)
            name = f"stream-{stream.name}" if several else "stream"
            filename = f"stream-resource-policy-{stream.name}.json" if several else "stream-resource-policy.json"
            size = limits.byte_size(text)
            docs.append(Document(name, filename, f"Stream resource policy for {stream.name}", "stream",
                                 body, text, size, limits.STREAM_POLICY_BYTES, "bytes", stream=stream))
            if size > limits.STREAM_POLICY_BYTES:
                problems.append(Problem("stream", stream.name, (
                    f"its resource policy would be {size:,} bytes; share it with fewer principals")))
    return Bundle(answers, r, tuple(docs), tuple(problems))


def _identity_documents(name: str, title: str, principals: tuple[PrincipalRef, ...],
                        streams: Sequence[StreamRef], build: Callable[[Sequence[StreamRef]], Policy],
                        problems: list[Problem]) -> list[Document]:
    """One document, or several parts that each fit the managed-policy limit."""
    limit = limits.MANAGED_POLICY_CHARS
    body = build(streams)
    size = limits.iam_size(body)
    if size <= limit:
        return [_identity_document(name, f"{name}-policy.json", title, body, size, principals, streams)]
    chunks = _split(streams, build, limit)
    if chunks is None:
        problems.append(Problem(name, "", f"one stream alone makes this policy larger than {limit:,} characters"))
        return [_identity_document(name, f"{name}-policy.json", title, body, size, principals, streams)]
    out = []
    for number, chunk in enumerate(chunks, start=1):
        part = build(chunk)
        part_size = limits.iam_size(part)
        if part_size > limit:  # a single stream that alone does not fit: never write it silently
            problems.append(Problem(name, chunk[0].name, (
                f"this stream alone makes the policy {part_size:,} characters, over {limit:,}")))
        out.append(_identity_document(f"{name}-{number}", f"{name}-policy-{number}.json",
                                      f"{title}, part {number} of {len(chunks)}", part,
                                      part_size, principals, chunk))
    return out


def _identity_document(name: str, filename: str, title: str, body: Policy, size: int,
                       principals: tuple[PrincipalRef, ...], streams: Sequence[StreamRef]) -> Document:
    return Document(name, filename, title, "identity", body, limits.to_json(body), size,
                    limits.MANAGED_POLICY_CHARS, "characters", principals)


def _split(streams: Sequence[StreamRef], build: Callable[[Sequence[StreamRef]], Policy],
           limit: int) -> list[Sequence[StreamRef]] | None:
    """Cut the streams into consecutive groups whose policies each fit `limit`.

    The size grows by about the same amount per stream, so a first guess comes from two
    measurements; each group is then checked and shrunk until it fits.
    """
    one = limits.iam_size(build(streams[:1]))
    if one > limit:
        return None
    per_stream = max(1, limits.iam_size(build(streams[:2])) - one) if len(streams) > 1 else 1
    guess = max(1, (limit - one) // per_stream + 1)
    chunks: list[Sequence[StreamRef]] = []
    start = 0
    while start < len(streams):
        count = min(guess, len(streams) - start)
        while count > 1 and limits.iam_size(build(streams[start:start + count])) > limit:
            count = max(1, count * limit // limits.iam_size(build(streams[start:start + count])) - 1)
        chunks.append(streams[start:start + count])
        start += count
    return chunks
