"""Hostile input on the command line: flags given '--', unbounded files, paths that are not UTF-8, escapes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wizard.cli import build_parser, main

UUID = "1234abcd-12ab-34cd-56ef-1234567890ab"


def _options() -> list[str]:
    """Every option of every command that takes a value."""
    parser = build_parser()
    found = []
    for action in parser._actions:
        if action.option_strings and action.nargs is None and action.const is None and action.dest != "help":
            found.append(("", action.option_strings[-1]))
        for sub_name, sub in getattr(action, "choices", None).items() if isinstance(action.choices, dict) else ():
            for sub_action in sub._actions:
                if sub_action.option_strings and sub_action.nargs is None and sub_action.const is None:
                    found.append((sub_name, sub_action.option_strings[-1]))
    return [f"{command} {option}".strip() for command, option in found]


@pytest.mark.parametrize("option", _options())
def test_every_option_given_double_dash_is_exit_2_with_a_message(option, capsys):
    *command, flag = option.split()
    argv = [*command, f"{flag}=--"]
    if command == ["generate"] and flag not in ("--out", "--print"):
        argv += ["--print", "producer"]
    if command == ["apply"]:
        argv += ["some-folder"]
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 2, err
    assert f"argument {flag}: expected a value, not '--'" in err
    assert "unexpected error" not in err and "Traceback" not in err


def test_the_options_list_is_not_empty():
    assert {"generate --region", "generate --stream", "generate --out", "--answers"} <= set(_options())


def _cli(*args, **kwargs):
    env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": ""}
    return subprocess.run([sys.executable, "-m", "wizard", *args], capture_output=True, env=env, timeout=60,
                          **kwargs)


@pytest.mark.external
def test_out_path_that_is_not_utf8_is_written_and_printed_escaped(tmp_path):
    out = os.fsdecode(bytes(tmp_path) + b"/bad\xff\x1b[31mname")
    result = _cli("generate", "--region", "us-west-2", "--account", "123456789012", "--key", UUID,
                  "--stream", "S", "--producer", "p", "--out", out)
    assert result.returncode == 0, result.stderr
    stdout = result.stdout.decode("utf-8")  # it is UTF-8, with the odd bytes spelled out
    assert "bad\\xff^[[31mname" in stdout and b"\x1b" not in result.stdout
    assert (Path(out) / "manifest.json").is_file()


@pytest.mark.external
def test_answers_from_dev_zero_and_stdin_are_refused(tmp_path):
    result = _cli("generate", "--answers", "/dev/zero", "--print", "producer")
    assert result.returncode == 2
    assert b"/dev/zero is larger than 1 MiB, far more than an answers file needs" in result.stderr
    with open("/dev/zero", "rb") as zero:
        result = _cli("generate", "--answers", "-", "--print", "producer", stdin=zero)
    assert result.returncode == 2 and b"stdin is larger than 1 MiB" in result.stderr


@pytest.mark.parametrize(("content", "words"), [
    ("[" * 100_000, "nests lists or objects more than 32 levels deep"),
    ('{"fan_out": ' + "9" * 5000 + "}", "a number of 5,000 digits"),
    ('{"streams": ["a", 3]}', "streams[1]: expected a string, got a number"),
    ('{"streams": ["a\\u001b]52;c;aGk=\\u0007"]}', "streams[0]: 'a\\x1b]52;c;aGk=\\x07' contains ^["),
])
def test_hostile_answers_files_exit_2_with_a_message(tmp_path, content, words, capsys):
    path = tmp_path / "answers.json"
    path.write_text(content)
    assert main(["generate", "--answers", str(path), "--print", "producer"]) == 2
    err = capsys.readouterr().err
    assert words in err and "unexpected error" not in err and "\x1b" not in err


@pytest.mark.parametrize(("content", "words"), [
    (None, "is larger than 1 MiB, far more than a key policy needs"),
    (json.dumps({"Policy": "[" * 5000}), "the policy inside nests lists or objects too deeply"),
    (json.dumps({"Policy": '{"Statement": [' + "[" * 40 + "]" * 40 + "]}"}), "more than 32 levels deep"),
    (json.dumps({"Policy": '{"n": ' + "9" * 5000 + "}"}), "the policy inside holds a number too long to read"),
])
def test_hostile_key_policy_files_exit_2(tmp_path, content, words, capsys):
    path = tmp_path / "current.json"
    if content is None:
        path.write_bytes(b" " * (1 << 20) + b"{}")
    else:
        path.write_text(content)
    code = main(["generate", "--region", "us-west-2", "--account", "123456789012", "--key", UUID, "--stream", "S",
                 "--producer", "p", "--merge-key-policy", str(path), "--print", "key"])
    err = capsys.readouterr().err
    assert code == 2 and words in err, err
