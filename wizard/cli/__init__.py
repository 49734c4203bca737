"""The command line: one module per command, and `main`, which runs whichever was asked for.

argparse keeps start-up light: every command module imports only the standard library and
wizard.core at the top; the Textual app, the prompts and optional extras are imported by the
command that needs them, when it runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from wizard import __version__
from wizard.cli import apply, generate, interactive
from wizard.cli.common import EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_INVALID, PROG, UsageError

# Each command module has `add_parser(commands)` and `run(args) -> int`.
COMMANDS = {"generate": generate, "apply": apply}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="The IAM, KMS key and stream resource policies a KMS-encrypted Kinesis data "
                    "stream needs. Without a command, opens the interactive wizard.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    interactive.add_arguments(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS.values():
        module.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; every failure becomes a message and an exit status, never a traceback."""
    from wizard.aws.errors import AwsError
    from wizard.core.bundle import BundleError, InputError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        module = COMMANDS.get(args.command or "")
        return module.run(args) if module else interactive.run(args)
    except (UsageError, InputError) as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except (BundleError, AwsError) as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print(f"\n{PROG}: interrupted; nothing was written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:
        print(f"{PROG}: {exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}", file=sys.stderr)
        return EXIT_FAILURE
    except Exception as exc:
        print(f"{PROG}: unexpected error: {exc!r}. Please report it.", file=sys.stderr)
        if os.environ.get("KINESIS_KMS_WIZARD_DEBUG"):
            raise
        return EXIT_FAILURE
