"""The KMS key policy: the key-side half that IAM policies alone cannot provide.

It keeps the account-root statement (so IAM policies keep working and the policy passes KMS's
lockout safety check) and names every principal from the answers, each only for what its role
does, only through Kinesis, only for these streams. Adding these statements to a key's current
policy instead is wizard.core.policies.merge.
"""

from __future__ import annotations

import copy

from wizard.core import actions
from wizard.core.policies.common import Policy, Statement, kinesis_only, policy, statement
from wizard.core.validate import Resolved

POLICY_ID = "kinesis-kms-wizard"
ROOT_SID = "EnableIAMPolicies"


def root_arn(r: Resolved) -> str:
    return f"arn:{r.partition}:iam::{r.key.account}:root"


def statements(r: Resolved) -> list[Statement]:
    streams = r.streams
    producers = [p.arn for p in r.principals if "producer" in p.roles]
    consumers = [p.arn for p in r.principals if "consumer" in p.roles]
    admins = [p.arn for p in r.principals if "admin" in p.roles]
    out = [statement(ROOT_SID, ["kms:*"], ["*"], principals=[root_arn(r)])]
    condition = kinesis_only(r, streams, in_identity_policy=False)
    if producers:
        out.append(statement("AllowKinesisProducers", [actions.GENERATE_DATA_KEY], ["*"],
                             copy.deepcopy(condition), principals=producers))
    if consumers:
        out.append(statement("AllowKinesisConsumers", [actions.DECRYPT], ["*"],
                             copy.deepcopy(condition), principals=consumers))
    if admins:
        out.append(statement("AllowEncryptionAdminsToInspectKey", actions.ADMIN_KEY_READS, ["*"],
                             principals=admins))
        out.append(statement("AllowEncryptionAdminsViaKinesis", [actions.GENERATE_DATA_KEY], ["*"],
                             copy.deepcopy(condition), principals=admins))
    return out


def build(r: Resolved) -> Policy:
    return policy(statements(r), POLICY_ID)
