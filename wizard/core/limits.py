"""Size limits AWS enforces on the documents, and how each is measured."""

from __future__ import annotations

import json
from typing import Any

MANAGED_POLICY_CHARS = 6_144  # IAM managed policy, whitespace not counted
KEY_POLICY_BYTES = 32_768  # KMS key policy, not adjustable
# No documented size for a Kinesis resource policy was found; KMS's figure is used as a guard.
STREAM_POLICY_BYTES = 32_768

_NO_SPACE = str.maketrans("", "", " \t\r\n")


def to_json(doc: Any) -> str:
    """The one serialisation written everywhere: 2-space indent, trailing newline, stable."""
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def iam_size(doc: Any) -> int:
    """Characters IAM counts: the document without any whitespace."""
    return len(json.dumps(doc, separators=(",", ":"), ensure_ascii=False).translate(_NO_SPACE))


def byte_size(text: str) -> int:
    return len(text.encode("utf-8"))
