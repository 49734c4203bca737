"""--plain as issue 11 asks: help once above the question, a refusal whole under it, a Region typo
named, the service asked only of consumers, a reopened bundle saved back to its folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard.core import fields
from wizard.core.bundle import load_answers
from wizard.core.model import Answers, Principal
from wizard.prompts.flow import run_plain

from .support import DEFAULT, GENERATE_FLAGS, QUESTIONS, Script, generate

ESC = "\x1b"
NASTY = ESC + "]52;c;SU5KRUNURUQ=" + ESC + "\\" + ESC + "]0;PWNED\x07" + ESC + "[31m\x9b31m\x9d0;x\x9c\u202e[/]"


def run(script: Script, steps: list, answers: Answers | None = None, folder: Path | None = None) -> int:
    script.steps = list(steps)
    status = run_plain(answers, folder=folder, input=object())
    assert script.steps == [], f"questions never asked: {script.steps}"
    return status


def test_each_fields_help_is_shown_once_above_its_question(script: Script,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    run(script, [*QUESTIONS, ("What now", "none")])
    out = capsys.readouterr().out
    for spec in (fields.REGION, fields.ACCOUNT, fields.KEY, fields.STREAMS, fields.PRINCIPALS, fields.FAN_OUT):
        assert out.count(spec.help) == 1, spec.name
        assert not any(spec.help in a.message for a in script.asked)  # not in the answer line
    assert all("instruction" not in a.kwargs for a in script.asked)


def test_a_region_typo_says_which_region_was_meant(script: Script, capsys: pytest.CaptureFixture[str]) -> None:
    run(script, [("Region", "us-wset-2"), *QUESTIONS, ("What now", "none")])
    out = capsys.readouterr().out
    assert "  ! no Region matches 'us-wset-2'; did you mean us-west-2?\n" in out
    assert [a.kwargs["default"] for a in script.asked if a.message == "Region:"][1] == "us-wset-2"


def test_a_long_refusal_is_printed_whole(script: Script, capsys: pytest.CaptureFixture[str]) -> None:
    run(script, [("Region", "nowhere"), *QUESTIONS, ("What now", "none")])
    rule = fields.REGION.check("nowhere", Answers())
    assert rule and len(rule) > 100
    assert f"  ! {rule}\n" in capsys.readouterr().out


def test_a_reopened_bundle_is_saved_back_to_its_folder(script: Script, tmp_path: Path) -> None:
    bundle = tmp_path / "team" / "kinesis-kms-orders"
    generate(bundle, GENERATE_FLAGS)
    answers = load_answers(str(bundle / "manifest.json"))
    steps = [(question, DEFAULT) for question, _ in QUESTIONS if question != "KMS key identifier"]
    steps.insert(3, ("KMS key identifier", DEFAULT))
    run(script, [*steps, ("What now", "save"), ("folder", DEFAULT), ("not empty", True)], answers, bundle.parent
        / bundle.name)
    folder_question = next(a for a in script.asked if "folder" in a.message)
    assert Path(folder_question.kwargs["default"]) == bundle
    assert not (tmp_path / "kinesis-kms-orders").exists()


def test_answers_with_escape_sequences_never_reach_the_terminal(script: Script,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """Built directly, as text typed would be: nothing of it reaches a question or stdout raw."""
    answers = Answers("us-west-2", "1234" + NASTY, "alias/k" + NASTY, ("orders" + NASTY,),
                      (Principal("app" + NASTY, ("producer", "consumer" + NASTY)),))
    run(script, [
        ("Region", DEFAULT), ("Account ID", DEFAULT), ("Account ID", "123456789012"),
        ("KMS key:", DEFAULT), ("KMS key identifier", DEFAULT), ("KMS key identifier", "alias/orders"),
        ("Stream 1", DEFAULT), ("Stream 1", "orders"), ("Stream 2", ""),
        ("Principal 1", DEFAULT), ("Principal 1", "app"), ("Roles of app", DEFAULT), ("Principal 2", ""),
        ("Enhanced fan-out", DEFAULT), ("What now", "none"),
    ], answers)
    for asked in script.asked:
        shown = [asked.message, str(asked.kwargs.get("default", ""))]
        shown += [str(c.title) for c in asked.kwargs.get("choices", []) if hasattr(c, "title")]
        for text in shown:
            assert text.isprintable(), (asked.message, text)
    out = capsys.readouterr().out
    for raw in (ESC, "\x9b", "\x9d", "\x9c", "\u202e"):
        assert raw not in out
    assert "^[]52;c;SU5KRUNURUQ=" in out  # the value not offered as a default, named spelled out
