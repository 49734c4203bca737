"""The policies that decide one principal's access to an encrypted stream, read from the account.

For `check --from-aws`: the principal's identity policies (attached managed policies at their
default version, and inline policies), the key's policy and the stream's resource policy, as
plain JSON for the core's evaluator. Read-only. Permission boundaries, SCPs and session
policies are not read: a check on these documents can say what they allow, not what an
organization's guardrails take away.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from wizard.aws.discover import describe_key, key_policy
from wizard.aws.errors import AwsError, AwsNotFound
from wizard.aws.session import Aws
from wizard.core.display import visible
from wizard.core.validate import ARN_RE


@dataclass(frozen=True)
class IdentityPolicy:
    name: str  # a managed policy's ARN, or "inline:NAME"
    document: dict[str, Any]


@dataclass(frozen=True)
class Fetched:
    principal: str
    identity: tuple[IdentityPolicy, ...]
    key_arn: str | None
    key_policy: dict[str, Any] | None
    stream_arn: str | None
    stream_policy: dict[str, Any] | None  # None when the stream has no resource policy


def _document(value: Any) -> dict[str, Any]:
    """boto3 decodes IAM policy documents; a raw one is URL-encoded JSON."""
    if isinstance(value, str):
        value = json.loads(unquote(value))
    if not isinstance(value, dict):
        raise AwsError("IAM returned a policy document that is not a JSON object")
    return value


def identity_policies(aws: Aws, principal_arn: str) -> list[IdentityPolicy]:
    """Managed (default version) and inline policies of a role or user of the caller's account."""
    match = ARN_RE.fullmatch(principal_arn)
    resource = match.group(5) if match else ""
    kind, _, rest = resource.partition("/")
    if kind not in ("role", "user") or not rest:
        raise AwsError(f"{visible(principal_arn)} is not a role or user ARN")
    name = rest.rpartition("/")[2]
    noun = "Role" if kind == "role" else "User"
    what = f"{kind} {visible(name)}"
    param = {f"{noun}Name": name}
    out = []
    try:
        attached = aws.pages("iam", f"ListAttached{noun}Policies", "AttachedPolicies", what, **param)
        for item in attached:
            arn = str(item["PolicyArn"])
            version = aws.call("iam", "GetPolicy", f"policy {arn}", PolicyArn=arn)["Policy"]["DefaultVersionId"]
            found = aws.call("iam", "GetPolicyVersion", f"policy {arn}", PolicyArn=arn, VersionId=version)
            out.append(IdentityPolicy(arn, _document(found["PolicyVersion"]["Document"])))
        for policy in aws.pages("iam", f"List{noun}Policies", "PolicyNames", what, **param):
            found = aws.call("iam", f"Get{noun}Policy", what, PolicyName=policy, **param)
            out.append(IdentityPolicy(f"inline:{policy}", _document(found["PolicyDocument"])))
    except AwsNotFound:
        raise AwsError(f"{what} does not exist in account {aws.identity().account}") from None
    return out


def stream_policy(aws: Aws, stream_arn: str) -> dict[str, Any] | None:
    text = aws.call("kinesis", "GetResourcePolicy", f"stream {visible(stream_arn)}", ResourceARN=stream_arn)["Policy"]
    policy = json.loads(text) if text else {}
    return policy if isinstance(policy, dict) and policy.get("Statement") else None


def fetch_policies(aws: Aws, principal_arn: str, stream: str | None = None, key: str | None = None) -> Fetched:
    """Everything `check` needs about one principal, one stream and its key."""
    stream_arn = None
    if stream:
        stream_arn = stream if stream.startswith("arn:") else (
            f"arn:{aws.partition}:kinesis:{aws.region}:{aws.identity().account}:stream/{stream}")
    key_arn = describe_key(aws, key).arn if key else None
    return Fetched(
        principal=principal_arn,
        identity=tuple(identity_policies(aws, principal_arn)),
        key_arn=key_arn,
        key_policy=key_policy(aws, key_arn) if key_arn else None,
        stream_arn=stream_arn,
        stream_policy=stream_policy(aws, stream_arn) if stream_arn else None,
    )
