"""Every name, ARN and Sid in the bundle README is a code span that shows exactly that text, in the raw file as in
rendered Markdown: CommonMark renders it as the text itself (controls spelled out, as everywhere the tool shows an
answer), and it is the shortest span that does, so the raw README adds no backticks or spaces the text does not
need."""

from __future__ import annotations

import html
import re

import pytest
from markdown_it import MarkdownIt

from wizard.core.display import visible
from wizard.core.readme import code

TEXTS = [
    "orders", "arn:aws:iam::123456789012:role/team/reader", "a b",  # names and ARNs: one backtick each side
    " lead", "trail ", " both ", " ", "   ",  # spaces CommonMark would strip, or keeps
    "a`b", "`ab", "ab`", "``x`", "two``ticks`", "` `",  # backticks inside and at the ends
    "tab\there", " \x07 ", "\x1b[31m",  # controls, spelled out
]


def rendered(span: str) -> str | None:
    """What CommonMark shows for `span` in a line of text: the code span's text, or None if it is not one span."""
    found = re.fullmatch(r"x <code>(.*)</code> x", MarkdownIt("commonmark").renderInline(f"x {span} x"), re.DOTALL)
    return html.unescape(found.group(1)) if found else None


@pytest.mark.parametrize("text", TEXTS)
def test_a_code_span_shows_the_text_exactly_and_is_the_shortest_that_does(text):
    shown = visible(text)
    span = code(text)
    assert rendered(span) == shown, span
    longest = max((len(run) for run in re.findall("`+", shown)), default=0)
    spans = [f"{fence}{pad}{shown}{pad}{fence}" for fence in ("`" * n for n in range(1, longest + 3))
             for pad in ("", " ")]
    assert len(span) == min(len(s) for s in spans if rendered(s) == shown), (span, spans)
