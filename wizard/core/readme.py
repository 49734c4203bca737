"""The README written into each bundle: what each file is, whom it goes to, the commands."""

from __future__ import annotations

import shlex

from wizard.core.model import SERVICE_TITLES
from wizard.core.render import Bundle, Document
from wizard.core.validate import PrincipalRef, Resolved

TRUSTED_SERVICE = {
    "lambda": "lambda.amazonaws.com",
    "flink": "kinesisanalytics.amazonaws.com",
    "firehose": "firehose.amazonaws.com",
}

WHAT = {
    "producer": "PutRecord, PutRecords, ListShards and DescribeStreamSummary on the streams; "
                "kms:GenerateDataKey on the key, only through Kinesis in this Region and only for these streams.",
    "consumer": "GetShardIterator, GetRecords, DescribeStream, DescribeStreamSummary and ListShards on the "
                "streams (with enhanced fan-out: RegisterStreamConsumer, and SubscribeToShard and "
                "DescribeStreamConsumer on the streams' consumers); kms:Decrypt only through Kinesis "
                "for these streams.",
    "lambda-consumer": "What a Lambda event source mapping reads with (the execution role's Kinesis reads, "
                       "fan-out subscription when on) and kms:Decrypt only through Kinesis.",
    "flink-consumer": "What a Managed Service for Apache Flink application reads with, including registering "
                      "and removing its fan-out consumer when fan-out is on, and kms:Decrypt only through Kinesis.",
    "firehose-consumer": "What a Firehose stream with this Kinesis source polls with, and kms:Decrypt only "
                         "through Kinesis.",
    "admin": "Start/StopStreamEncryption on the streams with this key, DescribeStreamSummary, read-only "
             "key inspection (DescribeKey and the key's List* calls; ListKeys and ListAliases on \"*\"), and "
             "the GenerateDataKey check StartStreamEncryption makes. No decrypting, no key deletion, no "
             "key policy changes.",
}


def _q(value: str) -> str:
    return shlex.quote(value)


def policy_name(r: Resolved, doc: Document) -> str:
    """The managed policy's name: kinesis-<first stream>-<document>, at most 128 characters."""
    suffix = f"-{doc.name}"
    return ("kinesis-" + r.streams[0].name)[: 128 - len(suffix)] + suffix


def _identity_section(r: Resolved, doc: Document) -> list[str]:
    base = doc.name.rsplit("-", 1)[0] if doc.name.rsplit("-", 1)[-1].isdigit() else doc.name
    lines = [f"### `{doc.filename}`: {doc.title}", "", WHAT.get(base, ""), "",
             f"Size: {doc.size:,} of {doc.limit:,} {doc.unit}.", "", "Attach it to:", ""]
    for p in doc.principals:
        lines.append(f"- {p.kind} `{p.name}` (`{p.arn}`)")
    if base.endswith("-consumer") and base != "consumer":
        service = base.removesuffix("-consumer")
        lines += ["", f"The role's trust policy must let `{TRUSTED_SERVICE[service]}` assume it "
                      f"({SERVICE_TITLES[service]})."]
        if service == "lambda":
            lines += ["Logging is not included: also attach the AWS managed policy "
                      "`AWSLambdaBasicExecutionRole`."]
    if base == "consumer":
        lines += ["", "Applications built on the KCL also need their DynamoDB lease tables and "
                      "`cloudwatch:PutMetricData`; those are not part of this bundle."]
    if base == "producer":
        lines += ["", "The Kinesis Producer Library also publishes metrics with `cloudwatch:PutMetricData` "
                      "(on `\"*\"`) unless its metrics are turned off; that is not part of this bundle."]
    lines += ["", "```sh"]
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
        lines.append(f"aws iam{iam_region} create-policy --policy-name {_q(name)} "
                     f"--policy-document file://{doc.filename}")
        arn = f"arn:{r.partition}:iam::{account}:policy/{name}"
        for p in principals:
            verb = "attach-role-policy --role-name" if p.kind == "role" else "attach-user-policy --user-name"
            lines.append(f"aws iam{iam_region} {verb} {_q(p.name)} --policy-arn {_q(arn)}")
    lines += ["```", ""]
    return lines


def _key_id_for_cli(r: Resolved) -> tuple[str, list[str]]:
    if r.key.arn:
        return r.key.arn, []
    return "\"$KEY_ARN\"", [
        "# put-key-policy takes a key ID or key ARN, not an alias: look the key up first.",
        f"KEY_ARN=$(aws kms describe-key --region {r.region} --key-id {_q(r.key.given)} "
        "--query KeyMetadata.Arn --output text)",
    ]


