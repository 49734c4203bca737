"""The enhanced fan-out consumer name of a reader in another account, asked in the principals step: shown exactly for
such a reader, checked as typed, added with Enter, loaded again for editing."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import Input

from tests.tui.conftest import FULL
from wizard.tui.app import WizardApp
from wizard.tui.widgets.steps.principals import PrincipalsPane

READER = "arn:aws:iam::210987654321:role/analytics"


async def _principals(pilot, app: WizardApp) -> PrincipalsPane:  # type: ignore[no-untyped-def]
    app.wizard.goto("principals")
    await pilot.pause()
    return app.query_one(PrincipalsPane)


async def test_a_reader_in_another_account_is_asked_its_consumer_name_and_gets_it() -> None:
    app = WizardApp(replace(FULL, principals=(), fan_out=True), environ={})
    async with app.run_test(size=(110, 40)) as pilot:
        pane = await _principals(pilot, app)
        row = pane.query_one("#consumer-row")
        await pilot.press(*"reader")
        await pilot.pause()
        assert not row.display  # a role of the stream's account gets no consumer of its own
        pane.query_one("#principal-input", Input).value = READER
        await pilot.press("tab", "tab", "space")  # consumer ticked
        await pilot.pause()
        assert row.display
        assert pane.query_one("#consumer-name", Input).placeholder == "analytics-210987654321"
        pane.query_one("#consumer-name", Input).focus()
        await pilot.press(*"orders-app", "enter")
        await pilot.pause()
        assert [(p.ref, p.consumer_name) for p in app.answers.principals] == [(READER, "orders-app")]
        assert app.focused is pane.query_one("#principal-input", Input)
        assert pane.query_one("#consumer-name", Input).value == ""  # one principal's, like its service
        assert not row.display  # the name field is empty again
        assert "fan-out consumer orders-app" in pane.query_one("#principal-list").rows[0][0]
        doc = app.bundle.get("consumer-resource-orders")
        assert doc is not None and doc.consumer == "orders-app"


async def test_a_bad_consumer_name_is_refused_with_its_rule_and_nothing_is_added() -> None:
    app = WizardApp(replace(FULL, principals=(), fan_out=True), environ={})
    async with app.run_test(size=(110, 40)) as pilot:
        pane = await _principals(pilot, app)
        pane.query_one("#principal-input", Input).value = READER
        pane.query_one("#role-consumer").value = True
        await pilot.pause()
        consumer = pane.query_one("#consumer-name", Input)
        consumer.focus()
        await pilot.press(*"my app", "enter")
        await pilot.pause()
        assert app.answers.principals == ()
        assert app.focused is consumer
        message = str(pane.query_one("#consumer-name-message").shown)
        assert "'my app' is not valid" in message and "1 to 128 letters" in message
        # The ARN in the name field is fine: its rule line does not take the consumer name for a role name.
        assert not pane.query_one("#principal-message").has_class("-error")


async def test_without_fan_out_or_for_firehose_no_consumer_name_is_asked_and_an_edited_one_is_kept() -> None:
    kept = replace(FULL.principals[1], consumer_name="orders-app")
    app = WizardApp(replace(FULL, principals=(kept,), fan_out=False), environ={})
    async with app.run_test(size=(110, 40)) as pilot:
        pane = await _principals(pilot, app)
        row = pane.query_one("#consumer-row")
        pane.query_one("#principal-list").focus()
        await pilot.press("enter")  # edit the reader: fan-out off, so no field
        await pilot.pause()
        assert pane.query_one("#principal-input", Input).value == READER
        assert not row.display
        pane.query_one("#principal-input", Input).focus()
        await pilot.press("enter")  # updated as it was: the name it had is kept for when fan-out is on again
        await pilot.pause()
        assert app.answers.principals == (kept,)
        pane.query_one("#fan-out").value = True
        await pilot.pause()
        pane.query_one("#principal-list").focus()
        await pilot.press("enter")  # edited again, fan-out on: the field shows the name
        await pilot.pause()
        assert row.display and pane.query_one("#consumer-name", Input).value == "orders-app"
        pane.query_one("#service").value = "firehose"
        await pilot.pause()
        assert not row.display  # Firehose reads with GetRecords: no consumer


async def test_the_list_names_the_consumer_a_reader_gets_and_only_while_it_gets_one() -> None:
    """`· fan-out consumer NAME` beside a reader in another account: the default name when none is given, the given
    one otherwise, and nothing while fan-out is off (no consumer is registered then)."""
    given = replace(FULL.principals[1], consumer_name="orders-app")
    other = replace(FULL.principals[1], ref="arn:aws:iam::210987654321:role/audit")
    app = WizardApp(replace(FULL, principals=(given, other), fan_out=True), environ={})
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await _principals(pilot, app)
        rows = [text for text, _ in pane.query_one("#principal-list").rows]
        assert rows == [f"{READER}: consumer · fan-out consumer orders-app",
                        "arn:aws:iam::210987654321:role/audit: consumer · fan-out consumer audit-210987654321"]
        pane.query_one("#fan-out").value = False
        await pilot.pause()
        rows = [text for text, _ in pane.query_one("#principal-list").rows]
        assert rows == [f"{READER}: consumer", "arn:aws:iam::210987654321:role/audit: consumer"]
