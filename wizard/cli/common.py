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


def read_json(path: str, what: str, limit: int | None = None) -> object:
    """A JSON file of at most `limit` bytes (the core's input bound by default), nesting and numbers bounded
    as every input is; every failure is an InputError naming the file and why."""
    import json
    from pathlib import Path

    from wizard.core import inputs
    from wizard.core.bundle import InputError
    from wizard.core.display import visible

    limit = inputs.MAX_INPUT_BYTES if limit is None else limit
    too_deep = object()

    shown = visible(path)
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(f"{what} {shown}: cannot read it: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise InputError(f"{what} {shown}: larger than {limit:,} bytes; no policy is that large")
    try:
        value = json.loads(data.decode("utf-8"), parse_int=inputs._bounded_int)
    except UnicodeDecodeError:
        raise InputError(f"{what} {shown}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{what} {shown}: not valid JSON: {exc.msg} at line {exc.lineno}, "
                         f"column {exc.colno}") from None
    except InputError as exc:  # a number of more digits than any input holds
        raise InputError(f"{what} {shown}: {exc}") from None
    except RecursionError:
        value = too_deep = object()
    except ValueError as exc:  # e.g. a float the parser cannot hold
        raise InputError(f"{what} {shown}: not valid JSON: {exc}") from None
    if value is too_deep or inputs.depth(value) > inputs.MAX_DEPTH:
        raise InputError(f"{what} {shown}: nests lists or objects more than {inputs.MAX_DEPTH} levels deep")
    return value
