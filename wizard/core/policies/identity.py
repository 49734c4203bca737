"""IAM identity policies: what producers, consumers and administrators attach to their roles.

Each builder takes the streams as an argument so a policy that outgrows the IAM size limit can
be rebuilt for a subset of streams (see wizard.core.limits).
"""

from __future__ import annotations

from collections.abc import Sequence

from wizard.core import actions
from wizard.core.policies.common import (
    Policy,
    fan_out_resources,
    key_resource,
    kinesis_only,
    policy,
    statement,
)
from wizard.core.validate import Resolved, StreamRef


def producer(r: Resolved, streams: Sequence[StreamRef], *, external: bool = False) -> Policy:
    """Write records; encrypt them with the stream's key, only through Kinesis."""
    arns = [s.arn for s in streams]
    stmts = [statement("WriteStreams", actions.producer(external=external), arns)]
    if not r.key.managed:
        stmts.append(statement(
            "GenerateDataKeyViaKinesis", [actions.GENERATE_DATA_KEY], [key_resource(r)],
            kinesis_only(r, streams, in_identity_policy=True),
        ))
    return policy(stmts)


def consumer(r: Resolved, streams: Sequence[StreamRef], service: str | None = None, *,
             external: bool = False) -> Policy:
    """Read records (polling, and enhanced fan-out when on); decrypt them only through Kinesis.

    For a reader in another account (`external`), only the actions the stream's owner can share
    with it: it reads through a consumer the owner registers for it.
    """
    arns = [s.arn for s in streams]
    on_stream, on_consumer = actions.consumer(service, fan_out=r.fan_out, external=external)
    stmts = [statement("ReadStreams", on_stream, arns)]
    if on_consumer:
        stmts.append(statement("ReadWithEnhancedFanOut", on_consumer, fan_out_resources(streams)))
    if not r.key.managed:
        stmts.append(statement(
            "DecryptViaKinesis", [actions.DECRYPT], [key_resource(r)],
            kinesis_only(r, streams, in_identity_policy=True),
        ))
    return policy(stmts)


def admin(r: Resolved, streams: Sequence[StreamRef]) -> Policy:
    """Turn the streams' encryption on and off and inspect the key; no data, no key deletion."""
    arns = [s.arn for s in streams]
    if r.key.managed or r.key.arn is None:
        # The kmsKey resource of Start/StopStreamEncryption is a key ARN; an alias cannot name it.
        encryption_key = f"arn:{r.partition}:kms:{r.region}:{r.key.account}:key/*"
    else:
        encryption_key = r.key.arn
    stmts = [
        statement("ManageStreamEncryption", actions.ADMIN_ENCRYPTION, [*arns, encryption_key]),
        statement("DescribeStreams", actions.ADMIN_STREAM_READS, arns),
    ]
    if not r.key.managed:
        alias_only = {}
        if r.key.arn is None and r.key.alias:
            alias_only = {"ForAnyValue:StringEquals": {"kms:ResourceAliases": r.key.alias}}
        stmts.append(statement("InspectKey", actions.ADMIN_KEY_READS, [key_resource(r)], alias_only or None))
        stmts.append(statement("ListKeysAndAliases", actions.ADMIN_ACCOUNT_READS, ["*"]))
        # StartStreamEncryption checks the key with the caller's own credentials (its API lists
        # KMSAccessDenied); allow that one call, only through Kinesis and for these streams.
        stmts.append(statement(
            "GenerateDataKeyViaKinesis", [actions.GENERATE_DATA_KEY], [key_resource(r)],
            kinesis_only(r, streams, in_identity_policy=True),
        ))
    return policy(stmts)
