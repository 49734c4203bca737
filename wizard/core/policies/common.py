"""Pieces every document shares: statements, conditions, the key as a Resource."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from wizard.core.validate import Resolved, StreamRef

VERSION = "2012-10-17"

Statement = dict[str, Any]
Policy = dict[str, Any]


def one_or_many(values: Sequence[str]) -> str | list[str]:
    """A single value stays a string; several become a list (as AWS prints them)."""
    return values[0] if len(values) == 1 else list(values)


def policy(statements: Iterable[Statement], policy_id: str | None = None) -> Policy:
    doc: Policy = {"Version": VERSION}
    if policy_id:
        doc["Id"] = policy_id
    doc["Statement"] = list(statements)
    return doc


def statement(
    sid: str,
    actions: Sequence[str],
    resources: Sequence[str],
    condition: dict[str, dict[str, Any]] | None = None,
    principals: Sequence[str] | None = None,
) -> Statement:
    stmt: Statement = {"Sid": sid, "Effect": "Allow"}
    if principals is not None:
        stmt["Principal"] = {"AWS": one_or_many(principals)}
    stmt["Action"] = list(actions)
    stmt["Resource"] = one_or_many(resources)
    if condition:
        stmt["Condition"] = condition
    return stmt


def via_service(r: Resolved) -> str:
    """kms:ViaService for Kinesis: .amazonaws.com in every partition, China included."""
    return f"kinesis.{r.region}.amazonaws.com"


def kinesis_only(r: Resolved, streams: Sequence[StreamRef], *, in_identity_policy: bool) -> dict[str, dict[str, Any]]:
    """Conditions that let a KMS permission work only through Kinesis, for these streams.

    In an identity policy, a key given only by alias is matched with kms:ResourceAliases (an
    alias cannot name a key in Resource). A key policy needs no such narrowing: it is the key's own.
    """
    condition: dict[str, dict[str, Any]] = {
        "StringEquals": {
            "kms:ViaService": via_service(r),
            "kms:EncryptionContext:aws:kinesis:arn": one_or_many([s.arn for s in streams]),
        }
    }
    if in_identity_policy and r.key.arn is None and r.key.alias:
        condition["ForAnyValue:StringEquals"] = {"kms:ResourceAliases": r.key.alias}
    return condition


def key_resource(r: Resolved) -> str:
    """The key as an identity-policy Resource: its ARN, or a wildcard in its account and Region."""
    if r.key.arn:
        return r.key.arn
    return f"arn:{r.partition}:kms:{r.region}:{r.key.account}:key/*"


def fan_out_resources(streams: Sequence[StreamRef]) -> list[str]:
    """EFO consumers of each stream; covers the ARN with and without its creation timestamp."""
    return [f"{s.arn}/consumer/*" for s in streams]
