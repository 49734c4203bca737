"""What every command shares: the program's name, exit statuses, the usage error."""

from __future__ import annotations

PROG = "kinesis-kms-wizard"
EXIT_OK, EXIT_FAILURE, EXIT_INVALID, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageError(Exception):
    """Invalid input on the command line: exit 2 with the message."""
