"""Validation and resolution: raw answers in, ARNs of one partition out, or the reasons why not.

One function per field turns a typed value into what the policies need (a key ARN, a stream
ARN, a principal ARN) or into the rule it breaks. `resolve()` runs them all and reports every
problem at once; the faces call the same per-field functions to validate as the user types.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from wizard.core.display import plain_text_rule
from wizard.core.model import MANAGED_KEY, ROLES, SERVICES, Answers, Principal
from wizard.core.problems import Problem
from wizard.core.regions import PARTITION_NAMES, closest_region, partition_of

ACCOUNT_RE = re.compile(r"[0-9]{12}")
STREAM_NAME_RE = re.compile(r"[a-zA-Z0-9_.-]{1,128}")
KEY_UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
KEY_MRK_RE = re.compile(r"mrk-[0-9a-f]{32}")
KEY_ID_RE = re.compile(rf"(?:{KEY_MRK_RE.pattern}|{KEY_UUID_RE.pattern})")
ALIAS_RE = re.compile(r"alias/[A-Za-z0-9/_-]+")
IAM_NAME_RE = re.compile(r"[A-Za-z0-9_+=,.@-]{1,64}")
# "/" alone or "/", at least one printable character, "/": the Path pattern of CreateRole and CreateUser
# ((\u002F)|(\u002F[\u0021-\u007F]+\u002F), DEL left out), https://docs.aws.amazon.com/IAM/latest/APIReference/
# API_CreateRole.html. So no role's ARN has `role//NAME`: that would be the path "//".
IAM_PATH_RE = re.compile(r"/(?:[\x21-\x7E]+/)?")
ARN_RE = re.compile(r"arn:([^:]*):([^:]*):([^:]*):([^:]*):(.*)", re.DOTALL)

KEY_FORMS = (
    "a key ID (1234abcd-12ab-34cd-56ef-1234567890ab), a multi-Region key ID (mrk- and 32 hex "
    "digits), a key ARN, an alias name (alias/NAME), an alias ARN, or alias/aws/kinesis for "
    "the AWS managed key"
)
PRINCIPAL_ARNS = ("a role ARN (arn:PARTITION:iam::ACCOUNT:role/PATH/NAME) or a user ARN "
                  "(arn:PARTITION:iam::ACCOUNT:user/NAME)")
PRINCIPAL_FORMS = "give an IAM role name, " + PRINCIPAL_ARNS


@dataclass(frozen=True)
class KeyRef:
    """The stream's KMS key as the policies need it.

    `arn` is the key ARN when the key was given by ID or ARN; with an alias only, it is None and
    identity policies must use a wildcard key ARN narrowed by `kms:ResourceAliases`.
    """

    given: str
    kind: str  # "managed" | "key-id" | "key-arn" | "alias" | "alias-arn"
    account: str
    arn: str | None = None
    alias: str | None = None

    @property
    def managed(self) -> bool:
        return self.kind == "managed"


@dataclass(frozen=True)
class StreamRef:
    name: str
    arn: str


@dataclass(frozen=True)
class PrincipalRef:
    """A principal with its ARN, its account and what it does.

    `consumer_name` is set for a reader in another account that reads with enhanced fan-out: the
    name of the consumer the stream's owner registers for it on each stream.
    """

    given: str
    arn: str
    account: str
    kind: str  # "role" | "user"
    name: str
    roles: tuple[str, ...]
    service: str | None = None
    consumer_name: str | None = None


@dataclass(frozen=True)
class Resolved:
    """Answers after validation: everything the policy builders read."""

    partition: str
    region: str
    account: str
    key: KeyRef
    streams: tuple[StreamRef, ...]
    principals: tuple[PrincipalRef, ...]
    fan_out: bool

    def with_role(self, role: str, service: str | None = None) -> tuple[PrincipalRef, ...]:
        """Principals that have `role`; for consumers, those reading for `service` only."""
        if role == "consumer":
            return tuple(p for p in self.principals if role in p.roles and p.service == service)
        return tuple(p for p in self.principals if role in p.roles)

    def external(self, role: str) -> tuple[PrincipalRef, ...]:
        """Principals with `role` (any service) whose account is not the stream's."""
        return tuple(p for p in self.principals if role in p.roles and p.account != self.account)

    def key_account(self) -> str:
        return self.key.account


