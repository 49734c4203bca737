"""Checkboxes and radio buttons whose state shows in the glyph, not only in its colour.

Textual draws `▐X▌` ticked or not and `▐●▌` chosen or not, told apart by colour alone: in a
monochrome terminal, a light theme or to a colour-blind user they look the same.
"""

from __future__ import annotations

from textual.widgets import Checkbox, RadioButton


class Tick(Checkbox):
    """`▐X▌` ticked, `▐ ▌` not."""

    @property
    def BUTTON_INNER(self) -> str:  # Textual's name for the glyph
        return "X" if self.value else " "


class Choice(RadioButton):
    """`▐●▌` chosen, `▐○▌` not."""

    @property
    def BUTTON_INNER(self) -> str:  # Textual's name for the glyph
        return "\u25cf" if self.value else "\u25cb"
