"""The bundle as CloudFormation: one YAML template per account.

Identity policies become AWS::IAM::ManagedPolicy resources attached to their roles and users;
stream (and other Kinesis resource) policies become AWS::Kinesis::ResourcePolicy. Each policy
document is the bundle's document written out literally: no intrinsic function inside it.

The key policy is not in any template: CloudFormation sets a key policy only through the
KeyPolicy of an AWS::KMS::Key the stack itself creates
(https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kms-key.html),
and this tool works with an existing key, so the key policy stays on the README's put-key-policy step.
"""

from __future__ import annotations

import re
from typing import Any

from wizard.core.exports import yaml_text
from wizard.core.exports.plan import (
    AccountPart,
    account_parts,
    arn_wanted,
    cloudformation_parts,
    resource_arn,
    template_name,
    unique_names,
)
from wizard.core.readme import policy_name
from wizard.core.render import Bundle, Document

FORMAT_VERSION = "2010-09-09"
KEY_NOTE = ("The KMS key policy is not in this template: CloudFormation sets a key policy only on a key "
            "its stack creates, so put key-policy.json with the README's put-key-policy step.")


def logical_id(name: str) -> str:
    """A logical ID (letters and digits) from a document name: lambda-consumer -> LambdaConsumer."""
    words = re.findall(r"[A-Za-z0-9]+", name)
    text = "".join(w[0].upper() + w[1:] for w in words) or "Document"
    return text if text[0].isalpha() else f"D{text}"


def render(bundle: Bundle) -> dict[str, str]:
    """Relative path -> text of each account's template (accounts with something to create)."""
    parts = account_parts(bundle)
    several = len(parts) > 1
    has_key = any(p.key for p in parts)
    return {template_name(p.account, several): yaml_text.dump(template(bundle, p, has_key))
            for p in cloudformation_parts(parts)}


def template(bundle: Bundle, part: AccountPart, key_note: bool) -> dict[str, Any]:
    r = bundle.resolved
    description = (f"Kinesis stream encryption permissions to deploy in account {part.account}, Region "
                   f"{r.region}, from kinesis-kms-wizard.")
    if key_note:
        description += " " + KEY_NOTE
    ids = iter(unique_names([logical_id(a.doc.name) + "Policy" for a in part.identity]
                            + [logical_id(d.name) + "ResourcePolicy" for d in part.resource_policies]))
    parameters: dict[str, Any] = {}
    resources: dict[str, Any] = {}
    for attachment in part.identity:
        doc = attachment.doc
        properties: dict[str, Any] = {"ManagedPolicyName": policy_name(r, doc)}
        roles = [p.name for p in attachment.principals if p.kind == "role"]
        users = [p.name for p in attachment.principals if p.kind != "role"]
        if roles:
            properties["Roles"] = roles
        if users:
            properties["Users"] = users
        properties["PolicyDocument"] = doc.body
        resources[next(ids)] = {"Type": "AWS::IAM::ManagedPolicy", "Properties": properties}
    for doc in part.resource_policies:
        logical = next(ids)
        arn: Any = resource_arn(doc)
        if arn is None:
            parameter = f"{logical}Arn"
            parameters[parameter] = _arn_parameter(bundle, doc)
            arn = {"Ref": parameter}
        resources[logical] = {"Type": "AWS::Kinesis::ResourcePolicy",
                              "Properties": {"ResourceArn": arn, "ResourcePolicy": doc.body}}
    out: dict[str, Any] = {"AWSTemplateFormatVersion": FORMAT_VERSION,
                           "Description": description}
    if parameters:
        out["Parameters"] = parameters
    out["Resources"] = resources
    return out


def _arn_parameter(bundle: Bundle, doc: Document) -> dict[str, Any]:
    """A parameter for a resource ARN that exists only once the stream owner has registered it."""
    r = bundle.resolved
    if doc.consumer and doc.stream:  # a consumer ARN: stream/<name>/consumer/<consumer>:<creation time>
        pattern = f"{re.escape(doc.stream.arn)}/consumer/{re.escape(doc.consumer)}:[0-9]+"
    else:
        pattern = re.escape(f"arn:{r.partition}:kinesis:{r.region}:{r.account}:stream/") + ".+"
    text = arn_wanted(doc)
    return {"Type": "String", "AllowedPattern": f"^{pattern}$", "Description": text[0].upper() + text[1:] + "."}
