"""The Textual app: it owns the one `Answers` value and everything done with the bundle.

Widgets post `AnswerChanged` up; the app replaces its immutable answers, renders the bundle
once through `wizard.core.render.render_bundle` and hands the result down to the wizard
screen. Copy and save live here because the command palette reaches them from anywhere.

What is needed only to save or to ask (wizard.core.bundle, the dialogs) is imported on first
use: start-up does not pay for it.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.reactive import var
from textual.screen import Screen

from wizard.clipboard import copy_text
from wizard.core.display import visible
from wizard.core.exports import FORMATS
from wizard.core.fields import STEPS, default_region
from wizard.core.model import Answers
from wizard.core.render import Bundle, render_bundle
from wizard.tui.key_gate import KeyBarrier, KeyGate
from wizard.tui.messages import AnswerChanged
from wizard.tui.screens.wizard import WizardScreen

TMUX_HINT = "inside tmux it needs `set -g set-clipboard on`"


class WizardApp(App[int]):
    """kinesis-kms-wizard's full-screen wizard."""

    CSS_PATH = "wizard.tcss"
    TITLE = "kinesis-kms-wizard"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+g", "discover", "From AWS", show=False),
        # Tab moves focus as the app reads it, before the keys after it are handed to a widget: as a
        # widget's binding it ran only once the key had bubbled back up, after the keys typed behind it
        # (a burst such as name, Tab, Enter) had gone to the field it left.
        Binding("tab", "app.focus_next", "Focus next", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Focus previous", show=False, priority=True),
    ]

    # A var, not a reactive: a reactive repaints the whole screen on every change, and the
    # widgets that show the answers refresh themselves.
    answers: var[Answers] = var(Answers, init=False)

    def __init__(self, answers: Answers | None = None, *, environ: Mapping[str, str] | None = None,
                 profile: str | None = None, discover: bool = False, origin: Path | None = None,
                 formats: tuple[str, ...] = ()) -> None:
        """`origin`: the folder of the bundle whose manifest gave the answers, proposed on save; `formats`: the
        exports that bundle holds, ticked on save so saving it again keeps them."""
        super().__init__()
        self.profile, self.discover_at_start = profile, discover
        self.origin = origin
        self.formats = formats
        env = os.environ if environ is None else environ
        initial = answers if answers is not None else Answers()
        if not initial.region:
            initial = replace(initial, region=default_region(env))
        self.prefilled = answers is not None
        self.saved_answers = initial
        self.bundle: Bundle = render_bundle(initial)
        self.set_reactive(WizardApp.answers, initial)
        self.wizard = WizardScreen(self.bundle, prefilled=self.prefilled)
        self.key_gate = KeyGate(self, super().on_event, busy=lambda: bool(self.wizard.mounting))

    async def on_event(self, event: events.Event) -> None:
        """Keys and pastes go through the gate: each is handled to the end before the next is handed on."""
        if KeyGate.holds(event):
            await self.key_gate.admit(event)
        else:
            await super().on_event(event)

    async def on_key_barrier(self, message: KeyBarrier) -> None:
        message.stop()
        await self.key_gate.passed(message)

    def get_default_screen(self) -> Screen:
        return self.wizard

    def on_ready(self) -> None:
        """Move what start-up built (modules, styles, widgets) out of the collector's sight.

        Each keystroke allocates tens of thousands of short-lived objects; without this every
        few keys a full collection walks the whole heap, a 50-80 ms stall while typing.
        """
        gc.freeze()
        if self.discover_at_start:
            self.action_discover()

    # --- state ---------------------------------------------------------------------------------

    @property
    def unsaved(self) -> bool:
        """Answers changed since the start or the last save."""
        return self.answers != self.saved_answers

    def on_answer_changed(self, message: AnswerChanged) -> None:
        message.stop()
        self.answers = replace(self.answers, **message.changes)
        if message.advance:
            self.wizard.action_next()

    def say(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
            timeout: float | None = None) -> None:
        """A notification of user text: never markup, control characters spelled out."""
        self.notify(visible(message, keep_newlines=True), title=visible(title), severity=severity,
                    timeout=timeout, markup=False)

    def ask(self, screen: Screen, callback: Callable[[Any], None]) -> None:
        """Open a dialog: notifications go first, so none covers its buttons."""
        self.clear_notifications()
        self.push_screen(screen, callback)

    def watch_answers(self, answers: Answers) -> None:
        self.bundle = render_bundle(answers)
        self.wizard.show_bundle(self.bundle)

    # --- copy ----------------------------------------------------------------------------------

    def action_copy_document(self, name: str = "") -> None:
        """Copy a document (the preview's active one by default) by every route there is."""
        doc = self.bundle.get(name) if name else self.wizard.active_document()
        if doc is None:
            self.say("There is no document to copy.", severity="warning")
            return
        self.copy_to_clipboard(doc.text)  # OSC 52: also keeps the text in self.clipboard
        result = copy_text(doc.text)
        if result.native:
            self.say(f"Copied {doc.filename} to the system clipboard (also sent to the terminal by OSC 52).",
                     title="Copied")
        else:
            self.say(
                f"{doc.filename} was sent to the terminal by OSC 52, which cannot be confirmed: "
                f"{TMUX_HINT}, and some terminals ignore it. The system clipboard was not used "
                f"({result.error}). If nothing pastes, save the bundle (ctrl+s).",
                title="Sent to the terminal", severity="warning", timeout=10)

    # --- save ----------------------------------------------------------------------------------

    def action_save(self, formats: tuple[str, ...] | None = None) -> None:
        """Ask for a folder (and exports, `formats` ticked; by default those of the bundle reopened or last
        saved) and write the bundle, refusing while problems are open."""
        bundle = self.bundle
        if bundle.problems:
            self.wizard.refuse_save()
            return
        from wizard.core.bundle import default_folder
        from wizard.tui.screens.save import SaveScreen

        ticked = self.formats if formats is None else formats
        self.ask(SaveScreen(default_folder(bundle, self.origin), ticked), self._save_to)

    def _save_to(self, choice: tuple[Path, tuple[str, ...]] | None) -> None:
        if choice is None:
            return
        folder, formats = choice
        from wizard.core.bundle import is_non_empty_dir, removal_warning
        from wizard.tui.screens.confirm import ConfirmScreen

        if is_non_empty_dir(folder):
            question = (f"{folder} is not empty. Replace the bundle's files in it? "
                        "Other files there are left alone.")
            if warning := removal_warning(folder, self.bundle, formats):
                question += f"\n\n{warning}"
            self.ask(ConfirmScreen(question, yes="Replace files", no="Cancel"),
                     lambda yes: self._write(folder, force=True, formats=formats) if yes else None)
        else:
            self._write(folder, force=False, formats=formats)

    def _write(self, folder: Path, *, force: bool, formats: tuple[str, ...] = ()) -> None:
        from wizard.core.bundle import BundleError, write_bundle

        answers, bundle = self.answers, self.bundle
        kept: list[str] = []  # the user's files the writer kept (edited bundle files among them)
        try:
            written = write_bundle(bundle, folder, force=force, formats=formats, note=kept.append)
        except (BundleError, OSError) as exc:
            self.say(f"Nothing was saved: {exc}", title="Save failed", severity="error", timeout=10)
            return
        self.saved_answers, self.formats = answers, formats
        names = ", ".join(path.relative_to(folder).as_posix() for path in written)
        notes = "".join(f"\nNote: {text}" for text in kept)
        self.say(f"Saved {len(written)} files to {folder}: {names}{notes}", title="Saved",
                 severity="warning" if kept else "information", timeout=12 if kept else 8)

    # --- discover from AWS (optional extra) ----------------------------------------------------

    def action_discover(self) -> None:
        """ctrl+g: pick streams, key and roles from the account (read in a worker, never blocking)."""
        from wizard.aws.errors import AwsUnavailable
        from wizard.aws.session import boto3_installed

        if not boto3_installed():
            self.say(str(AwsUnavailable()), title="AWS features not installed", severity="warning", timeout=10)
            return
        from wizard.tui.screens.discover import DiscoverScreen

        self.ask(DiscoverScreen(self.answers, self.profile), self._discovered)

    def _discovered(self, changes: dict | None) -> None:
        """The picked answers, in step panes built again from them as if they had been prefilled."""
        if changes:
            self.call_next(self._use_discovered, changes)  # once the dialog is off the screen stack

    async def _use_discovered(self, changes: dict) -> None:
        self.answers = replace(self.answers, **changes)
        await self.wizard.reload(self.bundle)
        self.say("Filled in from AWS: " + ", ".join(sorted(changes)), title="Discovered")

    # --- quit and palette ----------------------------------------------------------------------

    async def action_quit(self) -> None:
        """ctrl+q: ask first only when there are unsaved answers."""
        if not self.unsaved:
            self.exit(0)
            return
        from wizard.tui.screens.confirm import ConfirmScreen

        question = "Your answers have not been saved. Quit anyway?"
        self.ask(ConfirmScreen(question, yes="Quit", no="Stay"), lambda yes: self.exit(0) if yes else None)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for doc in self.bundle.documents:
            yield SystemCommand(visible(f"Copy {doc.filename}"), visible(f"Copy the {doc.title} to the clipboard"),
                                partial(self.action_copy_document, doc.name))
        yield from self.wizard.preview_commands()
        yield SystemCommand("Save bundle", "Write every document, README.md and manifest.json to a folder",
                            self.action_save)
        yield SystemCommand("Discover from AWS", "Pick streams, the key and roles from the account (ctrl+g)",
                            self.action_discover)
        for formats, what in (((*FORMATS,), "Terraform and CloudFormation"), (("terraform",), "Terraform"),
                              (("cloudformation",), "CloudFormation")):
            yield SystemCommand(f"Save bundle with {what}", f"Write the bundle and its {what} files to a folder",
                                partial(self.action_save, formats))
        for step in STEPS:
            yield SystemCommand(f"Go to step: {step.title}", f"Show the {step.title} step",
                                partial(self.wizard.goto, step.id))


def run_app(answers: Answers | None = None, *, profile: str | None = None, discover: bool = False,
            origin: Path | None = None, formats: tuple[str, ...] = ()) -> int:
    """Run the wizard until the user quits; the exit status for the command line."""
    from wizard.tui import paste_guard

    paste_guard.install()  # a pasted ESC stays text (see paste_guard)
    app = WizardApp(answers, profile=profile, discover=discover, origin=origin, formats=formats)
    app.run()
    return app.return_code or 0
