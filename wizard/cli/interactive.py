"""No command: the full-screen wizard, or with --plain the line-by-line prompts."""

from __future__ import annotations

import argparse
import sys

from wizard.cli.common import EXIT_FAILURE, PROG
from wizard.core.bundle import load_answers


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plain", action="store_true",
                        help="ask the questions line by line instead of the full-screen wizard")
    parser.add_argument("--answers", metavar="FILE",
                        help="prefill the answers from an answers file or a bundle's manifest.json")


def run(args: argparse.Namespace) -> int:
    answers = load_answers(args.answers) if args.answers else None
    if args.plain:
        from wizard.prompts.flow import run_plain

        return run_plain(answers)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print(f"{PROG}: the wizard needs a terminal; without one, use `{PROG} generate` "
              f"(see `{PROG} generate --help`)", file=sys.stderr)
        return EXIT_FAILURE
    from wizard.tui.app import run_app

    return run_app(answers)
