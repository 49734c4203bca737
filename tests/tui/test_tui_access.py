"""Who can do what in the wizard: the access table on the review step and one key (ctrl+r) from every step.

Each test drives the real app with keys, waits for the table's worker as a user waits for the
screen, and reads what the table says: decisions, the deciding statements, its width.
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import replace

import pytest
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from tests.tui.conftest import FULL, type_text
from wizard.core.fields import STEP_IDS, STEPS
from wizard.core.model import Principal
from wizard.core.render import render_bundle
from wizard.tui.app import WizardApp
from wizard.tui.widgets import access_view
from wizard.tui.widgets.access_view import AccessLines, AccessView
from wizard.tui.widgets.policy_preview import PolicyPreview

WIDE = (120, 36)


def view(app: WizardApp) -> AccessView:
    return app.wizard.query_one(AccessView)


async def ready(pilot: Pilot) -> AccessView:
    """Let the table's worker finish (and any it starts for newer answers)."""
    table = view(pilot.app)
    for _ in range(100):
        with contextlib.suppress(WorkerCancelled):  # a table of answers that changed meanwhile: dropped
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not table.busy:
            return table
    raise AssertionError("the access table never caught up with the answers")


def line_of(text: str, who: str, operation: str) -> str:
    """The line of `operation` in `who`'s section of the table."""
    section = text.split(f"\n{who} ", 1)[1] if not text.startswith(f"{who} ") else text
    return next(row for row in section.splitlines() if row.split()[1:2] == [operation])


def shows_access(app: WizardApp) -> bool:
    return view(app).display and not app.wizard.query_one(PolicyPreview).display


async def test_the_review_step_shows_who_can_do_what() -> None:
    app = WizardApp(FULL, environ={})  # every answer given: the wizard opens on the review step
    async with app.run_test(size=WIDE) as pilot:
        table = await ready(pilot)
        assert app.wizard.current.step.id == "review" and shows_access(app)
        text = table.text
        assert text.startswith("app-writer (producer)  arn:aws:iam::123456789012:role/app-writer\n")
        assert line_of(text, "app-writer", "PutRecord") == \
            "  allowed  PutRecord (each of 2 streams)  producer-policy.json#WriteStreams"
        assert line_of(text, "app-writer", "GetRecords").startswith("  denied   GetRecords")
        assert "\nanalytics (consumer)  arn:aws:iam::210987654321:role/analytics\n" in text
        assert "\nanyone else in 123456789012  " in text and "\nanother account (" in text
        # The same decisions as the bundle's ACCESS.md, in the same words on the border of the panel.
        assert str(table.query_one("#access-summary").text).endswith(" unknown")


async def test_the_table_gives_each_line_s_streams_as_explain_does() -> None:
    """The wizard's table is explain's: a line for every stream says so, as ACCESS.md and explain do."""
    from wizard.core.access import bundle_setting, setting_rows
    from wizard.core.access_text import text as explain_text

    app = WizardApp(FULL, environ={})
    async with app.run_test(size=WIDE) as pilot:
        table = await ready(pilot)
        setting = bundle_setting(render_bundle(FULL))
        explained = explain_text(setting, setting_rows(setting))

        def heads(text: str) -> list[str]:
            return [row.split("  ")[2].strip() for row in text.splitlines()
                    if row.startswith(("  allowed ", "  denied ", "  unknown "))]

        assert heads(table.text) == heads(explained)
        assert "PutRecord (each of 2 streams)" in heads(table.text)
        assert "PutKeyPolicy" in heads(table.text)  # not per stream: no scope


@pytest.mark.parametrize("step", STEP_IDS)
async def test_ctrl_r_shows_the_table_from_every_step_and_gives_the_documents_back(step: str) -> None:
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        app.wizard.goto(step)
        await pilot.pause()
        before = shows_access(app)
        assert before == (step == "review")  # the review step shows it by itself
        await pilot.press("ctrl+r")
        table = await ready(pilot)
        assert shows_access(app) != before
        if shows_access(app):
            assert "  allowed  PutRecord (each of 2 streams)  producer-policy.json#WriteStreams" in table.text
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert shows_access(app) == before


async def test_the_command_palette_reaches_the_table() -> None:
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=WIDE) as pilot:
        app.wizard.goto("principals")
        await pilot.pause()
        titles = [command.title for command in app.wizard.preview_commands()]
        assert "Who can do what: the access table (or the documents again)" in titles
        command = next(c for c in app.wizard.preview_commands() if c.title.startswith("Who can do what"))
        command.callback()
        await ready(pilot)
        assert shows_access(app)


