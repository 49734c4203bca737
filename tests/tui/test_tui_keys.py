"""Issue 11: a wizard that never loses a keystroke. One test per behaviour, typing as a user would:
no test sets the focus; each types and checks where the keys went."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import Button, Input

from tests.tui.conftest import FULL, KEY_ARN, type_text
from wizard.core.model import Answers, Principal
from wizard.tui.app import WizardApp
from wizard.tui.screens.confirm import ConfirmScreen
from wizard.tui.screens.save import SaveScreen
from wizard.tui.widgets.steps.base import FieldMessage

SIZE = (100, 30)


def field(app: WizardApp, selector: str) -> str:
    return app.wizard.query_one(selector, Input).value


def message(app: WizardApp, selector: str) -> str:
    widget = app.wizard.query_one(selector, FieldMessage)
    return widget.text if widget.display else ""


def step_message(app: WizardApp) -> str:
    line = app.wizard.query_one("#step-message")
    return line.text if line.display else ""


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.pause()


async def press(pilot, *keys: str) -> None:
    """Press keys as a user does, then let the app catch up."""
    await pilot.press(*keys)
    await settle(pilot)


# --- focus when a step opens -------------------------------------------------------------------

async def open_by(pilot, route: str, step: str) -> None:
    """Open `step` (one after the current, or one before for 'back') the way a user would."""
    if route == "ctrl+n":
        await pilot.press("ctrl+n")
    elif route == "enter":
        await pilot.press("enter")
    elif route == "back":
        await pilot.press("ctrl+b")
    elif route == "next button":
        await pilot.click("#next")
    elif route == "tab click":
        await pilot.click(f"#tab-{step.lower()}")
    elif route == "palette":
        await press(pilot, "ctrl+p")
        await type_text(pilot, f"Go to step: {step}")
        await settle(pilot)
        await press(pilot, "enter")


@pytest.mark.parametrize("route", ["ctrl+n", "enter", "next button", "tab click", "palette"])
async def test_a_step_opened_by_any_route_takes_typing_in_its_first_field(route: str) -> None:
    # Account -> Key with a customer key: the key's field is where typing goes, not the choice of kind.
    app = WizardApp(replace(FULL, key="alias/orders"), environ={})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#tab-account")
        await settle(pilot)
        await open_by(pilot, route, "Key")
        assert app.wizard.current.step.id == "key"
        await type_text(pilot, "-v2")
        assert field(app, "#key-input") == "alias/orders-v2"
        assert app.answers.key == "alias/orders-v2"


async def test_back_puts_typing_in_the_previous_steps_field() -> None:
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#tab-streams")
        await settle(pilot)
        await open_by(pilot, "back", "Key")
        await type_text(pilot, "x")
        assert app.answers.key == KEY_ARN + "x"


# --- radio sets and checkboxes -----------------------------------------------------------------

async def test_choosing_a_customer_key_with_enter_puts_typing_in_its_field() -> None:
    app = WizardApp(Answers(region="us-west-2", account="123456789012"), environ={})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.wizard.current.step.id == "key"
        await pilot.press("down", "enter")
        await type_text(pilot, "alias/orders")
        assert app.answers.key == "alias/orders"
        await press(pilot, "enter")
        assert app.wizard.current.step.id == "streams"


async def test_enter_on_the_managed_key_chooses_it_and_goes_on() -> None:
    app = WizardApp(Answers(region="us-west-2", account="123456789012"), environ={})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        assert app.answers.key == "alias/aws/kinesis"
        assert app.wizard.current.step.id == "streams"


async def test_typing_on_the_choice_of_kind_types_a_customer_key() -> None:
    app = WizardApp(Answers(region="us-west-2", account="123456789012"), environ={})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_text(pilot, "alias/orders")
        assert app.answers.key == "alias/orders"
        assert app.wizard.query_one("#key-customer").value


async def principals_app(pilot_size=SIZE, answers: Answers | None = None) -> WizardApp:
    return WizardApp(answers or replace(FULL, principals=()), environ={})


async def test_add_by_enter_or_click_returns_to_the_name_and_keeps_the_ticks() -> None:
    app = await principals_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.wizard.current.step.id == "principals"
        await type_text(pilot, "writer-a")
        await pilot.click("#role-producer")
        await pilot.click("#principal-add")
        await settle(pilot)
        await type_text(pilot, "writer-b")  # straight after the click on Add
        await press(pilot, "enter")
        await type_text(pilot, "writer-c")
        await press(pilot, "enter")
        assert app.answers.principals == tuple(Principal(n, ("producer",)) for n in ("writer-a", "writer-b",
                                                                                      "writer-c"))
        assert app.wizard.query_one("#role-producer").value  # still ticked for the next one


async def test_ticking_a_role_or_choosing_a_service_returns_typing_to_the_name() -> None:
    app = await principals_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.click("#role-consumer")  # by mouse
        await type_text(pilot, "fn")
        await pilot.press("tab", "tab", "tab", "enter")  # by keyboard: Enter on "administrator" ticks it
        await type_text(pilot, "-role")
        assert field(app, "#principal-input") == "fn-role"
        await pilot.press("tab", "tab", "tab", "tab", "enter", "down", "enter")  # the service: Lambda
        await settle(pilot)
        await type_text(pilot, "2")
        await press(pilot, "enter")
        assert app.answers.principals == (Principal("fn-role2", ("consumer", "admin"), "lambda"),)


async def test_a_user_arn_is_offered_no_service_and_adds_without_one() -> None:
    """Lambda, Flink and Firehose assume roles: for a user's ARN the service choice is off."""
    user = "arn:aws:iam::123456789012:user/auditor"
    app = await principals_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_text(pilot, "fn")
        await pilot.press("tab", "tab", "enter")  # consumer
        await pilot.press("tab", "tab", "tab", "tab", "enter", "down", "enter")  # the service: Lambda
        await settle(pilot)
        assert app.query_one("#service").value == "lambda" and not app.query_one("#service").disabled
        await pilot.press("ctrl+u")
        await type_text(pilot, user)
        await settle(pilot)
        assert app.query_one("#service").disabled and app.query_one("#service").value == ""
        await press(pilot, "enter")
        assert app.answers.principals == (Principal(user, ("consumer",)),)
        await type_text(pilot, "next-role")  # a role again: the choice is back
        await settle(pilot)
        assert not app.query_one("#service").disabled


