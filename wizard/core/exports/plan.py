"""Which account applies which document: the grouping both export formats share.

A Terraform provider and a CloudFormation stack each work in one account, so the bundle is cut
by account: identity policies go to the accounts of the principals they are attached to, the key
policy to the key's account, resource policies to the stream owner's account.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wizard.core.render import Bundle, Document
from wizard.core.validate import PrincipalRef


@dataclass(frozen=True)
class Attachment:
    """One identity document as one account uses it: the principals of that account it goes to."""

    doc: Document
    principals: tuple[PrincipalRef, ...]


@dataclass
class AccountPart:
    """Everything one account applies with its own credentials."""

    account: str
    identity: list[Attachment] = field(default_factory=list)
    key: Document | None = None
    resource_policies: list[Document] = field(default_factory=list)


def resource_arn(doc: Document) -> str | None:
    """The ARN a resource policy is put on, or None when only the stream owner can know it.

    A stream policy names its stream. Any other resource document (a registered consumer's, for
    example) goes on an ARN that exists only after a registration, so the exports ask for it.
    """
    if doc.kind == "stream" and doc.stream is not None:
        return doc.stream.arn
    return None


def arn_wanted(doc: Document) -> str:
    """What a user is asked for when `resource_arn(doc)` is None: which ARN, and where it comes from."""
    if doc.consumer and doc.stream:
        return (f"the ARN of consumer {doc.consumer} of stream {doc.stream.name}, as register-stream-consumer "
                f"prints it ({doc.filename} is put on it)")
    return f"the ARN {doc.filename} is put on ({doc.title})"


def is_resource_policy(doc: Document) -> bool:
    """Every document that is not an identity policy or the key policy is put on a Kinesis resource."""
    return doc.kind not in ("identity", "key")


def account_parts(bundle: Bundle) -> list[AccountPart]:
    """The accounts the bundle's documents go to: the stream's first, then the key's, then the rest."""
    r = bundle.resolved
    parts: dict[str, AccountPart] = {}

    def part(account: str) -> AccountPart:
        return parts.setdefault(account, AccountPart(account))

    part(r.account)  # first, when it has anything to apply
    for doc in bundle.documents:
        if doc.kind == "key":
            part(r.key.account).key = doc
    for doc in bundle.documents:
        if doc.kind == "identity":
            by_account: dict[str, list[PrincipalRef]] = {}
            for p in doc.principals:
                by_account.setdefault(p.account, []).append(p)
            for account, principals in by_account.items():
                part(account).identity.append(Attachment(doc, tuple(principals)))
        elif is_resource_policy(doc):
            part(r.account).resource_policies.append(doc)
    return [p for p in parts.values() if p.identity or p.key or p.resource_policies]


def terraform_parts(parts: list[AccountPart], merged: bool) -> list[AccountPart]:
    """The accounts that get a Terraform root module: those with something Terraform may apply
    (the key policy only when merged, see terraform.py)."""
    return [p for p in parts if p.identity or p.resource_policies or (p.key is not None and merged)]


def cloudformation_parts(parts: list[AccountPart]) -> list[AccountPart]:
    """The accounts that get a template: CloudFormation never sets an existing key's policy."""
    return [p for p in parts if p.identity or p.resource_policies]


def module_folder(account: str, several: bool) -> str:
    """Where an account's Terraform root module goes: terraform/, or terraform/<account>/ with several."""
    return f"terraform/{account}" if several else "terraform"


def template_name(account: str, several: bool) -> str:
    """cloudformation.yaml, or cloudformation-<account>.yaml when the bundle spans several accounts."""
    return f"cloudformation-{account}.yaml" if several else "cloudformation.yaml"


def unique_names(names: list[str], *, sep: str = "") -> list[str]:
    """The names with a number added to each repeat, so labels and logical IDs never collide."""
    seen: set[str] = set()
    out = []
    for name in names:
        candidate, number = name, 2
        while candidate in seen:
            candidate = f"{name}{sep}{number}"
            number += 1
        seen.add(candidate)
        out.append(candidate)
    return out


_WORD = re.compile(r"[A-Za-z0-9]+")


def stack_name(bundle: Bundle) -> str:
    """A CloudFormation stack name for these permissions: letters, digits and hyphens, 128 at most."""
    words = _WORD.findall(bundle.resolved.streams[0].name)
    return ("kinesis-" + "-".join(words))[:116].rstrip("-") + "-permissions"
