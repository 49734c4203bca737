"""`check` with every alias of the key known (as `check --from-aws` reads them): kms:ResourceAliases decided.

In AWS the condition key holds every alias of the key the request is for
(https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-resource-aliases);
given only the key ARN, the check cannot know them and says unknown, never allowed.
"""

from __future__ import annotations

import pytest

from tests.check_fixtures import KEY, OWNER, STREAM, allow, policy, root_only
from wizard.core.diagnose import Inputs, diagnose
from wizard.core.evaluate import Source

PRODUCER = f"arn:aws:iam::{OWNER}:role/app-writer"
BY_ALIAS = policy(
    allow(["kinesis:PutRecord", "kinesis:PutRecords"], STREAM),
    allow("kms:GenerateDataKey", f"arn:aws:kms:us-west-2:{OWNER}:key/*", {
        "StringEquals": {"kms:ViaService": "kinesis.us-west-2.amazonaws.com"},
        "ForAnyValue:StringEquals": {"kms:ResourceAliases": "alias/orders"}}, sid="KeyByAlias"))


@pytest.mark.parametrize(("aliases", "decision"), [
    (None, "unknown"),  # not read: the key may have the alias or not
    (("alias/archive", "alias/orders"), "allowed"),
    (("alias/archive",), "denied"),
    ((), "denied"),  # read, and the key has none
])
def test_the_keys_aliases_decide_a_resource_aliases_condition(aliases, decision):
    inputs = Inputs(PRODUCER, "producer", STREAM, (Source("producer.json", BY_ALIAS),), key=KEY,
                    key_policy=Source("key-policy.json", root_only(OWNER), "key"), key_aliases=aliases)
    rows = {f.row.operation.label: f.row.decision for f in diagnose(inputs).findings}
    assert rows["GenerateDataKey via Kinesis"] == decision
    assert rows["PutRecord"] == "allowed"
