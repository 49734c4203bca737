"""Wildcards as IAM reads them (`*` any run, `?` any one character) on every pattern shape, and a hostile pattern
from a policy file decided, not left to a regular expression's backtracking (a `*0*0…*z` Resource took seconds).

https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html (wildcards in ARNs)
"""

from __future__ import annotations

import itertools
import random

import pytest
from evaluator_corners import ROLE, STREAM, ident

from wizard.core.evaluate import Request, arn_matches, evaluate, glob_match


def reference(pattern: str, value: str, fold: bool = False) -> bool:
    """The textbook dynamic programme over (pattern, value) prefixes: plainly right, too slow for the evaluator."""
    if fold:
        pattern, value = pattern.lower(), value.lower()
    row = [True] + [False] * len(value)  # the empty pattern matches the empty value only
    for c in pattern:
        if c == "*":
            row = list(itertools.accumulate(row, lambda before, here: before or here))
        else:
            row = [False] + [row[j] and c in ("?", value[j]) for j in range(len(value))]
    return row[-1]


def test_every_short_pattern_over_a_small_alphabet_agrees_with_the_reference() -> None:
    values = ["".join(v) for n in range(6) for v in itertools.product("ab", repeat=n)]
    patterns = ["".join(p) for n in range(6) for p in itertools.product("ab*?", repeat=n)]
    for pattern in patterns:
        for value in values:
            assert glob_match(pattern, value) is reference(pattern, value), (pattern, value)


def test_random_long_patterns_agree_with_the_reference_either_case() -> None:
    rng = random.Random(15)
    for _ in range(3000):
        pattern = "".join(rng.choice("aAb*?-:") for _ in range(rng.randint(0, 14)))
        value = "".join(rng.choice("aAb-:") for _ in range(rng.randint(0, 16)))
        assert glob_match(pattern, value) is reference(pattern, value), (pattern, value)
        assert glob_match(pattern, value, case_sensitive=False) is reference(pattern, value, fold=True)


@pytest.mark.parametrize(("pattern", "value", "expected"), [
    ("*0" * 14 + "*z", "0" * 60, False),
    ("*0" * 14 + "*z", "0" * 60 + "z", True),
    ("*a" * 40, "a" * 39 + "b" * 2000, False),
    ("a*b*c*d", "a" + "x" * 5000 + "bcd", True),
])
def test_a_pattern_of_many_stars_is_decided(pattern: str, value: str, expected: bool) -> None:
    assert glob_match(pattern, value) is expected


def test_a_hostile_key_resource_in_a_policy_file_is_matched_part_by_part() -> None:
    key = "arn:aws:kms:us-west-2:111122223333:key/" + "0" * 8 + "-0000-4000-8000-" + "0" * 12
    hostile = "arn:aws:kms:us-west-2:111122223333:key/" + "*0" * 14 + "*z"
    assert arn_matches(hostile, key) is False
    assert arn_matches(hostile[:-2], key) is True


@pytest.mark.parametrize(("statement", "decision"), [
    ({"Action": "kinesis:*"}, "allowed"),
    ({"Action": ["kinesis:GetRecords", "kinesis:*ü*"]}, "allowed"),
    ({"NotAction": "kinesis:Put*"}, "allowed"),
    ({"Action": "kinesis:Get*"}, "denied"),
    ({"NotAction": "kinesis:*"}, "denied"),
])
def test_an_action_name_outside_ascii_is_matched_by_the_policys_patterns(statement, decision):
    """An action with a character outside ASCII takes the slow path (no case-folded lookup of plain names), where
    Action and NotAction patterns still decide as for any other name."""
    request = Request(ROLE, "kinesis:Grüßen", STREAM)
    assert evaluate(request, ident({"Effect": "Allow", "Resource": STREAM, **statement})).decision == decision
