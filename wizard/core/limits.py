"""Size limits AWS enforces on the documents, how each is measured, and the text written.

Every document is written indented while it fits its limit and compact (no whitespace between
tokens) when only that fits, and its size is measured on the text as written: what
`put-key-policy --policy file://...` sends is the file itself.
"""

from __future__ import annotations

import json
from typing import Any

MANAGED_POLICY_CHARS = 6_144  # IAM managed policy, whitespace not counted
KEY_POLICY_BYTES = 32_768  # KMS key policy, not adjustable
# "The size of the policy cannot exceed 20KB", for a stream's and a registered consumer's policy:
# https://docs.aws.amazon.com/streams/latest/dev/controlling-access.html#sharing-data-streams-validating
RESOURCE_POLICY_BYTES = 20_480
STREAM_POLICY_BYTES = RESOURCE_POLICY_BYTES

_NO_SPACE = str.maketrans("", "", " \t\r\n")


def to_json(doc: Any) -> str:
    """The indented serialisation: 2-space indent, trailing newline, stable."""
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def to_compact_json(doc: Any) -> str:
    """The same document without whitespace between tokens, for when only that fits."""
    return json.dumps(doc, separators=(",", ":"), ensure_ascii=False) + "\n"


def iam_size(doc: Any) -> int:
    """Characters IAM counts: the document without any whitespace."""
    return len(json.dumps(doc, separators=(",", ":"), ensure_ascii=False).translate(_NO_SPACE))


def byte_size(text: str) -> int:
    return len(text.encode("utf-8"))


def written(doc: Any, limit_bytes: int) -> tuple[str, int]:
    """(text, bytes) of a document with a byte limit: indented while that fits, else compact."""
    text = to_json(doc)
    size = byte_size(text)
    if size > limit_bytes:
        text = to_compact_json(doc)
        size = byte_size(text)
    return text, size
