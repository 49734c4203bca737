"""A policy split into parts for many streams is attached to the same principals, who need the same things beyond
it: the README gives every part's section the notes of its kind (trust policy, logging, KPL and KCL needs)."""

from __future__ import annotations

from test_core_readme import sections

from wizard.core.bundle import bundle_files
from wizard.core.model import Answers, Principal
from wizard.core.render import render_bundle

ACCT = "123456789012"
OTHER = "210987654321"
STREAMS = tuple(f"orders-stream-{n:03d}-with-a-long-name-for-the-policy" for n in range(60))
ANSWERS = Answers("us-west-2", ACCT, "1234abcd-12ab-34cd-56ef-1234567890ab", STREAMS, (
    Principal("writer", ("producer",)), Principal("fn", ("consumer",), "lambda"),
    Principal(f"arn:aws:iam::{OTHER}:role/reader", ("consumer",))))
NOTES = {
    "producer": ["The Kinesis Producer Library also publishes metrics to CloudWatch"],
    "consumer-cross-account": ["(the lease table `APP`, `APP-WorkerMetricStats` and `APP-CoordinatorState`)"],
    "lambda-consumer": ["The role's trust policy must let `lambda.amazonaws.com` assume it (AWS Lambda (event "
                        "source mapping)).", "also attach the AWS managed policy `AWSLambdaBasicExecutionRole`"],
}


def test_every_part_of_a_split_policy_carries_the_notes_of_its_kind():
    readme = sections(bundle_files(render_bundle(ANSWERS))["README.md"])
    for kind, notes in NOTES.items():
        parts = [name for name in readme if name.startswith(f"{kind}-policy-")]
        assert len(parts) > 1, (kind, sorted(readme))
        for name in parts:
            for note in notes:
                assert note in readme[name], (name, note)
