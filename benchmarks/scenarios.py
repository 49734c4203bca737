"""Answer sets of a chosen size, shared by the benchmarks."""

from __future__ import annotations

from wizard.core.model import Answers, Principal

ROLE_CYCLE: tuple[tuple[str, ...], ...] = (("producer",), ("consumer",), ("admin",), ("producer", "consumer"))


def answers(streams: int, principals: int, *, account: str = "123456789012") -> Answers:
    """`streams` streams and `principals` roles cycling through producer, consumer, admin and both."""
    return Answers(
        region="us-west-2",
        account=account,
        key="1234abcd-12ab-34cd-56ef-1234567890ab",
        streams=tuple(f"stream-{i:04d}" for i in range(streams)),
        principals=tuple(
            Principal(f"role-{i:03d}", ROLE_CYCLE[i % len(ROLE_CYCLE)]) for i in range(principals)
        ),
    )
