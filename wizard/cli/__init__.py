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
from wizard.cli import apply, check, explain, generate, interactive
from wizard.cli.common import EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_INVALID, PROG, UsageError
from wizard.core.display import path_text, visible

# Each command module has `add_parser(commands)` and `run(args) -> int`.
COMMANDS = {"generate": generate, "explain": explain, "check": check, "apply": apply}


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
    from wizard.core.bundle_folder import forget_written, interrupted_message

    forget_written()  # what an earlier call in this process wrote is not this run's
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if message := _missing_value(parser, args):
            raise UsageError(message)
        module = COMMANDS.get(args.command or "")
        return module.run(args) if module else interactive.run(args)
    except (UsageError, InputError) as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except BundleError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except AwsError as exc:  # one line, and what AWS sent in it shown, never run by the terminal
        print(f"{PROG}: {visible(str(exc))}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt as exc:  # its message says so when the bundle was written before it
        print(f"\n{PROG}: {str(exc) or interrupted_message()}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:
        where = f": {path_text(exc.filename)}" if exc.filename else ""
        print(f"{PROG}: {exc.strerror or exc}{where}", file=sys.stderr)
        return EXIT_FAILURE
    except Exception as exc:
        print(f"{PROG}: unexpected error: {exc!r}. Please report it.", file=sys.stderr)
        if os.environ.get("KINESIS_KMS_WIZARD_DEBUG"):
            raise
        return EXIT_FAILURE


def _missing_value(parser: argparse.ArgumentParser, args: argparse.Namespace) -> str | None:
    """What argparse let through without a value: `--region=--` comes back as [] instead of a string."""
    actions = list(parser._actions)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            actions += [a for sub in action.choices.values() for a in sub._actions]
    for action in actions:
        value = getattr(args, action.dest, None)
        if not action.option_strings or not isinstance(value, list):
            continue
        appends = isinstance(action, argparse._AppendAction)
        if not appends or not all(isinstance(item, str) for item in value):
            return f"argument {'/'.join(action.option_strings)}: expected a value, not '--'"
    return None