async def test_removing_a_producers_role_flips_its_put_record_row() -> None:
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=WIDE) as pilot:
        await pilot.click("#tab-principals")
        await pilot.pause()
        await pilot.press("ctrl+r")
        table = await ready(pilot)
        assert line_of(table.text, "app-writer", "PutRecord").startswith("  allowed  PutRecord")
        # Edit app-writer: untick producer, tick consumer, save with Enter in the name.
        await pilot.press("down", "enter", "tab", "space", "tab", "space", "shift+tab", "shift+tab", "enter")
        table = await ready(pilot)
        assert app.answers.principals[0] == Principal("app-writer", ("consumer",))
        text = table.text
        assert text.startswith("app-writer (consumer)  ")
        assert line_of(text, "app-writer", "PutRecord") == "  denied   PutRecord (each of 2 streams)"
        assert line_of(text, "app-writer", "GetRecords") == \
            "  allowed  GetRecords (each of 2 streams)  consumer-policy.json#ReadStreams"


async def test_the_table_follows_typing_with_the_latest_answers() -> None:
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=WIDE) as pilot:
        await pilot.click("#tab-account")
        await pilot.pause()
        await pilot.press("ctrl+r")
        await ready(pilot)
        await pilot.press("end", "backspace", "backspace", "9", "9")  # typed faster than a table is made
        table = await ready(pilot)
        assert app.answers.account == "123456789099"
        assert table.table is not None and table.table.bundle is app.bundle  # of the answers as they are now
        assert "\nanyone else in 123456789099  arn:aws:iam::123456789099:role/someone-else\n" in table.text


async def test_newer_answers_win_over_a_table_being_made(monkeypatch: pytest.MonkeyPatch) -> None:
    """Answers that change while a table is being made: that table is never shown, the newer one is."""
    older = render_bundle(replace(FULL, principals=(Principal("old-role", ("producer",)),)))
    newer = render_bundle(replace(FULL, principals=(Principal("new-role", ("admin",)),)))
    release = threading.Event()
    made: list[object] = []
    finished: list[bool] = []

    def slow(bundle, cancelled):
        if bundle is older:
            release.wait(10)  # still being made when the newer answers come
        made.append(bundle)
        result = real(bundle, cancelled)
        finished.append(result is not None)
        return result

    real = access_view.access_table
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=WIDE) as pilot:
        table = await ready(pilot)
        monkeypatch.setattr(access_view, "access_table", slow)
        shown: list[object] = []
        apply = table._apply
        monkeypatch.setattr(table, "_apply", lambda made_table: (shown.append(made_table.bundle), apply(made_table)))
        table.show_bundle(older)
        table.refresh_table()  # as when typing pauses: its table is being made...
        await pilot.pause()
        table.show_bundle(newer)  # ...when newer answers come
        release.set()
        await ready(pilot)
        assert made == [older, newer] and shown == [newer]
        assert finished == [False, True]  # the older one stopped at its first principal, its answers gone
        assert table.text.startswith("new-role (admin)  ") and "old-role" not in table.text


async def test_answers_that_change_the_moment_a_table_is_asked_for_still_get_their_table() -> None:
    """A worker cancelled before it even starts reports nothing; the table must not wait for it."""
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=WIDE) as pilot:
        table = await ready(pilot)
        newer = render_bundle(replace(FULL, principals=(Principal("new-role", ("admin",)),)))
        table.show_bundle(render_bundle(FULL))
        table.refresh_table()  # a worker is created...
        table.show_bundle(newer)  # ...and cancelled before its task has run
        await ready(pilot)
        assert table.table is not None and table.table.bundle is newer


async def test_the_table_is_not_made_while_it_is_not_shown() -> None:
    made: list[object] = []
    app = WizardApp(replace(FULL, account=""), environ={})  # incomplete: opens on the account step
    async with app.run_test(size=WIDE) as pilot:
        real = access_view.access_table
        access_view.access_table = lambda bundle, *rest: made.append(bundle) or real(bundle, *rest)  # type: ignore
        try:
            await pilot.pause()
            await pilot.press(*"123456789012")
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            assert not shows_access(app) and made == []  # typed with the documents shown: nothing made
            await pilot.press("ctrl+r")
            table = await ready(pilot)
            assert made == [app.bundle]  # made once, for the answers as they are when shown
            assert "anyone else in 123456789012" in table.text
        finally:
            access_view.access_table = real  # type: ignore[assignment]


@pytest.mark.parametrize("size", [(80, 24), (120, 36), (160, 48)])
async def test_the_table_fits_the_screen_and_nothing_is_cut(size: tuple[int, int]) -> None:
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=size) as pilot:
        table = await ready(pilot)  # on the review step, beside the answers
        lines = table.query_one(AccessLines)

        def fits() -> None:
            width = lines.scrollable_content_region.width
            assert all(row.cell_length <= width for row in lines.wrapped)
            # Every character of the table is on some row: wrapping moves text and drops none.
            kept = "".join(row.plain for row in lines.wrapped)
            assert squeeze(kept) == squeeze(lines.text)

        fits()
        await pilot.press("ctrl+f")  # the whole screen
        await pilot.pause()
        assert app.wizard.maximized is table and table.outer_size.width == size[0]
        fits()
        await pilot.press("escape")
        await pilot.pause()
        assert app.wizard.maximized is None and shows_access(app)
        fits()


