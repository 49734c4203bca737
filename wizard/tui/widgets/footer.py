"""Textual's Footer, recomposed only when the keys it shows change.

The stock Footer rebuilds all its keys on every bindings signal (focus moves, buttons enabled or
disabled); at start-up that is five rebuilds of the same six keys, each a mount and a restyle.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class WizardFooter(Footer):
    _shown: Any = None

    def bindings_changed(self, screen: Screen) -> None:
        bindings = screen.active_bindings.values()
        shown = ([(b.key, b.description, b.show, enabled, tip) for _, b, enabled, tip in bindings], self.app.app_focus)
        if shown != self._shown:
            self._shown = shown
            super().bindings_changed(screen)
