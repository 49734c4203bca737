"""User text for Textual widgets: never markup, never a raw control character.

Every widget that shows an answer, a path or a message built from them goes through here, so
`[/]` stays two brackets and a slash, and an escape sequence from a shared manifest is shown as
`^[` instead of reaching the terminal.
"""

from __future__ import annotations

from textual.content import Content

from wizard.core.display import visible


def plain(text: str) -> Content:
    """`text` as literal content: no markup parsed, control characters spelled out."""
    return Content(visible(text, keep_newlines=True))
