"""`check --from-aws`: the same check, with the policies read from the account instead of files.

A policy also given as a file is taken from the file and not read (so a principal, key or stream
in another account can be checked: what these credentials cannot read is given as a file). Any
failure to read is exit 2, like a file that cannot be read: exit 3 keeps meaning "the principal
cannot do its job". What was read, and anything worth knowing about it, goes to stderr; stdout
is the same report as with files.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from typing import Any

from wizard.cli.common import PROG, UsageError
from wizard.core.display import visible


def inputs_from_aws(args: argparse.Namespace) -> Any:
    """The check's inputs, each policy not given as a file read from the account (wizard.aws, imported here)."""
    from wizard.aws.errors import AwsError

    try:
        return _read(args)
    except AwsError as exc:
        raise UsageError(visible(str(exc))) from None


def _read(args: argparse.Namespace) -> Any:
    from wizard.aws.fetch import fetch_policies
    from wizard.aws.session import connect
    from wizard.cli.check import inputs_from_files
    from wizard.cli.common import print_problems
    from wizard.core.display import plain_text_rule
    from wizard.core.evaluate import Source
    from wizard.core.problems import Problem
    from wizard.core.validate import ARN_RE

    # What is sent to AWS is plain text first, refused as the check refuses it without --from-aws.
    problems = [Problem(field, value, rule) for field, value in (("principal", args.principal),
                                                                ("stream", args.stream_arn), ("key", args.key))
                if value is not None and (rule := plain_text_rule(value))]
    if problems:
        print_problems("check cannot start:", problems)
        raise UsageError("nothing was read from AWS")
    files = inputs_from_files(args, identity_required=False)  # whatever was given as files, read first
    given = frozenset(part for part, value in (("identity", files.identity), ("key", files.key_policy),
                                               ("stream", files.stream_policy), ("consumer", files.consumer_policy))
                      if value)
    match = ARN_RE.fullmatch(args.stream_arn)
    aws = connect(getattr(args, "profile", None), match.group(3) if match else None)
    me = aws.identity()
    found = fetch_policies(aws, args.principal, args.stream_arn, args.key, role=args.role, given=given)
    read = []
    if "identity" not in given:
        names = ", ".join(_name(p.name) for p in found.identity) or "none (it has no policies)"
        read.append(f"identity policies of {found.principal}: {names}")
    if found.key_policy is not None:
        read.append(f"key-policy: the policy of key {found.key}")
    if "stream" not in given:
        read.append("stream-policy: the stream's resource policy" if found.stream_policy else
                    "stream-policy: none (the stream has no resource policy)")
    if found.consumer_arn:
        read.append(f"consumer-policy: the resource policy of consumer {found.consumer_arn}" if found.consumer_policy
                    else f"consumer-policy: none (consumer {found.consumer_arn} has no resource policy)")
    print(visible(f"{PROG}: read from account {me.account} in Region {aws.region} as {me.arn}:"), file=sys.stderr)
    for line in read:
        print(f"  {visible(line)}", file=sys.stderr)
    for note in found.notes:
        print(visible(f"note: {note}"), file=sys.stderr)

    def source(policy: dict[str, Any] | None, kind: str) -> Source | None:
        return Source(f"{kind}-policy", policy, kind) if policy is not None else None

    return replace(
        files, principal=found.principal, stream=found.stream_arn, key=found.key, key_aliases=found.key_aliases,
        identity=files.identity or tuple(Source(_name(p.name), p.document) for p in found.identity),
        key_policy=files.key_policy or source(found.key_policy, "key"),
        stream_policy=files.stream_policy or source(found.stream_policy, "stream"),
        consumer_policy=files.consumer_policy or source(found.consumer_policy, "consumer"),
    )


def _name(policy: str) -> str:
    """How the report cites a policy read from IAM: policy/NAME (aws:policy/NAME for an AWS managed
    one) or inline:NAME, short enough that `name#Sid` reads at a glance; stderr has the ARNs."""
    _arn, _partition, _service, _region, account, resource = (policy.split(":", 5) + [""] * 6)[:6]
    if not policy.startswith("arn:") or not resource:
        return policy
    return f"aws:{resource}" if account == "aws" else resource
