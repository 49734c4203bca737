"""Reading the JSON files users hand us (answers, manifests, key policies), with every size bounded.

Such files are shared between people and may be anything: /dev/zero, a 10 GB log, 100,000 nested
brackets, a 5,000-digit number. Each is read up to a fixed size and parsed with bounded depth and
bounded numbers, so a bad file is refused quickly with a message (exit 2), never by the kernel's
out-of-memory killer or a traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from wizard.core.display import path_text
from wizard.core.errors import BundleError, InputError

MAX_INPUT_BYTES = 1 << 20  # 1 MiB: far above any real answers file, manifest or key policy (32 KB)
MAX_DEPTH = 32  # a key policy nests about 6 levels deep
MAX_NUMBER_DIGITS = 100


def read_bounded(path: str | Path, what: str = "the file") -> bytes:
    """The bytes of `path` ('-' for stdin), refused once they pass MAX_INPUT_BYTES."""
    shown = "stdin" if str(path) == "-" else path_text(path)
    try:
        if str(path) == "-":
            stream = getattr(sys.stdin, "buffer", None)
            data = stream.read(MAX_INPUT_BYTES + 1) if stream else sys.stdin.read(MAX_INPUT_BYTES + 1).encode()
        else:
            with open(path, "rb") as handle:
                data = handle.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise BundleError(f"cannot read {shown}: {exc.strerror or exc}") from None
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{shown} is larger than {MAX_INPUT_BYTES // (1 << 20)} MiB, far more than {what} "
                         "needs; nothing was read from it")
    return data


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise InputError(f"a number of {len(text):,} digits; numbers here have at most {MAX_NUMBER_DIGITS}")
    return int(text)


def depth(value: Any) -> int:
    """How deeply `value` nests lists and objects, counted without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, depth)
            if depth <= MAX_DEPTH:
                stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def parse_json(text: str, shown: str) -> Any:
    """JSON text as Python values, refusing deep nesting and huge numbers by name."""
    try:
        value = json.loads(text, parse_int=_bounded_int)
    except InputError as exc:
        raise InputError(f"{shown}: {exc}") from None
    except RecursionError:
        raise InputError(f"{shown} nests lists or objects more than {MAX_DEPTH} levels deep") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{shown} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    check_bounded(value, shown)
    return value


def check_bounded(value: Any, shown: str) -> None:
    """Refuse a value that nests deeper than MAX_DEPTH (e.g. a policy parsed from a string inside a file)."""
    if depth(value) > MAX_DEPTH:
        raise InputError(f"{shown} nests lists or objects more than {MAX_DEPTH} levels deep")


def load_json_file(path: str | Path, what: str = "the file") -> Any:
    """Read a JSON file ('-' for stdin), bounded in size, depth and numbers; errors say which file and why."""
    shown = "stdin" if str(path) == "-" else path_text(path)
    data = read_bounded(path, what)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"cannot read {shown}: not UTF-8 text") from None
    return parse_json(text, shown)
