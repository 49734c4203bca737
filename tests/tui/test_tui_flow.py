"""The wizard driven by key presses as a user would, against the engine's own output."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.tui.conftest import FULL, KEY_ARN, open_save_dialog, paste_text, type_text
from wizard.cli import main as cli_main
from wizard.core.fields import ACCOUNT
from wizard.core.render import render_bundle
from wizard.tui.app import WizardApp
from wizard.tui.documents import label
from wizard.tui.screens.confirm import ConfirmScreen
from wizard.tui.screens.save import SaveScreen
from wizard.tui.widgets.document_bar import DocumentBar
from wizard.tui.widgets.json_view import JsonView
from wizard.tui.widgets.policy_preview import DocumentPane, PolicyPreview
from wizard.tui.widgets.steps.base import FieldMessage


def painted(view: JsonView) -> str:
    """Every line of the document as the view paints it, highlighted."""
    return "\n".join(view.line_strip(index).text for index in range(len(view.lines)))


def notifications(app: WizardApp) -> list[str]:
    return [n.message for n in app._notifications]


def step_message(app: WizardApp) -> str:
    """The line above the buttons that says why Next, a jump or a save was refused ("" when hidden)."""
    line = app.wizard.query_one("#step-message")
    return line.text if line.display else ""


async def test_whole_wizard_by_keys_writes_what_generate_writes(tmp_path: Path, monkeypatch) -> None:
    """From an empty start to a saved bundle with printable keys, Enter, Tab, Down and Delete only:
    no ctrl+n, no focus set by the test, no paste."""
    monkeypatch.chdir(tmp_path)
    app = WizardApp(environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        # Region: filter, one Enter chooses and goes on.
        await type_text(pilot, "oregon")
        await pilot.press("enter")
        await pilot.pause()
        assert app.wizard.index == 1
        # Account.
        await type_text(pilot, "123456789012")
        await pilot.press("enter")
        await pilot.pause()
        assert app.wizard.index == 2
        # Key: Down to "Customer managed key", Enter chooses it and puts the cursor in its field.
        await pilot.press("down", "enter")
        await type_text(pilot, "alias/orders")
        await pilot.press("enter")
        await pilot.pause()
        assert app.wizard.index == 3
        # Streams: two and a mistake, which Down and Delete remove; Enter on the empty field goes on.
        for stream in ("orders", "typo", "clicks"):
            await type_text(pilot, stream)
            await pilot.press("enter")
        await pilot.press("down", "down", "delete")
        await pilot.pause()
        assert app.answers.streams == ("orders", "clicks")
        await pilot.press("tab", "tab", "enter")  # from the list: Back, Next
        await pilot.pause()
        assert app.wizard.index == 4
        # Principals: Tab reaches the roles; Enter ticks one and returns to the name, where Enter adds.
        await type_text(pilot, "app-writer")
        await pilot.press("tab", "enter", "enter")
        await pilot.pause()
        assert app.answers.principals == FULL.principals[:1]
        # The producer tick stayed: Space unticks it, Tab, Enter ticks consumer.
        await type_text(pilot, "arn:aws:iam::210987654321:role/analytics")
        await pilot.press("tab", "space", "tab", "enter", "enter")
        await pilot.pause()
        assert app.answers.principals == FULL.principals[:2]
        # Consumer stays ticked; the service list is three Tabs from the name: Enter opens it,
        # Down and Enter choose Lambda and return to the name, where Enter adds.
        await type_text(pilot, "ingest-fn")
        await pilot.press("tab", "tab", "tab", "tab")
        assert app.focused is app.wizard.query_one("#service")
        await pilot.press("enter", "down", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.answers == replace(FULL, key="alias/orders")
        await pilot.press("enter")  # the empty name: on to the review, where Save has the focus
        await pilot.pause()
        assert app.wizard.index == 5
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)
        assert app.screen.query_one("#folder", Input).value == "./kinesis-kms-orders"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SaveScreen)
        assert not app.unsaved
    out = tmp_path / "kinesis-kms-orders"

    expected = tmp_path / "cli"
    status = cli_main([
        "generate", "--region", "us-west-2", "--account", "123456789012", "--key", "alias/orders",
        "--stream", "orders", "--stream", "clicks", "--producer", "app-writer",
        "--consumer", "arn:aws:iam::210987654321:role/analytics", "--lambda-consumer", "ingest-fn",
        "--out", str(expected),
    ])
    assert status == 0
    names = sorted(p.name for p in expected.iterdir())
    assert sorted(p.name for p in out.iterdir()) == names
    assert "manifest.json" in names and "key-policy.json" in names
    for name in names:
        assert (out / name).read_bytes() == (expected / name).read_bytes(), name


async def test_invalid_account_shows_the_engine_message_and_marks_the_step() -> None:
    app = WizardApp(region_only(), environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        app.wizard.goto("account")
        await pilot.pause()
        await type_text(pilot, "12345")
        message = app.wizard.query_one("#account-message", FieldMessage)
        rule = ACCOUNT.validate("12345", app.answers)
        assert rule and message.text == rule
        assert message.has_class("-error")
        assert app.wizard.query_one("#tab-account").has_class("-problem")
        await pilot.press("ctrl+n")  # Next is refused and says why
        await pilot.pause()
        assert app.wizard.index == 1
        assert rule in step_message(app)
        await type_text(pilot, "6789012")
        assert message.has_class("-ok")
        assert not app.wizard.query_one("#tab-account").has_class("-problem")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.wizard.index == 2


def region_only():
    from wizard.core.model import Answers

    return Answers(region="us-west-2")


async def test_preview_updates_after_typing() -> None:
    app = WizardApp(region_only(), environ={})
    async with app.run_test(size=(160, 40)) as pilot:
        app.wizard.goto("account")
        await pilot.pause()
        code = app.wizard.query_one("#pane-0 .code", JsonView)
        assert "<ACCOUNT_ID>" in painted(code)
        await type_text(pilot, "123456789012")
        text = painted(code)
        assert "123456789012" in text and "<ACCOUNT_ID>" not in text


async def test_first_frame_shows_documents_with_placeholders() -> None:
    app = WizardApp(environ={})
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        panes = list(app.wizard.query(DocumentPane))
        documents = render_bundle(app.answers).documents
        assert [chip.label for chip in app.wizard.query_one(DocumentBar).chips] == [label(d) for d in documents]
        assert panes[0].doc == documents[0]
        assert "<STREAM>" in painted(panes[0].query_one(JsonView))
        assert panes[0].border_subtitle.endswith("/ 6,144 chars")


async def test_back_keeps_answers() -> None:
    app = WizardApp(region_only(), environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        app.wizard.goto("account")
        await pilot.pause()
        await type_text(pilot, "123456789012")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.wizard.index == 2
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert app.wizard.index == 1
        assert app.wizard.query_one("#account-input", Input).value == "123456789012"
        assert app.answers.account == "123456789012"
        await pilot.click("#back")
        await pilot.pause()
        assert app.wizard.index == 0
        assert app.answers.region == "us-west-2"


async def test_non_empty_folder_asks_before_writing(tmp_path: Path) -> None:
    folder = tmp_path / "busy"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine\n")
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        for answer in ("n", "y"):
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("end", "ctrl+u")
            await paste_text(pilot, str(folder))
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press(answer)
            await pilot.pause()
            if answer == "n":
                assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    assert (folder / "notes.txt").read_text() == "mine\n"
    assert (folder / "manifest.json").exists() and (folder / "key-policy.json").exists()


async def test_save_with_problems_is_refused_with_the_problems() -> None:
    app = WizardApp(environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, SaveScreen)
        text = step_message(app)
        for problem in app.bundle.problems:
            assert str(problem) in text


async def test_ctrl_q_asks_only_with_unsaved_answers() -> None:
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")  # nothing changed: quits at once (no pause after: the app is gone)
    assert app.return_code == 0
    assert not isinstance(app.screen_stack[-1] if app.screen_stack else None, ConfirmScreen)
    app = WizardApp(region_only(), environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        app.wizard.goto("account")
        await pilot.pause()
        await type_text(pilot, "1")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, ConfirmScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
    assert app.return_code == 0
    assert app.answers.account == "1"  # the "y" answered the question, it was not typed


async def test_next_on_an_empty_step_explains_what_is_missing() -> None:
    app = WizardApp(environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.click("#next")
        await pilot.pause()
        assert app.wizard.index == 0
        assert "choose the Region" in step_message(app)
        assert app.wizard.query_one("#tab-region").has_class("-problem")
        # A step beyond an incomplete one cannot be jumped to.
        await pilot.click("#tab-streams")
        await pilot.pause()
        assert app.wizard.index == 0


async def test_streams_can_be_edited_and_removed() -> None:
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.click("#tab-streams")
        await pilot.pause()
        await pilot.press("tab", "tab")  # input -> Add -> list
        await pilot.press("enter")  # edit "orders"
        await pilot.pause()
        assert app.focused is app.wizard.query_one("#stream-input", Input)
        await pilot.press("end", "ctrl+u")
        await type_text(pilot, "payments")
        await pilot.press("enter")
        await pilot.pause()
        assert app.answers.streams == ("payments", "clicks")
        await pilot.press("tab", "tab", "down", "delete")
        await pilot.pause()
        assert app.answers.streams == ("payments",)
        await pilot.press("shift+tab", "shift+tab")
        await type_text(pilot, "bad name!")
        await pilot.press("enter")
        await pilot.pause()
        assert app.answers.streams == ("payments",)  # refused, with the engine's rule
        assert "stream name" in app.wizard.query_one("#stream-message", FieldMessage).text


async def test_alias_only_key_shows_the_note() -> None:
    from dataclasses import replace

    app = WizardApp(replace(FULL, key="alias/orders-key"), environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.click("#tab-key")
        await pilot.pause()
        assert app.wizard.query_one("#key-alias-note").display
        await pilot.click("#key-managed")
        await pilot.pause()
        assert app.answers.key == "alias/aws/kinesis"
        assert not app.wizard.query_one("#key-input").display


async def test_region_default_comes_from_the_environment() -> None:
    assert WizardApp(environ={"AWS_REGION": "eu-west-1"}).answers.region == "eu-west-1"
    assert WizardApp(environ={"AWS_DEFAULT_REGION": "cn-north-1"}).answers.region == "cn-north-1"
    assert WizardApp(environ={"AWS_REGION": "nowhere-1"}).answers.region == ""


async def test_prefill_from_an_earlier_bundles_manifest(tmp_path: Path) -> None:
    from wizard.core.bundle import load_answers, write_bundle

    write_bundle(render_bundle(FULL), tmp_path / "b")
    app = WizardApp(load_answers(str(tmp_path / "b" / "manifest.json")), environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.answers == FULL
        assert app.wizard.index == 5  # nothing open: straight to the review
        await pilot.click("#tab-account")
        await pilot.pause()
        assert app.wizard.query_one("#account-input", Input).value == "123456789012"


async def test_preview_is_one_pane_when_narrow_and_side_by_side_when_wide() -> None:
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        preview = app.wizard.query_one(PolicyPreview)
        assert len(preview.query(DocumentPane)) == 1
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert preview.active_document() == app.bundle.documents[1]
        await pilot.resize_terminal(200, 40)
        await pilot.pause()
        await pilot.pause()
        assert len(preview.query(DocumentPane)) == 2
        assert preview.active_document() == app.bundle.documents[1]


async def test_palette_offers_copy_save_steps_and_theme() -> None:
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for doc in app.bundle.documents:
            assert f"Copy {doc.filename}" in titles
        assert "Save bundle" in titles and "Go to step: Principals" in titles
        assert any("theme" in t.lower() for t in titles)
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Go to step: Streams")
        command.callback()
        await pilot.pause()
        assert app.wizard.index == 3


async def test_prefilled_customer_key_survives_enter_on_the_key_kind() -> None:
    # The kind's cursor starts on the chosen button, so Enter (which presses the button under
    # the cursor) keeps a prefilled customer key instead of switching to the managed key.
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.click("#tab-key")
        await pilot.pause()
        app.wizard.query_one("#key-kind").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.answers.key == KEY_ARN


async def test_add_and_clear_buttons_on_the_principals_step() -> None:
    from dataclasses import replace

    app = WizardApp(replace(FULL, principals=()), environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        app.wizard.goto("principals")
        await pilot.pause()
        await type_text(pilot, "app-writer")
        await pilot.click("#role-producer")
        await pilot.click("#principal-add")
        await pilot.pause()
        assert app.answers.principals == (FULL.principals[0],)  # added once, and still on this step
        assert app.wizard.current.step.id == "principals"
        await type_text(pilot, "half-typed")
        await pilot.click("#principal-clear")
        await pilot.pause()
        assert app.wizard.query_one("#principal-input", Input).value == ""
        assert app.answers.principals == (FULL.principals[0],)


async def test_replacing_a_bundle_says_which_edited_file_it_kept(tmp_path: Path) -> None:
    folder = tmp_path / "bundle"
    assert cli_main([
        "generate", "--region", FULL.region, "--account", FULL.account, "--key", FULL.key,
        *(arg for stream in FULL.streams for arg in ("--stream", stream)),
        "--producer", "someone-else", "--out", str(folder)]) == 0
    edited = (folder / "producer-policy.json").read_text() + "\n"
    (folder / "producer-policy.json").write_text(edited)
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        await open_save_dialog(pilot, folder)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        saved = [n for n in notifications(app) if n.startswith("Saved")]
    assert (folder / "producer-policy.json.orig").read_text() == edited
    assert len(saved) == 1
    assert "Note: kept your producer-policy.json (changed since the bundle was written) as producer-policy.json.orig" \
        in saved[0]


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_review_opens_at_its_top_with_save_ready_for_enter(size: tuple[int, int]) -> None:
    """Region, account, key and streams are in view when Review opens, however it opens, and Enter saves."""
    app = WizardApp(FULL, environ={})  # every answer given: the wizard opens at Review
    async with app.run_test(size=size) as pilot:
        for route in ("opened", "ctrl+b ctrl+n"):
            if route != "opened":
                await pilot.press(*route.split())
            await pilot.pause()
            await pilot.pause()
            pane = app.wizard.current
            assert pane is not None and pane.step.id == "review"
            assert app.focused is not None and app.focused.id == "review-save"
            assert pane.scroll_y == 0
            summary = app.wizard.query_one("#review-summary")
            assert summary.region.y >= pane.scrollable_content_region.y  # its first line, Region, is in view
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "SaveScreen"
