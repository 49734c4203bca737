"""The Kinesis stream resource policy: the stream-side half of cross-account access.

Needed only when a producer or consumer lives in another account; one document per stream,
since a resource policy is put on one stream ARN.
"""

from __future__ import annotations

from wizard.core import actions
from wizard.core.policies.common import Policy, policy, statement
from wizard.core.validate import Resolved, StreamRef


def needed(r: Resolved) -> bool:
    return bool(r.external("producer") or r.external("consumer"))


def build(r: Resolved, stream: StreamRef) -> Policy:
    stmts = []
    producers = [p.arn for p in r.external("producer")]
    consumers = [p.arn for p in r.external("consumer")]
    if producers:
        stmts.append(statement("CrossAccountProducers", actions.SHARED_WRITE, [stream.arn], principals=producers))
    if consumers:
        stmts.append(statement("CrossAccountConsumers", actions.SHARED_READ, [stream.arn], principals=consumers))
    return policy(stmts)
