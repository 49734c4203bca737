"""The save dialog and the command palette offer the exports, and write what `generate --format` writes."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Checkbox

from tests.tui.conftest import FULL, paste_text
from wizard.core.bundle import bundle_files
from wizard.tui.app import WizardApp
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
