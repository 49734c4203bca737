"""Run the real app on answers read from a JSON file WITHOUT the answers-file reader.

The reader refuses control characters; text typed or pasted into the app is not read by it, so
the display must be safe on its own. The pseudo-terminal tests start this as a process:
`python tests/unread_answers.py FILE [--plain]`.
"""

from __future__ import annotations

import json
import sys

from wizard.core.model import Answers, Principal


def main(path: str, plain: bool = False) -> int:
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    principals = tuple(Principal(p["principal"], tuple(p["roles"]), p.get("service"))
                       for p in data.get("principals", []))
    answers = Answers(data.get("region", ""), data.get("account", ""), data.get("key", ""),
                      tuple(data.get("streams", [])), principals, data.get("fan_out", True))
    if plain:
        from wizard.prompts.flow import run_plain

        return run_plain(answers)
    from wizard.tui.app import run_app

    return run_app(answers)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], "--plain" in sys.argv[2:]))
