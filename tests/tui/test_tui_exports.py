"""The save dialog and the command palette offer the exports, and write what `generate --format` writes."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Checkbox, Static

from tests.tui.conftest import FULL, open_save_dialog, paste_text
from wizard.cli.interactive import bundle_folder
from wizard.core.bundle import bundle_files, load_answers_file
from wizard.tui.app import WizardApp
from wizard.tui.screens.confirm import ConfirmScreen
from wizard.tui.screens.save import SaveScreen


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


async def _save_in(pilot, folder: Path) -> None:
    await pilot.press("end", "ctrl+u")
    await paste_text(pilot, str(folder))
    await pilot.press("enter")
    await pilot.pause()


async def test_save_dialog_ticks_terraform_and_writes_it(tmp_path: Path) -> None:
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)
        boxes = {box.id: box.value for box in app.screen.query(Checkbox)}
        assert boxes == {"format-terraform": False, "format-cloudformation": False}  # the JSON bundle alone
        await pilot.press("tab", "space", "shift+tab")  # tick Terraform, back to the folder
        await _save_in(pilot, tmp_path / "out")
        assert not isinstance(app.screen, SaveScreen)
        bundle = app.bundle
    expected = bundle_files(bundle, formats=["terraform"])
    assert tree(tmp_path / "out") == {name: text.encode() for name, text in expected.items()}
    assert any(name.startswith("terraform/") for name in expected)


async def test_palette_saves_with_cloudformation_ticked(tmp_path: Path) -> None:
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert {"Save bundle with Terraform", "Save bundle with CloudFormation",
                "Save bundle with Terraform and CloudFormation"} <= set(commands)
        commands["Save bundle with CloudFormation"].callback()
        await pilot.pause()
        boxes = {box.id: box.value for box in app.screen.query(Checkbox)}
        assert boxes == {"format-terraform": False, "format-cloudformation": True}
        await _save_in(pilot, tmp_path / "out")
        notes = [n.message for n in app._notifications]
        bundle = app.bundle
    expected = bundle_files(bundle, formats=["cloudformation"])
    assert tree(tmp_path / "out") == {name: text.encode() for name, text in expected.items()}
    templates = [name for name in expected if name.startswith("cloudformation")]
    assert templates and not any(name.startswith("terraform") for name in expected)
    assert any(f"to {tmp_path / 'out'}" in n and templates[0] in n for n in notes)


async def test_reopened_bundle_is_saved_again_with_its_exports_and_dropping_one_is_said(tmp_path: Path) -> None:
    """Save with Terraform and CloudFormation, reopen the manifest as `--answers DIR/manifest.json` does,
    save again: both are ticked, so nothing goes; unticking Terraform names terraform/ before it goes."""
    folder = tmp_path / "out"
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("tab", "space", "tab", "space", "shift+tab", "shift+tab")
        await _save_in(pilot, folder)
        assert not isinstance(app.screen, SaveScreen)
    before = tree(folder)
    assert any(name.startswith("terraform/") for name in before)
    assert any(name.startswith("cloudformation") for name in before)

    manifest = str(folder / "manifest.json")
    loaded = load_answers_file(manifest)
    app = WizardApp(loaded.answers, environ={}, origin=bundle_folder(manifest), formats=loaded.formats)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        boxes = {box.id: box.value for box in app.screen.query(Checkbox)}
        assert boxes == {"format-terraform": True, "format-cloudformation": True}
        await pilot.press("enter")  # the folder proposed is the bundle's own
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "removes" not in str(app.screen.query_one(".dialog-text", Static).render())
        await pilot.press("y")
        await pilot.pause()
        assert tree(folder).keys() == before.keys()

        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("tab", "space", "shift+tab", "enter")  # untick Terraform
        await pilot.pause()
        question = str(app.screen.query_one(".dialog-text", Static).render())
        terraform = sorted(name for name in before if name.startswith("terraform/"))
        assert f"removes {len(terraform)} files" in question and f"terraform/ ({len(terraform)} files)" in question
        await pilot.press("n")
        await pilot.pause()
    assert tree(folder).keys() == before.keys()


async def test_space_ticks_an_export_and_enter_on_it_saves_with_it_ticked(tmp_path: Path) -> None:
    """Enter saves from anywhere in the dialog, as it does in the folder field; it never unticks an export."""
    folder = tmp_path / "out"
    app = WizardApp(FULL, environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        await open_save_dialog(pilot, folder)
        await pilot.press("tab", "space")  # Terraform ticked, focus stays on it
        await pilot.pause()
        assert app.screen.query_one("#format-terraform", Checkbox).value
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SaveScreen)
        bundle = app.bundle
    assert tree(folder) == {name: text.encode() for name, text in bundle_files(bundle, formats=["terraform"]).items()}
