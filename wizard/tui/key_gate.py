"""Keys handled one after another, each to the end, in the order they were typed.

Textual hands every key to the widget focused when the app reads it, then reads the next key at
once. A key's effects come later: the widget runs it in its own task, the key bubbles up through
the panes to the app's bindings, and what it posts (an added principal, a tick, a focus change) is
handled after that. Keys read in one burst (tmux send-keys, a paste without bracketed paste, a laggy
SSH link, a fast typist) therefore went to the field the focus was leaving, and a principal could be
added with ticks typed after its Enter. Here the app holds each key until the one before it has
finished: a barrier follows the key to the widget that got it, waits behind what that widget posted
to itself, and bubbles up the same way the key did. When the barrier reaches the app, the next key
goes once no widget has a message left to handle (what the key set going elsewhere: a button's
press, a focus moved, a field shown), and a Tab only once the screen is laid out (Textual orders the
focus chain by position, so a field the key before showed has its place only then). Work a key
starts outside any message queue (the next step's pane being mounted) holds the next key too,
through `busy`. A key whose barrier is lost (its widget removed) or that keeps the app busy lets the
next one go after `PATIENCE` seconds.

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
PATIENCE = 1.0
# Times a barrier lets a widget's own new messages go ahead of it before it moves on.
MAX_WAITS = 8
# Keys that move the focus by its order on screen: they wait for the layout a key before them asked for.
FOCUS_KEYS = frozenset({"tab", "shift+tab"})
# Seconds between looks at whether the app is still busy with what a key started.
BUSY_POLL = 0.001

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
        if not barrier.late and (self.busy() or self._stirring() or (self._moves_focus_next() and self._laying_out())):
            # Look again once the other widgets have had their turn (a post to the app's own queue would come back
            # before any of them ran).
            asyncio.get_running_loop().call_later(BUSY_POLL, self.app.post_message, barrier)
            return
        self.in_flight = 0
        if self._watchdog is not None:
            self._watchdog.cancel()
            self._watchdog = None
        await self._next()

    def _stirring(self) -> bool:
        """Whether any widget (or the app) still has messages to handle: what the last key set going on other
        widgets than the one it went to (a button's press, a focus moved, a pane told to show an answer)."""
        return has_messages(self.app) or any(has_messages(node) for node in list(self.app._registry))

    def _moves_focus_next(self) -> bool:
        """Whether the next key moves the focus by order (Tab, shift+Tab): Textual orders the focus chain by where
        widgets are on screen, so a field just shown (the consumer name) has its place only once laid out."""
        return bool(self.waiting) and getattr(self.waiting[0], "key", None) in FOCUS_KEYS

    def _laying_out(self) -> bool:
        """Whether the screen has a layout to do (a widget shown, hidden or resized since the last frame)."""
        screen = self.app.screen
        return screen._layout_required or any(getattr(node, "_layout_required", False)
                                              for node in list(self.app._registry))

    async def _next(self) -> None:
        while self.waiting and not self.in_flight:
            event = self.waiting.popleft()
            target: MessagePump = self.app.focused or self.app.screen
            await self.send(event)
            # A key a priority binding took (Tab) has run; what it set going (focus and blur) is waited for at the app.
            target = target if event.is_forwarded else self.app
            token = next(_tokens)
            if target.post_message(KeyBarrier(token, target)):
                self.in_flight = token
                late = KeyBarrier(token, self.app)
                late.late = True
                self._watchdog = asyncio.get_running_loop().call_later(PATIENCE, self.app.post_message, late)
