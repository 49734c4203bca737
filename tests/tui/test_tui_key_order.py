"""Keys that reach a field in one burst (a laggy SSH link, a fast typist) apply in the order typed."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual import events
from textual.widgets import Input

from tests.tui.conftest import FULL
from wizard.tui.app import WizardApp


async def settle(app: WizardApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until every key posted has gone through the app's key gate and been handled (a burst is handled one key
    at a time, so under load it takes longer than a pause or two)."""
    for _ in range(400):
        await pilot.pause()
        if not app.key_gate.waiting and not app.key_gate.in_flight:
            break
        await pilot.pause(0.025)
    await pilot.pause()


async def test_keys_in_one_burst_apply_in_order() -> None:
    app = WizardApp(replace(FULL, account=""), environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        app.wizard.goto("account")
        await pilot.pause()
        field = app.query_one("#account-input", Input)
        assert app.focused is field
        # Posted without waiting, as a terminal's read of several keys at once delivers them.
        for key, char in [("1", "1"), ("2", "2"), ("3", "3"), ("backspace", None), ("4", "4"), ("left", None),
                          ("backspace", None), ("9", "9")]:
            app.post_message(events.Key(key, char))
        await settle(app, pilot)
        assert field.value == "194"


def _burst(app: WizardApp, text: str) -> None:
    """`text` as keys posted at once ("\\r" is Enter), as one read of a terminal delivers them."""
    for char in text:
        app.post_message(events.Key("enter", "\r") if char == "\r" else events.Key(char, char))


async def test_an_answer_and_enter_in_one_burst_go_on_with_that_answer() -> None:
    app = WizardApp(replace(FULL, account="", streams=()), environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        app.wizard.goto("account")
        await pilot.pause()
        _burst(app, "123456789012\r")
        await settle(app, pilot)
        assert (app.answers.account, app.wizard.index) == ("123456789012", 2)  # on the key step
        app.wizard.goto("streams")
        await pilot.pause()
        _burst(app, "orders\r\r")  # add the stream, then Enter on the empty field goes on
        await settle(app, pilot)
        assert (app.answers.streams, app.wizard.index) == (("orders",), 4)  # on the principals step


def _keys(app: WizardApp, *keys: str) -> None:
    """Named keys and text posted at once: each name in KEYS is one key, anything else its characters."""
    named = {"tab": "\t", "enter": "\r", "space": " ", "down": None, "shift+tab": None}
    for key in keys:
        if key in named:
            app.post_message(events.Key(key, named[key]))
        else:
            for char in key:
                app.post_message(events.Key(char, char))


@pytest.mark.parametrize(("keys", "roles"), [
    # `name` Tab Enter Enter at once: the first Enter ticks and the second adds (it went to the box).
    (("tab", "tab", "enter", "enter"), ("producer", "consumer")),
    # Space keys a box got before a later Tab moved on are its own: producer (kept from the last
    # principal) unticked, consumer ticked.
    (("tab", "space", "tab", "space", "enter", "enter"), ("consumer",)),
], ids=["enter-ticks", "space-toggles"])
async def test_a_principal_its_roles_and_enter_in_one_burst(keys: tuple[str, ...], roles: tuple[str, ...]) -> None:
    """Sent at once (tmux send-keys, a fast typist): ticked, added, in order."""
    app = WizardApp(replace(FULL, principals=()), environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        app.wizard.goto("principals")
        await pilot.pause()
        _keys(app, "app-writer", "tab", "enter", "enter")
        await settle(app, pilot)
        _keys(app, "analytics", *keys)
        await settle(app, pilot)
        assert [(p.ref, p.roles) for p in app.answers.principals] == [
            ("app-writer", ("producer",)), ("analytics", roles)]


async def test_streams_typed_with_enters_in_one_burst_are_each_their_own() -> None:
    """`orders` Enter `refunds` Enter Enter at once: two streams, then the next step (not `ordersrefunds`)."""
    app = WizardApp(replace(FULL, streams=()), environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        app.wizard.goto("streams")
        await pilot.pause()
        _keys(app, "orders", "enter", "refunds", "enter", "audit", "enter", "enter")
        await settle(app, pilot)
        assert app.answers.streams == ("orders", "refunds", "audit")
        assert app.wizard.index == 4  # on the principals step


async def test_a_refused_item_in_a_burst_is_given_back_before_what_was_typed_after() -> None:
    app = WizardApp(replace(FULL, streams=()), environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        app.wizard.goto("streams")
        await pilot.pause()
        _keys(app, "bad name", "enter", "x")
        await settle(app, pilot)
        assert app.answers.streams == ()
        assert app.query_one("#stream-input").value == "bad namex"


async def test_a_service_chosen_in_one_burst_and_the_next_principal_typed_after_it() -> None:
    """`fn` Tab Tab Space Tab Tab Enter Down Enter Enter `reader` Enter at once (tmux send-keys, a fast typist):
    the service list opens, Lambda is chosen, the name field has the cursor again, Enter adds `fn` and the next
    principal is typed where it belongs. With Textual's Select the list took its focus only after the keys on their
    way, so Down and Enter reopened it, the first choice stayed and `reader` was lost."""
    app = WizardApp(replace(FULL, principals=()), environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        app.wizard.goto("principals")
        await pilot.pause()
        _keys(app, "fn", "tab", "tab", "space", "tab", "tab", "enter", "down", "enter", "enter", "reader", "enter")
        await settle(app, pilot)
        assert [(p.ref, p.roles, p.service) for p in app.answers.principals] == [
            ("fn", ("consumer",), "lambda"), ("reader", ("consumer",), None)]
        assert app.focused is app.query_one("#principal-input", Input)


async def test_a_whole_principal_step_in_one_burst_adds_each_with_its_own_ticks() -> None:
    """`writer` Tab Enter Enter `fn` Tab Tab Space Tab Tab Enter Down Enter Enter at once: the Enter that adds `writer`
    is handed on by the role box, and the keys behind it tick consumer and choose Lambda before the pane takes it.
    `writer` gets the ticks and service as they were when its Enter was pressed, not fn's."""
    app = WizardApp(replace(FULL, principals=()), environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        app.wizard.goto("principals")
        await pilot.pause()
        _keys(app, "writer", "tab", "enter", "enter",
              "fn", "tab", "tab", "space", "tab", "tab", "enter", "down", "enter", "enter")
        await settle(app, pilot)
        assert [(p.ref, p.roles, p.service) for p in app.answers.principals] == [
            ("writer", ("producer",), None), ("fn", ("producer", "consumer"), "lambda")]
        assert app.focused is app.query_one("#principal-input", Input)


async def test_a_paste_after_keys_that_move_the_focus_lands_where_they_left_it() -> None:
    """`writer` Tab Enter, then a paste, read at once: Enter ticks producer and puts the cursor back in the name
    field, and the paste goes there too (handed on ahead of the Enter, it went to the role box, which drops it)."""
    app = WizardApp(replace(FULL, principals=()), environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        app.wizard.goto("principals")
        await pilot.pause()
        _keys(app, "writer", "tab", "enter")
        app.post_message(events.Paste("-2"))
        await settle(app, pilot)
        assert app.query_one("#principal-input", Input).value == "writer-2"
        assert app.focused is app.query_one("#principal-input", Input)


async def test_a_key_whose_barrier_is_lost_lets_the_next_go_after_a_while(monkeypatch: pytest.MonkeyPatch) -> None:
    """If a key's barrier never comes back (its widget went away), the keys behind it are not held for ever."""
    from wizard.tui import key_gate

    monkeypatch.setattr(key_gate, "PATIENCE", 1.0)
    monkeypatch.setattr(key_gate.KeyBarrier, "_bubble_to", lambda self, widget: None)  # every barrier lost
    app = WizardApp(replace(FULL, account=""), environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        app.wizard.goto("account")
        await pilot.pause()
        field = app.query_one("#account-input", Input)
        _keys(app, "123")
        await pilot.pause()
        assert field.value == "1"  # held: each key waits for its barrier, which does not come
        for _ in range(200):
            if field.value == "123":
                break
            await pilot.pause(0.05)
        assert field.value == "123"


async def test_the_whole_wizard_typed_in_one_burst_lands_every_key_in_its_step() -> None:
    """From the Region to the principals in one send, as tmux send-keys or a fast typist gives it: each Enter that
    goes on mounts the next step's pane, and the keys behind it wait for that pane's field instead of going to the
    field it left (the account's first digit went to the Region filter)."""
    app = WizardApp(environ={})
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        _keys(app, "eu-west-1", "enter", "123456789012", "enter", "alias/streams", "enter", "orders", "enter",
              "enter", "arn:aws:iam::444455556666:role/team/analytics", "tab", "tab", "space", "tab", "tab", "tab",
              "orders-app", "enter", "writer", "tab", "space", "enter", "enter")
        await settle(app, pilot)
        answers = app.answers
        assert (answers.region, answers.account, answers.key, answers.streams) == (
            "eu-west-1", "123456789012", "alias/streams", ("orders",))
        assert [(p.ref, p.roles, p.consumer_name) for p in answers.principals] == [
            ("arn:aws:iam::444455556666:role/team/analytics", ("consumer",), "orders-app"),
            ("writer", ("producer", "consumer"), None)]
        assert app.focused is app.query_one("#principal-input", Input)


async def test_keys_after_enter_on_the_add_button_go_to_the_name_field_it_gives_the_cursor_to() -> None:
    """Enter on Add, then `xyz`, at once: the button's press adds and puts the cursor back in the name field, and all
    of `xyz` lands there (the press is handled by the pane after the key has gone; `x` went to the button)."""
    app = WizardApp(replace(FULL, streams=()), environ={})
    async with app.run_test(size=(100, 30)) as pilot:
        app.wizard.goto("streams")
        await pilot.pause()
        app.query_one("#stream-input", Input).value = "orders"
        app.query_one("#stream-add").focus()
        await pilot.pause()
        _keys(app, "enter", "xyz")
        await settle(app, pilot)
        assert app.answers.streams == ("orders",)
        assert app.query_one("#stream-input", Input).value == "xyz"


async def test_tab_reaches_the_consumer_name_field_shown_by_the_keys_just_before_it_in_one_burst() -> None:
    """A reader in another account typed, Tab to the consumer name and the name, Enter, all at once: the field the
    ARN made appear is the one Tab goes to, and the principal gets the name typed."""
    app = WizardApp(replace(FULL, principals=(), fan_out=True), environ={})
    async with app.run_test(size=(120, 40)) as pilot:
        app.wizard.goto("principals")
        await pilot.pause()
        app.query_one("#role-consumer").value = True
        await pilot.pause()
        _keys(app, "arn:aws:iam::444455556666:role/bi", "tab", "tab", "tab", "tab", "tab", "bi-app", "enter")
        await settle(app, pilot)
        assert [(p.ref, p.consumer_name) for p in app.answers.principals] == [
            ("arn:aws:iam::444455556666:role/bi", "bi-app")]
