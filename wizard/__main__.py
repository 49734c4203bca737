"""`python -m wizard` and the `kinesis-kms-wizard` command: `wizard.cli.main`, quiet on Ctrl-C from the start.

Importing the program takes tens of milliseconds; a Ctrl-C that lands then would otherwise end
in a traceback. Nothing has been written at that point, and the message says so.
"""

import sys


def main() -> int:
    try:
        from wizard.cli import main as run

        return run()
    except KeyboardInterrupt:  # while Python imports the program, before main's own handling starts
        print("\nkinesis-kms-wizard: interrupted; nothing was written", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
