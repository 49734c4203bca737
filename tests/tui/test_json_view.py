"""The line-based JSON view: the look of textual.highlight, and scrolling both ways."""

from __future__ import annotations

import json

from rich.style import Style as RichStyle
from textual.app import App, ComposeResult
from textual.highlight import highlight

from wizard.tui.widgets.json_view import JsonView

DOC = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Sid": "a \"quoted\": key", "Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::123456789012:root"]},
     "Action": ["kms:Decrypt"], "Resource": "*", "Condition": {"NumericLessThan": {"n": -1.5e3}},
     "Flags": [True, False, None, 0, 42]} for _ in range(20)]}, indent=2)


class ViewApp(App[None]):
    def compose(self) -> ComposeResult:
        yield JsonView()


def styles_per_char(pairs: list[tuple[str, RichStyle | None]]) -> list[RichStyle | None]:
    return [style for text, style in pairs for _ in text]


async def test_lines_look_as_textual_highlight_colours_them() -> None:
    app = ViewApp()
    async with app.run_test(size=(60, 12)) as pilot:
        view = app.query_one(JsonView)
        view.show(DOC)
        await pilot.pause()
        old = highlight(DOC, language="json").split("\n")
        for index, line in enumerate(DOC.split("\n")):
            expected = [(text, style.rich_style) for text, style in
                        old[index].render(view.visual_style, end="", parse_style=view._get_style)]
            got = [(segment.text, segment.style) for segment in view.line_strip(index)]
            assert "".join(text for text, _ in got) == line
            assert styles_per_char(got) == styles_per_char(expected), line


async def test_scrolls_both_ways_and_paints_only_what_is_in_view() -> None:
    app = ViewApp()
    async with app.run_test(size=(30, 10)) as pilot:
        view = app.query_one(JsonView)
        view.show(DOC)
        await pilot.pause()
        lines = DOC.split("\n")
        assert view.virtual_size.height == len(lines)
        assert view.virtual_size.width == max(map(len, lines)) + 1  # a blank column after the widest
        width = view.size.width
        assert view.render_line(3).text == lines[3][:width].ljust(width)
        view.scroll_to(x=4, y=30, animate=False)
        await pilot.pause()
        assert view.render_line(0).text == lines[30][4:4 + width].ljust(width)
        assert len(view._strips) < 3 * view.size.height  # lines highlighted: those painted, not all
