"""FieldSpecs rendered as questionary questions, one asker per field of `wizard.core.fields`.

Each text answer is checked by the field's own validator through questionary's `validate=`,
so a refused answer is asked again with the engine's rule. Questions are asked with
`unsafe_ask()`: Ctrl-C and end of input propagate to the flow, which owns the exit status.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import questionary

from wizard.core import fields
from wizard.core.fields import FieldSpec
from wizard.core.model import MANAGED_KEY, Answers, Principal
from wizard.core.render import render_bundle

Io = dict[str, Any]  # input= / output= forwarded to every prompt (empty: the real terminal)
Asker = Callable[[FieldSpec, Answers, Io], Answers]

DONE_HINT = "(leave empty to finish)"


def say(text: str = "") -> None:
    """Our own lines (notes, rules the engine found) go to stdout, beside the prompts."""
    print(text, flush=True)


def validator(spec: FieldSpec, answers: Answers, *, allow_empty: bool = False) -> Callable[[str], bool | str]:
    """questionary's `validate=`: True, or the engine's rule text for a refused answer."""

    def check(value: str) -> bool | str:
        if allow_empty and value.strip() == "":
            return True
        rule = spec.check(value, answers)
        return rule or True

    return check


def ask_text(spec: FieldSpec, answers: Answers, io: Io, *, message: str, default: str,
             allow_empty: bool = False) -> str:
    return questionary.text(message, default=default, instruction=spec.help if not allow_empty else None,
                            validate=validator(spec, answers, allow_empty=allow_empty), **io).unsafe_ask().strip()


def ask_region(spec: FieldSpec, answers: Answers, io: Io) -> Answers:
    """Autocomplete over every Region; the default is the prefill, then AWS_REGION / AWS_DEFAULT_REGION."""
    choices = fields.region_choices()
    default = answers.region or fields.default_region(os.environ)
    value = questionary.autocomplete(
        f"{spec.label}:", choices=[c.value for c in choices], default=default,
        meta_information={c.value: c.label for c in choices}, validate=validator(spec, answers), **io,
    ).unsafe_ask()
    return replace(answers, region=value.strip())


def ask_account(spec: FieldSpec, answers: Answers, io: Io) -> Answers:
    value = ask_text(spec, answers, io, message=f"{spec.label}:", default=answers.account)
    return replace(answers, account=value)


def ask_key(spec: FieldSpec, answers: Answers, io: Io) -> Answers:
    """Managed or customer key first; only a customer key needs an identifier."""
    prefilled = answers.key.strip()
    kind = fields.key_kind(prefilled) if prefilled else None
    choices = [questionary.Choice(c.label, c.value, description=c.group) for c in fields.KEY_CHOICES]
    chosen = questionary.select(f"{spec.label}:", choices=choices, default=kind, **io).unsafe_ask()
    if chosen == "managed":
        keep = kind == "managed" and spec.check(prefilled, answers) is None
        return replace(answers, key=prefilled if keep else MANAGED_KEY)
    default = prefilled if kind == "customer" else ""
    value = ask_text(spec, answers, io, message=f"{spec.label} identifier:", default=default)
    if fields.is_alias_only(value):
        say(f"Note: {fields.KEY_ALIAS_NOTE}")
    return replace(answers, key=value)


def ask_streams(spec: FieldSpec, answers: Answers, io: Io) -> Answers:
    """One stream per answer until an empty one; prefilled streams are offered in turn."""
    streams: list[str] = []
    while True:
        number = len(streams) + 1
        default = answers.streams[len(streams)] if len(streams) < len(answers.streams) else ""
        message = f"Stream {number}:" if not streams else f"Stream {number} {DONE_HINT}:"
        value = ask_text(spec, answers, io, message=message, default=default, allow_empty=bool(streams))
        if not value:
            return replace(answers, streams=tuple(streams))
        streams.append(value)


def principal_rule(answers: Answers, done: list[Principal], candidate: Principal) -> str | None:
    """The engine's message about `candidate` among the principals given so far, or None.

    Roles and services have no per-field validator in the core; rendering the answers with the
    candidate added asks the very rules `generate` applies, instead of copying them here.
    """
    bundle = render_bundle(replace(answers, principals=(*done, candidate)))
    ref = candidate.ref.strip()
    for problem in bundle.problems:
        if problem.field in fields.PRINCIPAL_FLAGS and problem.value == ref:
            return str(problem)
    return None


def ask_principal_roles(answers: Answers, done: list[Principal], ref: str, prefill: Principal | None,
                        io: Io) -> Principal:
    """The roles (checkbox), then the optional service, each re-asked while the engine refuses it."""
    before = set(prefill.roles) if prefill else set()
    choices = [questionary.Choice(c.label, c.value, checked=c.value in before) for c in fields.ROLE_CHOICES]

    def check_roles(roles: list[str]) -> bool | str:
        return principal_rule(answers, done, Principal(ref, tuple(roles))) or True

    roles = tuple(questionary.checkbox(f"Roles of {ref}:", choices=choices, validate=check_roles,
                                       **io).unsafe_ask())
    service_choices = [questionary.Choice(c.label, c.value) for c in fields.SERVICE_CHOICES]
    service_default = prefill.service if prefill and prefill.service else ""
    while True:
        service = questionary.select(f"Does {ref} read the stream for an AWS service?", choices=service_choices,
                                     default=service_default, **io).unsafe_ask() or None
        principal = Principal(ref, roles, service)
        rule = principal_rule(answers, done, principal)
        if rule is None:
            return principal
        say(f"  {ref}: {rule}")
        service_default = ""


def ask_principals(spec: FieldSpec, answers: Answers, io: Io) -> Answers:
    """One principal per answer until an empty one, each followed by its roles and service."""
    done: list[Principal] = []
    while True:
        prefill = answers.principals[len(done)] if len(done) < len(answers.principals) else None
        number = len(done) + 1
        message = f"Principal {number}:" if not done else f"Principal {number} {DONE_HINT}:"
        ref = ask_text(spec, answers, io, message=message, default=prefill.ref if prefill else "",
                       allow_empty=bool(done))
        if not ref:
            return replace(answers, principals=tuple(done))
        done.append(ask_principal_roles(answers, done, ref, prefill, io))


def ask_fan_out(spec: FieldSpec, answers: Answers, io: Io) -> Answers:
    value = questionary.confirm(f"{spec.label}? {spec.help}", default=answers.fan_out, **io).unsafe_ask()
    return replace(answers, fan_out=bool(value))


ASKERS: dict[str, Asker] = {
    "region": ask_region,
    "account": ask_account,
    "key": ask_key,
    "streams": ask_streams,
    "principals": ask_principals,
    "fan_out": ask_fan_out,
}


def ask_step(step: fields.Step, answers: Answers, io: Io) -> Answers:
    """Every field of one step, in the order the core declares them."""
    for spec in step.fields:
        answers = ASKERS[spec.name](spec, answers, io)
    return answers
