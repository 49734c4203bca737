"""Issue 9, display side: no answer reaches the terminal as markup or as a control sequence.

The answers here are built directly, not read by the answers-file reader: text typed or pasted
into the app never passes the reader, so the display must be safe on its own.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.widgets import Input

from tests.tui.conftest import FULL, paste_text, type_text
from wizard.core.display import is_safe, visible
from wizard.core.model import Answers, Principal
from wizard.tui.app import WizardApp
from wizard.tui.screens.confirm import ConfirmScreen
from wizard.tui.screens.save import SaveScreen

ESC = "\x1b"
NASTY = (ESC + "]52;c;SU5KRUNURUQ=" + ESC + "\\"  # OSC 52: would write the clipboard
         + ESC + "]0;PWNED\x07"  # window title
         + ESC + "[31;5;7m"  # SGR
         + "\x9b31m\x9d0;C1\x9c"  # C1 CSI and OSC
         + "\u202e"  # right-to-left override
         + "[/][b]")  # markup


def nasty_answers(text: str) -> Answers:
    return Answers(region="us-west-2", account="1234" + text, key="alias/k" + text, streams=("orders" + text,),
                   principals=(Principal("app" + text, ("producer",)),))


def screen_lines(app: WizardApp) -> list[str]:
    """The screen as painted, row by row; every segment must be safe to send to a terminal."""
    lines = []
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            assert is_safe(segment.text), f"unsafe text painted: {segment.text!r}"
        lines.append(strip.text)
    return lines


STEPS = ("account", "key", "streams", "principals", "review")
QUICK = ("account", "principals", "review")


async def paint_every_step(app: WizardApp, pilot, steps: tuple[str, ...] = STEPS) -> str:
    """Every step painted (fields, lists, review, preview) and the screen checked at each."""
    painted = []
    for step in steps:
        app.wizard.goto(step)
        await pilot.pause()
        await pilot.pause()
        painted += screen_lines(app)
    return "\n".join(painted)


async def test_escape_sequences_in_answers_are_shown_spelled_out() -> None:
    app = WizardApp(nasty_answers(NASTY), environ={})
    async with app.run_test(size=(160, 48)) as pilot:
        text = await paint_every_step(app, pilot)
        assert "^[]52;c;SU5KRUNURUQ=" in text  # the review, the lists, the messages: caret notation
        assert "<U+202E>" in text
        assert "\u241b]52;c;" in text  # the fields: one cell per character, ␛ for ESC
        assert "[/][b]" in text  # markup shown as typed


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("[]/b@=;:ab1 \x1b\x07\x9b\x9d\x9c\u202e\u2066\n\t\x00\x7f")),
               min_size=1, max_size=16))
def test_no_answer_reaches_the_screen_as_markup_or_a_control_sequence(text: str) -> None:
    async def check() -> None:
        app = WizardApp(nasty_answers(text), environ={})
        async with app.run_test(size=(160, 48)) as pilot:
            painted = await paint_every_step(app, pilot, QUICK)  # a field, a list, the review, the preview
            if "\n" not in text:  # shown literally (markup would lose the brackets)
                assert visible(text) in painted.replace("\n", "") or len(visible(text)) > 40

    asyncio.run(check())


async def test_markup_typed_in_account_and_enter_is_shown_not_parsed() -> None:
    app = WizardApp(Answers(region="us-west-2"), environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await type_text(pilot, "[/]")
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and app.answers.account == "[/]"
        assert "account '[/]'" in str(app.wizard.query_one("#step-message").render())
        await type_text(pilot, "[b]x")
        assert "account '[/][b]x'" in str(app.wizard.query_one("#step-message").render())


async def test_saving_to_a_folder_with_markup_in_its_name(tmp_path: Path) -> None:
    app = WizardApp(FULL, environ={})
    target = tmp_path / "bundle[/]"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)
        app.screen.query_one("#folder", Input).value = ""
        await paste_text(pilot, str(target))
        await pilot.press("enter")
        for _ in range(20):  # until the toast is on the screen (a waiting point, not a timing)
            await pilot.pause()
            if app.screen.query("Toast"):
                break
        await pilot.pause()
        text = "\n".join(screen_lines(app))  # the toast painted
        assert app.is_running
        assert f"to {target}:" in text.replace("\n", "") or any(f"to {target}:" in n.message
                                                                 for n in app._notifications)
    assert (target / "manifest.json").exists()


async def test_the_confirm_dialog_for_an_existing_folder_with_markup_in_its_name(tmp_path: Path) -> None:
    old = tmp_path / "old[/]"  # the folder "]" in "old[", as typed
    old.mkdir(parents=True)
    (old / "notes[b].txt").write_text("mine\n")
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.screen.query_one("#folder", Input).value = ""
        await paste_text(pilot, str(old))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert f"{old} is not empty" in str(app.screen.query_one(".dialog-text").render())
        await pilot.press("y")
        await pilot.pause()
        assert app.is_running
    assert (old / "manifest.json").exists() and (old / "notes[b].txt").read_text() == "mine\n"


async def test_a_pasted_escape_sequence_is_kept_in_the_answer_but_not_sent_to_the_terminal() -> None:
    app = WizardApp(Answers(region="us-west-2"), environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await paste_text(pilot, "1234" + NASTY)
        assert app.answers.account == "1234" + NASTY  # the answer is what was pasted; validation names it
        screen_lines(app)
