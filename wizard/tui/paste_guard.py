"""A paste is text, never keys: ESC inside a bracketed paste reaches the field, not the key bindings.

Textual 8's input parser starts an escape sequence at every ESC, also between a paste's
`ESC [ 200 ~` and `ESC [ 201 ~`, and a sequence it cannot name is sent on as keys. So a pasted
`ESC ] 0 ; x BEL` (text copied from a web page or a shared file) arrived as `]`, `0`, `;`, `x` and
ctrl+g, which opened the AWS dialog and started an AWS call. Terminals differ in whether they strip
ESC from a paste; this does not depend on it.

`SafePasteParser.feed` swaps each ESC inside a paste for a private-use character before Textual's
parser reads it, and swaps it back in the `Paste` event: the field receives exactly what was pasted,
shows ESC as a visible picture and refuses it by name, as it does a pasted BEL.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import events
from textual._xterm_parser import XTermParser

ESC = "\x1b"
START = "\x1b[200~"
END = "\x1b[201~"
# A private-use character stands for ESC between the parsers; one in the pasted text itself would
# come out as ESC too, and be refused like one.
STAND_IN = "\ue01b"


class PasteGuard:
    """Rewrites a terminal's input stream, chunk by chunk, so no ESC is left inside a paste."""

    def __init__(self) -> None:
        self.in_paste = False
        self.held = ""  # inside a paste: the start of what may be the end marker, until it is whole
        self.tail = ""  # outside: the last characters, to find a start marker split between chunks

    def feed(self, data: str) -> str:
        out: list[str] = []
        data, self.held = self.held + data, ""
        at = 0
        while at < len(data):
            if not self.in_paste:
                seen = self.tail + data[at:]
                found = seen.find(START)
                if found < 0:
                    out.append(data[at:])
                    self.tail = seen[-(len(START) - 1):]
                    return "".join(out)
                end = found + len(START) - len(self.tail)  # index in data[at:] just after the marker
                out.append(data[at:at + end])
                at += end
                self.in_paste, self.tail = True, ""
                continue
            found = data.find(END, at)
            if found >= 0:
                out.append(data[at:found].replace(ESC, STAND_IN) + END)
                at = found + len(END)
                self.in_paste = False
                continue
            rest = data[at:]
            keep = next((n for n in range(min(len(END) - 1, len(rest)), 0, -1) if END.startswith(rest[-n:])), 0)
            out.append(rest[:len(rest) - keep].replace(ESC, STAND_IN))
            self.held = rest[len(rest) - keep:]
            break
        return "".join(out)


class SafePasteParser(XTermParser):
    """Textual's parser, reading the input through a `PasteGuard`."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._guard = PasteGuard()

    def feed(self, data: str) -> Iterable[object]:
        text = self._guard.feed(data) if data else data  # "" is the end of input
        if data and not text:  # all of it held: the start of what may be a paste's end marker
            return
        for event in super().feed(text):
            if isinstance(event, events.Paste) and STAND_IN in event.text:
                event = events.Paste(event.text.replace(STAND_IN, ESC))
            yield event


def install() -> None:
    """Make Textual's Linux/macOS driver read keys through `SafePasteParser` (the driver builds
    its parser from this module global when its input thread starts)."""
    from textual.drivers import linux_driver

    linux_driver.XTermParser = SafePasteParser  # type: ignore[misc]
