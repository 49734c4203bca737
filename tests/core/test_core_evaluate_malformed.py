"""What the evaluator says of a statement AWS would refuse: the answer is unknown (never allowed) and the one
reason names the statement and the rule it breaks, word for word, as `check` and the access table print it.

A person reading "unknown" needs to know which statement to mend and how; a reason that loses the statement's
name or says "None" leaves them guessing. The grammar: exactly one of Action/NotAction and of
Resource/NotResource, Effect Allow or Deny, no Principal in an identity policy
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html).
"""

from __future__ import annotations

import pytest
from evaluator_corners import KEY, ROLE, STREAM, kin, kms

from wizard.core.evaluate import DENIED, UNKNOWN, Source, evaluate

ANY = {"Action": "kinesis:*", "Resource": "*"}


@pytest.mark.parametrize(("statement", "reason"), [
    ("not a statement", "a statement that is not an object"),
    (["Effect", "Allow"], "a statement that is not an object"),
    ({"Effect": "Permit", **ANY}, "Effect 'Permit'"),
    ({"Effect": "allow", **ANY}, "Effect 'allow'"),  # the grammar lists "Allow" and "Deny" as they are written
    (ANY, "Effect None"),
    ({"Effect": "Allow", "Resource": "*"}, "a statement needs exactly one of Action and NotAction"),
    ({"Effect": "Allow", "Action": "kinesis:*", "NotAction": "kms:*", "Resource": "*"},
     "a statement needs exactly one of Action and NotAction"),
    ({"Effect": "Allow", "Action": [1], "Resource": "*"}, "Action must be strings"),
    ({"Effect": "Allow", "NotAction": [], "Resource": "*"}, "NotAction must be strings"),
    ({"Effect": "Allow", "Action": "kinesis:*"}, "a statement needs exactly one of Resource and NotResource"),
    ({"Effect": "Allow", "Action": "kinesis:*", "Resource": "*", "NotResource": STREAM},
     "a statement needs exactly one of Resource and NotResource"),
    ({"Effect": "Allow", "Action": "kinesis:*", "Resource": [STREAM, 7]}, "Resource must be strings"),
    ({"Effect": "Allow", "Action": "kinesis:*", "Resource": []}, "Resource must be strings"),
    ({"Effect": "Allow", "Action": "kinesis:*", "NotResource": [[STREAM]]}, "NotResource must be strings"),
    ({"Effect": "Allow", "Principal": "*", **ANY}, "an identity policy statement with a Principal"),
    ({"Effect": "Deny", "NotPrincipal": {"AWS": ROLE}, **ANY}, "an identity policy statement with a Principal"),
])
def test_a_refused_statement_is_unknown_and_names_the_rule(statement, reason):
    verdict = evaluate(kin(ROLE), (Source("odd.json", {"Statement": [statement]}),))
    assert verdict.decision == UNKNOWN
    assert verdict.reasons == (f"odd.json#[1]: {reason}",)
    assert not verdict.because


def test_a_refused_deny_beside_an_allow_still_keeps_the_answer_unknown():
    """A malformed Deny may be what its author meant to deny with: never read past it to an allow."""
    policy = {"Statement": [{"Sid": "Read", "Effect": "Allow", **ANY},
                            {"Sid": "NoWrites", "Effect": "Deny", "Action": "kinesis:*"}]}
    verdict = evaluate(kin(ROLE), (Source("p.json", policy),))
    assert verdict.decision == UNKNOWN
    assert verdict.reasons == ("p.json#NoWrites: a statement needs exactly one of Resource and NotResource",)


def test_a_key_policy_statement_without_resource_is_ignored_and_the_denial_says_so():
    """KMS skips a key policy statement with no Resource; the denial names it as the near miss."""
    key = Source("key.json", {"Statement": [{"Sid": "App", "Effect": "Allow", "Principal": {"AWS": ROLE},
                                             "Action": "kms:Decrypt"}]}, "key")
    verdict = evaluate(kms(ROLE), (), key)
    assert verdict.decision == DENIED
    assert verdict.reasons[-1] == ("key.json#App covers kms:Decrypt but its statement does not hold: "
                                   "no Resource: KMS ignores such a statement")
    both = Source("key.json", {"Statement": [{"Effect": "Allow", "Principal": {"AWS": ROLE}, "Action": "kms:Decrypt",
                                              "Resource": "*", "NotResource": KEY}]}, "key")
    refused = evaluate(kms(ROLE), (), both)
    assert refused.decision == UNKNOWN
    assert refused.reasons == ("key.json#[1]: a statement needs exactly one of Resource and NotResource",)
