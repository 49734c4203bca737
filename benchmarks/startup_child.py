"""Run one app headless until its first frame is painted, then exit (timed by the parent).

`python -m benchmarks.startup_child wizard|minimal`. The wizard frame counts as painted once
the preview panes hold their highlighted documents.
"""

from __future__ import annotations

import sys


def minimal_app():
    from textual.app import App, ComposeResult
    from textual.widgets import Input, Static

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("kinesis-kms-wizard")
            yield Input(placeholder="123456789012")

    return Minimal()


async def _first_frame(pilot) -> None:
    await pilot.pause()
    app = pilot.app
    if hasattr(app, "bundle"):
        from wizard.tui.widgets.policy_preview import DocumentPane

        panes = list(app.query(DocumentPane))
        assert panes and all(p.rendered_text for p in panes if p.display), "preview not painted"
    app.exit()


def main(which: str) -> None:
    if which == "wizard":
        from wizard.tui.app import WizardApp

        app = WizardApp(environ={})
    else:
        app = minimal_app()
    app.run(headless=True, size=(160, 48), auto_pilot=_first_frame)


if __name__ == "__main__":
    main(sys.argv[1])
