"""`kinesis-kms-wizard --plain`: the questions in the core's step order, then review, save, copy.

The flow owns the exit status: 0 when done, 130 on Ctrl-C (nothing written unless a save had
already finished), 1 without a terminal. Without a terminal it refuses at once instead of
waiting on a prompt nobody can answer, and points to `generate`, which needs no questions.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from wizard.core.bundle_folder import forget_written, written_folders
from wizard.core.display import path_text
from wizard.core.fields import STEPS, step_for
from wizard.core.model import Answers
from wizard.core.render import Bundle, render_bundle
from wizard.prompts.questions import Io, ask_step, say
from wizard.prompts.review import finish

PROG = "kinesis-kms-wizard"
EXIT_OK, EXIT_NO_TERMINAL, EXIT_INTERRUPTED = 0, 1, 130
NO_TERMINAL = (f"{PROG}: the plain prompts need a terminal on stdin; without one, use "
               f"`{PROG} generate` (see `{PROG} generate --help`)")


def stdin_is_terminal() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except ValueError:  # a closed stdin
        return False


def ask_answers(answers: Answers, io: Io) -> Bundle:
    """Ask every step, then send the user back to the step of each cross-field problem.

    Each answer already passed its own validator; what remains are rules between answers
    (sizes, a principal against the key). The loop ends only with a bundle that has no problems,
    so a bundle with problems is never offered for saving.
    """
    asked = [step for step in STEPS if step.fields]
    for step in asked:
        answers = ask_step(step, answers, io)
    while True:
        bundle = render_bundle(answers)
        if bundle.ok:
            return bundle
        count = len(bundle.problems)
        say(f"The answers have {count} problem{'s' if count != 1 else ''}:")
        for problem in bundle.problems:
            say(f"  {problem}")
        target = step_for(bundle.problems[0].field)
        again = [step for step in asked if step.id == target] or asked
        say(f"Back to: {', '.join(step.title for step in again)}")
        for step in again:
            answers = ask_step(step, answers, io)


def run_plain(answers: Answers | None, *, folder: Path | None = None, input: Any = None, output: Any = None,
              from_aws: bool = False, profile: str | None = None, formats: tuple[str, ...] = ()) -> int:
    """Run the plain prompts; `folder`: the bundle the answers came from, proposed on save, with its export
    `formats`;
    `input`/`output` are prompt_toolkit's, for tests and embedding.

    With `from_aws`, the account's streams, keys and roles are offered first (wizard.prompts.discover).
    """
    if input is None and not stdin_is_terminal():
        print(NO_TERMINAL, file=sys.stderr)
        return EXIT_NO_TERMINAL
    io: Io = {name: value for name, value in (("input", input), ("output", output)) if value is not None}
    written: list[Path] = []
    forget_written()  # a bundle an earlier run in this process wrote is not this one's
    try:
        if from_aws:
            from wizard.prompts.discover import pick_from_aws

            answers = pick_from_aws(answers or Answers(), io, profile)
        if answers is not None:
            say("The prefilled answers are the defaults: press Enter to keep each one.")
        bundle = ask_answers(answers or Answers(), io)
        finish(bundle, io, written, folder, formats)
    except KeyboardInterrupt:
        # A Ctrl-C just after the swap, before save() returned, still finds the folder the writer recorded.
        done = [path_text(path) for path in written] or list(written_folders())
        where = f"the bundle in {done[0]} was already saved" if done else "nothing was written"
        print(f"\n{PROG}: cancelled; {where}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except EOFError:
        print(NO_TERMINAL, file=sys.stderr)
        return EXIT_NO_TERMINAL
    return EXIT_OK
