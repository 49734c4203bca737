"""Principal entries the evaluator cannot match exactly (partial wildcards, role sessions, look-alikes), and
documents that are not policies at all.

Whether a resource policy's Principal names the caller decides whether a stream or key is shared at all, so an
entry that could name the caller must be "unknown", never allowed or denied by guess, and an entry that names
someone else must leave the caller out.

- A wildcard cannot match part of a principal's ARN: IAM refuses it, so we do not guess what was meant
  (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html).
- A role session's ARN carries the role's name without its path, arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION
  (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns); whether
  it names the caller depends on the session, which the bundle does not know.
"""

from __future__ import annotations

import pytest
from evaluator_corners import ACCOUNT, ROLE, STREAM, kin, res, st

from wizard.core.evaluate import DENIED, UNKNOWN, evaluate

OTHER = "444455556666"
DEEP_ROLE = f"arn:aws:iam::{ACCOUNT}:role/team/sub/app"
USER = f"arn:aws:iam::{ACCOUNT}:user/alice"


@pytest.mark.parametrize(("caller", "entry", "decision"), [
    (ROLE, f"arn:aws:iam::{ACCOUNT}:role/ap*", UNKNOWN),
    (ROLE, f"arn:aws:iam::{ACCOUNT}:role/ap?", UNKNOWN),
    (DEEP_ROLE, f"arn:aws:sts::{ACCOUNT}:assumed-role/app/session", UNKNOWN),
    (USER, f"arn:aws:sts::{ACCOUNT}:assumed-role/alice/session", DENIED),
    (ROLE, f"arn:aws:sts::{OTHER}:assumed-role/app/session", DENIED),
], ids=["partial wildcard *", "partial wildcard ?", "session of a role with a path", "a user is no role session",
        "session of a same-named role in another account"])
def test_a_stream_policy_naming_a_principal_we_cannot_match_exactly(caller, entry, decision):
    policy = res(st(Principal={"AWS": entry}, Action="kinesis:*", Resource=STREAM))
    assert evaluate(kin(caller), (), policy).decision == decision


@pytest.mark.parametrize("body", [{"Version": "2012-10-17", "Statement": 5}, "not a policy", None],
                         ids=["statement-not-a-list", "a string", "null"])
def test_a_document_that_is_not_a_policy_makes_every_answer_unknown_and_is_named(body):
    from evaluator_corners import READ, ident

    from wizard.core.evaluate import Source

    alone = evaluate(kin(ROLE), (Source("bad.json", body),), None)
    assert (alone.decision, alone.because, alone.reasons) == (
        UNKNOWN, (), ("bad.json#: bad.json is not a policy (no Statement list)",))
    beside = evaluate(kin(ROLE), ident(READ), Source("stream.json", body, "stream"))
    assert beside.decision == UNKNOWN
    assert beside.reasons == ("stream.json#: stream.json is not a policy (no Statement list)",)
