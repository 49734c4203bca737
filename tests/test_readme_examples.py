"""The project README's `generate` example writes exactly the files its tree shows."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from wizard.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"


def test_generate_example_writes_the_files_the_tree_shows(tmp_path, monkeypatch, capsys):
    text = README.read_text()
    command = re.search(r"```sh\n(kinesis-kms-wizard generate \\\n.*?)```", text, flags=re.DOTALL).group(1)
    argv = shlex.split(command.replace("\\\n", " "))
    tree = re.search(r"```\n(kinesis-kms-\S+)/\n(.*?)```", text, flags=re.DOTALL)
    listed = re.findall(r"[├└]── (\S+)", tree.group(2))
    monkeypatch.chdir(tmp_path)
    assert main(argv[1:]) == 0, capsys.readouterr().err
    assert argv[-1] == tree.group(1)
    assert sorted(p.name for p in (tmp_path / tree.group(1)).iterdir()) == sorted(listed)
