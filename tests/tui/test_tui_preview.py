"""The preview as a user reads it: every ARN whole on screen, every label at once, the chosen pair side by side.

What is asserted is read off the painted screen (the compositor's rows), not the widgets' state:
a document's rows are collected by scrolling its pane down a page at a time, and rows that start
with `↪ ` are joined to the line above, as a reader does.
"""

from __future__ import annotations

import re

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.tui.conftest import rejoin, type_text
from wizard.core.model import Answers, Principal
from wizard.tui.app import WizardApp
from wizard.tui.widgets.document_bar import DocumentBar
from wizard.tui.widgets.json_view import JsonView
from wizard.tui.widgets.policy_preview import DocumentPane

LONG_STREAM = "orders-ingest-events-production-eu-central-primary-2026"
KEY = "arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
ROLE = "arn:aws:iam::444455556666:role/service-role/orders-fn"
ANSWERS = Answers(
    region="eu-central-1",
    account="111122223333",
    key=KEY,
    streams=(LONG_STREAM, "refunds"),
    principals=(
        Principal("orders-producer", ("producer",)),
        Principal(ROLE, ("consumer",), "lambda"),
        Principal("analytics", ("consumer",)),
        Principal("stream-admin", ("admin",)),
    ),
)
# Every document of ANSWERS, as the bar names it, in order.
LABELS = ["1 producer", "2 consumer", "3 lambda", "4 admin", "5 key", "6 stream: orders-in…imary-2026",
          "7 stream: refunds"]
SIZES = [(80, 24), (120, 36), (160, 48)]
ARN = re.compile(r'arn:[^"\s]+')


def screen_rows(app: WizardApp) -> list[str]:
    """The screen as painted, one string per row."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def rejoin_value(rows: list[str], value: str) -> tuple[str, list[str]]:
    """Rows from the one where `value` starts, joined (continued rows stripped) until it is whole; and the last
    character of each row taken, which tells where the value was broken."""
    joined, ends = "", []
    for row in rows:
        joined += row.strip() if joined else row
        ends.append(row[-1])
        if value in joined:
            break
    return joined, ends


async def read_document(pilot: Pilot, pane: DocumentPane) -> str:
    """The pane's document as the screen shows it, every page of it, wrapped rows joined."""
    view = pane.query_one(JsonView)
    rows: dict[int, str] = {}
    for top in range(0, view.virtual_size.height, max(1, view.size.height)):
        view.scroll_to(y=top, animate=False, immediate=True)
        await pilot.pause()
        screen = screen_rows(pilot.app)
        region = view.scrollable_content_region  # without the scrollbar
        for y in range(region.height):
            rows[view.scroll_offset.y + y] = screen[region.y + y][region.x:region.right]
    return "\n".join(rejoin([rows[index] for index in sorted(rows)]))


def bar_text(app: WizardApp) -> str:
    region = app.wizard.query_one(DocumentBar).region
    return "\n".join(row[region.x:region.right] for row in screen_rows(app)[region.y:region.bottom])


def shown_panes(app: WizardApp) -> list[DocumentPane]:
    return sorted((p for p in app.wizard.query(DocumentPane) if p.display and p.region), key=lambda p: p.region.x)


async def start(pilot: Pilot) -> None:
    await pilot.pause()
    pilot.app.wizard.goto("principals")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_arn_of_every_document_is_on_screen_whole(size: tuple[int, int]) -> None:
    app = WizardApp(ANSWERS, environ={})
    async with app.run_test(size=size) as pilot:
        await start(pilot)
        for number, doc in enumerate(app.bundle.documents, start=1):
            await pilot.press(f"f{number}")  # focus stays in the form: the key is not typed into it
            await pilot.pause()
            (pane,) = [p for p in shown_panes(app) if p.border_title == doc.filename]
            text = await read_document(pilot, pane)
            arns = set(ARN.findall(doc.text))
            assert arns, doc.filename
            missing = [arn for arn in arns if arn not in text]
            assert not missing, (doc.filename, missing)
            assert re.sub(r"\s", "", text) == re.sub(r"\s", "", doc.text)  # all of it, nothing more
        assert isinstance(app.focused, Input) and app.focused.value == ""  # nothing typed into the form