def squeeze(text: str) -> str:
    return "".join(char for char in text if char not in " ,\n")


async def test_ctrl_r_takes_the_whole_screen_at_80_columns() -> None:
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=(80, 24)) as pilot:
        app.wizard.goto("streams")
        await pilot.pause()
        await pilot.press("ctrl+r")
        table = await ready(pilot)
        assert app.wizard.maximized is table and table.outer_size.width == 80
        rows = [row.plain for row in table.query_one(AccessLines).wrapped]
        assert "  allowed  PutRecord (each of 2 streams)  producer-policy.json#WriteStreams" in rows  # one row: it fits
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.wizard.maximized is None and not shows_access(app)


async def test_a_document_key_brings_the_documents_back() -> None:
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        assert shows_access(app)
        await pilot.press("f2")
        await pilot.pause()
        assert not shows_access(app)
        assert app.wizard.active_document().filename == "consumer-cross-account-policy.json"


async def test_leaving_the_review_step_brings_back_what_was_shown() -> None:
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert app.wizard.current.step.id == STEPS[-2].id and not shows_access(app)
        await pilot.press("ctrl+r", "ctrl+n")  # asked for on the principals step, then on to review and back
        await pilot.pause()
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert shows_access(app)


async def test_a_table_that_cannot_be_made_says_so_and_the_wizard_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(bundle, cancelled):
        raise ValueError("a policy the evaluator cannot read [red]\x1b[31m")

    monkeypatch.setattr(access_view, "access_table", broken)
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=WIDE) as pilot:
        table = await ready(pilot)
        summary = table.query_one("#access-summary").text
        assert summary == "The table could not be made: a policy the evaluator cannot read [red]^[[31m"
        assert "Traceback" not in pilot.app.export_screenshot()
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert app.wizard.current.step.id == "principals"


async def test_text_from_documents_is_shown_literally() -> None:
    """A Sid from an edited document can neither style the table nor reach the terminal as a sequence."""
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=WIDE) as pilot:
        table = await ready(pilot)
        rows = table.query_one(AccessLines)
        hostile = ((access_view.user("key-policy.json#Evil\x1b]52;c;aGk=\x07[b]x[/b]\nnext"),), 0)
        rows.show([hostile])
        await pilot.pause()
        assert rows.text == "key-policy.json#Evil^[]52;c;aGk=^G[b]x[/b]^Jnext"
        painted = "".join(segment.text for segment in rows.render_line(0))
        assert "\x1b" not in painted and "\x07" not in painted and "[b]x[/b]" in painted


def painted_rows_fit(app: WizardApp) -> None:
    """Every row of the table as painted now is within its pane, and none is cut: wrapping drops nothing."""
    lines = view(app).query_one(AccessLines)
    width = lines.scrollable_content_region.width
    assert lines.wrap_width == width
    assert all(row.cell_length <= width for row in lines.wrapped)
    assert squeeze("".join(row.plain for row in lines.wrapped)) == squeeze(lines.text)
    painted = [strip.text for strip in lines.render_lines(lines.region.reset_offset)]
    assert all(len(text.rstrip()) <= lines.outer_size.width for text in painted)


async def test_the_table_given_back_to_its_pane_is_wrapped_to_the_pane_again() -> None:
    """The walkthrough at 80x24: a fresh start typed through to the principals, Down, ctrl+r (the whole screen),
    escape: the table beside the form is cut for its narrow pane, not left as it was for the whole screen."""
    app = WizardApp(environ={})
    async with app.run_test(size=(80, 24)) as pilot:
        for text, keys in (("frankfurt", ["enter"]), ("210987654321", ["enter", "enter"]), ("events", ["enter"]),
                           ("metrics", ["enter", "enter"]), ("app-writer", ["tab", "enter", "enter"]),
                           ("partner-reader", ["tab", "space", "tab", "enter", "enter"])):
            await type_text(pilot, text)
            await pilot.press(*keys)
            await pilot.pause()
        assert [p.ref for p in app.answers.principals] == ["app-writer", "partner-reader"]
        await pilot.press("down", "ctrl+r")
        table = await ready(pilot)
        assert app.wizard.maximized is table
        painted_rows_fit(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.wizard.maximized is None and shows_access(app)
        painted_rows_fit(app)
        assert table.outer_size.width < 40


async def test_a_terminal_made_narrower_keeps_the_table_beside_the_form_wrapped_to_it() -> None:
    """As README says: ctrl+r below 100 columns takes the whole screen; a terminal resized below 100 while the
    table is beside the form keeps it there, wrapped again at each width."""
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        for size in ((80, 24), (160, 48), (100, 30), (99, 30)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert app.wizard.maximized is None and shows_access(app)
            painted_rows_fit(app)
