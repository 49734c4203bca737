"""Wrapping for display: rows join back to the text, fit the width, and break ARNs after `:` or `/`."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st
from rich.cells import cell_len

from wizard.tui.text import wrap_spans, wrap_text

ROLE = "arn:aws:iam::444455556666:role/service-role/orders-fn"
NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_.", min_size=1, max_size=30)


def test_the_issues_role_arn_breaks_after_a_slash_not_inside_its_name() -> None:
    # Textual's own wrapping gave `…role/service-role/orde` / `rs-fn` here.
    rows = wrap_text(ROLE, 40)
    assert rows == ["arn:aws:iam::444455556666:role/", "service-role/orders-fn"]


def test_continued_rows_are_indented_and_still_fit() -> None:
    rows = wrap_text("Key      arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", 34, 9)
    assert rows[0].startswith("Key      arn:aws:kms:")
    assert all(row.startswith(" " * 9) for row in rows[1:])
    assert all(cell_len(row) <= 34 for row in rows)
    assert "".join(row[9:] if index else row for index, row in enumerate(rows)) == (
        "Key      arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")


@given(st.text(min_size=0, max_size=300), st.integers(min_value=1, max_value=120), st.integers(0, 40))
def test_rows_join_back_to_the_text_and_fit(text: str, width: int, indent: int) -> None:
    rest = max(1, width - indent)
    spans = wrap_spans(text, width, rest)
    assert "".join(text[start:end] for start, end in spans) == text
    assert all(end > start for start, end in spans) or text == ""
    for number, (start, end) in enumerate(spans):
        room = width if number == 0 else rest
        # A character wider than the row is the only thing allowed to overflow it.
        assert cell_len(text[start:end]) <= room or end - start == 1


@given(st.lists(NAME, min_size=1, max_size=8), st.sampled_from(["kinesis", "iam", "kms"]),
       st.integers(min_value=32, max_value=80))
# Found by hypothesis: a name that fits a row right after a short one was cut at its '_'.
@example(["0", "0", "0", "0", "0", "00", "0000000000000000000000000000_0"], "kinesis", 32)
def test_arn_names_that_fit_a_row_are_never_cut(names: list[str], service: str, width: int) -> None:
    arn = f"arn:aws:{service}:us-west-2:111122223333:stream/" + "/".join(names)
    rows = wrap_text(arn, width)
    assert "".join(rows) == arn
    done = 0
    for row in rows[:-1]:
        done += len(row)
        following = arn[done:].split("/")[0].split(":")[0]
        if len(following) < width // 2:  # the next name fits a row: the row ends at a separator
            assert row[-1] in ":/", (row, rows)


def test_a_citation_breaks_after_its_hash_not_inside_the_file_name() -> None:
    """The access table's `file#Sid` in a narrow pane: `producer-policy.json#` / `WriteStreams`."""
    assert wrap_text("producer-policy.json#WriteStreams", 29, indent=4) == ["producer-policy.json#", "    WriteStreams"]