@pytest.mark.parametrize("size", SIZES[1:], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_document_label_is_visible_with_its_size(size: tuple[int, int]) -> None:
    app = WizardApp(ANSWERS, environ={})
    async with app.run_test(size=size) as pilot:
        await start(pilot)
        bar = bar_text(app)
        for text in LABELS:
            assert re.search(re.escape(text) + r" (<1|\d+)%", bar), (text, bar)


async def test_the_chosen_pair_sits_side_by_side_and_both_read_whole() -> None:
    app = WizardApp(ANSWERS, environ={})
    async with app.run_test(size=(160, 48)) as pilot:
        await start(pilot)
        # The lambda role's policy beside the stream policy for refunds: F3, then the other side, then F7.
        await pilot.press("f3", "ctrl+t", "f7")
        await pilot.pause()
        left, right = shown_panes(app)
        assert (left.border_title, right.border_title) == ("lambda-consumer-policy.json",
                                                          "stream-resource-policy-refunds.json")
        assert left.region.y == right.region.y and left.region.right <= right.region.x
        assert right.region.right <= 160
        for pane in (left, right):
            text = await read_document(pilot, pane)
            assert all(arn in text for arn in ARN.findall(pane.doc.text))
        assert app.wizard.active_document().filename == "stream-resource-policy-refunds.json"  # what ctrl+y copies


async def test_the_palette_puts_a_document_beside_the_active_one() -> None:
    app = WizardApp(ANSWERS, environ={})
    async with app.run_test(size=(160, 48)) as pilot:
        await start(pilot)
        await pilot.press("f2")  # the consumer policy, then the key policy beside it from the palette
        await pilot.pause()
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        commands["Show beside consumer: key (key-policy.json)"].callback()
        await pilot.pause()
        assert [p.border_title for p in shown_panes(app)] == ["consumer-policy.json", "key-policy.json"]
        commands["Show document: admin (admin-policy.json)"].callback()
        await pilot.pause()
        assert [p.border_title for p in shown_panes(app)] == ["admin-policy.json", "key-policy.json"]


async def test_one_pane_when_narrow_and_the_other_side_is_one_key_away() -> None:
    app = WizardApp(ANSWERS, environ={})
    async with app.run_test(size=(120, 36)) as pilot:
        await start(pilot)
        assert [p.border_title for p in shown_panes(app)] == ["producer-policy.json"]
        await pilot.press("ctrl+t")  # the other half of the pair: the key policy by default
        await pilot.pause()
        assert [p.border_title for p in shown_panes(app)] == ["key-policy.json"]
        await pilot.press("ctrl+o")  # the next document replaces it
        await pilot.pause()
        assert [p.border_title for p in shown_panes(app)] == ["stream-resource-policy-" + LONG_STREAM + ".json"]
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert [p.border_title for p in shown_panes(app)] == ["producer-policy.json"]
        await pilot.resize_terminal(160, 48)  # the same pair, now side by side
        await pilot.pause()
        await pilot.pause()
        assert [p.border_title for p in shown_panes(app)] == ["producer-policy.json",
                                                             "stream-resource-policy-" + LONG_STREAM + ".json"]


async def test_a_click_on_a_label_shows_its_document() -> None:
    app = WizardApp(ANSWERS, environ={})
    async with app.run_test(size=(120, 36)) as pilot:
        await start(pilot)
        bar = app.wizard.query_one(DocumentBar)
        row, column = next((y, line.index("4 admin")) for y, line in enumerate(bar_text(app).splitlines())
                           if "4 admin" in line)
        await pilot.click(DocumentBar, offset=(column + 2, row))
        await pilot.pause()
        assert [p.border_title for p in shown_panes(app)] == ["admin-policy.json"]
        assert bar.region  # still there


async def test_maximize_shows_the_active_document_on_the_whole_screen_and_back() -> None:
    app = WizardApp(ANSWERS, environ={})
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        field = app.focused
        await pilot.press("f5", "ctrl+f")
        await pilot.pause()
        (pane,) = shown_panes(app)
        assert app.screen.maximized is pane and pane.border_title == "key-policy.json"
        assert pane.region.width == 80
        text = await read_document(pilot, pane)
        assert all(arn in text for arn in ARN.findall(pane.doc.text))
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.maximized is None
        assert app.focused is field  # typing goes where it went before
        await pilot.press("ctrl+f", "ctrl+f")
        await pilot.pause()
        assert app.screen.maximized is None and app.focused is field


async def test_headers_say_whom_to_attach_to_and_which_key_or_stream() -> None:
    app = WizardApp(ANSWERS, environ={})
    async with app.run_test(size=(160, 48)) as pilot:
        await start(pilot)
        expected = {
            1: "Attach to IAM role orders-producer",
            3: "Attach to IAM role orders-fn in account 444455556666",
            5: "Set on KMS key 1234abcd-12ab-34cd-56ef-1234567890ab in account 111122223333",
            7: "Set on stream refunds in account 111122223333",
        }
        for number, header in expected.items():
            await pilot.press(f"f{number}")
            await pilot.pause()
            (pane,) = [p for p in shown_panes(app) if p.border_title == app.bundle.documents[number - 1].filename]
            region = pane.query_one(".attach").region
            painted = " ".join(row[region.x:region.right].strip()
                               for row in screen_rows(app)[region.y:region.bottom])
            assert painted == header


async def test_an_answer_marks_the_lines_and_labels_it_changed() -> None:
    app = WizardApp(ANSWERS, environ={})
    async with app.run_test(size=(160, 48)) as pilot:
        await start(pilot)
        assert "•" not in bar_text(app) and "+" not in bar_text(app)
        app.wizard.goto("streams")
        await pilot.pause()
        await type_text(pilot, "clicks")
        await pilot.press("enter")
        await pilot.pause()
        bar = bar_text(app)
        assert "•1 producer" in bar and "•5 key" in bar  # changed
        assert "+8 stream: clicks" in bar  # appeared
        view = shown_panes(app)[0].query_one(JsonView)
        lines = view.text.splitlines()
        # The new stream's ARN, and the ARN before it (which gained a comma): nothing else.
        assert any(":stream/clicks" in lines[i] for i in view.changed)
        assert all(":stream/" in lines[i] for i in view.changed)


def test_alt_and_a_digit_from_a_terminal_is_a_key_not_a_character() -> None:
    # Terminals send alt+5 as ESC 5; Textual would read it as `∞` (typed into the focused field).
    from textual._xterm_parser import XTermParser

    from wizard.tui.keys import read_alt_digits

    read_alt_digits()
    events = list(XTermParser().feed("\x1b5"))
    assert [(e.key, e.character) for e in events] == [("alt+5", None)]


async def test_the_reviews_long_arns_wrap_after_a_colon_or_slash() -> None:
    app = WizardApp(ANSWERS, environ={})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.wizard.goto("review")
        await pilot.pause()
        summary = app.wizard.query_one("#review-summary")
        summary.scroll_visible(animate=False, top=True)
        await pilot.pause()
        region = summary.region
        rows = [row[region.x:region.right].rstrip() for row in screen_rows(app)[region.y:region.bottom]]
        key_rows = rows[next(i for i, row in enumerate(rows) if row.startswith("Key")):]
        joined, ends = "", []
        for row in key_rows:
            joined += row.strip() if joined else row.removeprefix("Key").strip()
            ends.append(row[-1])
            if KEY in joined:
                break
        assert KEY in joined and len(ends) > 1
        assert all(end in ":/-" for end in ends[:-1]), key_rows  # never inside a name
        role_rows = [i for i, row in enumerate(rows) if "444455556666" in row]
        role = rows[role_rows[0]].strip() + rows[role_rows[0] + 1].strip()
        assert role.startswith(ROLE) and rows[role_rows[0]].endswith(("/", ":")), rows



@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_principals_list_breaks_an_arn_after_a_separator_never_inside_a_name(size: tuple[int, int]) -> None:
    long_role = "arn:aws:iam::444455556666:role/service-role/orders-enrichment-function"
    answers = Answers(**{**ANSWERS.__dict__, "principals": (Principal(long_role, ("consumer",), "lambda"),)})
    app = WizardApp(answers, environ={})
    async with app.run_test(size=size) as pilot:
        await start(pilot)
        entries = app.wizard.query_one("#principal-list")
        entries.scroll_visible(animate=False, immediate=True)  # below the fields at 80×24
        await pilot.pause()
        region = entries.scrollable_content_region
        rows = [row[region.x:region.right].strip() for row in screen_rows(app)[region.y:region.bottom]]
        rows = [row for row in rows if row]
        first = next(index for index, row in enumerate(rows) if row.startswith("arn:"))
        arn_rows, text = [], ""
        for row in rows[first:]:
            arn_rows.append(row)
            text += row
            if len(text) >= len(long_role):
                break
        assert text.startswith(long_role), rows  # whole, read across its rows
        assert all(row[-1] in ":/" for row in arn_rows[:-1]), rows  # each row ends at a separator


TWENTY = Answers(region="us-west-2", account="123456789012", key="alias/orders",
                 streams=tuple(f"stream-number-{n:02d}-with-a-long-name" for n in range(20)),
                 principals=(Principal("app-writer", ("producer",)),
                             Principal("arn:aws:iam::210987654321:role/partner", ("consumer",))))


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_every_document_of_twenty_streams_is_told_apart_and_reachable_in_the_bar(size: tuple[int, int]) -> None:
    """Twenty long stream names: each stream's label says which it is; ctrl+o past the ninth keeps the active
    label in view, and a click on a label past the ninth (no F-key) shows that document."""
    app = WizardApp(TWENTY, environ={})
    async with app.run_test(size=size) as pilot:
        await pilot.press("ctrl+r")  # Review shows the access table; the documents instead
        await pilot.pause()
        bar = app.wizard.query_one(DocumentBar)
        docs = app.bundle.documents
        assert len(docs) > 20
        chips = [chip.label for row in bar.rows for _x, chip in row]
        assert len(chips) == len(docs) and len(set(chips)) == len(chips), chips
        assert "stream: …ber-13-with-a-long…" in chips
        seen = set()
        for _press in range(len(docs)):
            await pilot.press("ctrl+o")
            await pilot.pause()
            seen.add(app.wizard.active_document().filename)
            row = next(y for y, row in enumerate(bar.rows) if any(chip.active for _x, chip in row))
            top = bar.scroll_offset.y
            assert top <= row < top + bar.size.height  # the active label is in view
        assert seen >= {doc.filename for doc in docs[9:]}  # every one past the F-keys (a pair's half: ctrl+t)
        await pilot.press("f9", "ctrl+o", "ctrl+o")  # past the ninth again
        await pilot.pause()
        top = bar.scroll_offset.y
        y, x, index = next((y, x, chip.index) for y, row in enumerate(bar.rows) for x, chip in row
                           if top <= y < top + bar.size.height and chip.index >= 9 and not chip.active)
        await pilot.click(DocumentBar, offset=(x + 2, y - top))  # a label in view, past the ninth
        await pilot.pause()
        assert app.wizard.active_document() is docs[index]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_refusal_naming_a_long_arn_breaks_it_after_a_separator(size: tuple[int, int]) -> None:
    """The message above Next lists each open problem; an ARN in it wraps like everywhere else, never mid-name."""
    stream = "arn:aws:kinesis:eu-west-1:444455556666:stream/orders-enrichment-clickstream-events-archive"
    answers = Answers(**{**ANSWERS.__dict__, "region": "us-east-1", "streams": (stream,)})
    app = WizardApp(answers, environ={})
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.wizard.goto("streams")
        await pilot.pause()
        entries = app.wizard.query_one("#stream-list")
        region = entries.scrollable_content_region
        rows = [row[region.x:region.right].rstrip() for row in screen_rows(app)[region.y:region.bottom]]
        rule = next(i for i, row in enumerate(rows) if "the stream must be in Region" in row)
        assert rows[rule].startswith("  ") and "not 'eu-west-1'" in " ".join(row.strip() for row in rows[rule:])
        assert all(row.startswith("    ") for row in rows[rule + 1:] if row), rows  # under the rule, past its indent
        await pilot.press("ctrl+n")
        await pilot.pause()
        message = app.wizard.query_one("#step-message")
        assert message.display and "Streams is not complete" in message.text and stream in message.text
        region = message.region
        rows = [row[region.x:region.right].rstrip() for row in screen_rows(app)[region.y:region.bottom]]
        first = next(i for i, row in enumerate(rows) if "arn:aws:kinesis" in row)
        joined, ends = rejoin_value(rows[first:], stream)
        assert stream in joined, rows
        if size[0] < 120:
            assert len(ends) > 1, rows  # it did wrap at 80 columns
        assert all(end in ":/- " for end in ends[:-1]), rows  # never inside a name
        continued = rows[first + 1:first + len(ends)]
        assert all(row.startswith("  ") for row in continued), rows  # indented under its bullet


async def test_a_fields_rule_naming_an_arn_breaks_it_after_a_separator() -> None:
    """The rule under the principal field quotes the role a session ARN stands for; at 80 columns that ARN
    breaks after `:` or `/` with its continued rows indented, not mid-name (`role/app-writ` / `er`)."""
    session = "arn:aws:sts::111122223333:assumed-role/orders-enrichment-writer-role/botocore-session-1700000000"
    role = "arn:aws:iam::111122223333:role/orders-enrichment-writer-role"
    app = WizardApp(Answers(**{**ANSWERS.__dict__, "principals": ()}), environ={})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.wizard.goto("principals")
        await pilot.pause()
        await type_text(pilot, session)
        await pilot.pause()
        message = app.wizard.query_one("#principal-message")
        assert role in (message.shown or ""), message.shown
        region = message.content_region
        rows = [row[region.x:region.right].rstrip() for row in screen_rows(app)[region.y:region.bottom]]
        assert len(rows) > 1 and rows[0] and not rows[0].startswith(" "), rows  # it did wrap
        assert all(row.startswith("  ") for row in rows[1:] if row), rows  # continued rows indented
        first = next(i for i, row in enumerate(rows) if "arn:" in row)
        joined, ends = rejoin_value(rows[first:], role)
        assert role in joined and len(ends) > 1, rows  # the ARN itself wrapped at 80 columns
        assert all(end in ":/" for end in ends[:-1]), rows  # after a separator, never inside a name