async def test_space_on_a_role_ticks_and_stays_so_several_can_be_ticked() -> None:
    app = await principals_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_text(pilot, "both")
        await press(pilot, "tab", "space", "tab", "space", "shift+tab", "shift+tab", "enter")
        assert app.answers.principals == (Principal("both", ("producer", "consumer")),)


# --- Enter -------------------------------------------------------------------------------------

async def test_one_enter_chooses_the_region_and_goes_on() -> None:
    app = WizardApp(environ={})
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "ohio")
        await press(pilot, "enter")
        assert app.answers.region == "us-east-2"
        assert app.wizard.current.step.id == "account"


async def test_enter_on_a_valid_account_goes_on_and_on_an_invalid_one_says_why() -> None:
    app = WizardApp(Answers(region="us-west-2"), environ={})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_text(pilot, "12345")
        await press(pilot, "enter")
        assert app.wizard.current.step.id == "account"
        assert "exactly 12 digits" in step_message(app)
        await type_text(pilot, "6789012")
        await press(pilot, "enter")
        assert app.wizard.current.step.id == "key"


async def test_enter_on_an_empty_list_field_moves_on() -> None:
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#tab-streams")
        await settle(pilot)
        await press(pilot, "enter")
        assert app.wizard.current.step.id == "principals"
        await press(pilot, "enter")
        assert app.wizard.current.step.id == "review"


# --- the principal list ------------------------------------------------------------------------

async def test_the_list_is_one_key_from_the_name_and_delete_there_removes_with_undo() -> None:
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#tab-principals")
        await settle(pilot)
        await type_text(pilot, "half")
        await pilot.press("down", "down", "delete")  # Down into the list, to the second, Delete
        await settle(pilot)
        assert app.answers.principals == (FULL.principals[0], FULL.principals[2])
        assert field(app, "#principal-input") == "half"  # what was half typed is still there
        assert "ctrl+z" in str(app.wizard.query_one("#principals .undo").render())
        await press(pilot, "ctrl+z")
        assert app.answers.principals == FULL.principals


