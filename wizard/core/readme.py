"""The README written into each bundle: what each file is, whom it goes to, the commands.

What the README says a document grants is read from the document itself (`describe`), statement
by statement, so the two cannot disagree; only notes about what a document does not cover are
written by hand, and only where they apply.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from wizard.core.display import visible
from wizard.core.exports.guide import exports_section
from wizard.core.model import SERVICE_TITLES
from wizard.core.policies import consumer_policy
from wizard.core.render import CROSS_ACCOUNT, Bundle, Document, attach_names
from wizard.core.validate import PrincipalRef, Resolved

TRUSTED_SERVICE = {
    "lambda": "lambda.amazonaws.com",
    "flink": "kinesisanalytics.amazonaws.com",
    "firehose": "firehose.amazonaws.com",
}
MERGED_FOLDER = "merged"
# Where the key's current policy that was merged came from (Bundle.merge_source).
MERGED_FROM = {"file": "as given to `--merge-key-policy`",
               "aws": "fetched from the key with `kms:GetKeyPolicy` by `--from-aws`"}
CURRENT_KEY_POLICY = "current-key-policy.json"


# --- Markdown and shell text --------------------------------------------------------------------

def code(text: str) -> str:
    """`text` (its controls spelled out) as the shortest Markdown code span that shows it exactly, by CommonMark's
    rules: a fence one backtick longer than the longest run of backticks in it, and a space inside the fence only
    where the text starts or ends with a backtick, or has a space at both ends (one of which CommonMark strips)
    without being all spaces (which it keeps as they are)."""
    if "`" not in text and text.isprintable() and text[:1] + text[-1:] != "  ":
        return f"`{text}`"  # the common case, kept fast: ARNs and names
    text = visible(text)
    run = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (run + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or (
        text[:1] + text[-1:] == "  " and not text.isspace()) else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _q(value: str) -> str:
    return shlex.quote(value)


def arg(flag: str, value: str) -> str:
    """`--flag value`, or `--flag=value` when the value starts with '-' (which the AWS CLI reads as a flag)."""
    return f"{flag}={_q(value)}" if value.startswith("-") else f"{flag} {_q(value)}"


def _names(values: Sequence[str]) -> str:
    quoted = [code(v) for v in values]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


# --- what a statement says, in words --------------------------------------------------------------

def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


@dataclass(frozen=True)
class Names:
    """The resolved answers, with the streams and principals looked up by ARN (built once per README)."""

    r: Resolved
    streams: dict[str, str]
    principals: dict[str, PrincipalRef]

    @classmethod
    def of(cls, r: Resolved) -> Names:
        return cls(r, {s.arn: s.name for s in r.streams}, {p.arn: p for p in r.principals})


def _resources(names: Names, resources: list[str], in_key_policy: bool) -> str:
    r, streams = names.r, names.streams
    named_streams, fan_out, parts = [], [], []
    for res in resources:
        if res in streams:
            named_streams.append(streams[res])
        elif res.endswith("/consumer/*") and res[: -len("/consumer/*")] in streams:
            fan_out.append(streams[res[: -len("/consumer/*")]])
        elif res.endswith(":" + consumer_policy.TIMESTAMP_PLACEHOLDER):
            stream_arn, _, rest = res.rpartition("/consumer/")  # the last: a stream may be named "consumer"
            name = rest.removesuffix(":" + consumer_policy.TIMESTAMP_PLACEHOLDER)
            parts.append(f"consumer {code(name)} of stream {code(streams.get(stream_arn, stream_arn))} "
                         f"(`{consumer_policy.TIMESTAMP_PLACEHOLDER}` stands for the time it is registered)")
        elif res == "*":
            parts.append("this key" if in_key_policy else "`*` (these actions have no resource type)")
        elif res.endswith(":key/*"):
            parts.append(f"the keys of account {r.key.account} in {r.region} ({code(res)})")
        else:
            parts.append(f"the key {code(res)}" if ":kms:" in res else code(res))
    if named_streams:
        parts.insert(0, f"stream{'s' if len(named_streams) > 1 else ''} {_names(named_streams)}")
    if fan_out:
        parts.insert(0, f"the enhanced fan-out consumers of stream{'s' if len(fan_out) > 1 else ''} "
                        f"{_names(fan_out)} (`stream/NAME/consumer/*`)")
    return " and ".join(parts)


def _condition(names: Names, condition: dict[str, dict[str, Any]]) -> list[str]:
    r, streams = names.r, names.streams
    out = []
    for operator, block in condition.items():
        for key, value in block.items():
            values = [str(v) for v in _as_list(value)]
            if key == "kms:ViaService":
                out.append(f"only through Kinesis in {r.region} ({code(key)})")
            elif key == "kms:EncryptionContext:aws:kinesis:arn":
                names = [streams.get(v, v) for v in values]
                out.append(f"only for the records of stream{'s' if len(names) > 1 else ''} {_names(names)} "
                           f"({code(key)})")
            elif key == "kms:ResourceAliases":
                out.append(f"only on the key that alias {_names(values)} names ({code(key)})")
            else:
                out.append(f"when {code(key)} {operator} {_names(values)}")
    return out


def describe(names: Names, stmt: dict[str, Any], *, in_key_policy: bool = False) -> str:
    """One statement as a sentence: its actions, on what, to whom, under which conditions."""
    words = [", ".join(code(a) for a in _as_list(stmt.get("Action"))),
             "on " + _resources(names, _as_list(stmt.get("Resource")), in_key_policy)]
    principals = _as_list((stmt.get("Principal") or {}).get("AWS"))
    if principals:
        by_arn = names.principals
        who = [f"{by_arn[a].kind} {code(by_arn[a].name)} ({code(a)})" if a in by_arn
               else f"account {a.split(':')[4]}'s root ({code(a)})" if a.endswith(":root") else code(a)
               for a in principals]
        words.append("to " + ", ".join(who))
    words += _condition(names, stmt.get("Condition") or {})
    text = ("denies " if stmt.get("Effect") == "Deny" else "") + " ".join(words[:2]) \
        + "".join(f", {w}" for w in words[2:])
    return f"{text} (Sid {code(stmt['Sid'])})" if stmt.get("Sid") else text


def _grants(names: Names, statements: Sequence[dict[str, Any]], *, in_key_policy: bool = False) -> list[str]:
    return ["It grants:", "", *(f"- {describe(names, s, in_key_policy=in_key_policy)}" for s in statements), ""]


# --- one section per document -------------------------------------------------------------------

def policy_name(r: Resolved, doc: Document) -> str:
    """The managed policy's name: kinesis-<first stream>-<document>, at most 128 characters."""
    suffix = f"-{doc.name}"
    return ("kinesis-" + r.streams[0].name)[: 128 - len(suffix)] + suffix


