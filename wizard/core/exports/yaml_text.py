"""A small YAML writer (block style) for CloudFormation templates; the core has no YAML library.

Every string is double-quoted with escapes, so no value can be read back as a number, a boolean,
a tag, an anchor or a CloudFormation intrinsic function: what is written is what is deployed.
"""

from __future__ import annotations

import json
import re
from typing import Any

INDENT = "  "
_PLAIN_KEY = re.compile(r"[A-Za-z][A-Za-z0-9]*")
# Plain words a YAML 1.1 parser (PyYAML; CloudFormation reads YAML 1.1) takes for a boolean or null, not a string.
_YAML11_WORDS = frozenset({"y", "yes", "n", "no", "true", "false", "on", "off", "null"})
# YAML's printable set; anything else (and the line breaks \x85, \u2028, \u2029) is escaped.
_SIMPLE = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\x00": "\\0"}


def _printable(char: str) -> bool:
    code = ord(char)
    return (0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF) and char not in "\u2028\u2029\ufeff"


def quoted(text: str) -> str:
    """`text` as a double-quoted YAML scalar that reads back as exactly `text`."""
    out = []
    for char in text:
        if char in _SIMPLE:
            out.append(_SIMPLE[char])
        elif _printable(char):
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        else:  # every character outside the printable set is below U+10000 (surrogates, U+FFFE, ...)
            out.append(f"\\u{ord(char):04x}")
    return '"' + "".join(out) + '"'


def scalar(value: Any) -> str:
    if isinstance(value, str):
        return quoted(value)
    if isinstance(value, bool) or value is None or isinstance(value, (int, float)):
        return json.dumps(value)
    if isinstance(value, (dict, list)) and not value:
        return "{}" if isinstance(value, dict) else "[]"
    raise TypeError(f"not a YAML scalar: {type(value).__name__}")


def key(name: str) -> str:
    return name if _PLAIN_KEY.fullmatch(name) and name.lower() not in _YAML11_WORDS else quoted(name)


def _is_block(value: Any) -> bool:
    return isinstance(value, (dict, list)) and bool(value)


def lines(value: dict[str, Any] | list[Any]) -> list[str]:
    """A non-empty mapping or sequence as block-style lines, not indented."""
    out: list[str] = []
    if isinstance(value, dict):
        for name, item in value.items():
            if _is_block(item):
                out.append(f"{key(name)}:")
                out.extend(INDENT + line for line in lines(item))
            else:
                out.append(f"{key(name)}: {scalar(item)}")
    else:
        for item in value:
            if _is_block(item):
                first, *rest = lines(item)
                out.append(f"- {first}")
                out.extend(INDENT + line for line in rest)
            else:
                out.append(f"- {scalar(item)}")
    return out


def dump(value: dict[str, Any]) -> str:
    return "\n".join(lines(value)) + "\n"
