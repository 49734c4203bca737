"""Options given both before the command (the wizard's) and after it mean the same thing in either place."""

from __future__ import annotations

import argparse

import pytest

from wizard.cli import COMMANDS, build_parser

# What each command needs besides the option, so that it parses.
REQUIRED = {"generate": ["--print", "producer"], "explain": ["some-folder"], "apply": ["some-folder"],
            "check": []}


def _shared() -> list[tuple[str, str, bool]]:
    """(command, option, takes a value) for every option both the top level and a command define."""
    parser = build_parser()
    top = {flag: action for action in parser._actions for flag in action.option_strings}
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    found = []
    for name, sub in commands.items():
        for action in sub._actions:
            for flag in action.option_strings:
                if flag in top and flag not in ("-h", "--help"):
                    found.append((name, flag, action.nargs != 0))
    return found


def test_the_shared_options_include_profile_for_every_aws_command():
    shared = {(command, flag) for command, flag, _ in _shared()}
    assert {("generate", "--profile"), ("apply", "--profile"), ("check", "--profile"), ("generate", "--answers"),
            ("generate", "--from-aws"), ("check", "--from-aws")} <= shared
    assert set(REQUIRED) == set(COMMANDS)


@pytest.mark.parametrize(("command", "flag", "takes_value"), _shared())
def test_a_shared_option_counts_before_and_after_the_command(command: str, flag: str, takes_value: bool):
    given = [flag, "given-value"] if takes_value else [flag]
    dest = next(a.dest for a in build_parser()._actions if flag in a.option_strings)
    before = build_parser().parse_args([*given, command, *REQUIRED[command]])
    after = build_parser().parse_args([command, *given, *REQUIRED[command]])
    neither = build_parser().parse_args([command, *REQUIRED[command]])
    expected = "given-value" if takes_value else True
    assert getattr(before, dest) == getattr(after, dest) == expected
    assert getattr(neither, dest) in (None, False)
