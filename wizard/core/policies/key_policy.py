"""The KMS key policy: the key-side half that IAM policies alone cannot provide.

It keeps the account-root statement (so IAM policies keep working and the policy passes KMS's
lockout safety check) and names every principal from the answers, each only for what its role
does, only through Kinesis, only for these streams.
"""

from __future__ import annotations

import copy
import json
from typing import Any

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


def _is_root_delegation(stmt: Any, root: str) -> bool:
    """True for an existing statement that already lets IAM policies of the key's account work."""
    if not isinstance(stmt, dict) or stmt.get("Effect") != "Allow" or "Condition" in stmt:
        return False
    principal = stmt.get("Principal")
    aws = principal.get("AWS") if isinstance(principal, dict) else None
    names = aws if isinstance(aws, list) else [aws]
    action = stmt.get("Action")
    acts = action if isinstance(action, list) else [action]
    account = root.split(":")[4]  # a policy may name the account by its bare ID
    return (root in names or account in names) and "kms:*" in acts and stmt.get("Resource") in ("*", ["*"])


def merge(r: Resolved, current: dict[str, Any]) -> Policy:
    """Add our statements to the key's current policy, replacing ours by Sid, dropping none of theirs.

    When their policy already delegates to the account root under another Sid, ours is not
    added a second time.
    """
    rule = merge_problem(current)
    if rule:
        raise ValueError(rule)
    merged = copy.deepcopy(current)
    existing = merged.get("Statement", [])
    if isinstance(existing, dict):
        existing = [existing]
    existing = list(existing)
    ours = statements(r)
    root = root_arn(r)
    by_sid = {s.get("Sid"): i for i, s in enumerate(existing) if isinstance(s, dict) and s.get("Sid")}
    for stmt in ours:
        index = by_sid.get(stmt["Sid"])
        if index is not None:
            existing[index] = stmt
        elif stmt["Sid"] == ROOT_SID and any(_is_root_delegation(s, root) for s in existing):
            continue
        else:
            existing.append(stmt)
    merged.setdefault("Version", "2012-10-17")
    merged["Statement"] = existing
    return merged


def normalize_current(data: Any) -> Any:
    """The key policy inside what the AWS CLI prints, whichever way it was saved.

    `get-key-policy --output text` prints the policy itself; `--output json` wraps it as
    {"Policy": "<the policy as a JSON string>", "PolicyName": "default"}; `--query Policy
    --output json` prints that string alone. Anything else is returned as it is.
    """
    if isinstance(data, dict) and isinstance(data.get("Policy"), str) and "Statement" not in data:
        data = data["Policy"]
    if isinstance(data, str):
        try:
            return json.loads(data)
        except json.JSONDecodeError:
            return data
    return data


def merge_problem(current: Any) -> str | None:
    """Why a file cannot be a key policy to merge with, or None."""
    if not isinstance(current, dict):
        return "a key policy is a JSON object with a Statement list"
    stmts = current.get("Statement")
    if isinstance(stmts, dict):
        stmts = [stmts]
    if not isinstance(stmts, list) or not all(isinstance(s, dict) for s in stmts):
        return "a key policy has a Statement list of objects"
    sids = [s.get("Sid") for s in stmts if s.get("Sid") is not None]
    if not all(isinstance(sid, str) for sid in sids):
        return "every Sid in a key policy is a string"
    return None
