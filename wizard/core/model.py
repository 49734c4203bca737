"""The answers a user gives, as one immutable value.

Every face (Textual app, plain prompts, command line) builds an `Answers` and hands it to the
same validator and generator, so the three cannot disagree. Partial answers are legal: an
empty string or empty tuple means "not answered yet".
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from wizard.core.display import plain_text_rule, quoted

ROLES: tuple[str, ...] = ("producer", "consumer", "admin")
SERVICES: tuple[str, ...] = ("lambda", "flink", "firehose")
MANAGED_KEY = "alias/aws/kinesis"

ROLE_TITLES = {"producer": "producer", "consumer": "consumer", "admin": "administrator"}
SERVICE_TITLES = {
    "lambda": "AWS Lambda (event source mapping)",
    "flink": "Amazon Managed Service for Apache Flink",
    "firehose": "Amazon Data Firehose",
}


@dataclass(frozen=True)
class Principal:
    """One IAM role or user and what it does with the stream.

    `ref` is what the user typed: a role name, a role ARN or a user ARN. `service` names the
    AWS service whose role this is when the principal reads the stream for that service.
    `consumer_name` overrides the name of the enhanced fan-out consumer the stream's owner
    registers for a reader in another account (by default derived from the role).
    """

    ref: str
    roles: tuple[str, ...] = ()
    service: str | None = None
    consumer_name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"principal": self.ref, "roles": list(self.roles), "service": self.service}
        if self.consumer_name is not None:
            out["consumer_name"] = self.consumer_name
        return out


@dataclass(frozen=True)
class Answers:
    """Everything the wizard asks, in the order it asks it."""

    region: str = ""
    account: str = ""
    key: str = ""
    streams: tuple[str, ...] = ()
    principals: tuple[Principal, ...] = ()
    fan_out: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "account": self.account,
            "key": self.key,
            "streams": list(self.streams),
            "principals": [p.to_dict() for p in self.principals],
            "fan_out": self.fan_out,
        }


class AnswersFileError(ValueError):
    """An answers file that is not of the expected shape; the message says where."""


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true or false", type(None): "null"}.get(
        type(value), "a number" if isinstance(value, (int, float)) else type(value).__name__)


def _text(value: Any, where: str, *, optional: bool = False) -> str:
    """A string item of the file, refused by name when it is another type or not plain text."""
    if value is None and optional:
        return ""
    if not isinstance(value, str):
        raise AnswersFileError(f"{where}: expected a string{' or null' if optional else ''}, got {_kind(value)}")
    if rule := plain_text_rule(value):
        raise AnswersFileError(f"{where}: {quoted(value)} {rule}")
    return value


def _texts(value: Any, where: str) -> tuple[str, ...]:
    """A list of strings (a single string counts as a list of one), each item checked by index."""
    if isinstance(value, str):
        return (_text(value, where),)
    if not isinstance(value, list):
        raise AnswersFileError(f"{where}: expected a list of strings, got {_kind(value)}")
    return tuple(_text(item, f"{where}[{index}]") for index, item in enumerate(value))


def answers_from_dict(data: Any) -> Answers:
    """Read answers from a bundle's manifest.json or a bare answers object.

    A manifest holds the answers under the key "answers"; anything else is read as the answers
    themselves. Types are checked here, each refusal naming the item (`streams[2]`), and so is
    plain text: a shared file is untrusted, and a value holding an escape sequence is refused
    before any face can show it. Everything else is kept as given: validation happens later,
    with every other answer.
    """
    if not isinstance(data, dict):
        raise AnswersFileError(f"expected a JSON object with the answers, got {_kind(data)}")
    if isinstance(data.get("answers"), dict):
        data = data["answers"]
    streams = _texts(data.get("streams", []), "streams")
    principals: list[Principal] = []
    raw_principals = data.get("principals", [])
    if not isinstance(raw_principals, list):
        raise AnswersFileError(f"principals: expected a list, got {_kind(raw_principals)}")
    for index, item in enumerate(raw_principals):
        where = f"principals[{index}]"
        if not isinstance(item, dict):
            raise AnswersFileError(f"{where}: expected an object with a 'principal' string, got {_kind(item)}")
        ref = _text(item.get("principal"), f"{where}.principal")
        roles = _texts(item.get("roles", []), f"{where}.roles")
        service = _text(item.get("service"), f"{where}.service", optional=True)
        consumer_name = _text(item.get("consumer_name"), f"{where}.consumer_name", optional=True)
        principals.append(Principal(ref, roles, service or None, consumer_name or None))
    fan_out = data.get("fan_out", True)
    if not isinstance(fan_out, bool):
        raise AnswersFileError(f"fan_out: expected true or false, got {_kind(fan_out)}")
    return Answers(
        region=_text(data.get("region"), "region", optional=True),
        account=_text(data.get("account"), "account", optional=True),
        key=_text(data.get("key"), "key", optional=True),
        streams=streams,
        principals=tuple(principals),
        fan_out=fan_out,
    )


def add_principal_role(
    principals: tuple[Principal, ...], ref: str, role: str, service: str | None = None
) -> tuple[Principal, ...]:
    """Give `ref` one more role, merging with an entry for the same text if there is one.

    Used by the command line, where one role may be named by several flags
    (`--producer r --consumer r`).
    """
    out = list(principals)
    for index, existing in enumerate(out):
        if existing.ref != ref:
            continue
        if service is not None and existing.service not in (None, service):
            break  # a second service for one role: a separate entry, so the validator reports it
        roles = existing.roles if role in existing.roles else (*existing.roles, role)
        out[index] = replace(existing, roles=roles, service=service or existing.service)
        return tuple(out)
    out.append(Principal(ref, (role,), service))
    return tuple(out)
