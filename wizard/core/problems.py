"""A refusal the user can act on: which field, which value, which rule."""

from __future__ import annotations

from dataclasses import dataclass

from wizard.core.display import quoted

# A value is shown whole up to this many characters: more than any valid ARN (a role's path may be 512
# characters and its name 64), so only a value that is wrong anyway is cut, and a 100,000-character answer
# does not flood the terminal.
VALUE_SHOWN = 1024


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
        return f"{self.field} {quoted(self.value, VALUE_SHOWN)}: {self.rule}"
