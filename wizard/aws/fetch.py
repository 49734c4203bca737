"""The policies that decide one principal's access to an encrypted stream, read from the account.

For `check --from-aws`: the principal's identity policies (attached managed policies at their
default version, and inline policies), the key's policy and aliases, the stream's resource
policy and, for a consumer in another account, its registered consumer's resource policy; as
plain JSON for the core's evaluator. Read-only. Permission boundaries, SCPs and session
policies are not read: a check on these documents can say what they allow, not what an
organization's guardrails take away.

Each of these is read only in the account that owns it: IAM lists a role's policies in the
role's account, kms:GetKeyPolicy is not a cross-account operation
(https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyPolicy.html) and
kinesis:GetResourcePolicy is not one of the actions a resource policy can share
(https://docs.aws.amazon.com/streams/latest/dev/controlling-access.html). What lies in another
account is given as a file instead, and `given` says so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from wizard.aws import discover
from wizard.aws.errors import AwsError, AwsNotFound
from wizard.aws.session import Aws
from wizard.core.display import visible
from wizard.core.model import MANAGED_KEY
from wizard.core.validate import ARN_RE, default_consumer_name

PARTS = ("identity", "key", "stream", "consumer")
FLAGS = {"identity": "--identity-policy FILE", "key": "--key-policy FILE", "stream": "--stream-policy FILE",
         "consumer": "--consumer-policy FILE"}


@dataclass(frozen=True)
class IdentityPolicy:
    name: str  # a managed policy's ARN, "inline:NAME", or "group/GROUP:inline:NAME" (a user's group's)
    document: dict[str, Any]


@dataclass(frozen=True)
class Fetched:
    principal: str  # the principal's ARN as IAM has it (with its path) when it was read, else as given
    identity: tuple[IdentityPolicy, ...]
    key: str | None  # the key's ARN, alias/aws/kinesis, or None when neither given nor the stream's
    key_aliases: tuple[str, ...] | None  # every alias of the key, when read
    key_policy: dict[str, Any] | None
    stream_arn: str
    stream_policy: dict[str, Any] | None  # None when the stream has no resource policy (or it was not read)
    consumer_arn: str | None = None
    consumer_policy: dict[str, Any] | None = None
    notes: tuple[str, ...] = ()

    @property
    def key_arn(self) -> str | None:
        return self.key if self.key and ":key/" in self.key else None


def _document(value: Any) -> dict[str, Any]:
    """boto3 decodes IAM policy documents; a raw one is URL-encoded JSON."""
    if isinstance(value, str):
        value = json.loads(unquote(value))
    if not isinstance(value, dict):
        raise AwsError("IAM returned a policy document that is not a JSON object")
    return value


def _principal(arn: str) -> tuple[str, str, str]:
    """(account, "role" | "user", name) of a role or user ARN."""
    match = ARN_RE.fullmatch(arn)
    kind, _, rest = (match.group(5) if match else "").partition("/")
    if not match or match.group(2) != "iam" or kind not in ("role", "user") or not rest:
        raise AwsError(f"{visible(arn)} is not a role or user ARN (arn:aws:iam::ACCOUNT:role/NAME)")
    return match.group(4), kind, rest.rpartition("/")[2]


def _account_of(arn: str, default: str) -> str:
    match = ARN_RE.fullmatch(arn)
    return match.group(4) if match else default


def identity_policies(aws: Aws, principal_arn: str) -> list[IdentityPolicy]:
    """Managed (default version) and inline policies of a role or user of the caller's account; a user's
    also those of its groups, which IAM evaluates as the user's own.
    https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html"""
    _account, kind, name = _principal(principal_arn)
    what = f"{kind} {visible(name)}"
    try:
        out = _attached_and_inline(aws, "Role" if kind == "role" else "User", name, "")
        if kind == "user":
            for group in aws.pages("iam", "ListGroupsForUser", "Groups", what, UserName=name):
                group_name = str(group["GroupName"])
                known = {p.name for p in out}
                out += [p for p in _attached_and_inline(aws, "Group", group_name, f"group/{group_name}:")
                        if p.name not in known]
    except AwsNotFound:
        raise AwsError(f"{what} does not exist in account {aws.identity().account}") from None
    return out


def _attached_and_inline(aws: Aws, noun: str, name: str, prefix: str) -> list[IdentityPolicy]:
    """A role's, user's or group's attached managed policies (at their default version) and inline ones."""
    what = f"{noun.lower()} {visible(name)}"
    param = {f"{noun}Name": name}
    out = []
    for item in aws.pages("iam", f"ListAttached{noun}Policies", "AttachedPolicies", what, **param):
        arn = str(item["PolicyArn"])
        shown = f"policy {visible(arn)}"
        version = aws.call("iam", "GetPolicy", shown, PolicyArn=arn)["Policy"]["DefaultVersionId"]
        found = aws.call("iam", "GetPolicyVersion", shown, PolicyArn=arn, VersionId=version)
        out.append(IdentityPolicy(arn, _document(found["PolicyVersion"]["Document"])))
    for policy in aws.pages("iam", f"List{noun}Policies", "PolicyNames", what, **param):
        found = aws.call("iam", f"Get{noun}Policy", what, PolicyName=policy, **param)
        out.append(IdentityPolicy(f"{prefix}inline:{policy}", _document(found["PolicyDocument"])))
    return out


def resource_policy(aws: Aws, arn: str, what: str) -> dict[str, Any] | None:
    """A stream's or registered consumer's resource policy; None when it has none."""
    text = aws.call("kinesis", "GetResourcePolicy", what, ResourceARN=arn)["Policy"]
    try:
        policy = json.loads(text) if text else {}
    except ValueError:
        raise AwsError(f"kinesis:GetResourcePolicy returned a policy for {what} that is not JSON") from None
    return policy if isinstance(policy, dict) and policy.get("Statement") else None


