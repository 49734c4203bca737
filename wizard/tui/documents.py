"""How the preview names a document: a short label, and where it goes in AWS.

Composed here from the Document's own fields (its principals carry their accounts, a stream its
ARN) and the resolved answers (the stream's account, the key), so the core keeps one meaning of
each document and the screen says it in as few cells as it has. A document kind the preview
does not know yet still gets a label (from its name) and a line (from the core's `attach_to`).
"""

from __future__ import annotations

from collections.abc import Sequence

from wizard.core.render import Document
from wizard.core.validate import PrincipalRef, Resolved

LABEL_CELLS = 28  # a label longer than this (a long stream name) is shortened in the middle
NAMED_PRINCIPALS = 6  # principals named in a header; more are counted
SERVICE_SUFFIX = "-consumer"  # lambda-consumer -> lambda
# Resource policies on something of a stream, by document kind (a kind added later keeps its name).
KIND_WORDS = {"stream": "stream"}


def shorten(text: str, cells: int = LABEL_CELLS) -> str:
    """`text`, or its start and end around `…` when it is longer than `cells`."""
    if len(text) <= cells:
        return text
    head = (cells - 1) // 2
    return f"{text[:head]}…{text[len(text) - (cells - 1 - head):]}"


def label(doc: Document) -> str:
    """`producer`, `lambda`, `producer 2` (a part), `key`, `stream: orders`, `fan-out: orders`; else the name."""
    if doc.kind == "key":
        return "key"
    if doc.kind == "identity":
        name, number = doc.name, ""
        base, _, last = name.rpartition("-")
        if base and last.isdigit():
            name, number = base, f" {last}"
        return name.removesuffix(SERVICE_SUFFIX) + number
    if doc.kind == "consumer":  # consumer-resource-policy[-<stream>|-<consumer>|-<consumer>@<stream>].json
        which = doc.name.removeprefix("consumer-resource").removeprefix("-")
        return f"fan-out: {shorten(which, LABEL_CELLS - 9)}" if which else "fan-out"
    if doc.stream is not None:
        word = KIND_WORDS.get(doc.kind, doc.kind)
        return f"{word}: {shorten(doc.stream.name, LABEL_CELLS - len(word) - 2)}"
    return shorten(doc.name)


def labels(docs: Sequence[Document]) -> list[str]:
    """Each document's `label`, told apart where shortening made several the same: `stream: stream-nu…-long-name`
    for twenty streams named `stream-number-NN-with-a-long-name` becomes `stream: …ber-00-with-a-l…`, from a
    little before where their names start to differ."""
    out = [label(doc) for doc in docs]
    groups: dict[str, list[int]] = {}
    for index, text in enumerate(out):
        groups.setdefault(text, []).append(index)
    for text, indexes in groups.items():
        head, sep, _rest = text.partition(": ")
        if len(indexes) < 2 or not sep:
            continue
        names = [_subject(docs[i]) for i in indexes]
        if any(name is None for name in names):
            continue
        first, last = min(names), max(names)  # type: ignore[type-var]  # the sorted ends share the common start
        pairs = enumerate(zip(first, last, strict=False))
        same = next((n for n, (a, b) in pairs if a != b), min(len(first), len(last)))
        start = max(0, same - 4)
        cells = LABEL_CELLS - len(head) - 2
        for i, name in zip(indexes, names, strict=True):
            tail = ("…" if start else "") + name[start:]  # type: ignore[index]
            out[i] = f"{head}: {tail if len(tail) <= cells else tail[:cells - 1] + '…'}"
    return out


def _subject(doc: Document) -> str | None:
    """What a `kind: subject` label names in full (the stream's name, the fan-out consumer's file part)."""
    if doc.kind == "consumer":
        return doc.name.removeprefix("consumer-resource").removeprefix("-") or None
    return doc.stream.name if doc.stream is not None else None


def arn_account(arn: str) -> str:
    """The account field of an ARN (arn:partition:service:region:account:resource), or ''."""
    parts = arn.split(":", 5)
    return parts[4] if len(parts) == 6 else ""


def principal_text(principal: PrincipalRef, home: str) -> str:
    """`IAM role orders-fn`, with `in account 444455556666` when that is not the stream's account."""
    text = f"IAM {principal.kind} {principal.name}"
    return text if principal.account == home else f"{text} in account {principal.account}"


def where(doc: Document, resolved: Resolved | None) -> str:
    """Whom to attach an identity policy to, or which key or stream a resource policy is set on."""
    home = resolved.account if resolved is not None else ""
    if doc.kind == "identity" and doc.principals:
        named = [principal_text(p, home) for p in doc.principals[:NAMED_PRINCIPALS]]
        more = len(doc.principals) - len(named)
        if more:
            named.append(f"{more} more (the bundle's README lists them all)")
        return "attach to " + ", ".join(named)
    if doc.kind == "key" and resolved is not None:
        key = resolved.key
        what = f"KMS key {key.arn.rpartition('/')[2]}" if key.arn else f"the KMS key of {key.alias or key.given}"
        return f"set on {what} in account {key.account}"
    if doc.kind == "stream" and doc.stream is not None:
        account = arn_account(doc.stream.arn) or home
        return f"set on stream {doc.stream.name} in account {account}"
    if doc.kind == "consumer" and doc.stream is not None and doc.consumer:
        account = arn_account(doc.stream.arn) or home
        return f"set on consumer {doc.consumer} of stream {doc.stream.name} in account {account}, once registered"
    return doc.attach_to