# --- one function per field -------------------------------------------------------------------


def trimmed(raw: str) -> str:
    """`raw` without the spaces around it, or whole when it holds a control or bidi character.

    Whole, so that a trailing newline or NEL (which `str.strip` would silently drop) still reaches
    the validator and is refused by name, like any other control character.
    """
    return raw.strip() if plain_text_rule(raw) is None else raw



def check_region(value: str) -> str | None:
    """The rule `value` breaks as a Region, or None when it is one."""
    if rule := plain_text_rule(value):
        return rule
    if value == "":
        return "choose the Region of the stream (for example us-west-2)"
    if partition_of(value) is None:
        near = closest_region(value)
        if near:
            return f"no Region matches {value!r}; did you mean {near}?"
        return (
            f"no Region matches {value!r}; give one of the Regions of "
            + ", ".join(PARTITION_NAMES)
            + " (for example us-west-2, cn-north-1, us-gov-west-1)"
        )
    return None


def check_account(value: str) -> str | None:
    if rule := plain_text_rule(value):
        return rule
    if value == "":
        return "give the 12-digit ID of the AWS account that owns the stream"
    if not ACCOUNT_RE.fullmatch(value):
        return "an AWS account ID is exactly 12 digits"
    return None


def _arn_place_rule(what: str, partition: str, region: str, account: str | None,
                    got: tuple[str, str, str]) -> str | None:
    got_partition, got_region, got_account = got
    # The stream's place is the one chosen (the Region and account answers); anything else is held to the stream's.
    whose = "the one chosen" if what == "the stream" else "the stream's"
    if got_partition != partition:
        return f"{what} must be in partition {partition} (the Region's), not {got_partition!r}"
    if got_region != region:
        return f"{what} must be in Region {region} ({whose}), not {got_region!r}"
    if not ACCOUNT_RE.fullmatch(got_account):
        return f"{what} names account {got_account!r}; an AWS account ID is exactly 12 digits"
    if account is not None and got_account != account:
        return f"{what} must be in account {account} ({whose}), not {got_account}"
    # Checked against its own place (no Region answered yet), an ARN must still name a real one.
    if got_partition not in PARTITION_NAMES:
        return f"{what} names partition {got_partition!r}; the partitions are {', '.join(PARTITION_NAMES)}"
    if partition_of(got_region) != got_partition:
        return f"{what} names Region {got_region!r}, which is not a Region of partition {got_partition}"
    return None


def parse_key(value: str, partition: str, region: str, account: str) -> tuple[KeyRef | None, str | None]:
    """Resolve a key identifier in any form Kinesis accepts, for the given place."""
    if rule := plain_text_rule(value):
        return None, rule
    if value == "":
        return None, "choose the stream's KMS key: " + KEY_FORMS
    if value == MANAGED_KEY:
        return KeyRef(value, "managed", account, alias=MANAGED_KEY), None
    if KEY_ID_RE.fullmatch(value):
        arn = f"arn:{partition}:kms:{region}:{account}:key/{value}"
        return KeyRef(value, "key-id", account, arn=arn), None
    if value.startswith("alias/"):
        rule = _alias_rule(value)
        if rule:
            return None, rule
        return KeyRef(value, "alias", account, alias=value), None
    match = ARN_RE.fullmatch(value)
    if match and match.group(2) == "kms":
        got_partition, _, got_region, got_account, resource = match.groups()
        place = _arn_place_rule("the key", partition, region, None, (got_partition, got_region, got_account))
        if place:
            return None, place
        if resource.startswith("key/"):
            if not KEY_ID_RE.fullmatch(resource[4:]):
                return None, "a key ARN ends in key/ and a key ID (a UUID, or mrk- and 32 hex digits)"
            return KeyRef(value, "key-arn", got_account, arn=value), None
        if resource.startswith("alias/"):
            if resource == MANAGED_KEY:
                if got_account != account:
                    return None, (
                        "the AWS managed key aws/kinesis lives in the stream's own account "
                        f"({account}); it cannot come from another account"
                    )
                return KeyRef(value, "managed", account, alias=MANAGED_KEY), None
            rule = _alias_rule(resource)
            if rule:
                return None, rule
            return KeyRef(value, "alias-arn", got_account, alias=resource), None
        return None, "a KMS ARN for a key ends in key/KEY_ID or alias/NAME"
    if re.fullmatch(r"[0-9a-fA-F-]{30,40}|(?i:mrk)-[0-9a-fA-F]+", value):
        return None, "a key ID is lowercase hex: 8-4-4-4-12 digits, or mrk- and 32 digits"
    return None, "not a KMS key identifier; give " + KEY_FORMS


