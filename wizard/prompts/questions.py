"""FieldSpecs rendered as questionary questions, one asker per field of `wizard.core.fields`.

Each answer is checked by the field's own validator; a refused one is asked again, with the
engine's rule printed whole under the question and the answer to edit. Each field's help is
printed once, above its question. Questions are asked with
`unsafe_ask()`: Ctrl-C and end of input propagate to the flow, which owns the exit status.
"""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import questionary

from wizard.core import fields
from wizard.core.display import is_safe, visible
from wizard.core.fields import FieldSpec
from wizard.core.model import MANAGED_KEY, Answers, Principal
from wizard.core.render import render_bundle
from wizard.core.validate import check_consumer_name

Io = dict[str, Any]  # input= / output= forwarded to every prompt (empty: the real terminal)
Asker = Callable[[FieldSpec, Answers, Io], Answers]

DONE_HINT = "(leave empty to finish)"
DESCRIPTION_PREFIX = "  Description: "  # what questionary puts before a choice's description


def say(text: str = "") -> None:
    """Our own lines (help, notes, rules the engine found) go to stdout, beside the prompts; any
    user text in them is shown with its control and bidi characters spelled out."""
    print(visible(text, keep_newlines=True), flush=True)


def shown(text: str) -> str:
    """User text inside a question: spelled out like `say` (questions are one line)."""
    return visible(text)


def offered(value: str) -> str:
    """A prefilled or refused value offered back as the default, unless it holds characters the
    prompt would send to the terminal as they are (then the user types it again)."""
    if is_safe(value):
        return value
    say(f"  (not offered as the default: {visible(value)!r} holds control or bidi characters)")
    return ""


def wrapped_description(text: str, io: Io) -> str:
    """A choice's description broken into lines that fit the terminal: questionary shows it on one line after
    `  Description: `, which the terminal cuts at its edge. Continued lines start under its first word."""
    output = io.get("output")
    try:
        columns = output.get_size().columns if output is not None else shutil.get_terminal_size().columns
    except (OSError, AttributeError):  # an output without a size: the usual width
        columns = 80
    indent = len(DESCRIPTION_PREFIX)
    lines = textwrap.wrap(text, width=max(20, columns - indent - 1)) or [""]
    return ("\n" + " " * indent).join(lines)


def check_until_valid(ask: Callable[[Any], Any], rule_of: Callable[[Any], str | None], default: Any) -> Any:
    """Ask, and while the engine refuses the answer, print its rule whole under the question and ask
    again with the refused answer to edit (questionary's own validation shows one cut-off line
    at the bottom of the screen)."""
    while True:
        value = ask(default)
        rule = rule_of(value)
        if rule is None:
            return value
        say(f"  ! {rule}")
        default = offered(value) if isinstance(value, str) else value


def ask_text(spec: FieldSpec, answers: Answers, io: Io, *, message: str, default: str,
             allow_empty: bool = False) -> str:
    def ask(current: str) -> str:
        return questionary.text(message, default=current, **io).unsafe_ask().strip()

    def rule_of(value: str) -> str | None:
        return None if allow_empty and value == "" else spec.check(value, answers)

    return check_until_valid(ask, rule_of, offered(default))


def ask_region(spec: FieldSpec, answers: Answers, io: Io) -> Answers:
    """Autocomplete over every Region; the default is the prefill, then AWS_REGION / AWS_DEFAULT_REGION."""
    say(spec.help)
    choices = fields.region_choices()

    def ask(current: str) -> str:
        return questionary.autocomplete(
            f"{spec.label}:", choices=[c.value for c in choices], default=current,
            meta_information={c.value: c.label for c in choices}, **io,
        ).unsafe_ask().strip()

    default = answers.region or fields.default_region(os.environ)
    value = check_until_valid(ask, lambda value: spec.check(value, answers), offered(default))
    return replace(answers, region=value)


def ask_account(spec: FieldSpec, answers: Answers, io: Io) -> Answers:
    say(spec.help)
    value = ask_text(spec, answers, io, message=f"{spec.label}:", default=answers.account)
    return replace(answers, account=value)


