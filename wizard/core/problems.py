"""A refusal the user can act on: which field, which value, which rule."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One reason the answers cannot become a bundle yet.

    `field` uses the command-line flag's word (region, account, key, stream, producer, ...), so
    the same message reads right in the Textual app, the prompts and on stderr.
    """

    field: str
    value: str
    rule: str

    def __str__(self) -> str:
        if self.value == "":
            return f"{self.field}: {self.rule}"
        return f"{self.field} {self.value!r}: {self.rule}"
