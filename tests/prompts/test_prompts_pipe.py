"""The real questionary prompts, driven through prompt_toolkit's pipe input (single pass, with timeouts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard.core.bundle import load_answers
from wizard.core.validate import check_account

from .support import (
    CTRL_C_KEY,
    DEFAULT_FOLDER,
    ENTER,
    GENERATE_FLAGS,
    KEYS,
    SAVE_TO_DEFAULT_KEYS,
    generate,
    read_folder,
    run_with_keys,
)

pytestmark = pytest.mark.timeout(30)


def test_full_run_writes_the_same_bundle_as_generate(tmp_path: Path) -> None:
    run = run_with_keys(KEYS + SAVE_TO_DEFAULT_KEYS)
    assert run.status == 0
    assert read_folder(tmp_path / DEFAULT_FOLDER) == generate(tmp_path / "generated", GENERATE_FLAGS)


def test_refused_account_is_asked_again_with_the_engine_message(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    rule = check_account("12345")
    assert rule
    region_end = KEYS.index("123456789012")
    # The refusal ends the question and a new one is asked with "12345" to edit, so keys typed
    # ahead of the refusal are not lost (questionary's own validation dropped them).
    run = run_with_keys(KEYS[:region_end] + "12345\r" + "\x7f" * 5 + KEYS[region_end:] + SAVE_TO_DEFAULT_KEYS)
    assert run.status == 0
    assert f"  ! {rule}\n" in capsys.readouterr().out
    assert read_folder(tmp_path / DEFAULT_FOLDER) == generate(tmp_path / "generated", GENERATE_FLAGS)


def test_ctrl_c_at_the_folder_prompt_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_with_keys(KEYS + ENTER + CTRL_C_KEY)
    assert run.status == 130
    assert list(tmp_path.iterdir()) == []
    assert "cancelled; nothing was written" in capsys.readouterr().err


def test_prefilled_answers_are_the_defaults(tmp_path: Path) -> None:
    """Enter at every question keeps the answers file's values and reproduces its bundle."""
    first = tmp_path / "first"
    expected = generate(first, GENERATE_FLAGS)
    answers = load_answers(str(first / "manifest.json"))
    # region, account, key kind, key, 2 streams + end, 4 x (principal, roles) + 2 consumers' service
    # + end, fan-out, "What now?", folder
    enters = 1 + 1 + 1 + 1 + 3 + 4 * 2 + 2 + 1 + 1 + 2
    run = run_with_keys(ENTER * enters, answers)
    assert run.status == 0
    assert read_folder(tmp_path / DEFAULT_FOLDER) == expected


def test_end_of_input_points_to_generate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from wizard.prompts.flow import run_plain

    with create_pipe_input() as pipe:
        pipe.send_text("eu-west-1\r")
        pipe.close()
        status = run_plain(None, input=pipe, output=DummyOutput())
    assert status == 1
    err = capsys.readouterr().err
    assert "kinesis-kms-wizard generate" in err
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_just_after_the_swap_says_the_bundle_was_saved(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C once the writer has swapped the bundle in, before the save question has returned: the bundle stands,
    so --plain must name it rather than say nothing was written (the flow's own list is still empty then)."""
    from wizard.prompts import review

    real = review.write_bundle

    def then_interrupted(*args, **kwargs):
        real(*args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(review, "write_bundle", then_interrupted)
    run = run_with_keys(KEYS + SAVE_TO_DEFAULT_KEYS)
    assert run.status == 130
    err = capsys.readouterr().err
    assert "cancelled; the bundle in" in err and DEFAULT_FOLDER in err and "was already saved" in err, err
    assert "nothing was written" not in err
    assert read_folder(tmp_path / DEFAULT_FOLDER) == generate(tmp_path / "generated", GENERATE_FLAGS)
    monkeypatch.undo()
    run = run_with_keys(KEYS + ENTER + CTRL_C_KEY)  # the next run in this process starts with nothing written
    assert run.status == 130
    assert "cancelled; nothing was written" in capsys.readouterr().err