def stream_policy(aws: Aws, stream_arn: str) -> dict[str, Any] | None:
    return resource_policy(aws, stream_arn, f"stream {visible(stream_arn)}")


def key_aliases(aws: Aws, key_arn: str) -> tuple[str, ...]:
    """Every alias of the key: what kms:ResourceAliases holds in a request for it.
    https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-resource-aliases"""
    found = aws.pages("kms", "ListAliases", "Aliases", f"key {key_arn}", KeyId=key_arn)
    return tuple(sorted(str(a["AliasName"]) for a in found if a.get("AliasName")))


def _is_managed(key: str) -> bool:
    return key == MANAGED_KEY or (key.startswith("arn:") and key.endswith(":" + MANAGED_KEY))


def fetch_policies(aws: Aws, principal_arn: str, stream: str, key: str | None = None, *, role: str | None = None,
                   given: frozenset[str] = frozenset()) -> Fetched:
    """Everything `check` needs about one principal, one stream and its key, except the parts in `given`.

    `stream` is a name (of the caller's account and Region) or an ARN; `key` any form KMS takes,
    else the stream's own key. `given` names the parts (PARTS) the caller has from files.
    """
    me = aws.identity().account
    notes: list[str] = []
    stream_arn, key_text = stream, key
    if not stream.startswith("arn:") or key is None:
        info = discover.describe_stream(aws, stream)
        stream_arn = info.arn
        if key is None:
            if info.encryption != "KMS" or not info.key_id:
                raise AwsError(f"stream {visible(info.name)} is not encrypted (EncryptionType "
                               f"{visible(info.encryption)}), so it has no key to check: give --key KEY, the key "
                               "it will be encrypted with")
            key_text = info.key_id
    stream_account = _account_of(stream_arn, me)
    p_account, kind, name = _principal(principal_arn)
    managed = key_text is not None and _is_managed(key_text)
    key_account = me if key_text is None or managed else _account_of(key_text, me)
    owners = {"identity": (p_account, "the principal's identity policies", "the principal's"),
              "key": (key_account, "the key policy (kms:GetKeyPolicy is not cross-account)", "the key's"),
              "stream": (stream_account, "the stream's resource policy (kinesis:GetResourcePolicy is not "
                                         "cross-account)", "the stream's")}
    elsewhere = [f"{text}, in account {account} ({whose}): {FLAGS[part]}"
                 for part, (account, text, whose) in owners.items()
                 if part not in given and account != me and not (part == "key" and (managed or key_text is None))]
    if elsewhere:
        raise AwsError(f"these credentials are for account {me}, and some policies can only be read in their own "
                       f"account: {'; '.join(elsewhere)}. Give each as a file, or check with a profile for that "
                       "account (--profile) and give the others as files")

    key_out, aliases, key_doc = (MANAGED_KEY if managed else key_text), None, None
    if key_text is not None and not managed and key_account == me:
        info_key = discover.describe_key(aws, key_text)
        if info_key.managed:
            key_out = MANAGED_KEY
        else:
            key_out = info_key.arn
            if info_key.state and info_key.state != "Enabled":
                notes.append(f"key {info_key.arn} is {visible(info_key.state)}: Kinesis cannot use it until it is "
                             "enabled, whatever the policies allow")
            aliases = key_aliases(aws, info_key.arn)
            if "key" not in given:
                key_doc = discover.key_policy(aws, info_key.arn)

    identity: list[IdentityPolicy] = []
    if "identity" not in given:
        real = discover.principal_arn(aws, kind, name)
        if real is None:
            raise AwsError(f"{kind} {visible(name)} does not exist in account {me} ({visible(principal_arn)}): check "
                           "the ARN")
        if real != principal_arn:
            notes.append(f"{kind} {visible(name)} is {visible(real)}; checking that ARN")
            principal_arn = real
        identity = identity_policies(aws, principal_arn)

    shared = stream_policy(aws, stream_arn) if "stream" not in given else None
    consumer_arn, consumer_doc = None, None
    if role == "consumer" and p_account != stream_account and "consumer" not in given:
        consumer_arn, consumer_doc = _consumer(aws, stream_arn, stream_account, default_consumer_name(name, p_account),
                                               notes)
    return Fetched(principal_arn, tuple(identity), key_out, aliases, key_doc, stream_arn, shared, consumer_arn,
                   consumer_doc, tuple(notes))


def _consumer(aws: Aws, stream_arn: str, stream_account: str, name: str,
              notes: list[str]) -> tuple[str | None, dict[str, Any] | None]:
    """The registered consumer this tool names for a reader in another account, and its resource policy.

    Enhanced fan-out from another account needs a policy on the consumer's ARN as well as on the
    stream's (https://docs.aws.amazon.com/streams/latest/dev/controlling-access.html).
    """
    hint = "give --consumer-policy FILE to check enhanced fan-out with its policy"
    if stream_account != aws.identity().account:
        notes.append(f"the registered consumer's resource policy is read in account {stream_account} (the "
                     f"stream's): {hint}")
        return None, None
    what = f"consumer {visible(name)} of stream {visible(stream_arn)}"
    try:
        found = aws.call("kinesis", "DescribeStreamConsumer", what, StreamARN=stream_arn, ConsumerName=name)
    except AwsNotFound:
        notes.append(f"no consumer {visible(name)} is registered on the stream, the name this tool gives a reader "
                     f"of another account; if it reads with enhanced fan-out under another name, {hint}")
        return None, None
    arn = str(found["ConsumerDescription"]["ConsumerARN"])
    return arn, resource_policy(aws, arn, what)