def ask_key(spec: FieldSpec, answers: Answers, io: Io) -> Answers:
    """Managed or customer key first; only a customer key needs an identifier."""
    prefilled = answers.key.strip()
    kind = fields.key_kind(prefilled) if prefilled else None
    choices = [questionary.Choice(c.label, c.value, description=wrapped_description(c.group, io))
               for c in fields.KEY_CHOICES]
    chosen = questionary.select(f"{spec.label}:", choices=choices, default=kind, **io).unsafe_ask()
    if chosen == "managed":
        keep = kind == "managed" and spec.check(prefilled, answers) is None
        return replace(answers, key=prefilled if keep else MANAGED_KEY)
    say(spec.help)
    default = prefilled if kind == "customer" else ""
    value = ask_text(spec, answers, io, message=f"{spec.label} identifier:", default=default)
    if fields.is_alias_only(value):
        say(f"Note: {fields.KEY_ALIAS_NOTE}")
    return replace(answers, key=value)


def ask_streams(spec: FieldSpec, answers: Answers, io: Io) -> Answers:
    """One stream per answer until an empty one; prefilled streams are offered in turn."""
    say(spec.help)
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
    """The roles (checkbox), then, for a consumer, the AWS service it reads for (if any), each asked
    again while the engine refuses it."""
    name = shown(ref)

    def ask_roles(ticked: set[str]) -> tuple[str, ...]:
        choices = [questionary.Choice(c.label, c.value, checked=c.value in ticked) for c in fields.ROLE_CHOICES]
        return tuple(questionary.checkbox(f"Roles of {name}:", choices=choices, **io).unsafe_ask())

    roles = check_until_valid(lambda ticked: ask_roles(set(ticked)),
                              lambda roles: principal_rule(answers, done, Principal(ref, roles)),
                              tuple(prefill.roles) if prefill else ())
    kept = prefill.consumer_name if prefill else None  # asked after fan-out (ask_consumer_names), kept till then
    if "consumer" not in roles or fields.is_user_arn(ref):  # only a consumer role reads for a service
        return Principal(ref, roles, None, kept)
    service_choices = [questionary.Choice(c.label, c.value) for c in fields.SERVICE_CHOICES]

    def ask_service(default: str) -> str | None:
        return questionary.select(f"Does {name} read the stream for an AWS service?", choices=service_choices,
                                  default=default, **io).unsafe_ask() or None

    service = check_until_valid(
        lambda default: ask_service(default or ""),
        lambda service: principal_rule(answers, done, Principal(ref, roles, service)),
        prefill.service if prefill and prefill.service else "")
    return Principal(ref, roles, service, kept)


def ask_principals(spec: FieldSpec, answers: Answers, io: Io) -> Answers:
    """One principal per answer until an empty one, each followed by its roles and service."""
    say(spec.help)
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
    say(spec.help)
    value = questionary.confirm(f"{spec.label}?", default=answers.fan_out, **io).unsafe_ask()
    return ask_consumer_names(replace(answers, fan_out=bool(value)), io)


def ask_consumer_names(answers: Answers, io: Io) -> Answers:
    """With fan-out on, the consumer name of each reader in another account (the one the stream's owner registers
    for it); empty keeps the name the bundle gives it. Asked again while the engine refuses it."""
    principals = list(answers.principals)
    helped = False
    for index, principal in enumerate(principals):
        default = fields.own_consumer_default(principal, answers)
        if default is None:
            continue
        if not helped:
            say(fields.CONSUMER_NAME_HELP)
            helped = True
        message = f"Consumer name of {shown(principal.ref.strip())} (empty: {shown(default)}):"

        def ask(current: str, message: str = message) -> str:
            return questionary.text(message, default=current, **io).unsafe_ask().strip()

        def rule_of(value: str, index: int = index, principal: Principal = principal) -> str | None:
            if value and (rule := check_consumer_name(value)):
                return rule
            return principal_rule(answers, principals[:index], replace(principal, consumer_name=value or None))

        name = check_until_valid(ask, rule_of, offered(principal.consumer_name or ""))
        principals[index] = replace(principal, consumer_name=name or None)
    return replace(answers, principals=tuple(principals))


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