def _base(doc: Document) -> str:
    """The kind of principal a document is for: producer, consumer, lambda-consumer, ..., admin."""
    head, _, number = doc.name.rpartition("-")  # a part of a split policy: producer-2, lambda-consumer-3
    base = head if number.isdigit() else doc.name
    return base.removesuffix("-" + CROSS_ACCOUNT)


def _kind_noun(principals: Sequence[PrincipalRef]) -> str:
    """`role` or `user` when all the principals are of that kind, else `principal`."""
    kinds = {p.kind for p in principals}
    return kinds.pop() if len(kinds) == 1 else "principal"


def _identity_notes(r: Resolved, doc: Document, base: str) -> list[str]:
    """What a principal with this document also needs, or must know, that the document does not hold."""
    notes = []
    service = base.removesuffix("-consumer") if base.endswith("-consumer") else None
    others = [p for p in doc.principals if p.account != r.account]
    # Said of the principals in other accounts: all of the document's, or some of them.
    elsewhere = "" if len(others) == len(doc.principals) else f"For the {_kind_noun(others)}s in other accounts: "
    fan_out_elsewhere = bool(others) and any(
        "kinesis:SubscribeToShard" in _as_list(s.get("Action")) for s in doc.body["Statement"])
    if service:
        notes.append(f"The role's trust policy must let {code(TRUSTED_SERVICE[service])} assume it "
                     f"({SERVICE_TITLES[service]}).")
    if base == "producer":
        notes.append("The Kinesis Producer Library also publishes metrics to CloudWatch (PutMetricData on `*`) "
                     "unless its metrics are turned off; that is not part of this bundle.")
        if others:
            notes.append(f"{elsewhere}The Kinesis Producer Library cannot write to a stream in another account (it "
                         "does not take a stream ARN): write with an AWS SDK, giving the stream's ARN.")
    if base == "consumer":
        notes.append("Applications built on KCL 3.x also need three DynamoDB tables named after the application "
                     "(the lease table `APP`, `APP-WorkerMetricStats` and `APP-CoordinatorState`) and CloudWatch's "
                     "PutMetricData; this bundle does not grant those.")
        if fan_out_elsewhere:
            reader = f"{'the' if len(others) == 1 else 'each'} {_kind_noun(others)}"
            notes.append(f"{elsewhere}The KCL cannot register a consumer on a stream in another account: give it "
                         f"the consumer the stream's owner registers for {reader} (see the consumer "
                         "resource policies below), by its ARN, in the KCL's stream configuration.")
    if service == "lambda":
        notes.append("Logging is not included: also attach the AWS managed policy `AWSLambdaBasicExecutionRole`.")
        if fan_out_elsewhere:
            notes.append(f"{elsewhere}To read with enhanced fan-out, create the event source mapping with the ARN "
                         "of the consumer the stream's owner registers for the role as `--event-source-arn`.")
    if service == "flink":
        notes.append("The application also needs, beyond this bundle, read access to its code in Amazon S3 and "
                     "its CloudWatch Logs log stream (and VPC access when it runs in a VPC).")
        # Only a document for the stream's own account grants it: a stream cannot share RegisterStreamConsumer.
        if any("kinesis:RegisterStreamConsumer" in _as_list(s.get("Action")) for s in doc.body["Statement"]):
            notes.append("With enhanced fan-out the connector registers its consumer when the job starts and "
                         "deregisters it when the job stops (`EFO_CONSUMER_LIFECYCLE` `JOB_MANAGED`, the default).")
        if fan_out_elsewhere:
            notes.append(f"{elsewhere}On a stream in another account the connector cannot register a consumer: "
                         "set `EFO_CONSUMER_LIFECYCLE` to `SELF_MANAGED` and give the source the ARN of the "
                         "consumer the stream's owner registers for the role.")
    if service == "firehose":
        notes.append("The delivery role also needs to write to the Firehose stream's destination (for example its "
                     "S3 bucket, and that bucket's key when it is encrypted) and, with error logging on, to "
                     "CloudWatch Logs; this bundle does not grant those.")
    return [line for note in notes for line in (note, "")]


