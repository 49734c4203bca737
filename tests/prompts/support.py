"""Helpers for the plain prompt tests: a scripted fake of questionary and real pipe input.

`script` replaces questionary's prompt functions with a fake answered in order, each answer
checked against a substring of the question's message, and run through the question's own
`validate=` as questionary would: a refused answer is recorded with its message and the next
scripted answer (for the same question) is tried, so re-asking is visible to the test.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from typing import Any

from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output

from wizard import cli
from wizard.core.model import Answers
from wizard.prompts.flow import run_plain

DEFAULT = object()  # accept the question's default
CTRL_C = object()  # press Ctrl-C at this question

DOWN, ENTER, SPACE, CTRL_C_KEY = "\x1b[B", "\r", " ", "\x03"

# A complete set of answers, as `generate` flags and as the plain questions answer them.
GENERATE_FLAGS = [
    "--region", "eu-west-1", "--account", "123456789012", "--key", "alias/orders-key",
    "--stream", "orders", "--stream", "refunds",
    "--producer", "order-writer", "--consumer", "order-reader",
    "--admin", "arn:aws:iam::123456789012:role/ops/stream-admin",
    "--lambda-consumer", "order-lambda", "--no-fan-out",
]


@dataclass
class Asked:
    kind: str
    message: str
    kwargs: dict[str, Any]


@dataclass
class Script:
    """Answers in the order the questions must come, as (message substring, answer)."""

    steps: list[tuple[str, Any]] = field(default_factory=list)
    asked: list[Asked] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (message, rule shown)

    def answer(self, kind: str, message: str, kwargs: dict[str, Any]) -> Any:
        self.asked.append(Asked(kind, message, kwargs))
        validate = kwargs.get("validate")  # the flow checks answers itself; kept for any prompt that validates
        while True:
            assert self.steps, f"unexpected question {message!r}: the script is used up"
            expected, value = self.steps.pop(0)
            assert expected in message, f"expected a question containing {expected!r}, got {message!r}"
            if value is CTRL_C:
                raise KeyboardInterrupt
            if value is DEFAULT:
                value = self.default_of(kind, kwargs)
            if kind == "select":
                values = [c.value for c in kwargs["choices"]]
                assert value in values, f"{value!r} is not a choice of {message!r}: {values}"
            if validate is not None:
                verdict = validate(value)
                if verdict is not True:
                    self.refused.append((message, verdict))
                    continue  # questionary keeps the same question open
            return value

    @staticmethod
    def default_of(kind: str, kwargs: dict[str, Any]) -> Any:
        if kind == "checkbox":
            return [c.value for c in kwargs["choices"] if c.checked]
        if kind == "select":
            default = kwargs.get("default")
            return default if default is not None else kwargs["choices"][0].value
        return kwargs.get("default", "")

    def messages(self, substring: str) -> list[str]:
        return [a.message for a in self.asked if substring in a.message]


class Question:
    def __init__(self, script: Script, kind: str, message: str, kwargs: dict[str, Any]) -> None:
        self.script, self.kind, self.message, self.kwargs = script, kind, message, kwargs

    def unsafe_ask(self) -> Any:
        return self.script.answer(self.kind, self.message, self.kwargs)


def generate(out: Path, flags: list[str]) -> dict[str, bytes]:
    """What `kinesis-kms-wizard generate` writes for these flags, file name -> bytes."""
    assert cli.main(["generate", *flags, "--out", str(out)]) == 0
    return read_folder(out)


def read_folder(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@dataclass
class PipeRun:
    status: int
    screen: str


def run_with_keys(keys: str, answers: Answers | None = None, *,
                  then: Sequence[tuple[str, str]] = ()) -> PipeRun:
    """Drive the real prompts through prompt_toolkit's pipe input; return the status and screen.

    `keys` is sent at once. Each `(shown, more)` in `then` is sent only once the screen shows
    `shown`: typeahead sent before a refusal is drawn is dropped (the questionary pitfall), so a
    refused answer and its correction cannot travel in one send.
    """
    buffer = StringIO()
    output = Vt100_Output(buffer, lambda: Size(rows=40, columns=200), term="dumb") if then else DummyOutput()
    with create_pipe_input() as pipe:
        pipe.send_text(keys)

        def feed_rest() -> None:
            for shown, more in then:
                deadline = time.monotonic() + 10
                while shown not in buffer.getvalue() and time.monotonic() < deadline:
                    time.sleep(0.02)
                pipe.send_text(more)

        feeder = threading.Thread(target=feed_rest, daemon=True)
        feeder.start()
        status = run_plain(answers, input=pipe, output=output)
        feeder.join(timeout=1)
    return PipeRun(status, buffer.getvalue())


ADMIN_ARN = "arn:aws:iam::123456789012:role/ops/stream-admin"

# The questions for GENERATE_FLAGS, in the order the flow must ask them.
QUESTIONS: list[tuple[str, Any]] = [
    ("Region", "eu-west-1"),
    ("Account ID", "123456789012"),
    ("KMS key:", "customer"),
    ("KMS key identifier", "alias/orders-key"),
    ("Stream 1", "orders"), ("Stream 2", "refunds"), ("Stream 3", ""),
    ("Principal 1", "order-writer"), ("Roles of order-writer", ["producer"]),
    ("Principal 2", "order-reader"), ("Roles of order-reader", ["consumer"]), ("order-reader read", ""),
    ("Principal 3", ADMIN_ARN), ("Roles of arn:", ["admin"]),
    ("Principal 4", "order-lambda"), ("Roles of order-lambda", ["consumer"]), ("order-lambda read", "lambda"),
    ("Principal 5", ""),
    ("Enhanced fan-out", False),
]

# The same answers as keystrokes for the real prompts (select/checkbox orders from wizard.core.fields).
KEYS = "".join([
    "eu-west-1\r", "123456789012\r", DOWN + ENTER, "alias/orders-key\r",
    "orders\r", "refunds\r", ENTER,
    "order-writer\r", SPACE + ENTER,
    "order-reader\r", DOWN + SPACE + ENTER, ENTER,
    ADMIN_ARN + "\r", DOWN + DOWN + SPACE + ENTER,
    "order-lambda\r", DOWN + SPACE + ENTER, DOWN + ENTER,
    ENTER,
    "n",
])
SAVE_TO_DEFAULT_KEYS = ENTER + ENTER  # "What now?" -> save (first), folder -> the default
DEFAULT_FOLDER = "kinesis-kms-orders"