async def test_delete_on_a_clicked_principal_removes_it_not_the_name_text() -> None:
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#tab-principals")
        await settle(pilot)
        await pilot.click("#principal-list", offset=(4, 1))  # the first principal, under the list's border
        await settle(pilot)
        await press(pilot, "delete")
        assert app.answers.principals == FULL.principals[1:]


async def test_enter_on_a_listed_principal_edits_it_and_delete_in_the_field_edits_text() -> None:
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#tab-principals")
        await settle(pilot)
        await press(pilot, "down", "enter")
        assert field(app, "#principal-input") == "app-writer"
        assert str(app.wizard.query_one("#principal-add", Button).label) == "Update"
        await pilot.press("home", "delete", "delete", "delete", "delete")  # "app-" goes, as text
        await type_text(pilot, "web-")
        await press(pilot, "enter")
        assert app.answers.principals[0] == Principal("web-writer", ("producer",))
        assert len(app.answers.principals) == 3


# --- messages ----------------------------------------------------------------------------------

async def test_a_refusal_goes_as_soon_as_the_field_is_valid_or_the_step_changes() -> None:
    app = WizardApp(Answers(region="us-west-2"), environ={})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_text(pilot, "12345678901")
        await press(pilot, "enter")
        assert "'12345678901'" in step_message(app)
        assert not app._notifications  # in the form, not a toast over the preview
        await type_text(pilot, "2")
        assert step_message(app) == ""
        await pilot.press("ctrl+b", "ctrl+n")  # refused again, then the step changes
        await settle(pilot)
        app.wizard.query_one("#account-input", Input).value = ""
        await press(pilot, "enter")
        assert step_message(app)
        await press(pilot, "ctrl+b")
        assert step_message(app) == ""


async def test_a_field_is_checked_again_when_the_region_changes() -> None:
    cn_role = "arn:aws-cn:iam::123456789012:role/reader"
    app = WizardApp(replace(FULL, principals=()), environ={})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_text(pilot, cn_role)
        assert "partition aws" in message(app, "#principal-message")
        await pilot.click("#tab-region")
        await settle(pilot)
        await type_text(pilot, "cn-north-1")
        await press(pilot, "enter")
        await pilot.click("#tab-principals")
        await settle(pilot)
        assert field(app, "#principal-input") == cn_role
        assert "partition" not in message(app, "#principal-message")


async def test_no_notification_covers_a_dialogs_buttons(tmp_path: Path, monkeypatch) -> None:
    """Notifications still up when a dialog opens are taken down (a toast sits bottom right, where
    a dialog's buttons are at small sizes); the Pilot does not paint toasts, so this checks that
    none is left to paint."""
    import pyperclip

    def no_clipboard(text: str) -> None:
        raise pyperclip.PyperclipException("no clipboard here")

    monkeypatch.setattr(pyperclip, "copy", no_clipboard)  # so copying leaves a long warning
    folder = tmp_path / "bundle"
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(2):  # the second save finds the folder full: Save, then Replace
            await pilot.press("ctrl+y")  # a toast that stays 10 s
            await settle(pilot)
            assert app._notifications
            await press(pilot, "ctrl+s")
            assert isinstance(app.screen, SaveScreen) and not app._notifications
            app.screen.query_one("#folder", Input).value = str(folder)
            await press(pilot, "enter")
            if isinstance(app.screen, ConfirmScreen):
                assert not app._notifications
                await press(pilot, "y")
        assert (folder / "manifest.json").exists()


# --- Region typo -------------------------------------------------------------------------------

async def test_a_region_typo_says_which_region_was_meant() -> None:
    app = WizardApp(environ={})
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "us-wset-2")
        assert message(app, "#region-message") == "no Region matches 'us-wset-2'; did you mean us-west-2?"
        await press(pilot, "enter")
        assert app.wizard.current.step.id == "region"
        assert message(app, "#region-message") == "no Region matches 'us-wset-2'; did you mean us-west-2?"


# --- reopening a bundle ------------------------------------------------------------------------

