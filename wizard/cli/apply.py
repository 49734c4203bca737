"""`apply DIR`: put a saved bundle into the AWS account, after printing the plan and asking.

Standard library only at import; wizard.aws (and boto3 through it) is imported when it runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from wizard.cli.common import EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, PROG
from wizard.core.display import visible

MARKS = {"+": "add", "~": "change", "-": "delete", "=": "keep"}


def add_parser(commands: Any) -> argparse.ArgumentParser:
    cmd = commands.add_parser(
        "apply", help="put a saved bundle into the AWS account, showing the plan first (needs the aws extra)",
        description="Read a bundle written by `generate` or the wizard, check it against its manifest, read the "
                    "account's current state and print the plan: managed policies to create or update, "
                    "attachments, the key policy's added and kept statements, stream resource policies. It asks "
                    "before changing anything. Running it again plans nothing. Needs: pip install "
                    "'kinesis-kms-wizard[aws]'.",
    )
    cmd.add_argument("folder", metavar="DIR", help="the bundle's folder (with its manifest.json)")
    cmd.add_argument("--yes", action="store_true", help="apply the plan without asking")
    cmd.add_argument("--dry-run", action="store_true", help="print the plan and change nothing")
    cmd.add_argument("--profile", metavar="NAME", default=argparse.SUPPRESS,  # also an option before the command
                     help="the AWS profile to use (default: the usual chain)")
    return cmd


def print_plan(plan: Any, folder: str) -> None:
    print(f"Plan for {visible(folder)} in Region {plan.region}, as {visible(plan.caller.arn)} "
          f"(account {plan.caller.account}):")
    section = None
    for name, mark, text in plan.lines:
        if name != section:
            print(f"\n{name}")
            section = name
        print(f"  {mark} {text}")
    for account, parts in plan.elsewhere.items():
        print(f"\nNeeds account {account}'s credentials (run apply again with a profile for that account):")
        for part in parts:
            print(f"  - {part}")
    for note in plan.notes:
        print(f"\nnote: {note}")
    print()


def run(args: argparse.Namespace) -> int:
    from wizard.aws.apply import ApplyFailed, ApplyRefused, execute, load_saved, make_plan
    from wizard.aws.session import connect

    folder = args.folder
    try:
        saved = load_saved(Path(folder))
        aws = connect(args.profile, saved.bundle.resolved.region)
        plan = make_plan(aws, saved)
    except ApplyRefused as exc:
        print(f"{PROG}: apply refused: {exc}; nothing was changed", file=sys.stderr)
        return EXIT_FAILURE
    print_plan(plan, folder)
    if plan.refusals:
        print(f"{PROG}: apply refused; nothing was changed:", file=sys.stderr)
        for refusal in plan.refusals:
            print(f"  - {refusal}", file=sys.stderr)
        return EXIT_FAILURE
    count = len(plan.changes)
    if not count:
        print(f"Nothing to change in account {plan.caller.account}: it already has what the bundle says.")
        return EXIT_OK
    changes = f"{count} change{'s' if count != 1 else ''}"
    summary = f"{changes} to make in account {plan.caller.account}"
    if args.dry_run:
        print(f"{summary}. Dry run: nothing was changed.")
        return EXIT_OK
    if not args.yes:
        if not (sys.stdin and sys.stdin.isatty()):
            print(f"{PROG}: apply asks before changing anything, and there is no terminal to ask; give --yes to "
                  "apply this plan, or --dry-run to only see it. Nothing was changed.", file=sys.stderr)
            return EXIT_FAILURE
        answer = input(f"{summary}. Apply? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Not applied; nothing was changed.")
            return EXIT_FAILURE
    print(f"Applying {changes} in account {plan.caller.account}:")
    try:
        execute(plan, lambda change: print(f"  done: {change.text}"))
    except ApplyFailed as exc:
        print(f"{PROG}: apply stopped: {exc.error}", file=sys.stderr)
        print("Applied:" if exc.done else "Applied: nothing", file=sys.stderr)
        for change in exc.done:
            print(f"  - {change.text}", file=sys.stderr)
        print("Not applied:", file=sys.stderr)
        for change in exc.left:
            print(f"  - {change.text}", file=sys.stderr)
        print(f"Fix the cause and run `{PROG} apply` again: it plans only what is still missing.", file=sys.stderr)
        return EXIT_INTERRUPTED if exc.interrupted else EXIT_FAILURE
    print(f"Done: {changes} made in account {plan.caller.account}.")
    if plan.elsewhere:
        print("Still to do with other accounts' credentials: " + ", ".join(sorted(plan.elsewhere)) + ".")
    return EXIT_OK
