"""Issue 9: the real app and the real --plain prompts in a pseudo-terminal, fed answers that hold
terminal escape sequences; the raw bytes they write must hold none of them.

The answers are built without the answers-file reader (tests/unread_answers.py), as text typed or
pasted would be: the display must be safe whatever the reader accepts.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from wizard.prompts.review import ACTIONS

TESTS = Path(__file__).resolve().parent
ESC = "\x1b"
OSC52 = ESC + "]52;c;SU5KRUNURUQ=" + ESC + "\\"
TITLE = ESC + "]0;PWNED\x07"
SGR = ESC + "[31;5;7m"
C1 = "\x9b31m\x9d0;C1TITLE\x9c"
BIDI = "\u202e"
NASTY = OSC52 + TITLE + SGR + C1 + BIDI + "[/][b]"
ANSWERS = {
    "region": "us-west-2", "account": "1234" + NASTY, "key": "alias/k" + NASTY, "streams": ["orders" + NASTY],
    "principals": [{"principal": "app" + NASTY, "roles": ["producer", "consumer" + NASTY]}],
}
# What must never reach the terminal: each sequence from the file, as bytes.
FORBIDDEN = [s.encode() for s in (ESC + "]52;c;SU5K", ESC + "]0;PWNED", SGR, "\x9b", "\x9d", "\x9c", BIDI)]

pytestmark = pytest.mark.timeout(90)
NEITHER = [value for value, _title in ACTIONS].index("none")  # Downs from the first action


class Terminal:
    """A process on a pseudo-terminal of a given size: keys in, every byte it writes kept."""

    def __init__(self, argv: list[str], cwd: Path, size: tuple[int, int] = (120, 36),
                 env: dict[str, str] | None = None) -> None:
        self.master, slave = pty.openpty()
        columns, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor", **(env or {})}
        env.pop("AWS_REGION", None)
        env.pop("AWS_DEFAULT_REGION", None)
        self.process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env,
                                        start_new_session=True)
        os.close(slave)
        self.output = bytearray()

    def read_until(self, needle: bytes, timeout: float = 20) -> bool:
        """Read what the process writes until `needle` appears (a waiting point, not a timing)."""
        deadline = time.monotonic() + timeout
        while needle not in self.output and time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if ready:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:
                    break
        return needle in self.output

    def settle(self, quiet: float = 0.3, limit: float = 15) -> None:
        """Read until the process has written nothing for `quiet` seconds: it is waiting for keys."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], quiet)
            if not ready:
                return
            try:
                self.output += os.read(self.master, 65536)
            except OSError:
                return

    def send(self, keys: str) -> None:
        """Type `keys`, then wait until the screen stops changing."""
        os.write(self.master, keys.encode())
        self.settle()

    def finish(self) -> int:
        try:
            status = self.process.wait(timeout=20)
        finally:
            if self.process.poll() is None:
                self.process.kill()
        self.read_until(b"\0", timeout=0.5)  # drain
        os.close(self.master)
        return status


def assert_nothing_from_the_file(output: bytes) -> None:
    for sequence in FORBIDDEN:
        assert sequence not in output, f"{sequence!r} reached the terminal"


@pytest.fixture
def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(ANSWERS), encoding="utf-8")
    return path


def test_the_app_shows_injected_sequences_spelled_out(tmp_path: Path, answers_file: Path) -> None:
    term = Terminal([sys.executable, str(TESTS / "unread_answers.py"), str(answers_file)], tmp_path)
    assert term.read_until(b"Account"), term.output[-2000:]
    term.settle()
    # Every step by the palette, a refused Next, a refused save, a copy; then quit.
    for step in ("Key", "Streams", "Principals", "Review", "Account"):
        term.send("\x10")
        term.send(f"Go to step: {step}")
        term.send("\r")
    term.send("\x0e")  # ctrl+n refused: the account's problem, with its value
    term.send("\x13")  # ctrl+s refused
    term.send("\x19")  # ctrl+y: a notification naming the document
    term.send("\x11")  # ctrl+q: nothing changed, so it quits
    status = term.finish()
    output = bytes(term.output)
    assert status == 0, output[-3000:]
    assert_nothing_from_the_file(output)
    assert b"^[]52;c;SU5KRUNURUQ=" in output  # shown, spelled out
    assert b"<U+202E>" in output


