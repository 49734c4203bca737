"""Each stream's resource policy says whom it is for: the principals of other accounts only (the AWS path puts
it on the stream for them); roles of the stream's own account need none."""

from __future__ import annotations

from wizard.core.model import Answers, Principal
from wizard.core.render import render_bundle

OTHER = "arn:aws:iam::444455556666:role/reader"


def test_a_stream_policy_is_for_the_principals_of_other_accounts():
    answers = Answers("us-west-2", "123456789012", "1234abcd-12ab-34cd-56ef-1234567890ab", ("orders", "payments"),
                      (Principal("writer", ("producer",)), Principal(OTHER, ("consumer",))))
    bundle = render_bundle(answers)
    streams = [d for d in bundle.documents if d.kind == "stream"]
    assert [d.filename for d in streams] == ["stream-resource-policy-orders.json",
                                            "stream-resource-policy-payments.json"]
    for doc in streams:
        assert [p.arn for p in doc.principals] == [OTHER]
