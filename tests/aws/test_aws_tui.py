"""The wizard's Discover from AWS dialog against the local AWS API server, driven by Pilot."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, SelectionList, Static

from tests.aws.conftest import ACCOUNT, HOSTILE_SHOWN, REGION, World
from wizard.core.model import Principal
from wizard.tui.app import WizardApp
from wizard.tui.screens.discover import DiscoverScreen


@pytest.fixture
def account(world: World, monkeypatch: pytest.MonkeyPatch) -> World:
    """The orders account with two more roles and a second stream; this process's boto3 points at it."""
    world.orders()
    iam = world.client("iam")
    for name in ("orders-reader", "stream-admin"):
        iam.create_role(RoleName=name, AssumeRolePolicyDocument="{}")
    world.client("kinesis").create_stream(StreamName="payments", ShardCount=1)
    for name in ("AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, world.env[name])
    monkeypatch.delenv("AWS_DEFAULT_REGION", raising=False)
    monkeypatch.delenv("AWS_REGION", raising=False)
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)  # no blinking cursor in snapshots
    return world


async def _read(pilot: Pilot, screen: DiscoverScreen) -> None:
    """Until the dialog's worker has read the account or failed (the spinner goes either way).

    Waiting for the workers alone is not enough on a busy machine: the dialog may not have started
    its worker yet when the wait begins. The bound only stops a test that would hang.
    """
    spinner = screen.query_one("#discover-spinner")
    for _ in range(2400):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not spinner.display:
            return
        await pilot.pause(0.05)
    pytest.fail("the Discover dialog never finished reading the account")


async def _open(pilot: Pilot) -> DiscoverScreen:
    await pilot.press("ctrl+g")
    screen = pilot.app.screen
    assert isinstance(screen, DiscoverScreen)
    await _read(pilot, screen)
    return screen


async def test_picking_streams_key_and_roles_fills_the_answers(account: World):
    key_arn = account.client("kms").describe_key(KeyId="alias/orders")["KeyMetadata"]["Arn"]
    app = WizardApp(None, environ={"AWS_REGION": REGION})
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(pilot)
        progress = str(screen.query_one("#discover-progress", Static).render())
        assert progress == (f"Account {ACCOUNT}, Region {REGION}, as arn:aws:sts::{ACCOUNT}:user/moto: "
                            "2 streams, 1 key, 3 roles")
        await pilot.click("#discover-streams")  # the first stream, orders
        keys = screen.query_one("#discover-keys", OptionList)
        keys.focus()
        await pilot.press("down")
        await pilot.click("#discover-filter")
        await pilot.press(*"/svc/")
        await pilot.pause()
        roles = screen.query_one("#discover-roles", SelectionList)
        assert roles.option_count == 1
        roles.focus()
        await pilot.press("space")
        await pilot.click("#as-consumer")
        await pilot.click("#discover-use")
        await pilot.pause()
        assert not isinstance(app.screen, DiscoverScreen)
        answers = app.answers
        assert (answers.account, answers.region, answers.key, answers.streams) == (ACCOUNT, REGION, key_arn,
                                                                                  ("orders",))
        assert answers.principals == (Principal(f"arn:aws:iam::{ACCOUNT}:role/svc/app-writer", ("consumer",)),)


async def test_an_aws_error_is_one_sentence_in_the_dialog(account: World, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(account.home / "none"))
    app = WizardApp(None, environ={"AWS_REGION": REGION})
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(pilot)
        progress = str(screen.query_one("#discover-progress", Static).render())
        assert progress.startswith("sts:GetCallerIdentity found no AWS credentials: give --profile")
        await pilot.press("escape")
        await pilot.pause()
        assert app.answers.account == ""  # nothing was filled in


def test_discover_dialog_snapshot(account: World, snap_compare):
    app = WizardApp(None, environ={"AWS_REGION": REGION})

    async def open_dialog(pilot: Pilot) -> None:
        await _open(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_dialog)


async def test_from_aws_opens_the_dialog_at_start(account: World):
    app = WizardApp(None, environ={"AWS_REGION": REGION}, discover=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DiscoverScreen)
        await _read(pilot, app.screen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, DiscoverScreen) and app.answers.account == ""


async def test_names_read_from_aws_are_shown_as_literal_one_line_text(account: World,
                                                                      monkeypatch: pytest.MonkeyPatch):
    """A stream name with an escape sequence and role paths with markup and a newline, as moto serves them, and
    an alias no real KMS allows (constructed: moto refuses it): each row shows its text spelled out, never styled,
    never run by the terminal, never split over two rows."""
    account.hostile_names(monkeypatch)
    app = WizardApp(None, environ={"AWS_REGION": REGION})
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(pilot)
        streams = screen.query_one("#discover-streams", SelectionList)
        roles = screen.query_one("#discover-roles", SelectionList)
        keys_list = screen.query_one("#discover-keys", OptionList)
        shown = {str(lst.get_option_at_index(i).prompt) for lst in (streams, roles, keys_list)
                 for i in range(lst.option_count)}
        assert set(HOSTILE_SHOWN) <= shown
        prompts = [lst.get_option_at_index(i).prompt for lst in (streams, roles, keys_list)
                   for i in range(lst.option_count)]
        assert all(not getattr(p, "spans", []) for p in prompts)  # no style parsed out of the text
        rows = [roles.render_line(y).text for y in range(roles.option_count)]
        assert any(row.strip().endswith("/ops/[bold red]x[/]/styled") for row in rows), rows
        assert not any("\x1b" in text or "\n" in text for text in shown)
