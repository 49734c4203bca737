"""The "did you mean" for a mistyped Region, pinned by what the refusal says: a place name with a letter wrong names
its Region; something only loosely like a code or a name (under three quarters alike) suggests nothing rather than a
guess."""

from __future__ import annotations

import pytest

from wizard.core.regions import closest_region
from wizard.core.validate import check_region


@pytest.mark.parametrize(("typed", "meant"), [
    ("us west (oregan)", "us-west-2"),  # a Region's name, misspelled
    ("Asia Pacific (Tokio)", "ap-northeast-1"),
    ("europe paris", "eu-west-3"),
])
def test_a_misspelled_region_name_names_its_region(typed, meant):
    assert closest_region(typed) == meant
    assert check_region(typed) == f"no Region matches {typed!r}; did you mean {meant}?"


@pytest.mark.parametrize("typed", [
    "xx-west-9",  # 0.67 alike to us-west-2: not close enough to guess
    "asia (tokio)",  # 0.69 alike to asia pacific (tokyo)
])
def test_something_only_loosely_like_a_region_suggests_nothing(typed):
    assert closest_region(typed) is None
    assert "did you mean" not in check_region(typed)
