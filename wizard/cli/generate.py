"""`generate`: the bundle for the given answers, without questions (for scripts and CI).

It imports only the standard library and wizard.core, so it starts fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from wizard.cli.common import EXIT_INVALID, EXIT_OK, UsageError, print_problems
from wizard.core.bundle import load_answers
from wizard.core.exports import ALL, FORMATS, parse_formats
from wizard.core.model import Answers, Principal, add_principal_role

MANAGED_LIMIT_TEXT = "6,144-character"

PRINCIPAL_FLAGS = (
    ("producer", "producer", None, "a role that writes records"),
    ("consumer", "consumer", None, "a role that reads records (an application)"),
    ("admin", "admin", None, "a role that manages the streams' encryption"),
    ("lambda-consumer", "consumer", "lambda", "a Lambda execution role reading the stream"),
    ("flink-consumer", "consumer", "flink", "a Managed Service for Apache Flink role reading it"),
    ("firehose-consumer", "consumer", "firehose", "a Firehose role with the stream as source"),
)


def add_parser(commands: Any) -> argparse.ArgumentParser:
    gen = commands.add_parser(
        "generate", help="write the policies without questions (for scripts and CI)",
        description="Write the bundle of policies for the given answers. Every problem is listed "
                    "on stderr and the exit status is 2 when the answers are invalid.",
    )
    # --answers, --from-aws and --profile are also options before the command (the wizard's): here
    # they default to SUPPRESS, so `kinesis-kms-wizard --profile X generate` keeps X.
    gen.add_argument("--answers", metavar="FILE", default=argparse.SUPPRESS,
                     help="answers from a file or an earlier bundle's manifest.json ('-' for stdin); "
                          "flags given beside it replace what it says")
    gen.add_argument("--region", help="the stream's Region, e.g. us-west-2")
    gen.add_argument("--account", help="the 12-digit account that owns the stream")
    gen.add_argument("--key", help="key ID, key ARN, alias name, alias ARN, or alias/aws/kinesis")
    gen.add_argument("--stream", action="append", metavar="NAME|ARN", help="a stream (repeat for several)")
    for flag, _role, _service, text in PRINCIPAL_FLAGS:
        gen.add_argument(f"--{flag}", action="append", metavar="ROLE", dest=flag.replace("-", "_"),
                         help=f"{text}: role name, role ARN or user ARN (repeatable)")
    fan = gen.add_mutually_exclusive_group()
    fan.add_argument("--no-fan-out", dest="fan_out", action="store_false", default=None,
                     help="consumers poll only; no enhanced fan-out permissions")
    fan.add_argument("--fan-out", dest="fan_out", action="store_true",
                     help="grant enhanced fan-out to consumers (the default)")
    gen.add_argument("--consumer-name", action="append", metavar="ROLE=NAME", dest="consumer_names",
                     help="the enhanced fan-out consumer registered for a reader in another account (ROLE as "
                          "given to its flag); by default its role's or user's name and account (repeatable)")
    gen.add_argument("--merge-key-policy", metavar="FILE",
                     help="the key's current policy (aws kms get-key-policy ... --output text); "
                          "every statement in it is kept and ours are added (a Sid of ours already in it "
                          "with other content is refused)")
    gen.add_argument("--from-aws", action="store_true", default=argparse.SUPPRESS,
                     help="read the account, Region, the streams' key and the key's current policy from AWS "
                          "(read-only; merged as --merge-key-policy does) and check that each principal exists; "
                          "needs the aws extra")
    gen.add_argument("--profile", metavar="NAME", default=argparse.SUPPRESS,
                     help="the AWS profile for --from-aws (default: the usual chain)")
    out = gen.add_mutually_exclusive_group(required=True)
    out.add_argument("--out", metavar="DIR", help="write the bundle into DIR (new or empty)")
    out.add_argument("--print", metavar="NAME", dest="print_name",
                     help="write one document to stdout: producer, consumer, admin, key, stream, "
                          "lambda-consumer, ..., readme or manifest (or an export file with --format, "
                          "e.g. terraform/main.tf)")
    gen.add_argument("--force", action="store_true", help="replace the bundle's files in a non-empty DIR")
    gen.add_argument("--format", action="append", dest="formats", metavar="FORMAT", default=[],
                     choices=(*FORMATS, ALL),
                     help="also write the bundle as infrastructure code: terraform (DIR/terraform/), "
                          "cloudformation (DIR/cloudformation.yaml) or all; repeatable. The JSON files "
                          "and README are always written")
    return gen


def answers_from_args(args: argparse.Namespace) -> Answers:
    """The answers file (if any) with every flag given on top of it."""

    answers = load_answers(args.answers) if args.answers else Answers()
    changes: dict[str, object] = {}
    for name in ("region", "account", "key"):
        value = getattr(args, name)
        if value is not None:
            changes[name] = value
    if args.stream:
        changes["streams"] = tuple(args.stream)
    # Each principal flag replaces what the file says for that flag only: `--admin x` beside an
    # answers file changes the administrators and keeps its producers and consumers.
    principals = answers.principals
    given = [(role, service, refs) for flag, role, service, _text in PRINCIPAL_FLAGS
             if (refs := getattr(args, flag.replace("-", "_")))]
    for role, service, _refs in given:
        principals = _without_flag(principals, role, service)
    for role, service, refs in given:
        for ref in refs:
            principals = add_principal_role(principals, ref, role, service)
    for item in args.consumer_names or ():
        ref, sep, name = item.partition("=")
        matches = [i for i, p in enumerate(principals) if p.ref == ref]
        if not sep or not matches:
            raise UsageError(f"--consumer-name {item!r}: expected ROLE=NAME, ROLE as given to a principal flag "
                             "or in the answers")
        principals = tuple(replace(p, consumer_name=name or None) if i in matches else p
                           for i, p in enumerate(principals))
    if principals != answers.principals:
        changes["principals"] = principals
    if args.fan_out is not None:
        changes["fan_out"] = args.fan_out
    return replace(answers, **changes)


def _without_flag(principals: tuple[Principal, ...], role: str, service: str | None) -> tuple[Principal, ...]:
    """The principals with what one flag (e.g. --consumer, --lambda-consumer) had given removed."""
    out = []
    for p in principals:
        if service is not None:
            if p.service == service:
                continue
        elif p.service is None and role in p.roles:
            roles = tuple(r for r in p.roles if r != role)
            if not roles:
                continue
            p = replace(p, roles=roles)
        out.append(p)
    return tuple(out)


def _from_aws(answers: Answers, args: argparse.Namespace) -> tuple[Answers, Any, str]:
    """Answers completed from the account (wizard.aws, imported only here), its findings on stderr."""
    if args.merge_key_policy:
        raise UsageError("--from-aws fetches the key's current policy itself; leave out --merge-key-policy")
    from wizard.aws.discover import discover
    from wizard.aws.session import connect

    found = discover(connect(args.profile, answers.region.strip() or None), answers)
    for finding in found.findings:
        print(finding, file=sys.stderr)
    return found.answers, found.key_policy, "AWS (kms:GetKeyPolicy)"


def _key_policy(path: str, normalize: Callable[[Any], Any]) -> Any:
    """The key policy to merge with, bounded like every input, also inside a {"Policy": "..."} wrapper."""
    from wizard.core.bundle import InputError, load_json_file
    from wizard.core.display import path_text
    from wizard.core.inputs import check_bounded

    shown = "stdin" if path == "-" else path_text(path)
    try:
        current = normalize(load_json_file(path, "a key policy"))
    except RecursionError:  # the policy text inside a {"Policy": "..."} wrapper is parsed again
        raise InputError(f"{shown}: the policy inside nests lists or objects too deeply") from None
    except ValueError:
        raise InputError(f"{shown}: the policy inside holds a number too long to read") from None
    check_bounded(current, shown)
    return current


def run(args: argparse.Namespace) -> int:
    from wizard.core.bundle import (
        bundle_file_names,
        bundle_files,
        describe_files,
        export_format,
        files_removed,
        write_bundle,
    )
    from wizard.core.display import path_text, visible
    from wizard.core.policies.merge import merge_problem, normalize_current
    from wizard.core.problems import Problem
    from wizard.core.render import render_bundle

    answers = answers_from_args(args)
    current = None
    merge_problems: list[Problem] = []
    source = args.merge_key_policy
    if args.from_aws:
        answers, current, source = _from_aws(answers, args)
    elif args.merge_key_policy:
        # --output text prints the policy; --output json wraps it in {"Policy": "..."}: take either.
        current = _key_policy(args.merge_key_policy, normalize_current)
        rule = merge_problem(current)
        if rule:
            merge_problems.append(Problem("merge-key-policy", source, rule))
            current = None
    bundle = render_bundle(answers, merge_key_policy=current, merge_source="aws" if args.from_aws else "file")
    problems = list(bundle.problems) + merge_problems
    if args.merge_key_policy and not merge_problems and bundle.resolved.key.managed:
        problems.append(Problem("merge-key-policy", source,
                                "the AWS managed key's policy cannot be changed, so there is nothing to merge"))
    if problems:
        print_problems("the answers have", problems)
        return EXIT_INVALID
    if bundle.merge is not None:
        print(f"merged with the key's current policy from {path_text(source)}:", file=sys.stderr)
        for line in bundle.merge.lines(lambda text: repr(visible(text))):
            print(f"  {line}", file=sys.stderr)
    parts: dict[str, int] = {}
    for doc in bundle.documents:
        base, _, number = doc.name.rpartition("-")
        if doc.kind == "identity" and number.isdigit():
            parts[base] = parts.get(base, 0) + 1
    for base, count in parts.items():
        print(f"note: the {base} policy is over the {MANAGED_LIMIT_TEXT} managed-policy limit for all "
              f"the streams, so it is split into {count} parts; attach every part", file=sys.stderr)
    merged = bundle.merge is not None
    formats = parse_formats(args.formats)
    if args.print_name:
        name = args.print_name
        files = bundle_files(bundle, merged, formats)
        special = {"readme": "README.md", "manifest": "manifest.json"}
        doc = bundle.get(name)
        text = doc.text if doc else files.get(special.get(name.lower(), name))
        if text is None:
            exports = [path for path in files if "/" in path or not path.endswith((".json", ".md"))]
            names = [d.name for d in bundle.documents] + list(special) + exports
            raise UsageError(f"print {name!r}: not a document of this bundle; choose one of {', '.join(names)}")
        sys.stdout.write(text)
        return EXIT_OK
    out = Path(args.out)
    # --force replaces the old bundle's files: those it had and this run does not write go, and are named.
    removed = files_removed(out, bundle_file_names(bundle, formats)) if args.force else []
    written = write_bundle(bundle, out, force=args.force, merged=merged, formats=formats,
                           note=lambda message: print(f"note: {message}", file=sys.stderr))
    print(f"wrote {len(written)} files to {path_text(out)}:")
    for path in written:
        print(f"  {path.relative_to(out).as_posix()}")
    if removed:
        print(f"note: removed {len(removed)} file{'s' if len(removed) != 1 else ''} of the old bundle that this run "
              f"does not write: {describe_files(removed)}", file=sys.stderr)
        dropped = [name for name in FORMATS if name not in formats and any(export_format(f) == name for f in removed)]
        if dropped:
            print(f"note: to keep {' and '.join(dropped)} files, run again with "
                  f"{' '.join(f'--format {name}' for name in dropped)}", file=sys.stderr)
    return EXIT_OK
