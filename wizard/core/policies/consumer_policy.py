"""The resource policy of a registered enhanced fan-out consumer: the consumer-side half.

A reader in another account subscribes through a consumer the stream's owner registers for it,
and Kinesis checks that consumer's own resource policy as well as the stream's: "sharing access
to registered consumers ... requires a policy on both the data stream ARN and the consumer ARN"
(https://docs.aws.amazon.com/streams/latest/dev/controlling-access.html#sharing-data-streams).

What the document names, decided from AWS's own examples and limits:

- `Resource` is the consumer's exact ARN, creation timestamp included, as in the "Share enhanced
  fan-out read access to a registered consumer" example on that page, in AWS's KCL cross-account
  integration tests (awslabs/amazon-kinesis-client, StreamExistenceManager) and in the AWS CDK's
  StreamConsumer. A wildcard such as `consumer/NAME:*` is not an option: "Wildcards (*) are not
  supported" in Kinesis resource policies (same page, "Policy limits"). The timestamp exists only
  once the owner registers the consumer, so the document carries a placeholder in its place,
  which the README's commands replace with the ARN that registration returns.
- One document per consumer, naming only the reader it was registered for. A consumer's policy is
  put on that one consumer ARN and, with exact ARNs, could not name consumers registered later;
  and a reader granted another reader's consumer could take over its subscriptions (a consumer
  has one subscription per shard).
"""

from __future__ import annotations

from wizard.core import actions
from wizard.core.policies.common import Policy, policy, statement
from wizard.core.validate import PrincipalRef, Resolved, StreamRef

# Stands where the creation timestamp goes in the consumer ARN until the consumer is registered.
TIMESTAMP_PLACEHOLDER = "CREATION_TIMESTAMP"


def readers(r: Resolved) -> tuple[PrincipalRef, ...]:
    """Readers in other accounts that read with enhanced fan-out (each has a consumer name)."""
    return tuple(p for p in r.principals if p.consumer_name)


def placeholder_arn(stream: StreamRef, consumer_name: str) -> str:
    """The consumer's ARN as written in the document, before registration gives its timestamp."""
    return f"{stream.arn}/consumer/{consumer_name}:{TIMESTAMP_PLACEHOLDER}"


def build(r: Resolved, stream: StreamRef, reader: PrincipalRef) -> Policy:
    assert reader.consumer_name is not None
    _on_stream, on_consumer = actions.consumer(reader.service, fan_out=True, external=True)
    return policy([statement("EnhancedFanOutReader", on_consumer, [placeholder_arn(stream, reader.consumer_name)],
                             principals=[reader.arn])])
