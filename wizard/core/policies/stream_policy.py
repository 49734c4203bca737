"""The Kinesis stream resource policy: the stream-side half of cross-account access.

Needed only when a producer or consumer lives in another account; one document per stream,
since a resource policy is put on one stream ARN. Each kind of principal gets one statement with
exactly the stream actions its identity policy uses, all of them actions Kinesis lets a stream
share (see wizard.core.actions.SHAREABLE).
"""

from __future__ import annotations

from wizard.core import actions
from wizard.core.policies.common import Policy, Statement, policy, statement
from wizard.core.validate import Resolved, StreamRef

# (Sid, service) of the readers' statements, in the order written.
READERS = (
    ("CrossAccountConsumers", None),
    ("CrossAccountLambdaConsumers", "lambda"),
    ("CrossAccountFlinkConsumers", "flink"),
    ("CrossAccountFirehoseConsumers", "firehose"),
)


def needed(r: Resolved) -> bool:
    return bool(r.external("producer") or r.external("consumer"))


def build(r: Resolved, stream: StreamRef) -> Policy:
    stmts: list[Statement] = []
    producers = [p.arn for p in r.external("producer")]
    if producers:
        stmts.append(statement("CrossAccountProducers", actions.producer(external=True), [stream.arn],
                               principals=producers))
    for sid, service in READERS:
        readers = [p.arn for p in r.external("consumer") if p.service == service]
        if readers:
            on_stream, _on_consumer = actions.consumer(service, fan_out=r.fan_out, external=True)
            stmts.append(statement(sid, on_stream, [stream.arn], principals=readers))
    return policy(stmts)