def _identity_section(names: Names, doc: Document) -> list[str]:
    r, base = names.r, _base(doc)
    lines = [f"### {code(doc.filename)}: {doc.title}", "", *_grants(names, doc.body["Statement"]),
             f"Size: {doc.size:,} of {doc.limit:,} {doc.unit}.", "", "Attach it to:", ""]
    for p in doc.principals:
        lines.append(f"- {p.kind} {code(p.name)} ({code(p.arn)})")
    lines += ["", *_identity_notes(r, doc, base), "```sh"]
    name = policy_name(r, doc)
    # IAM is global in the aws partition; elsewhere (China, GovCloud, ISO) the CLI must be told
    # a Region of that partition to find IAM's endpoint.
    iam_region = "" if r.partition == "aws" else f" --region {r.region}"
    by_account: dict[str, list[PrincipalRef]] = {}
    for p in doc.principals:
        by_account.setdefault(p.account, []).append(p)
    for account, principals in by_account.items():
        if account != r.account:
            lines.append(f"# in account {account}, with that account's credentials:")
        lines.append(f"aws iam{iam_region} create-policy {arg('--policy-name', name)} "
                     f"--policy-document file://{doc.filename}")
        policy_arn = f"arn:{r.partition}:iam::{account}:policy/{name}"
        for p in principals:
            verb, flag = ("attach-role-policy", "--role-name") if p.kind == "role" else \
                ("attach-user-policy", "--user-name")
            lines.append(f"aws iam{iam_region} {verb} {arg(flag, p.name)} {arg('--policy-arn', policy_arn)}")
    lines += ["```", ""]
    return lines


def _key_id_for_cli(r: Resolved) -> tuple[str, list[str]]:
    if r.key.arn:
        return _q(r.key.arn), []
    return "\"$KEY_ARN\"", [
        "# put-key-policy takes a key ID or key ARN, not an alias: look the key up first.",
        f"KEY_ARN=$(aws kms describe-key --region {r.region} {arg('--key-id', r.key.given)} "
        "--query KeyMetadata.Arn --output text)",
    ]


