"""The answers a user gives, as one immutable value.

Every face (Textual app, plain prompts, command line) builds an `Answers` and hands it to the
same validator and generator, so the three cannot disagree. Partial answers are legal: an
empty string or empty tuple means "not answered yet".
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

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


def _text(data: dict[str, Any], name: str) -> str:
    value = data.get(name, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise AnswersFileError(f"{name}: expected a string, got {type(value).__name__}")
    return value


def answers_from_dict(data: Any) -> Answers:
    """Read answers from a bundle's manifest.json or a bare answers object.

    A manifest holds the answers under the key "answers"; anything else is read as the answers
    themselves. Values are kept as given: validation happens later, with every other answer.
    """
    if not isinstance(data, dict):
        raise AnswersFileError("expected a JSON object with the answers")
    if isinstance(data.get("answers"), dict):
        data = data["answers"]
    streams = data.get("streams", [])
    if isinstance(streams, str):
        streams = [streams]
    if not isinstance(streams, list) or not all(isinstance(s, str) for s in streams):
        raise AnswersFileError("streams: expected a list of strings")
    principals: list[Principal] = []
    raw_principals = data.get("principals", [])
    if not isinstance(raw_principals, list):
        raise AnswersFileError("principals: expected a list")
    for index, item in enumerate(raw_principals):
        where = f"principals[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("principal"), str):
            raise AnswersFileError(f"{where}: expected an object with a 'principal' string")
        roles = item.get("roles", [])
        if isinstance(roles, str):
            roles = [roles]
        if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
            raise AnswersFileError(f"{where}.roles: expected a list of strings")
        service = item.get("service")
        if service is not None and not isinstance(service, str):
            raise AnswersFileError(f"{where}.service: expected a string or null")
        consumer_name = item.get("consumer_name")
        if consumer_name is not None and not isinstance(consumer_name, str):
            raise AnswersFileError(f"{where}.consumer_name: expected a string or null")
        principals.append(Principal(item["principal"], tuple(roles), service or None, consumer_name or None))
    fan_out = data.get("fan_out", True)
    if not isinstance(fan_out, bool):
        raise AnswersFileError("fan_out: expected true or false")
    return Answers(
        region=_text(data, "region"),
        account=_text(data, "account"),
        key=_text(data, "key"),
        streams=tuple(streams),
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
