"""The bundle README's section on the exports: what each is and what a user runs."""

from __future__ import annotations

import shlex
from collections.abc import Sequence

from wizard.core.exports.plan import (
    account_parts,
    cloudformation_parts,
    is_resource_policy,
    module_folder,
    resource_arn,
    stack_name,
    template_name,
    terraform_parts,
)
from wizard.core.render import Bundle


def exports_section(bundle: Bundle, formats: Sequence[str], merged: bool) -> list[str]:
    """README lines for the exports asked for (none when only the JSON bundle was asked for)."""
    if not formats:
        return []
    parts = account_parts(bundle)
    several = len(parts) > 1
    has_key = any(p.key for p in parts)
    asks_arn = any(is_resource_policy(d) and resource_arn(d) is None for d in bundle.documents)
    lines = ["## Terraform and CloudFormation", "",
             "The same documents as infrastructure code. Use one way per document (the commands above, "
             "Terraform or CloudFormation), not two: the managed policies have the same names in each.", ""]
    if "terraform" in formats:
        lines += _terraform(parts, several, has_key, merged, asks_arn)
    if "cloudformation" in formats:
        lines += _cloudformation(bundle, parts, several, has_key, asks_arn)
    return lines


def _terraform(parts: list, several: bool, has_key: bool, merged: bool, asks_arn: bool) -> list[str]:
    modules = terraform_parts(parts, merged)
    folders = [module_folder(p.account, several) for p in modules]
    lines = ["### Terraform", ""]
    if several:
        lines.append(f"One root module per account ({', '.join(f'`{f}/`' for f in folders)}), since a "
                     "provider works in one account: run each with that account's credentials; its provider "
                     "refuses any other account (`allowed_account_ids`).")
    else:
        lines.append(f"One root module in `{folders[0]}/`, for account {modules[0].account}: its provider "
                     "refuses any other account (`allowed_account_ids`).")
    lines += ["It reads each policy from this folder's JSON file (`file()`), so it applies exactly these "
              "documents: keep the folder whole. It needs the hashicorp/aws provider 5.32 or later "
              "(`versions.tf`).", ""]
    if has_key and merged:
        lines += ["The key policy is `aws_kms_key_policy`, which puts the merged `key-policy.json` (every "
                  "statement the key had is kept). It is kept from `terraform destroy`, which would give the "
                  "key AWS's default key policy.", ""]
    elif has_key:
        lines += ["The key policy is not in the Terraform files: `aws_kms_key_policy` replaces the whole key "
                  "policy, and this bundle was made without the key's current policy. Use the put-key-policy "
                  "step above, or generate again with `--merge-key-policy` to have the merged policy managed "
                  "by Terraform.", ""]
    if asks_arn:
        lines += ["A registered consumer's resource policy asks for the consumer's ARN, which only its "
                  "registration above prints, as a variable (`variables.tf`): give it with `-var` or a "
                  "`.tfvars` file.", ""]
    lines += ["```sh"]
    for folder in folders:
        lines += [f"cd {folder}", "terraform init && terraform plan", "terraform apply"]
        if several:
            lines.append("cd " + "/".join(".." for _ in folder.split("/")))
    lines += ["```", ""]
    return lines


def _cloudformation(bundle: Bundle, parts: list, several: bool, has_key: bool, asks_arn: bool) -> list[str]:
    r = bundle.resolved
    templates = [template_name(p.account, several) for p in cloudformation_parts(parts)]
    lines = ["### CloudFormation", ""]
    if several:
        lines.append(f"One template per account ({', '.join(f'`{t}`' for t in templates)}): deploy each with "
                     "that account's credentials.")
    else:
        lines.append(f"One template, `{templates[0]}`, for account {parts[0].account}.")
    made = "the managed policies (attached to their roles and users)"
    if any(p.resource_policies for p in parts):
        made += " and the Kinesis resource policies"
    lines.append(f"It creates {made}; each policy document in it is the JSON file of the same document, "
                 "written out as YAML.")
    lines.append("The named managed policies need `CAPABILITY_NAMED_IAM`.")
    if has_key:
        lines.append("CloudFormation sets a key policy only on a key its own stack creates, so the key policy "
                     "stays on the put-key-policy step above.")
    if asks_arn:
        lines.append("A registered consumer's resource policy asks for the consumer's ARN as a parameter: "
                     "add `--parameter-overrides NAME=ARN`.")
    lines += ["", "```sh"]
    for template in templates:
        lines.append(f"aws cloudformation deploy --region {r.region} --template-file {shlex.quote(template)} "
                     f"--stack-name {stack_name(bundle)} --capabilities CAPABILITY_NAMED_IAM")
    lines += ["```", ""]
    return lines
