"""What the walkthrough of `--plain` found: a description cut at 80 columns, a service asked of an IAM user."""

from __future__ import annotations

import re
import threading
import time
from io import StringIO

from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output

from wizard.core import fields
from wizard.prompts.flow import run_plain

from .support import CTRL_C_KEY, Script

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
MOVE = re.compile(r"\x1b\[[0-9]*[ABCD]")


def screen_at(columns: int, keys: str, shown: str) -> str:
    """The real prompts in a terminal `columns` wide: `keys` typed, then Ctrl-C once `shown` is drawn."""
    buffer = StringIO()
    output = Vt100_Output(buffer, lambda: Size(rows=30, columns=columns), term="dumb")
    with create_pipe_input() as pipe:
        pipe.send_text(keys)

        def stop() -> None:
            deadline = time.monotonic() + 10
            while shown not in buffer.getvalue() and time.monotonic() < deadline:
                time.sleep(0.02)
            time.sleep(0.2)
            pipe.send_text(CTRL_C_KEY)

        feeder = threading.Thread(target=stop, daemon=True)
        feeder.start()
        assert run_plain(None, input=pipe, output=output) == 130
        feeder.join(timeout=1)
    # Rows as first drawn: each up to where the cursor moves away (a redraw follows), styles taken out.
    return "\r\n".join(ANSI.sub("", MOVE.split(row)[0]) for row in buffer.getvalue().split("\r\n"))


def test_the_key_kinds_description_is_shown_whole_at_80_columns() -> None:
    screen = screen_at(80, "eu-west-1\r123456789012\r", "Description")
    description = fields.KEY_CHOICES[0].group
    rows = screen.split("\r\n")
    start = next(i for i, row in enumerate(rows) if row.startswith("  Description: "))
    end = next(i for i in range(start + 1, len(rows)) if not rows[i].startswith(" " * 15))
    drawn = rows[start:end]
    assert len(drawn) > 1 and all(len(row) <= 80 for row in drawn), drawn
    assert " ".join(row.strip() for row in drawn) == "Description: " + description


def test_an_iam_user_is_not_asked_which_service_it_reads_for(script: Script) -> None:
    user = "arn:aws:iam::123456789012:user/alice"
    script.steps = [("Region", "eu-west-1"), ("Account ID", "123456789012"), ("KMS key:", "customer"),
                    ("KMS key identifier", "alias/orders-key"), ("Stream 1", "orders"), ("Stream 2", ""),
                    ("Principal 1", user), ("Roles of arn:", ["consumer"]),
                    ("Principal 2", "reader"), ("Roles of reader", ["consumer"]), ("reader read", ""),
                    ("Principal 3", ""), ("Enhanced fan-out", False), ("What now", "none")]
    assert run_plain(None, input=object()) == 0
    assert script.steps == []
    assert not [a.message for a in script.asked if "alice" in a.message and "service" in a.message]
