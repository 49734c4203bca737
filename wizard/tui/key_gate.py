"""Keys handled one after another, each to the end, in the order they were typed.

Textual hands every key to the widget focused when the app reads it, then reads the next key at
once. A key's effects come later: the widget runs it in its own task, the key bubbles up through
the panes to the app's bindings, and what it posts (an added principal, a tick, a focus change) is
handled after that. Keys read in one burst (tmux send-keys, a paste without bracketed paste, a laggy
SSH link, a fast typist) therefore went to the field the focus was leaving, and a principal could be
added with ticks typed after its Enter. Here the app holds each key until the one before it has
finished: a barrier follows the key to the widget that got it, waits behind what that widget posted
to itself, and bubbles up the same way the key did; when the barrier reaches the app, the next key
goes. Work a key starts outside any message queue (the next step's pane being mounted, after Enter on
the last field of a step) holds the next key too, through `busy`. A key whose barrier is lost (its
widget removed) or that keeps the app busy lets the next one go after `PATIENCE` seconds.

Pastes are held in the same line, so a paste is never put before the keys typed ahead of it.
"""

from __future__ import annotations

import asyncio
import itertools
from collections import deque
from collections.abc import Awaitable, Callable

from textual import events
from textual.app import App
from textual.message import Message
from textual.message_pump import MessagePump

# Seconds the app waits for a key's barrier before it hands on the next key anyway.
PATIENCE = 0.5
# Times a barrier lets a widget's own new messages go ahead of it before it moves on.
MAX_WAITS = 8
# Seconds between looks at whether the app is still busy with what a key started.
BUSY_POLL = 0.005

_tokens = itertools.count(1)


def has_messages(pump: MessagePump) -> bool:
    """Whether `pump` has messages waiting: in its queue, or the one its loop has already taken out to look at
    (Textual peeks at the next message to combine it with the current one)."""
    return pump._pending_message is not None or not pump._message_queue.empty()


class KeyBarrier(Message):
    """Follows one key: at each widget it lets the messages that key made go first, then moves up."""

    def __init__(self, token: int, at: MessagePump) -> None:
        super().__init__()
        # No sender: Textual stops a message at the parent of its sender (the app, here), and a stopped barrier
        # waiting in the screen's queue would never reach the app.
        self._sender = None
        self.token = token
        self.at = at
        self.waits = 0
        self.late = False  # sent by the gate's patience: the next key goes whatever the app is doing

    def _bubble_to(self, widget: MessagePump) -> None:
        at = self.at
        if self.waits < MAX_WAITS and has_messages(at):
            self.waits += 1
            at.post_message(self)  # behind what the key made this widget post to itself
            return
        self.at, self.waits = widget, 0
        super()._bubble_to(widget)


class KeyGate:
    """The keys (and pastes) an app has read and not yet handed on, and the one in flight."""

    def __init__(self, app: App[object], send: Callable[[events.Event], Awaitable[None]],
                 busy: Callable[[], bool] = lambda: False) -> None:
        self.app = app
        self.send = send  # the app's own handling of an input event: priority bindings, then the focused widget
        self.busy = busy  # work a key started that no message shows (a step's pane being mounted): keys wait for it
        self.waiting: deque[events.Event] = deque()
        self.in_flight = 0  # the token of the barrier the gate waits for (0: none)
        self._watchdog: asyncio.TimerHandle | None = None

    @staticmethod
    def holds(event: events.Event) -> bool:
        """Events that go through the gate: keys and pastes as read from the terminal, not as they bubble back."""
        return isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded

    async def admit(self, event: events.Event) -> None:
        self.waiting.append(event)
        await self._next()

    async def passed(self, barrier: KeyBarrier) -> None:
        """A barrier reached the app (or its patience ran out): the next key may go, once what the key made the app
        do has been done too (a focus moved with `Widget.focus()` is a callback in the app's own queue)."""
        token = barrier.token
        if token != self.in_flight:
            return  # a late barrier whose key was already given up on
        if not barrier.late:
            if self.busy():
                asyncio.get_running_loop().call_later(BUSY_POLL, self.app.post_message, barrier)
                return
            if barrier.waits < MAX_WAITS and has_messages(self.app):
                barrier.waits += 1
                self.app.post_message(barrier)
                return
        self.in_flight = 0
        if self._watchdog is not None:
            self._watchdog.cancel()
            self._watchdog = None
        await self._next()

    async def _next(self) -> None:
        while self.waiting and not self.in_flight:
            event = self.waiting.popleft()
            target: MessagePump = self.app.focused or self.app.screen
            await self.send(event)
            if not event.is_forwarded:
                continue  # a priority binding took it, already run to the end (Tab's focus move)
            token = next(_tokens)
            if target.post_message(KeyBarrier(token, target)):
                self.in_flight = token
                late = KeyBarrier(token, self.app)
                late.late = True
                self._watchdog = asyncio.get_running_loop().call_later(PATIENCE, self.app.post_message, late)