def _key_section(bundle: Bundle, names: Names, doc: Document) -> list[str]:
    r = names.r
    key_id, lookup = _key_id_for_cli(r)
    lines = [f"### {code(doc.filename)}: {doc.title}", "",
             "The key-side half: an IAM policy on a KMS key works only when the key policy allows it.", ""]
    if bundle.merge is not None:
        ours = [s for s in _as_list(doc.body.get("Statement")) if s.get("Sid") in bundle.merge.added]
        added = _grants(names, ours, in_key_policy=True) if ours else [
            "It adds nothing: this bundle's statements were all in it already, identical.", ""]
        source = MERGED_FROM[bundle.merge_source]
        lines += [f"This file is the key's current policy ({source}) with this bundle's statements added.", "",
                  *added, "The merge:", "",
                  *(f"- {line}" for line in bundle.merge.lines(code)), ""]
    else:
        lines += [*_grants(names, doc.body["Statement"], in_key_policy=True)]
    lines += [
        f"Size: {doc.size:,} of {doc.limit:,} {doc.unit}.", "",
        "**Warning: `put-key-policy` replaces the whole key policy.** So the commands below never put this "
        "file as it is: they fetch the key's current policy, add this bundle's statements to it (keeping every "
        "statement it has, refusing if a Sid clashes), and put the result only when that succeeded.",
        "Every role and user named in it must exist when you put it (KMS refuses unknown principals); "
        "if one is deleted and created again, put the policy again.",
    ]
    elsewhere = ([f"# in account {r.key.account} (the key's), with that account's credentials:"]
                 if r.key.account != r.account else [])
    merged_file = f"{MERGED_FOLDER}/{doc.filename}"
    lines += ["", "```sh", *elsewhere, *lookup,
              f"aws kms get-key-policy --region {r.region} --key-id {key_id} --policy-name default "
              f"--output text > {CURRENT_KEY_POLICY}",
              f"kinesis-kms-wizard generate --answers manifest.json --merge-key-policy {CURRENT_KEY_POLICY} "
              f"--out {MERGED_FOLDER} --force &&",
              f"  aws kms put-key-policy --region {r.region} --key-id {key_id} --policy-name default "
              f"--policy file://{merged_file}",
              "```", "",
              f"The second command prints what it kept and added; {code(MERGED_FOLDER + '/README.md')} says it "
              "too.", ""]
    external = sorted({p.account for p in r.principals if p.account != r.key.account})
    if external:
        lines += [f"Principals from other accounts ({', '.join(external)}) are named here, and their own "
                  "account must also attach the identity policy above: cross-account use of a key "
                  "needs both halves.", ""]
    return lines


def _stream_section(names: Names, doc: Document) -> list[str]:
    assert doc.stream is not None
    r = names.r
    lines = [f"### {code(doc.filename)}: {doc.title}", "",
             "Principals from other accounts need the stream to share itself with them, on top of their own "
             "identity policy.", "", *_grants(names, doc.body["Statement"])]
    if any(s.get("Sid") == "CrossAccountLambdaConsumers" for s in doc.body["Statement"]):
        lines += ["`kinesis:DescribeStream` is in the Lambda statement only: AWS's steps for sharing a stream with "
                  "a Lambda function in another account require it, while its list of actions a stream can share "
                  "leaves it out, so no other reader is given it.", ""]
    lines += [f"Size: {doc.size:,} of {doc.limit:,} {doc.unit}. "
              "`put-resource-policy` replaces any policy the stream already has.", "",
              "```sh",
              f"aws kinesis put-resource-policy --region {r.region} {arg('--resource-arn', doc.stream.arn)} "
              f"--policy file://{doc.filename}",
              "```", ""]
    return lines


USES_CONSUMER = {
    None: "The KCL must be given this consumer: it cannot register one on a stream in another account. Set the "
          "consumer ARN in its stream configuration.",
    "lambda": "Create the event source mapping with the consumer ARN as `--event-source-arn`.",
    "flink": "Set the source's `EFO_CONSUMER_LIFECYCLE` to `SELF_MANAGED` and give it the consumer ARN: the "
             "connector then neither registers nor deregisters it.",
}


