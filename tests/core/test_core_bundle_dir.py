"""The wizard and the prompts ask before writing into a folder that holds anything: only such a folder counts."""

from __future__ import annotations

from wizard.core.bundle import is_non_empty_dir


def test_only_a_folder_holding_something_is_non_empty(tmp_path):
    assert not is_non_empty_dir(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    assert not is_non_empty_dir(tmp_path / "empty")
    (tmp_path / "file").write_text("x")
    assert not is_non_empty_dir(tmp_path / "file")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / ".hidden").write_text("x")
    assert is_non_empty_dir(tmp_path / "full")
