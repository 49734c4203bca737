"""The single declaration of the wizard's steps and questions.

The Textual app, the plain prompts and the command line all render from these lists, so the
order of steps, the wording and every rule exist once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from wizard.core.model import MANAGED_KEY, ROLE_TITLES, ROLES, SERVICE_TITLES, SERVICES, Answers, Principal
from wizard.core.problems import Problem
from wizard.core.regions import PARTITION_NAMES, REGIONS, label
from wizard.core.validate import (
    ARN_RE,
    check_account,
    check_key_text,
    check_principal_text,
    check_region,
    check_stream_text,
    default_consumer_name,
    gets_own_consumer,
    parse_principal,
    trimmed,
)

Validator = Callable[[str, Answers], "str | None"]


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    group: str = ""


@dataclass(frozen=True)
class FieldSpec:
    """One question. `validate` checks one typed value (one item, for lists) and returns the rule."""

    name: str  # the Answers attribute
    flag: str  # the word problems use, as on the command line
    label: str
    help: str
    kind: str  # "choice" | "text" | "list" | "principals" | "bool"
    validate: Validator | None = None

    def check(self, value: str, answers: Answers) -> str | None:
        """The rule `value` breaks, or None; a field without a validator accepts anything."""
        return self.validate(value, answers) if self.validate else None


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    fields: tuple[FieldSpec, ...]
    problem_fields: frozenset[str]

    def problems(self, problems: Iterable[Problem]) -> list[Problem]:
        return [p for p in problems if p.field in self.problem_fields]


def region_choices() -> list[Choice]:
    """Every Region, grouped by partition, labelled with its name."""
    return [Choice(r.code, label(r), PARTITION_NAMES[r.partition]) for r in REGIONS]


def default_region(environ: Mapping[str, str]) -> str:
    """AWS_REGION, then AWS_DEFAULT_REGION, as the AWS CLI and SDKs read them."""
    for name in ("AWS_REGION", "AWS_DEFAULT_REGION"):
        value = environ.get(name, "").strip()
        if value and check_region(value) is None:
            return value
    return ""


KEY_CHOICES = (
    Choice("managed", "AWS managed key (aws/kinesis)",
           "Free of key policy work: Kinesis and your account's IAM policies are all it needs, "
           "but it cannot be shared with other accounts."),
    Choice("customer", "Customer managed key",
           "You own its key policy: producers and consumers need it named there or delegated to "
           "IAM, and it can serve other accounts."),
)
KEY_ALIAS_NOTE = (
    "An alias cannot name a key in an IAM policy's Resource: the identity policies will use "
    "key/* narrowed by the kms:ResourceAliases condition. Give the key ARN to name it exactly."
)
ROLE_CHOICES = tuple(Choice(r, ROLE_TITLES[r]) for r in ROLES)
SERVICE_CHOICES = (Choice("", "none (an application)"), *tuple(Choice(s, SERVICE_TITLES[s]) for s in SERVICES))


def key_kind(value: str) -> str:
    """Which of KEY_CHOICES a key answer belongs to."""
    text = value.strip()
    return "managed" if text == MANAGED_KEY or text.endswith(":" + MANAGED_KEY) else "customer"


def is_user_arn(value: str) -> bool:
    """Whether a principal answer is an IAM user's ARN: a user is no AWS service's role, so no service is asked.

    Read as the principal's validator reads it (an iam ARN whose resource is user/[PATH/]NAME), so the
    question is skipped exactly for what validation would take as a user.
    """
    match = ARN_RE.fullmatch(value.strip())
    return match is not None and match.group(2) == "iam" and match.group(5).startswith("user/")


def own_consumer_default(principal: Principal, answers: Answers) -> str | None:
    """The name of the enhanced fan-out consumer registered for `principal` when it is given none, or None when
    it gets no consumer of its own (a reader in the stream's account, fan-out off, no consumer role, Firehose, or
    not a valid ARN yet). The faces ask for a consumer name exactly when this is not None."""
    text = principal.ref.strip()
    match = ARN_RE.fullmatch(text)
    if match is None:
        return None  # a role name is a role of the stream's account
    parsed, _ = parse_principal(text, match.group(1), answers.account.strip())
    if parsed is None:
        return None
    _, account, _, name = parsed
    if not gets_own_consumer(principal.roles, principal.service, account, answers.account.strip(), answers.fan_out):
        return None
    return default_consumer_name(name, account)


def fan_out_consumer(principal: Principal, answers: Answers) -> str | None:
    """The name of the consumer the bundle registers for `principal` (the one given, else the default), or None when
    it gets none: what the faces show beside the principal."""
    default = own_consumer_default(principal, answers)
    return None if default is None else principal.consumer_name or default


# KCL registers its application name unless it is given a consumer name (FanOutConfig: "If this isn't set the
# applicationName will be used"): https://github.com/awslabs/amazon-kinesis-client/blob/master/amazon-kinesis-client/
# src/main/java/software/amazon/kinesis/retrieval/fanout/FanOutConfig.java
CONSUMER_NAME_HELP = ("The name of the enhanced fan-out consumer registered for this reader in another account "
                      "(empty: the one shown). KCL registers its application name unless told another.")


def is_alias_only(value: str) -> bool:
    text = value.strip()
    return key_kind(text) == "customer" and (text.startswith("alias/") or ":alias/" in text)


REGION = FieldSpec("region", "region", "Region", "The AWS Region of the stream and its key.", "choice",
                   lambda value, answers: check_region(trimmed(value)))
ACCOUNT = FieldSpec("account", "account", "Account ID", "The 12-digit account that owns the stream.", "text",
                    lambda value, answers: check_account(trimmed(value)))
KEY = FieldSpec("key", "key", "KMS key",
                "Key ID, key ARN, alias name, alias ARN, or alias/aws/kinesis.", "text", check_key_text)
STREAMS = FieldSpec("streams", "stream", "Streams", "Stream names or stream ARNs, one each.", "list",
                    check_stream_text)
PRINCIPALS = FieldSpec("principals", "principal", "Principals",
                       "IAM role names, role ARNs or user ARNs, each with its roles.", "principals",
                       check_principal_text)
FAN_OUT = FieldSpec("fan_out", "fan-out", "Enhanced fan-out",
                    "Let consumers read with enhanced fan-out (KCL 2 and later use it by default).", "bool")

PRINCIPAL_FLAGS = frozenset({"principal", *ROLES, *(f"{s}-consumer" for s in SERVICES)})

STEPS: tuple[Step, ...] = (
    Step("region", "Region", (REGION,), frozenset({"region"})),
    Step("account", "Account", (ACCOUNT,), frozenset({"account"})),
    Step("key", "Key", (KEY,), frozenset({"key"})),
    Step("streams", "Streams", (STREAMS,), frozenset({"stream"})),
    Step("principals", "Principals", (PRINCIPALS, FAN_OUT), PRINCIPAL_FLAGS),
    Step("review", "Review", (), frozenset({"merge-key-policy"})),
)
STEP_IDS = tuple(step.id for step in STEPS)


def step_for(field: str) -> str:
    """The id of the step where a problem reported under `field` is fixed."""
    for step in STEPS:
        if field in step.problem_fields:
            return step.id
    return "review"