def _alias_rule(alias: str) -> str | None:
    if alias.startswith("alias/aws/"):
        return (
            "aliases beginning alias/aws/ belong to AWS managed keys; the one Kinesis uses is "
            "alias/aws/kinesis"
        )
    if len(alias) > 256:
        return f"an alias name is at most 256 characters; this one has {len(alias)}"
    if not ALIAS_RE.fullmatch(alias):
        return "an alias name is alias/ followed by letters, digits, '/', '_' and '-'"
    return None


def parse_stream(value: str, partition: str, region: str, account: str) -> tuple[StreamRef | None, str | None]:
    """A stream name or stream ARN of the chosen Region and account."""
    if rule := plain_text_rule(value):
        return None, rule
    if value == "":
        return None, "a stream name cannot be empty"
    match = ARN_RE.fullmatch(value)
    if match:
        got_partition, service, got_region, got_account, resource = match.groups()
        if service != "kinesis":
            return None, "a stream ARN is a kinesis ARN: arn:PARTITION:kinesis:REGION:ACCOUNT:stream/NAME"
        if not resource.startswith("stream/"):
            return None, (
                "a stream ARN has the form arn:PARTITION:kinesis:REGION:ACCOUNT:stream/NAME; "
                "without 'stream/' it matches no stream"
            )
        place = _arn_place_rule("the stream", partition, region, account, (got_partition, got_region, got_account))
        if place:
            return None, place
        name = resource[len("stream/"):]
        rule = _stream_name_rule(name)
        if rule:
            return None, rule
        return StreamRef(name, value), None
    rule = _stream_name_rule(value)
    if rule:
        return None, rule
    return StreamRef(value, f"arn:{partition}:kinesis:{region}:{account}:stream/{value}"), None


def _stream_name_rule(name: str) -> str | None:
    if len(name) > 128:
        return f"a stream name has at most 128 characters; this one has {len(name)}"
    if not STREAM_NAME_RE.fullmatch(name):
        return "a stream name is 1 to 128 letters, digits, '_', '.' or '-'"
    return None


def session_rule(match: re.Match[str], *, by_name: bool) -> str | None:
    """The rule for a role session's ARN, naming the role to give instead (None for any other ARN).

    What `aws sts get-caller-identity` prints is arn:PARTITION:sts::ACCOUNT:assumed-role/NAME/SESSION, which
    leaves the role's path out (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns);
    `by_name` says the role may also be given by its name (the wizard and generate take one, check does not).
    """
    partition, service, _, account, resource = match.groups()
    role, _, session = resource.removeprefix("assumed-role/").partition("/")
    # Only a session of a role that can exist is answered with its role: a name IAM allows, in a partition and
    # account that are ones (the role's name is repeated, so nothing unbounded or unchecked is echoed back).
    if service != "sts" or not resource.startswith("assumed-role/") or not session or not IAM_NAME_RE.fullmatch(role) \
            or partition not in PARTITION_NAMES or not ACCOUNT_RE.fullmatch(account):
        return None
    arn = f"arn:{partition}:iam::{account}:role/{role}"
    alone = f" (or the name {role} alone if it has none)" if by_name else ""
    return (f"is a session of the role {role} (as aws sts get-caller-identity prints it); give the role's ARN: "
            f"{arn}, with its path if it has one{alone}")


