"""No command: the full-screen wizard, or with --plain the line-by-line prompts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wizard.cli.common import EXIT_FAILURE, PROG
from wizard.core.bundle import load_answers_file


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plain", action="store_true",
                        help="ask the questions line by line instead of the full-screen wizard")
    parser.add_argument("--answers", metavar="FILE",
                        help="prefill the answers from an answers file or a bundle's manifest.json")
    parser.add_argument("--from-aws", action="store_true",
                        help="first offer the AWS account's streams, keys and roles to pick from (needs the aws "
                             "extra; in the wizard also ctrl+g)")
    parser.add_argument("--profile", metavar="NAME", help="the AWS profile for --from-aws and ctrl+g")


def bundle_folder(answers_path: str | None) -> Path | None:
    """The bundle folder when the answers come from a bundle's manifest.json: saving proposes
    it, so reopening a bundle updates it instead of writing a second copy elsewhere."""
    if not answers_path or answers_path == "-":
        return None
    path = Path(answers_path)
    return path.parent if path.name == "manifest.json" else None


def run(args: argparse.Namespace) -> int:
    loaded = load_answers_file(args.answers) if args.answers else None
    answers = loaded.answers if loaded else None
    formats = loaded.formats if loaded else ()
    if args.from_aws:
        from wizard.aws.errors import AwsUnavailable
        from wizard.aws.session import boto3_installed

        if not boto3_installed():
            raise AwsUnavailable()
    origin = bundle_folder(args.answers)
    if args.plain:
        from wizard.prompts.flow import run_plain

        return run_plain(answers, folder=origin, from_aws=args.from_aws, profile=args.profile, formats=formats)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print(f"{PROG}: the wizard needs a terminal; without one, use `{PROG} generate` "
              f"(see `{PROG} generate --help`)", file=sys.stderr)
        return EXIT_FAILURE
    from wizard.tui.app import run_app

    return run_app(answers, profile=args.profile, discover=args.from_aws, origin=origin, formats=formats)