async def test_a_reopened_bundle_is_saved_back_to_its_folder(tmp_path: Path, monkeypatch) -> None:
    from wizard.cli.interactive import bundle_folder
    from wizard.core.bundle import load_answers, write_bundle
    from wizard.core.render import render_bundle

    original = tmp_path / "team" / "kinesis-kms-orders"
    write_bundle(render_bundle(FULL), original)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    path = str(original / "manifest.json")
    app = WizardApp(load_answers(path), environ={}, origin=bundle_folder(path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#tab-streams")
        await settle(pilot)
        await type_text(pilot, "refunds")
        await press(pilot, "enter", "ctrl+s")
        assert isinstance(app.screen, SaveScreen)
        assert Path(app.screen.query_one("#folder", Input).value) == original
        await press(pilot, "enter")
        assert isinstance(app.screen, ConfirmScreen)  # it asks before replacing, as always
        await press(pilot, "y")
    assert list(elsewhere.iterdir()) == []
    assert load_answers(path).streams == ("orders", "clicks", "refunds")


# --- themes and glyphs -------------------------------------------------------------------------

async def test_every_theme_shows_every_buttons_label() -> None:
    """Enabled, disabled (Back on the first step, Next on the last) and focused, in every theme."""
    app = WizardApp(FULL, environ={})
    unreadable = []
    async with app.run_test(size=(100, 30)) as pilot:
        for step in ("region", "principals", "review"):
            await pilot.click(f"#tab-{step}")
            await settle(pilot)
            if step == "review":  # it opens at its top; its Save button is at the bottom
                app.wizard.current.scroll_end(animate=False, immediate=True)
                await settle(pilot)
            for theme in sorted(app.available_themes):
                app.theme = theme
                if step == "principals":
                    app.wizard.query_one("#next", Button).focus()
                await pilot.pause()
                for button in app.wizard.query(Button):
                    if button.display and button.region and not label_is_readable(app, button):
                        unreadable.append((step, theme, str(button.label), button.has_focus))
    assert unreadable == [], unreadable


def label_is_readable(app: WizardApp, button: Button) -> bool:
    """Every cell of the label drawn in a colour other than its background's (the terminal's
    default foreground and background count as different colours)."""
    label = str(button.label)
    strips = app.screen._compositor.render_strips()
    region = button.region
    for y in range(region.y, min(region.bottom, len(strips))):
        text = ""
        cells = []
        for segment in strips[y].crop(region.x, region.right)._segments:
            style = segment.style
            fg = "default fg" if not style or not style.color or style.color.is_default else style.color
            bg = "default bg" if not style or not style.bgcolor or style.bgcolor.is_default else style.bgcolor
            if style and style.reverse:
                fg, bg = bg, fg
            for char in segment.text:
                text += char
                cells.append((char, fg, bg))
        start = text.find(label)
        if start >= 0:
            return all(char == " " or fg != bg for char, fg, bg in cells[start:start + len(label)])
    return False


async def test_ticked_and_chosen_differ_in_glyph_not_only_colour() -> None:
    app = WizardApp(replace(FULL, key="alias/orders"), environ={})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#tab-key")
        await settle(pilot)
        chosen = app.wizard.query_one("#key-customer")
        other = app.wizard.query_one("#key-managed")
        assert chosen.render().plain[:3] != other.render().plain[:3]
        await pilot.click("#tab-principals")
        await settle(pilot)
        await pilot.click("#role-producer")
        ticked = app.wizard.query_one("#role-producer")
        unticked = app.wizard.query_one("#role-consumer")
        assert ticked.value and not unticked.value
        assert ticked.render().plain[:3] != unticked.render().plain[:3]


async def test_editing_a_principal_keeps_its_fan_out_consumer_name() -> None:
    """The pane does not show a consumer name (an answers-file option); editing must not drop it."""
    other = Principal("arn:aws:iam::210987654321:role/analytics", ("consumer",), None, "analytics-efo")
    app = WizardApp(replace(FULL, principals=(other,)), environ={})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#tab-principals")
        await settle(pilot)
        await press(pilot, "down", "enter")  # edit it
        await press(pilot, "tab", "space", "shift+tab", "enter")  # tick producer too, save
        assert app.answers.principals == (replace(other, roles=("producer", "consumer")),)


async def test_the_fan_out_switch_says_on_or_off_in_words() -> None:
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=(120, 36)) as pilot:
        app.wizard.goto("principals")
        await pilot.pause()
        label = app.query_one("#fan-out-label")
        assert str(label.render()).startswith("Enhanced fan-out: on. ")
        await pilot.click("#fan-out")
        await pilot.pause()
        assert str(label.render()).startswith("Enhanced fan-out: off. ")
        assert app.answers.fan_out is False


@pytest.mark.parametrize(("typed", "chosen"), [("us-", "us-east-1"), ("", "af-south-1")])
async def test_down_from_the_region_filter_lands_on_the_highlighted_region(typed: str, chosen: str) -> None:
    """The list shows the first match highlighted; Down then Enter chooses it, a second Down the next."""
    app = WizardApp(environ={})
    async with app.run_test(size=(80, 24)) as pilot:
        await type_text(pilot, typed)
        highlighted = app.wizard.query_one("#region-list").highlighted_option
        assert highlighted is not None and highlighted.id == chosen
        await press(pilot, "down", "enter")
        assert app.answers.region == chosen
    app = WizardApp(environ={})
    async with app.run_test(size=(80, 24)) as pilot:
        await type_text(pilot, typed)
        await press(pilot, "down", "down", "enter")
        assert app.answers.region not in ("", chosen)


@pytest.mark.parametrize(("step", "selector", "first"), [("principals", "#principal-input", "app-writer"),
                                                         ("streams", "#stream-input", "orders")])
async def test_an_item_opened_for_editing_has_the_cursor_at_its_end(step: str, selector: str, first: str) -> None:
    """Enter on a listed item loads it with the cursor after its last character, as any editor does: typing
    appends, ctrl+u clears what is before the cursor (all of it)."""
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click(f"#tab-{step}")
        await settle(pilot)
        for _time in range(2):  # the second time too, after the field has held and lost a value
            await press(pilot, "down", "enter")
            assert field(app, selector) == first
            await press(pilot, "enter")  # updated as it was
            assert field(app, selector) == ""
        await press(pilot, "down", "enter")
        await type_text(pilot, "-2")
        assert field(app, selector) == f"{first}-2"
        await press(pilot, "ctrl+u")
        assert field(app, selector) == ""


def footer_text(app: WizardApp) -> str:
    """The footer's row as painted."""
    strips = app.screen._compositor.render_strips()
    return strips[app.size.height - 1].text


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_the_footer_shows_the_access_key_at_80_columns(size: tuple[int, int]) -> None:
    app = WizardApp(environ={})
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        text = footer_text(app)
        for shown in ("^n Next", "^b Back", "^s Save", "^r Access", "^y Copy", "^f Full", "^p palette"):
            assert shown in text, text


async def test_next_on_review_says_it_is_the_last_step_and_how_to_save() -> None:
    app = WizardApp(FULL, environ={})  # opens at Review
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.wizard.current.step.id == "review" and step_message(app) == ""
        await press(pilot, "ctrl+n")
        assert step_message(app) == "Review is the last step: ctrl+s (or Save) writes the bundle."
        await press(pilot, "ctrl+b")
        assert step_message(app) == ""
        await press(pilot, "ctrl+n")
        await pilot.click("#next")
        await settle(pilot)
        assert app.wizard.current.step.id == "review"
        assert step_message(app).startswith("Review is the last step")


async def test_the_service_list_by_mouse_and_escape() -> None:
    """A click opens the service list in place and a click on an option chooses it; Escape closes it unchanged;
    a label wider than the field is cut with an ellipsis when closed and shown whole, wrapped, when open."""
    app = await principals_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        picker = app.query_one("#service")
        await pilot.click("#service")
        await settle(pilot)
        assert picker.expanded
        await pilot.click("#service", offset=(4, 2))  # the second option's row: AWS Lambda
        await settle(pilot)
        assert picker.value == "lambda" and not picker.expanded
        assert app.focused is app.query_one("#principal-input")
        app.set_focus(picker)
        await press(pilot, "enter")
        await press(pilot, "down")
        await press(pilot, "escape")
        assert picker.value == "lambda" and not picker.expanded
        await press(pilot, "down", "down", "enter")  # opens on Lambda; Down to Flink and choose
        assert picker.value == "flink"
        closed = str(picker.render())
        assert closed.rstrip().endswith("▼") and "…" in closed and "\n" not in closed
        app.set_focus(picker)
        await press(pilot, "space")
        opened = str(picker.render()).splitlines()
        assert "Amazon Managed Service for Apache Flink" in " ".join(line.strip() for line in opened)
        assert len(opened) > 1 + 4  # the long option went on under itself