def parse_principal(value: str, partition: str, account: str) -> tuple[tuple[str, str, str, str] | None, str | None]:
    """(arn, account, kind, name) for a role name, role ARN or user ARN."""
    if rule := plain_text_rule(value):
        return None, rule
    if value == "":
        return None, PRINCIPAL_FORMS
    if ACCOUNT_RE.fullmatch(value):
        return None, (
            "is an account ID, and an account is not a principal this tool grants to; give the "
            "role's name or ARN (arn:PARTITION:iam::ACCOUNT:role/NAME; a role named with 12 digits "
            "is given by its ARN)")
    if not value.startswith("arn:"):
        if IAM_NAME_RE.fullmatch(value):
            return (f"arn:{partition}:iam::{account}:role/{value}", account, "role", value), None
        if len(value) > 64 and IAM_NAME_RE.fullmatch(value[:64]):
            return None, f"an IAM role name has at most 64 characters; this one has {len(value)}"
        return None, "an IAM role name is 1 to 64 letters, digits and + = , . @ _ -; or give " + PRINCIPAL_ARNS
    match = ARN_RE.fullmatch(value)
    if not match or match.group(2) != "iam":
        return None, (match and session_rule(match, by_name=True)) or PRINCIPAL_FORMS
    got_partition, _, got_region, got_account, resource = match.groups()
    if got_partition != partition:
        return None, f"the principal must be in partition {partition} (the stream's), not {got_partition!r}"
    if got_partition not in PARTITION_NAMES:
        return None, f"names partition {got_partition!r}; the partitions are {', '.join(PARTITION_NAMES)}"
    if got_region != "":
        return None, "IAM ARNs have no Region: arn:PARTITION:iam::ACCOUNT:role/NAME"
    if not ACCOUNT_RE.fullmatch(got_account):
        return None, f"names account {got_account!r}; an AWS account ID is exactly 12 digits"
    kind, _, rest = resource.partition("/")
    if kind not in ("role", "user") or not rest:
        return None, PRINCIPAL_FORMS
    if "*" in rest or "?" in rest:
        return None, "a principal ARN cannot contain wildcards (* or ?)"
    path, slash, name = rest.rpartition("/")
    path = "/" + path + slash
    if len(path) > 512 or not IAM_PATH_RE.fullmatch(path):
        return None, "an IAM path is at most 512 printable ASCII characters, at least one between its slashes"
    if not IAM_NAME_RE.fullmatch(name):
        return None, f"an IAM {kind} name is 1 to 64 letters, digits and + = , . @ _ -"
    return (value, got_account, kind, name), None


def principal_field(principal: Principal) -> str:
    """The flag word a problem about this principal is reported under."""
    if principal.service in SERVICES:
        return f"{principal.service}-consumer"
    for role in ROLES:
        if role in principal.roles:
            return role
    return "principal"


# --- the whole set ----------------------------------------------------------------------------

PLACEHOLDER = {
    "partition": "<PARTITION>",
    "region": "<REGION>",
    "account": "<ACCOUNT_ID>",
    "key": "<KEY_ID>",
    "stream": "<STREAM>",
    "producer": "<PRODUCER_ROLE>",
    "consumer": "<CONSUMER_ROLE>",
}


def resolve(answers: Answers, *, placeholders: bool = False) -> tuple[Resolved | None, list[Problem]]:
    """Validate every answer; return the resolved answers and every problem found.

    Without `placeholders`, the result is None whenever there is a problem. With it, a missing
    or refused answer is replaced by a visible placeholder such as <ACCOUNT_ID>, so the live
    preview can show the documents from the first frame.
    """
    problems: list[Problem] = []
    region = trimmed(answers.region)
    account = trimmed(answers.account)

    rule = check_region(region)
    region_ok = rule is None
    if rule:
        problems.append(Problem("region", region, rule))
        partition, region = PLACEHOLDER["partition"], PLACEHOLDER["region"]
    else:
        partition = partition_of(region) or ""
    rule = check_account(account)
    account_ok = rule is None
    if rule:
        problems.append(Problem("account", account, rule))
        account = PLACEHOLDER["account"]

    def place(value: str) -> tuple[str, str, str]:
        # An ARN is checked against the answered Region and account; where those are refused,
        # against its own, so one bad answer is reported once and not again by every ARN.
        match = ARN_RE.fullmatch(value)
        if not match or (region_ok and account_ok):
            return partition, region, account
        return (partition if region_ok else match.group(1), region if region_ok else match.group(3),
                account if account_ok else match.group(4))

    key_text = trimmed(answers.key)
    key, rule = parse_key(key_text, *place(key_text))
    if key is None:
        problems.append(Problem("key", key_text, rule or ""))
        # The key as typed, so a later problem about the key (its policy's size) names what the user typed.
        placeholder = f"arn:{partition}:kms:{region}:{account}:key/{PLACEHOLDER['key']}"
        key = KeyRef(key_text, "key-id", account, arn=placeholder)

    streams: list[StreamRef] = []
    seen_streams: set[str] = set()
    for raw in answers.streams:
        text = trimmed(raw)
        stream, rule = parse_stream(text, *place(text))
        if stream is None:
            problems.append(Problem("stream", text, rule or ""))
        elif stream.arn not in seen_streams:
            seen_streams.add(stream.arn)
            streams.append(stream)
    if not answers.streams:
        problems.append(Problem("stream", "", "give at least one stream, by name or ARN"))
    if not streams:
        name = PLACEHOLDER["stream"]
        streams.append(StreamRef(name, f"arn:{partition}:kinesis:{region}:{account}:stream/{name}"))

    principals = _resolve_principals(answers.principals, partition, account, key, problems,
                                     partition_ok=region_ok, fan_out=answers.fan_out)
    if not answers.principals:
        problems.append(Problem("principal", "", "add at least one producer, consumer or administrator"))
    if not principals:
        principals = [
            PrincipalRef(name, f"arn:{partition}:iam::{account}:role/{name}", account, "role", name, (role,))
            for role, name in (("producer", PLACEHOLDER["producer"]), ("consumer", PLACEHOLDER["consumer"]))
        ]

    resolved = Resolved(
        partition=partition,
        region=region,
        account=account,
        key=key,
        streams=tuple(streams),
        principals=tuple(principals),
        fan_out=answers.fan_out,
    )
    if problems and not placeholders:
        return None, problems
    return resolved, problems


