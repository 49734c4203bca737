"""The flow with questionary replaced by a scripted fake: order, validation, send-back, save, copy."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pyperclip
import pytest

from wizard.core import fields, limits
from wizard.core.model import MANAGED_KEY, Answers, Principal
from wizard.core.render import render_bundle
from wizard.core.validate import check_account, check_key_text, check_stream_text
from wizard.prompts.flow import run_plain
from wizard.prompts.questions import ASKERS

from .support import CTRL_C, DEFAULT, DEFAULT_FOLDER, GENERATE_FLAGS, QUESTIONS, Script, generate, read_folder

SAVE = [("What now", "save"), ("folder", DEFAULT)]


def run(script: Script, steps: list, answers: Answers | None = None) -> int:
    script.steps = list(steps)
    status = run_plain(answers, input=object())  # any input: the flow never reads it, the fake answers
    assert script.steps == [], f"questions never asked: {script.steps}"
    return status


def test_every_field_of_the_core_has_a_question() -> None:
    assert {spec.name for step in fields.STEPS for spec in step.fields} == set(ASKERS)


def test_full_run_matches_generate_and_notes_the_alias(script: Script, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert run(script, QUESTIONS + SAVE) == 0
    assert read_folder(tmp_path / DEFAULT_FOLDER) == generate(tmp_path / "generated", GENERATE_FLAGS)
    out = capsys.readouterr().out
    assert fields.KEY_ALIAS_NOTE in out
    assert "producer-policy.json" in out and " / 6,144 characters" in out
    assert "key-policy.json" in out and " / 32,768 bytes" in out
    for name in ("producer-policy.json", "key-policy.json"):  # every document is printed in full
        assert (tmp_path / DEFAULT_FOLDER / name).read_text() in out


def test_questions_come_in_the_core_step_order(script: Script) -> None:
    run(script, [*QUESTIONS, ("What now", "none")])
    order = ["Region", "Account ID", "KMS key", "Stream", "Principal", "Enhanced fan-out"]
    firsts = [next(i for i, a in enumerate(script.asked) if word in a.message) for word in order]
    assert firsts == sorted(firsts)


@pytest.mark.parametrize(("question", "bad", "rule"), [
    ("Account ID", "12345", check_account("12345")),
    ("Stream 2", "bad name!", check_stream_text("bad name!", Answers())),
    ("KMS key identifier", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
     check_key_text("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                    Answers(region="eu-west-1", account="123456789012"))),
])
def test_refused_answer_is_asked_again_with_the_engine_rule(script: Script, tmp_path: Path, question: str,
                                                            bad: str, rule: str | None,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert rule
    steps = list(QUESTIONS)
    at = next(i for i, (q, _) in enumerate(steps) if q == question)
    steps.insert(at, (question, bad))
    assert run(script, steps + SAVE) == 0
    asked = [a for a in script.asked if question in a.message]
    assert len(asked) == 2 and asked[1].kwargs["default"] == bad  # asked again, the answer kept to edit
    assert f"  ! {rule}\n" in capsys.readouterr().out  # the rule whole, on its own line under the question
    assert read_folder(tmp_path / DEFAULT_FOLDER) == generate(tmp_path / "generated", GENERATE_FLAGS)


def test_no_role_is_refused_with_the_engine_rule(script: Script, capsys: pytest.CaptureFixture[str]) -> None:
    steps = list(QUESTIONS)
    at = steps.index(("Roles of order-writer", ["producer"]))
    steps.insert(at, ("Roles of order-writer", []))
    run(script, [*steps, ("What now", "none")])
    assert len(script.messages("Roles of order-writer")) == 2
    assert "choose at least one role" in capsys.readouterr().out


def test_the_service_is_asked_only_of_consumers(script: Script) -> None:
    run(script, [*QUESTIONS, ("What now", "none")])
    asked = script.messages("read the stream for an AWS service")
    assert asked == ["Does order-reader read the stream for an AWS service?",
                     "Does order-lambda read the stream for an AWS service?"]


def test_cross_field_problem_sends_back_to_its_step(script: Script, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """A key policy over the KMS limit is only known with every answer: the key is asked again."""
    monkeypatch.setattr(limits, "KEY_POLICY_BYTES", 500)
    assert run(script, [*QUESTIONS, ("KMS key:", "managed"), *SAVE]) == 0
    out = capsys.readouterr().out
    assert "key 'alias/orders-key': the key policy would be" in out
    assert "Back to: Key" in out
    assert len(script.messages("KMS key:")) == 2
    manifest = (tmp_path / DEFAULT_FOLDER / "manifest.json").read_text()
    assert MANAGED_KEY in manifest and "alias/orders-key" not in manifest
    assert not (tmp_path / DEFAULT_FOLDER / "key-policy.json").exists()


@pytest.mark.parametrize("question", ["Region", "KMS key identifier", "Stream 2", "Roles of order-reader",
                                      "Enhanced fan-out", "What now", "folder"])
def test_ctrl_c_anywhere_returns_130_and_writes_nothing(script: Script, tmp_path: Path, question: str,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    steps = [*QUESTIONS, ("What now", "save"), ("folder", DEFAULT)]
    at = next(i for i, (q, _) in enumerate(steps) if q == question)
    assert run(script, [*steps[:at], (question, CTRL_C)]) == 130
    assert list(tmp_path.iterdir()) == []
    assert "nothing was written" in capsys.readouterr().err


def test_region_defaults_to_the_environment(script: Script, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-south-1")
    run(script, [("Region", DEFAULT), *QUESTIONS[1:], ("What now", "none")])
    assert script.asked[0].kwargs["default"] == "ap-south-1"
    second = len(script.asked)
    monkeypatch.setenv("AWS_REGION", "eu-west-1")  # read before AWS_DEFAULT_REGION
    run(script, [("Region", DEFAULT), *QUESTIONS[1:], ("What now", "none")])
    assert script.asked[second].message.startswith("Region")
    assert script.asked[second].kwargs["default"] == "eu-west-1"


def test_prefill_offers_every_answer_as_default(script: Script, tmp_path: Path) -> None:
    answers = Answers("us-gov-west-1", "111122223333", MANAGED_KEY, ("clicks",),
                      (Principal("reader", ("consumer",), "flink"),), fan_out=False)
    steps = [("Region", DEFAULT), ("Account ID", DEFAULT), ("KMS key:", DEFAULT), ("Stream 1", DEFAULT),
             ("Stream 2", DEFAULT), ("Principal 1", DEFAULT), ("Roles of reader", DEFAULT),
             ("reader read", DEFAULT), ("Principal 2", DEFAULT), ("Enhanced fan-out", DEFAULT), *SAVE]
    assert run(script, steps, answers) == 0
    saved = tmp_path / "kinesis-kms-clicks"
    assert render_bundle(answers).ok
    assert read_folder(saved)["manifest.json"] == generate(tmp_path / "gen", [
        "--region", "us-gov-west-1", "--account", "111122223333", "--key", MANAGED_KEY, "--stream", "clicks",
        "--flink-consumer", "reader", "--no-fan-out"])["manifest.json"]


def test_non_empty_folder_is_replaced_only_when_confirmed(script: Script, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    steps = [*QUESTIONS, ("What now", "save"), ("folder", "out"), ("not empty", False),
             ("folder", "out"), ("not empty", True)]
    assert run(script, steps) == 0
    assert (out / "keep.txt").read_text() == "mine"
    files = read_folder(out)
    files.pop("keep.txt")
    assert files == generate(tmp_path / "generated", GENERATE_FLAGS)


def test_copy_without_a_clipboard_says_so_and_prints_the_document(script: Script, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    run(script, [*QUESTIONS, ("What now", "copy"), ("Copy which", "producer")])
    out = capsys.readouterr().out
    assert "Not copied: no system clipboard" in out
    producer = generate(tmp_path / "generated", GENERATE_FLAGS)["producer-policy.json"].decode()
    after_refusal = out.split("Not copied: no system clipboard", 1)[1]
    assert producer in after_refusal  # printed again, after the refusal, for the user to select
    assert sorted(p.name for p in tmp_path.iterdir()) == ["generated"]


def test_save_and_copy_to_a_working_clipboard(script: Script, tmp_path: Path, clipboard: list[str],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    run(script, [*QUESTIONS, ("What now", "both"), ("folder", DEFAULT), ("Copy which", "key")])
    assert clipboard == [(tmp_path / DEFAULT_FOLDER / "key-policy.json").read_text()]
    assert "Copied key-policy.json to the system clipboard" in capsys.readouterr().out


def test_copy_reaches_the_real_clipboard(script: Script, tmp_path: Path, x_display: str,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # Undo the autouse stand-in and name the backend, so pyperclip really runs xclip on x_display.
    monkeypatch.setattr(pyperclip, "copy", pyperclip.copy)
    monkeypatch.setattr(pyperclip, "paste", pyperclip.paste)
    pyperclip.set_clipboard("xclip")
    run(script, [*QUESTIONS, ("What now", "copy"), ("Copy which", "consumer")])
    read = subprocess.run(["xclip", "-selection", "clipboard", "-o"], capture_output=True, text=True,
                          timeout=10, check=True)
    assert read.stdout == generate(tmp_path / "generated", GENERATE_FLAGS)["consumer-policy.json"].decode()


def test_replacing_a_bundle_says_which_edited_file_it_kept(script: Script, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    generate(out, GENERATE_FLAGS)
    edited = (out / "key-policy.json").read_text() + "\n"
    (out / "key-policy.json").write_text(edited)
    steps = [*QUESTIONS, ("What now", "save"), ("folder", "out"), ("not empty", True)]
    assert run(script, steps) == 0
    assert (out / "key-policy.json.orig").read_text() == edited
    assert ("Note: kept your key-policy.json (changed since the bundle was written) as key-policy.json.orig"
            in capsys.readouterr().out)


def test_a_reader_in_another_account_is_asked_its_consumer_name_after_fan_out(
        script: Script, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With fan-out on, each reader in another account is asked the consumer name its owner registers (empty keeps
    the offered one); a bad name or one another reader already has is refused with the engine's rule, then fixed;
    readers of the stream's own account are not asked. The saved bundle equals `generate --consumer-name`."""
    one, two = "arn:aws:iam::210987654321:role/analytics", "arn:aws:iam::210987654321:role/audit"
    steps = [("Region", "eu-west-1"), ("Account ID", "123456789012"), ("KMS key:", "customer"),
             ("KMS key identifier", "alias/orders-key"), ("Stream 1", "orders"), ("Stream 2", ""),
             ("Principal 1", one), ("Roles of arn:", ["consumer"]), ("analytics read", ""),
             ("Principal 2", "local-reader"), ("Roles of local-reader", ["consumer"]), ("local-reader read", ""),
             ("Principal 3", two), ("Roles of arn:", ["consumer"]), ("audit read", ""),
             ("Principal 4", ""), ("Enhanced fan-out", True),
             ("Consumer name of " + one, "orders app"), ("Consumer name of " + one, "orders-app"),
             ("Consumer name of " + two, "orders-app"), ("Consumer name of " + two, ""), *SAVE]
    assert run(script, steps) == 0
    assert script.messages("Consumer name of ") == [
        f"Consumer name of {one} (empty: analytics-210987654321):"] * 2 + [
        f"Consumer name of {two} (empty: audit-210987654321):"] * 2
    out = capsys.readouterr().out
    assert "  ! its enhanced fan-out consumer name 'orders app' is not valid" in out
    assert (f"  ! consumer '{two}': its enhanced fan-out consumer would be named 'orders-app', "
            f"like the one of {one}") in out
    assert out.count(fields.CONSUMER_NAME_HELP) == 1
    assert "Consumer name of arn:aws:iam::123456789012" not in out and "local-reader (empty" not in out
    assert f"  {one}: consumer, fan-out consumer orders-app\n" in out  # the summary names the consumer
    assert f"  {two}: consumer, fan-out consumer audit-210987654321\n" in out
    assert "  local-reader: consumer\n" in out
    assert read_folder(tmp_path / "kinesis-kms-orders") == generate(tmp_path / "gen", [
        "--region", "eu-west-1", "--account", "123456789012", "--key", "alias/orders-key", "--stream", "orders",
        "--consumer", one, "--consumer", "local-reader", "--consumer", two, "--consumer-name", f"{one}=orders-app"])
