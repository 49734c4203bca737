"""The bundle as Terraform: one root module, or one per account, for the hashicorp/aws provider.

Every policy is read from the bundle's own JSON file with file(), so the module applies exactly
the documents the bundle holds, never a re-typed copy; keep the bundle folder whole. A provider
works in one account, so each account gets its own root module whose provider refuses any other
account's credentials (`allowed_account_ids`).
"""

from __future__ import annotations

import re

from wizard.core.exports import hcl
from wizard.core.exports.hcl import Block
from wizard.core.exports.plan import (
    AccountPart,
    account_parts,
    arn_wanted,
    module_folder,
    resource_arn,
    terraform_parts,
    unique_names,
)
from wizard.core.readme import policy_name
from wizard.core.render import Bundle, Document
from wizard.core.validate import Resolved

# aws_kinesis_resource_policy first appeared in the hashicorp/aws provider 5.32.0 (its CHANGELOG,
# https://github.com/hashicorp/terraform-provider-aws/blob/main/CHANGELOG.md#5320-january-11-2024).
PROVIDER_VERSION = ">= 5.32"
TERRAFORM_VERSION = ">= 1.0"


def label(name: str) -> str:
    """A Terraform block label from a document or principal name (letters, digits, underscores)."""
    text = re.sub(r"[^A-Za-z0-9_]", "_", name)
    return text if text[:1].isalpha() or text[:1] == "_" else f"_{text}"


def _file(doc: Document, depth: int) -> str:
    path = hcl.string("../" * depth + doc.filename)
    return 'file("${path.module}/' + path[1:] + ")"


def render(bundle: Bundle, merged: bool) -> dict[str, str]:
    """Relative path -> text of every Terraform file: versions.tf and main.tf per root module."""
    parts = account_parts(bundle)
    several = len(parts) > 1
    modules = terraform_parts(parts, merged)
    # Left out without a merge, the key policy is explained where it would be (or in the first module).
    left_out = any(p.key for p in parts) and not merged
    note_in = next((p.account for p in modules if p.key), modules[0].account)
    files: dict[str, str] = {}
    for part in modules:
        folder = module_folder(part.account, several)
        depth = folder.count("/") + 1
        files[f"{folder}/versions.tf"] = _versions()
        variables, main = _main(bundle, part, depth, merged, left_out and part.account == note_in)
        files[f"{folder}/main.tf"] = main
        if variables:
            files[f"{folder}/variables.tf"] = hcl.document(variables)
    return files


def _versions() -> str:
    return hcl.document([Block("terraform", [
        ("required_version", hcl.string(TERRAFORM_VERSION)),
        None,
        Block("required_providers", [
            ("aws", "{\n" + "\n".join([
                f'      source  = {hcl.string("hashicorp/aws")}',
                f"      version = {hcl.string(PROVIDER_VERSION)}",
            ]) + "\n    }"),
        ]),
    ])])


def _main(bundle: Bundle, part: AccountPart, depth: int, merged: bool,
          key_note: bool) -> tuple[list[Block], str]:
    r = bundle.resolved
    header = [
        f"Kinesis stream encryption permissions to apply in account {part.account}, Region {r.region}.",
        "Written by kinesis-kms-wizard. Each policy is read from the bundle's JSON file of the same name",
        "(file()), so keep the bundle folder whole. With credentials of this account:",
        "  terraform init && terraform plan",
    ]
    blocks = [Block('provider "aws"', [
        ("region", hcl.string(r.region)),
        ("allowed_account_ids", hcl.string_list([part.account])),
    ])]
    variables: list[Block] = []
    labels = iter(unique_names([label(a.doc.name) for a in part.identity]
                               + [label(d.name) for d in part.resource_policies], sep="_"))
    attachment_labels = iter(unique_names([label(f"{a.doc.name}_{p.name}") for a in part.identity
                                           for p in a.principals], sep="_"))
    for attachment in part.identity:
        doc = attachment.doc
        name = next(labels)
        blocks.append(Block(f'resource "aws_iam_policy" {hcl.string(name)}', [
            ("name", hcl.string(policy_name(r, doc))),
            ("policy", _file(doc, depth)),
        ], comments=[f"{doc.title}: {doc.filename}"]))
        for p in attachment.principals:
            kind = "role" if p.kind == "role" else "user"
            blocks.append(Block(f'resource "aws_iam_{kind}_policy_attachment" {hcl.string(next(attachment_labels))}', [
                (kind, hcl.string(p.name)),
                ("policy_arn", f"aws_iam_policy.{name}.arn"),
            ]))
    if part.key is not None and merged:
        blocks.extend(_key_blocks(r, part.key, depth))
    for doc in part.resource_policies:
        name = next(labels)
        arn = resource_arn(doc)
        if arn is None:
            variables.append(Block(f"variable {hcl.string(name + '_arn')}", [
                ("type", "string"),
                ("description", hcl.string(arn_wanted(doc)[0].upper() + arn_wanted(doc)[1:] + ".")),
            ]))
            arn_expr = f"var.{name}_arn"
        else:
            arn_expr = hcl.string(arn)
        blocks.append(Block(f'resource "aws_kinesis_resource_policy" {hcl.string(name)}', [
            ("resource_arn", arn_expr),
            ("policy", _file(doc, depth)),
        ], comments=[f"{doc.title}: {doc.filename}"]))
    if key_note:
        header += [
            "",
            "The KMS key policy (key-policy.json) is not managed here: aws_kms_key_policy replaces the key's",
            "whole policy, and this bundle was made without the key's current policy. Put it with the README's",
            "put-key-policy step, or generate again with --merge-key-policy to have the merged policy here.",
        ]
    return variables, hcl.document(blocks, header)


def _key_blocks(r: Resolved, doc: Document, depth: int) -> list[Block]:
    """The merged key policy on the key; looked up by alias when the key was given by one."""
    blocks = []
    if r.key.arn is None:  # a customer key without an ARN was given by alias
        assert r.key.alias is not None
        blocks.append(Block('data "aws_kms_alias" "key"', [("name", hcl.string(r.key.alias))],
                            comments=["The key was given by its alias: look up the key it points to."]))
        key_id = "data.aws_kms_alias.key.target_key_id"
    else:
        assert r.key.arn is not None
        key_id = hcl.string(r.key.arn.split("/")[-1])  # key/<id>: the ID, in the key's own account
    blocks.append(Block('resource "aws_kms_key_policy" "key"', [
        ("key_id", key_id),
        ("policy", _file(doc, depth)),
        None,
        Block("lifecycle", [("prevent_destroy", "true")]),
    ], comments=[
        f"{doc.title}: {doc.filename}, merged with the key's policy: every statement it had is kept.",
        "aws_kms_key_policy replaces the key's whole policy with this file. Destroying it would give the",
        "key AWS's default key policy, so it is kept from being destroyed.",
    ]))
    return blocks