def _resolve_principals(given: tuple[Principal, ...], partition: str, account: str, key: KeyRef,
                        problems: list[Problem], *, partition_ok: bool, fan_out: bool) -> list[PrincipalRef]:
    """Every principal parsed and checked, one entry per ARN, each problem reported (none stops the rest)."""
    merged: dict[str, PrincipalRef] = {}
    first: dict[str, Principal] = {}
    for principal in given:
        field = principal_field(principal)
        text = trimmed(principal.ref)
        match = ARN_RE.fullmatch(text)
        own_partition = partition if partition_ok or not match else match.group(1)
        parsed, rule = parse_principal(text, own_partition, account)
        if parsed is None:
            problems.append(Problem(field, text, rule or ""))
            continue
        arn, p_account, kind, name = parsed
        rule = principal_roles_rule(principal, p_account, account, key) or service_role_rule(principal.service, kind)
        if rule:
            problems.append(Problem(field, text, rule))
            continue
        roles = tuple(r for r in ROLES if r in principal.roles)
        previous = merged.get(arn)
        if previous is not None:
            if previous.service and principal.service and previous.service != principal.service:
                problems.append(Problem(field, text, (
                    f"is already the {previous.service} role; one role reads for one service "
                    "(create a role per service)")))
                continue
            roles = tuple(r for r in ROLES if r in previous.roles or r in roles)
            merged[arn] = replace(previous, roles=roles, service=previous.service or principal.service,
                                  consumer_name=previous.consumer_name or principal.consumer_name)
        else:
            first[arn] = principal
            merged[arn] = PrincipalRef(text, arn, p_account, kind, name, roles, principal.service,
                                       principal.consumer_name)
    out = []
    taken: dict[str, str] = {}
    for arn, ref in merged.items():
        wanted = ref.consumer_name
        ref = replace(ref, consumer_name=None)
        if gets_own_consumer(ref.roles, ref.service, ref.account, account, fan_out):
            name = wanted or default_consumer_name(ref.name, ref.account)
            field, text = principal_field(first[arn]), first[arn].ref.strip()
            rule = check_consumer_name(name)
            if rule is None and name in taken:
                rule = (f"its enhanced fan-out consumer would be named {name!r}, like the one of "
                        f"{taken[name]}; consumer names are unique on a stream: give one of them "
                        "another consumer name")
            if rule:
                problems.append(Problem(field, text, rule))
                continue
            taken[name] = text
            ref = replace(ref, consumer_name=name)
        out.append(ref)
    return out


SERVICE_ROLE_OF = {
    "lambda": "AWS Lambda runs a function with its execution role",
    "flink": "Managed Service for Apache Flink runs an application with its service execution role",
    "firehose": "Amazon Data Firehose reads a source stream with its delivery role",
}


def service_role_rule(service: str | None, kind: str) -> str | None:
    """A service reads with a role it assumes; a user can be no service's role."""
    if service in SERVICE_ROLE_OF and kind != "role":
        return (f"is an IAM {kind}, but {SERVICE_ROLE_OF[service]}, which it assumes; "
                "give the name or ARN of that role")
    return None


