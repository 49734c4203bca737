"""Surviving mutants judged equivalent: no input can tell them from the original code, so they leave the score.

Each entry names the function (as mutmut names it), the lines the mutant removes and adds (stripped), and why no
test could ever fail on it. Be strict: a mutant a user could notice in any output, message or file is not
equivalent, however unlikely the input. scripts/mutation.py reports entries that no longer match a survivor.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Equivalent:
    function: str
    removed: tuple[str, ...]
    added: tuple[str, ...]
    why: str


EQUIVALENTS: list[Equivalent] = []
