"""The line-based JSON view: the look of textual.highlight, long lines wrapped, changes marked."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from rich.style import Style as RichStyle
from textual.app import App, ComposeResult
from textual.highlight import highlight
from textual.pilot import Pilot
from textual.selection import Selection

from tests.tui.conftest import rejoin
from wizard.tui.widgets.json_view import JsonView

DOC = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Sid": "a \"quoted\": key", "Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::123456789012:root"]},
     "Action": ["kms:Decrypt"], "Resource": "*", "Condition": {"NumericLessThan": {"n": -1.5e3}},
     "Flags": [True, False, None, 0, 42]} for _ in range(20)]}, indent=2)


class ViewApp(App[None]):
    def compose(self) -> ComposeResult:
        yield JsonView()


@asynccontextmanager
async def showing(text: str, size: tuple[int, int]) -> AsyncIterator[tuple[Pilot, JsonView]]:
    """A view of `size` cells showing `text`, painted once."""
    app = ViewApp()
    async with app.run_test(size=size) as pilot:
        view = app.query_one(JsonView)
        view.show(text)
        await pilot.pause()
        yield pilot, view


def styles_per_char(pairs: list[tuple[str, RichStyle | None]]) -> list[RichStyle | None]:
    return [style for text, style in pairs for _ in text]


async def test_lines_look_as_textual_highlight_colours_them() -> None:
    async with showing(DOC, (60, 12)) as (_pilot, view):
        old = highlight(DOC, language="json").split("\n")
        for index, line in enumerate(DOC.split("\n")):
            expected = [(text, style.rich_style) for text, style in
                        old[index].render(view.visual_style, end="", parse_style=view._get_style)]
            got = [(segment.text, segment.style) for segment in view.line_strip(index)]
            assert "".join(text for text, _ in got) == line
            assert styles_per_char(got) == styles_per_char(expected), line


def rows_of(view: JsonView) -> list[str]:
    """Every row of the view as painted, scrolled through from the top a view's height at a time."""
    rows: dict[int, str] = {}
    for top in range(0, view.virtual_size.height, view.size.height):
        view.scroll_to(y=top, animate=False, immediate=True)
        for y in range(view.size.height):
            if view.scroll_offset.y + y < view.virtual_size.height:
                rows[view.scroll_offset.y + y] = view.render_line(y).text
    return [rows[index] for index in sorted(rows)]


LONG = json.dumps({"Statement": [{"Resource": [
    "arn:aws:kinesis:eu-central-1:111122223333:stream/orders-ingest-events-production-primary",
    "arn:aws:kinesis:eu-central-1:111122223333:stream/refunds"]}]}, indent=2)


async def test_long_lines_wrap_so_nothing_is_cut_or_hidden_to_the_right() -> None:
    async with showing(LONG, (60, 12)) as (_pilot, view):
        assert view.virtual_size.width <= view.size.width  # nothing to scroll sideways to
        rows = rows_of(view)
        assert all(len(row) == view.size.width for row in rows)
        assert rejoin(rows) == [line.rstrip() for line in LONG.splitlines()]
        # The long ARN is on two rows, broken after a `:` or `/`: the stream name is whole on one row.
        arn_rows = [row.strip() for row in rows if "eu-central-1" in row or "orders-ingest" in row]
        assert arn_rows[0][-1] in ":/" and arn_rows[1].startswith("↪ ")
        assert "orders-ingest-events-production-primary" in arn_rows[1]


async def test_paints_only_what_is_in_view() -> None:
    async with showing(DOC, (30, 10)) as (pilot, view):
        view.scroll_to(y=30, animate=False)
        await pilot.pause()
        assert len(view._strips) < 3 * view.size.height  # lines highlighted: those painted, not all


async def test_a_selection_copies_the_document_not_the_wrapping() -> None:
    async with showing(LONG, (40, 12)) as (_pilot, view):
        view.screen.selections = {view: Selection(None, None)}
        assert view.screen.get_selected_text() == LONG


async def test_lines_an_answer_changed_are_marked_for_a_moment() -> None:
    async with showing(LONG, (60, 20)) as (pilot, view):
        changed = LONG.replace("refunds", "returns")
        view.show(changed, mark=True)
        await pilot.pause()
        index = next(i for i, line in enumerate(changed.splitlines()) if "returns" in line)
        assert view.changed == {index}
        backgrounds = [{seg.style.bgcolor for seg in view.render_line(y)} for y in range(view.virtual_size.height)]
        rows = range(view.first_row[index], view.first_row[index + 1])  # the line's rows, wrapped
        assert [view.render_line(y).text.strip() for y in rows] == [
            '"arn:aws:kinesis:eu-central-1:111122223333:stream/', '↪ returns"']
        (marked,) = backgrounds[rows[0]]
        assert all(backgrounds[y] == {marked} for y in rows)
        assert all(marked not in colours for y, colours in enumerate(backgrounds) if y not in rows)
        view.clear_marks()  # what the timer does when the moment is over
        assert marked not in {seg.style.bgcolor for seg in view.render_line(rows[0])}


async def test_a_change_out_of_view_is_scrolled_into_view() -> None:
    async with showing(DOC, (60, 10)) as (pilot, view):
        lines = DOC.splitlines()
        last = max(i for i, line in enumerate(lines) if "kms:Decrypt" in line)
        assert not view.line_in_view(last)
        lines[last] = lines[last].replace("kms:Decrypt", "kms:GenerateDataKey")
        view.show("\n".join(lines), mark=True)
        await pilot.pause()
        assert view.line_in_view(last)