CONSUMER_NAME_RE = re.compile(r"[a-zA-Z0-9_.-]{1,128}")


def gets_own_consumer(roles: tuple[str, ...], service: str | None, principal_account: str, account: str,
                      fan_out: bool) -> bool:
    """Whether the stream's owner registers an enhanced fan-out consumer for this reader: one in another account
    reads with fan-out through a consumer shared with it by a consumer resource policy. Firehose reads a source
    stream with GetRecords, so it gets none."""
    return fan_out and principal_account != account and "consumer" in roles and service != "firehose"


def default_consumer_name(role_name: str, account: str) -> str:
    """The consumer registered for a reader in another account: its role's or user's name and its account.

    Role names are unique in an account, so two readers never get the same name; the characters
    IAM allows in a role name and a consumer name does not (+ = , @) become '_'.
    """
    return re.sub(r"[^a-zA-Z0-9_.-]", "_", role_name) + "-" + account


def check_consumer_name(value: str) -> str | None:
    """The rule a consumer name breaks, or None (RegisterStreamConsumer's ConsumerName)."""
    if rule := plain_text_rule(value):
        return f"its enhanced fan-out consumer name {rule}"
    if not CONSUMER_NAME_RE.fullmatch(value):
        return (f"its enhanced fan-out consumer name {value!r} is not valid: a consumer name is 1 to "
                "128 letters, digits, '_', '.' or '-'")
    return None


def principal_roles_rule(principal: Principal, p_account: str, account: str, key: KeyRef | None) -> str | None:
    """What is wrong with a principal's roles and service, given where it lives."""
    for text in (*principal.roles, principal.service or "", principal.consumer_name or ""):
        if rule := plain_text_rule(text):
            return f"a role, service or consumer name {rule}"
    unknown = [r for r in principal.roles if r not in ROLES]
    if unknown:
        return f"unknown role {unknown[0]!r}; the roles are producer, consumer and admin"
    if not principal.roles:
        return "choose at least one role: producer, consumer or admin"
    if principal.service is not None:
        if principal.service not in SERVICES:
            return f"unknown service {principal.service!r}; the services are lambda, flink and firehose"
        if "consumer" not in principal.roles:
            return f"a {principal.service} role reads the stream, so it needs the consumer role"
        if principal.service == "firehose" and "producer" in principal.roles:
            return "Amazon Data Firehose reads from a stream; it does not write to one"
    external = p_account != account and ACCOUNT_RE.fullmatch(account) is not None
    if external and "admin" in principal.roles:
        return (
            f"is in account {p_account}; administrators must be in the stream's account "
            f"({account}), since stream encryption cannot be changed from another account"
        )
    if external and key is not None and key.managed:
        return (
            f"is in account {p_account}, but the AWS managed key aws/kinesis cannot be shared "
            "with other accounts (its key policy cannot be edited); use a customer managed key"
        )
    return None


def check_principal_text(value: str, answers: Answers) -> str | None:
    """Validate one principal as typed, against the Region and account answered so far."""
    value = trimmed(value)
    partition, _, account = _place_for(value, answers)
    return parse_principal(value, partition, account)[1]


def _place_for(value: str, answers: Answers) -> tuple[str, str, str]:
    """(partition, region, account) to check a typed ARN against.

    When the Region or account is not answered yet, an ARN is checked for its form only: its
    own partition, Region and account are taken as the place.
    """
    region = answers.region.strip()
    partition = partition_of(region)
    account = answers.account.strip()
    if partition is not None and ACCOUNT_RE.fullmatch(account):
        return partition, region, account
    match = ARN_RE.fullmatch(value)
    if match:
        return match.group(1), match.group(3), match.group(4)
    return "aws", "us-east-1", "000000000000"


def check_key_text(value: str, answers: Answers) -> str | None:
    """Validate the key as typed, against the Region and account answered so far."""
    value = trimmed(value)
    return parse_key(value, *_place_for(value, answers))[1]


def check_stream_text(value: str, answers: Answers) -> str | None:
    """Validate one stream as typed, against the Region and account answered so far."""
    value = trimmed(value)
    return parse_stream(value, *_place_for(value, answers))[1]
