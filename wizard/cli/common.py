"""What every command shares: the program's name, exit statuses, the usage error."""

from __future__ import annotations

PROG = "kinesis-kms-wizard"
EXIT_OK, EXIT_FAILURE, EXIT_INVALID, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageError(Exception):
    """Invalid input on the command line: exit 2 with the message."""


def print_problems(intro: str, problems: list) -> None:
    """Every problem on stderr under one line saying how many, each shown safely (exit 2 follows)."""
    import sys

    from wizard.core.display import visible

    print(f"{PROG}: {intro} {len(problems)} problem{'s' if len(problems) != 1 else ''}:", file=sys.stderr)
    for problem in problems:
        print(f"  {visible(str(problem))}", file=sys.stderr)


MAX_POLICY_BYTES = 1 << 20  # far above any AWS policy limit (IAM 10,240 characters, KMS 32 KB)


def read_json(path: str, what: str, limit: int = MAX_POLICY_BYTES) -> object:
    """A JSON file of at most `limit` bytes; every failure is an InputError naming the file and why."""
    import json
    from pathlib import Path

    from wizard.core.bundle import InputError
    from wizard.core.display import visible

    shown = visible(path)
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(f"{what} {shown}: cannot read it: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise InputError(f"{what} {shown}: larger than {limit:,} bytes; no policy is that large")
    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError(f"{what} {shown}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{what} {shown}: not valid JSON: {exc.msg} at line {exc.lineno}, "
                         f"column {exc.colno}") from None
