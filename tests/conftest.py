"""Shared fixtures: the seed's scenario and a few answer sets across partitions."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
if str(TESTS) not in sys.path:  # lets tests import the evaluator as `iam_eval`
    sys.path.insert(0, str(TESTS))

from wizard.core.model import Answers, Principal  # noqa: E402

SEED_KEY = "1234abcd-12ab-34cd-56ef-1234567890ab"
SEED_ACCOUNT = "123456789012"


def seed_answers() -> Answers:
    """The seed page's scenario with one role per job."""
    return Answers(
        region="us-west-2",
        account=SEED_ACCOUNT,
        key=SEED_KEY,
        streams=("MyStream",),
        principals=(
            Principal("orders-producer", ("producer",)),
            Principal("orders-consumer", ("consumer",)),
            Principal("stream-encryption-admin", ("admin",)),
        ),
    )


@pytest.fixture
def seed() -> Answers:
    return seed_answers()


SEED_ARGV = [
    "generate", "--region", "us-west-2", "--account", SEED_ACCOUNT, "--key", SEED_KEY,
    "--stream", "MyStream", "--producer", "orders-producer", "--consumer", "orders-consumer",
    "--admin", "stream-encryption-admin",
]


@pytest.fixture
def seed_argv() -> list[str]:
    return list(SEED_ARGV)