def _key_section(r: Resolved, doc: Document, merged: bool) -> list[str]:
    key_id, lookup = _key_id_for_cli(r)
    lines = [
        f"### `{doc.filename}`: {doc.title}", "",
        "The key-side half: an IAM policy on a KMS key works only when the key policy allows it. "
        "This policy keeps the account-root statement (`EnableIAMPolicies`), which lets the key's "
        "account manage access with IAM and keeps the policy lockout-safe, and names each "
        "principal only for what its role does, only through Kinesis in this Region, only for "
        "these streams.", "",
        f"Size: {doc.size:,} of {doc.limit:,} {doc.unit}.", "",
        "**Warning: `put-key-policy` replaces the whole key policy.**",
        "Every role and user named in it must exist when you put it (KMS refuses unknown principals); "
        "if one is deleted and created again, put the policy again.",
    ]
    if merged:
        lines.append("This file was merged with the key's current policy: every statement it had is kept.")
    else:
        lines.append("This file holds only the statements above. If the key's current policy has other "
                     "statements, keep them: save it and generate again with `--merge-key-policy`.")
    elsewhere = ([f"# in account {r.key.account} (the key's), with that account's credentials:"]
                 if r.key.account != r.account else [])
    lines += ["", "```sh", *elsewhere, *lookup,
              f"aws kms get-key-policy --region {r.region} --key-id {key_id} --policy-name default "
              "--output text > current-key-policy.json",
              f"aws kms put-key-policy --region {r.region} --key-id {key_id} --policy-name default "
              f"--policy file://{doc.filename}",
              "```", ""]
    external = sorted({p.account for p in r.principals if p.account != r.key.account})
    if external:
        lines += [f"Principals from other accounts ({', '.join(external)}) are named here, and their own "
                  "account must also attach the identity policy above: cross-account use of a key "
                  "needs both halves.", ""]
    return lines


def _stream_section(r: Resolved, doc: Document) -> list[str]:
    assert doc.stream is not None
    return [
        f"### `{doc.filename}`: {doc.title}", "",
        "Principals from other accounts need the stream to share itself with them. This resource "
        "policy grants them the same Kinesis actions as their identity policy, on this stream only. "
        "`put-resource-policy` replaces any policy the stream already has.", "",
        "```sh",
        f"aws kinesis put-resource-policy --region {r.region} --resource-arn {_q(doc.stream.arn)} "
        f"--policy file://{doc.filename}",
        "```", "",
    ]


def render_readme(bundle: Bundle, merged: bool = False) -> str:
    r = bundle.resolved
    streams = ", ".join(s.name for s in r.streams)
    lines = [
        f"# Kinesis stream encryption permissions for {streams}", "",
        f"Region `{r.region}` (partition `{r.partition}`), account `{r.account}`, key `{r.key.given}`.", "",
        "Generated by kinesis-kms-wizard. `manifest.json` holds the answers; "
        "`kinesis-kms-wizard generate --answers manifest.json --out DIR` makes this bundle again.", "",
        "## Files", "",
        "| file | what it is | attach to | size |",
        "|---|---|---|---|",
    ]
    for doc in bundle.documents:
        lines.append(f"| `{doc.filename}` | {doc.title} | {doc.attach_to} | {doc.size:,} / {doc.limit:,} {doc.unit} |")
    lines += ["", "## Steps", ""]
    if r.key.managed:
        lines += [
            "The stream uses the AWS managed key `aws/kinesis`. Its key policy already lets every "
            "principal of this account use it through Kinesis, and it cannot be edited, so this "
            "bundle has no key policy and no KMS statements. The same is why it cannot serve other "
            "accounts: for that, use a customer managed key.", "",
        ]
    elif r.key.arn is None:
        lines += [
            f"The key was given as the alias `{r.key.alias}`. An IAM policy cannot name a key by alias in "
            f"`Resource`, so the identity policies allow `key/*` in account {r.key.account} and narrow it "
            f"with the condition `kms:ResourceAliases` = `{r.key.alias}`. If the alias is moved to another "
            "key, the permissions follow it. Generate again with the key ARN to name the key exactly.", "",
        ]
    for doc in bundle.documents:
        if doc.kind == "identity":
            lines += _identity_section(r, doc)
        elif doc.kind == "key":
            lines += _key_section(r, doc, merged)
        else:
            lines += _stream_section(r, doc)
    key_arg = r.key.arn or r.key.given
    lines += [
        "### Turn encryption on", "",
        "With the policies in place, an administrator enables encryption. Only records written "
        "after this are encrypted; writes may take a few seconds to all be encrypted.", "",
        "```sh",
    ]
    for s in r.streams:
        lines.append(f"aws kinesis start-stream-encryption --region {r.region} --stream-arn {_q(s.arn)} "
                     f"--encryption-type KMS --key-id {_q(key_arg)}")
    lines.append(f"aws kinesis describe-stream-summary --region {r.region} --stream-arn {_q(r.streams[0].arn)} "
                 "--query 'StreamDescriptionSummary.[EncryptionType,KeyId]'")
    lines += ["```", ""]
    if r.fan_out and any(p.account != r.account and "consumer" in p.roles for p in r.principals):
        lines += [
            "### Enhanced fan-out from other accounts", "",
            "A consumer in another account reads with enhanced fan-out through a registered consumer, "
            "which has its own resource policy. After the consumer is registered, the stream's owner "
            "puts a policy on the consumer ARN allowing `kinesis:DescribeStreamConsumer` and "
            "`kinesis:SubscribeToShard` to that principal (`aws kinesis put-resource-policy "
            "--resource-arn CONSUMER_ARN`).", "",
        ]
    return "\n".join(lines).rstrip("\n") + "\n"