def _consumer_section(names: Names, doc: Document) -> list[str]:
    assert doc.stream is not None and doc.consumer is not None and len(doc.principals) == 1
    r, reader = names.r, doc.principals[0]
    placeholder = consumer_policy.placeholder_arn(doc.stream, doc.consumer)
    return [
        f"### {code(doc.filename)}: {doc.title}", "",
        f"{reader.kind.capitalize()} {code(reader.name)} of account {reader.account} reads stream "
        f"{code(doc.stream.name)} with enhanced fan-out, through a consumer that the stream's owner registers "
        "for it and shares with it by this policy (Kinesis checks both the stream's and the consumer's).", "",
        *_grants(names, doc.body["Statement"]),
        f"Size: {doc.size:,} of {doc.limit:,} {doc.unit}.", "",
        f"In account {r.account} (the stream's): register the consumer, wait until it is active, then put this "
        f"policy on the consumer ARN that registration returned, with `{consumer_policy.TIMESTAMP_PLACEHOLDER}` "
        "replaced by that ARN's timestamp:", "",
        "```sh",
        f"CONSUMER_ARN=$(aws kinesis register-stream-consumer --region {r.region} "
        f"{arg('--stream-arn', doc.stream.arn)} {arg('--consumer-name', doc.consumer)} "
        "--query Consumer.ConsumerARN --output text)",
        f"until [ \"$(aws kinesis describe-stream-consumer --region {r.region} --consumer-arn \"$CONSUMER_ARN\" "
        "--query ConsumerDescription.ConsumerStatus --output text)\" = ACTIVE ]; do sleep 5; done",
        f"aws kinesis put-resource-policy --region {r.region} --resource-arn \"$CONSUMER_ARN\" "
        f"--policy \"$(sed \"s|{placeholder}|$CONSUMER_ARN|\" {doc.filename})\"",
        "echo \"$CONSUMER_ARN\"",
        "```", "",
        f"Then give account {reader.account} the consumer ARN it printed. "
        + USES_CONSUMER[reader.service], "",  # validate gives a consumer to no other reader (not Firehose)
    ]


# --- the whole README --------------------------------------------------------------------------

def _attach_cell(doc: Document) -> str:
    if doc.kind == "identity":
        return attach_names(doc.principals, code)
    return doc.attach_to


def render_readme(bundle: Bundle, merged: bool, formats: Sequence[str] = ()) -> str:
    """The bundle's README.md. `merged` is kept for callers; the bundle itself says whether it was."""
    r = bundle.resolved
    format_flags = "".join(f" --format {name}" for name in formats)
    streams = ", ".join(s.name for s in r.streams)
    lines = [
        f"# Kinesis stream encryption permissions for {streams}", "",
        f"Region `{r.region}` (partition `{r.partition}`), account `{r.account}`, key {code(r.key.given)}.", "",
        "Generated by kinesis-kms-wizard. `manifest.json` holds the answers; "
        f"`kinesis-kms-wizard generate --answers manifest.json{format_flags} --out DIR` makes this bundle again.",
        "",
        "## Files", "",
        "| file | what it is | attach to | size |",
        "|---|---|---|---|",
    ]
    for doc in bundle.documents:
        lines.append(f"| {code(doc.filename)} | {doc.title} | {_attach_cell(doc)} | "
                     f"{doc.size:,} / {doc.limit:,} {doc.unit} |")
    lines += ["", "## Steps", ""]
    if r.key.managed:
        lines += [
            "The stream uses the AWS managed key `aws/kinesis`. Its key policy already lets every "
            "principal of this account use it through Kinesis, and it cannot be edited, so this "
            "bundle has no key policy and no KMS statements. The same is why it cannot serve other "
            "accounts: for that, use a customer managed key.", "",
        ]
    elif r.key.alias is not None:  # given by alias or alias ARN: no key ARN to name
        lines += [
            f"The key was given as the alias {code(r.key.alias)}. An IAM policy cannot name a key by alias in "
            f"`Resource`, so the identity policies allow `key/*` in account {r.key.account} and narrow it "
            f"with the condition `kms:ResourceAliases` = {code(r.key.alias)}. If the alias is moved to another "
            "key, the permissions follow it. Generate again with the key ARN to name the key exactly.", "",
        ]
    names = Names.of(r)
    sections = {"identity": _identity_section, "key": lambda n, d: _key_section(bundle, n, d),
                "stream": _stream_section, "consumer": _consumer_section}
    for doc in bundle.documents:
        lines += sections[doc.kind](names, doc)
    key_arg = r.key.arn or r.key.given
    lines += [
        "### Turn encryption on", "",
        "With the policies in place, an administrator enables encryption. Only records written "
        "after this are encrypted; writes may take a few seconds to all be encrypted.", "",
        "```sh",
    ]
    for s in r.streams:
        lines.append(f"aws kinesis start-stream-encryption --region {r.region} {arg('--stream-arn', s.arn)} "
                     f"--encryption-type KMS {arg('--key-id', key_arg)}")
    lines.append(f"aws kinesis describe-stream-summary --region {r.region} {arg('--stream-arn', r.streams[0].arn)} "
                 "--query 'StreamDescriptionSummary.[EncryptionType,KeyId]'")
    lines += ["```", ""]
    lines += exports_section(bundle, formats, merged)
    return "\n".join(lines)  # every section ends with a blank line: the README ends with one newline

