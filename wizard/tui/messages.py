"""Messages the widgets post up to the screen and the app ("attributes down, messages up")."""

from __future__ import annotations

from typing import Any

from textual.message import Message


class AnswerChanged(Message):
    """A step changed one or more fields of `Answers`; the app replaces its value.

    `advance`: the answer was given with Enter, so go on to the next step once it is in. Enter
    always travels as this one message (with no change when there is none left to give), so it
    reaches the app behind every answer typed before it, even in a burst of keys, and Next judges
    the new answers, not the ones before.
    """

    def __init__(self, *, advance: bool = False, **changes: Any) -> None:
        super().__init__()
        self.changes = changes
        self.advance = advance


class StepRequested(Message):
    """The user asked to go to a step by its id (indicator click, review link, palette)."""

    def __init__(self, step_id: str) -> None:
        super().__init__()
        self.step_id = step_id