def test_the_wizard_command_with_an_injected_manifest(tmp_path: Path, answers_file: Path) -> None:
    """The real command: whether the reader refuses the file or the app shows it, nothing leaks."""
    exe = Path(sys.executable).with_name("kinesis-kms-wizard")
    term = Terminal([str(exe), "--answers", str(answers_file)], tmp_path)
    term.read_until(b"Account", timeout=15)
    term.settle()
    term.send("\x11")
    term.finish()
    assert_nothing_from_the_file(bytes(term.output))


def test_plain_shows_injected_sequences_spelled_out(tmp_path: Path, answers_file: Path) -> None:
    term = Terminal([sys.executable, str(TESTS / "unread_answers.py"), str(answers_file), "--plain"], tmp_path)
    steps = [
        (b"Region", "\r"),  # us-west-2 kept
        (b"Account ID", "\r"),  # the prefilled account is not offered; empty is refused
        (b"! give the 12-digit", "123456789012\r"),
        (b"KMS key:", "\r"),  # customer managed, as prefilled
        (b"identifier", "\r"),
        (b"! ", "alias/orders\r"),
        (b"Stream 1", "\r"),
        (b"! ", "orders\r"),
        (b"Stream 2", "\r"),
        (b"Principal 1", "\r"),
        (b"! ", "app\r"),
        (b"Roles of app", "\r"),  # producer, as prefilled
        (b"Principal 2", "\r"),
        (b"Enhanced fan-out", "\r"),
        (b"What now", "\x1b[B" * NEITHER + "\r"),  # neither: quit without saving
    ]
    for shown, keys in steps:
        assert term.read_until(shown), (shown, bytes(term.output[-1500:]))
        term.settle()
        term.send(keys)
    status = term.finish()
    output = bytes(term.output)
    assert status == 0, output[-3000:]
    assert_nothing_from_the_file(output)
    assert b"^[]52;c;SU5KRUNURUQ=" in output  # the note about the prefilled value, spelled out


def test_markup_in_a_folder_name_is_saved_and_shown_not_parsed(tmp_path: Path) -> None:
    """Saving to bundle[/] and then confirming over it: both notify with the path, as typed."""
    answers = {**ANSWERS, "account": "123456789012", "key": "alias/orders", "streams": ["orders"],
               "principals": [{"principal": "app", "roles": ["producer"]}]}
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    term = Terminal([sys.executable, str(TESTS / "unread_answers.py"), str(path)], tmp_path)
    assert term.read_until(b"Review")
    term.settle()
    for confirm in ("", "y"):
        term.send("\x13")  # ctrl+s: the folder field, its default selected
        term.send("bundle[/]\r")
        if confirm:
            term.send(confirm)  # the folder is not empty now: replace
    term.send("\x11")
    status = term.finish()
    output = bytes(term.output)
    assert status == 0, output[-3000:]
    assert b"unexpected error" not in output and b"MarkupError" not in output
    assert output.count(b"bundle[/]:") >= 2  # "Saved ... to bundle[/]: ..." twice
    assert b"bundle[/] is not empty" in output
    assert (tmp_path / "bundle[" / "]" / "manifest.json").exists()



def test_a_pasted_escape_sequence_is_text_in_the_field_never_keys(tmp_path: Path) -> None:
    """Pasted into Account: `ESC ] 0 ; pwn BEL` used to arrive as keys, BEL as ctrl+g (the AWS dialog)."""
    exe = Path(sys.executable).with_name("kinesis-kms-wizard")
    # Were the dialog to open anyway, its first call would go to a closed local port, never to AWS.
    aws = {"AWS_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_ACCESS_KEY_ID": "testing",
           "AWS_SECRET_ACCESS_KEY": "testing", "AWS_MAX_ATTEMPTS": "1"}
    term = Terminal([str(exe)], tmp_path, env=aws)
    assert term.read_until(b"Region"), bytes(term.output[-2000:])
    term.settle()
    term.send("us-west-2\r")
    assert term.read_until(b"12-digit"), bytes(term.output[-2000:])
    term.settle()
    term.output.clear()
    term.send("\x1b[200~1234\x1b]0;pwn\x07\x1b[201~")  # as a terminal sends a paste
    output = bytes(term.output)
    term.process.kill()
    term.finish()
    assert b"Discover from AWS" not in output
    assert "\u241b".encode() in output  # the pasted ESC, shown as a picture in the field
    assert b"^[" in output  # and named in the field's refusal
    assert_nothing_from_the_file(output)
