"""The bundle README tells the truth: what it says of a document is in it, and its commands work as written."""

from __future__ import annotations

import json
import os
import re
import shlex

import pytest
from markdown_it import MarkdownIt
from matrix import CASES, OTHER_ACCOUNT, role

from wizard.cli import main
from wizard.core.bundle import bundle_files
from wizard.core.model import Answers, Principal
from wizard.core.render import render_bundle

UUID = "1234abcd-12ab-34cd-56ef-1234567890ab"
ACCT = "123456789012"
EXTRA = {
    "external-writer-and-readers": Answers("us-west-2", ACCT, UUID, ("orders", "audit"), (
        Principal("w", ("producer",)), Principal(role(OTHER_ACCOUNT, "w"), ("producer",)),
        Principal(role(OTHER_ACCOUNT, "fh"), ("consumer",), "firehose"), Principal("a", ("admin",)))),
    "managed-key-services": Answers("us-east-1", ACCT, "alias/aws/kinesis", ("orders",), (
        Principal("p", ("producer",)), Principal("l", ("consumer",), "lambda"), Principal("f", ("consumer",), "flink"),
        Principal("h", ("consumer",), "firehose"), Principal("a", ("admin",)))),
}
MATRIX = {**{c.id: c.answers() for c in CASES}, **EXTRA}
TOKEN = re.compile(r"^[a-z0-9-]+:[A-Za-z*][A-Za-z0-9*:_-]*$")  # kinesis:PutRecord, kms:EncryptionContext:aws:...


def sections(readme: str) -> dict[str, str]:
    """Each '### `file`: title' section's prose (code blocks removed), by file name."""
    out = {}
    for chunk in readme.split("\n### ")[1:]:
        heading, _, body = chunk.partition("\n")
        match = re.match(r"`+ ?(.+?) ?`+:", heading)
        if match:
            out[match.group(1)] = re.sub(r"```sh\n.*?```", "", body, flags=re.DOTALL)
    return out


def tokens(prose: str) -> set[str]:
    spans = [m.group(2).strip() for m in re.finditer(r"(`+)(.+?)\1", prose)]
    return {s for s in spans if TOKEN.match(s) and not s.startswith("arn:")}


def said_of(doc) -> tuple[set[str], set[str]]:
    """(actions, condition keys) of a document."""
    acts, keys = set(), set()
    for stmt in doc.body["Statement"] if isinstance(doc.body["Statement"], list) else [doc.body["Statement"]]:
        acts.update(stmt["Action"] if isinstance(stmt["Action"], list) else [stmt["Action"]])
        for block in (stmt.get("Condition") or {}).values():
            keys.update(block)
    return acts, keys


@pytest.mark.parametrize("name", list(MATRIX))
def test_every_action_the_readme_attributes_to_a_document_is_in_it_and_all_are_named(name):
    bundle = render_bundle(MATRIX[name])
    assert bundle.ok, bundle.problems
    by_file = sections(bundle_files(bundle)["README.md"])
    for doc in bundle.documents:
        prose = by_file[doc.filename]
        acts, keys = said_of(doc)
        named = tokens(prose)
        assert named <= acts | keys, (doc.filename, named - acts - keys)
        assert acts <= named, (doc.filename, acts - named)


def test_a_managed_key_producer_section_says_nothing_of_kms():
    bundle = render_bundle(EXTRA["managed-key-services"])
    prose = sections(bundle_files(bundle)["README.md"])["producer-policy.json"]
    assert "kms" not in prose.lower()


def _readme(answers, **kwargs) -> str:
    return bundle_files(render_bundle(answers, **kwargs))["README.md"]


def test_notes_appear_only_where_they_apply():
    docs = sections(_readme(EXTRA["external-writer-and-readers"]))
    assert "cannot write to a stream in another account" in docs["producer-policy.json"]
    assert "DynamoDB" not in docs["producer-policy.json"]
    assert "S3 bucket" in docs["firehose-consumer-cross-account-policy.json"]
    local = sections(_readme(MATRIX["aws-alias-services"]))
    assert "cannot write to a stream in another account" not in local["producer-policy.json"]
    assert "`APP-WorkerMetricStats` and `APP-CoordinatorState`" in local["consumer-policy.json"]
    assert "CloudWatch Logs log stream" in local["flink-consumer-policy.json"]
    assert "`JOB_MANAGED`" in local["flink-consumer-policy.json"]
    assert "`AWSLambdaBasicExecutionRole`" in local["lambda-consumer-policy.json"]
    assert "DynamoDB" not in local["lambda-consumer-policy.json"] + local["flink-consumer-policy.json"]
    elsewhere = sections(_readme(MATRIX["aws-multi-stream-cross-account-fan-out"]))
    assert "`SELF_MANAGED`" in elsewhere["flink-consumer-cross-account-policy.json"]
    assert "`SELF_MANAGED`" not in elsewhere["flink-consumer-policy.json"]
    assert "The KCL cannot register a consumer" in elsewhere["consumer-cross-account-policy.json"]
    assert "For the roles in other accounts: To read with enhanced fan-out" in elsewhere["lambda-consumer-policy.json"]
    assert "must be given this consumer" in elsewhere["consumer-resource-policy-reader-444455556666@orders.json"]
    assert "`SELF_MANAGED`" in elsewhere["consumer-resource-policy-flink-555566667777@audit.json"]
    assert "`--event-source-arn`" in elsewhere["consumer-resource-policy-fn-444455556666@audit.json"]


def _key_block(readme: str) -> list[str]:
    key = readme.split("### `key-policy.json`")[1]
    return key.split("```sh\n")[1].split("```")[0].strip().replace("&&\n  ", "&& ").splitlines()


@pytest.mark.parametrize("name", ["aws-key-id", "aws-alias-services", "aws-key-in-other-account"])
def test_key_policy_commands_fetch_then_merge_then_put_the_merged_file(name):
    lines = [line for line in _key_block(_readme(MATRIX[name])) if not line.startswith(("#", "KEY_ARN="))]
    assert len(lines) == 2
    assert lines[0].startswith("aws kms get-key-policy ") and lines[0].endswith("> current-key-policy.json")
    generate, put = lines[1].split(" && ")
    assert generate == ("kinesis-kms-wizard generate --answers manifest.json --merge-key-policy "
                        "current-key-policy.json --out merged --force")
    assert put.startswith("aws kms put-key-policy ") and put.endswith("--policy file://merged/key-policy.json")
    assert "file://key-policy.json" not in _readme(MATRIX[name])


def test_the_key_policy_commands_work_as_written(tmp_path, capsys):
    """Run the README's own generate line in the bundle, with a console key policy as the current one."""
    bundle_dir = tmp_path / "bundle"
    argv = ["generate", "--region", "us-west-2", "--account", ACCT, "--key", UUID, "--stream", "MyStream",
            "--producer", "orders-producer", "--out", str(bundle_dir)]
    assert main(argv) == 0
    (generate_line,) = [line.split(" && ")[0] for line in _key_block((bundle_dir / "README.md").read_text())
                        if line.startswith("kinesis-kms-wizard generate")]
    console = {"Version": "2012-10-17", "Statement": [
        {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
         "Principal": {"AWS": f"arn:aws:iam::{ACCT}:root"}, "Action": "kms:*", "Resource": "*"}]}
    (bundle_dir / "current-key-policy.json").write_text(json.dumps(console, indent=4))
    os.chdir(bundle_dir)
    for _run in range(2):  # again, over the folder the first run wrote: --force
        assert main(shlex.split(generate_line)[1:]) == 0, capsys.readouterr().err
    merged = json.loads((bundle_dir / "merged" / "key-policy.json").read_text())
    assert merged["Statement"][0] == console["Statement"][0]
    assert [s["Sid"] for s in merged["Statement"]] == ["Enable IAM User Permissions", "AllowKinesisProducers"]
    assert "kept unchanged, in their place: 1 statement" in capsys.readouterr().err


def test_names_starting_with_a_dash_are_passed_with_equals():
    answers = Answers("us-west-2", ACCT, UUID, ("orders",), (
        Principal("-writer", ("producer",)), Principal(f"arn:aws:iam::{ACCT}:user/-bob", ("consumer",)),
        Principal(role(OTHER_ACCOUNT, "-reader"), ("consumer",), consumer_name="-efo")))
    readme = _readme(answers)
    argvs = [shlex.split(line) for line in readme.splitlines() if line.startswith("aws ")]
    flags = {arg for argv in argvs for arg in argv if arg.startswith("--")}
    assert {"--role-name=-writer", "--user-name=-bob", "--role-name=-reader"} <= flags
    assert "--consumer-name=-efo" in readme
    for argv in argvs:  # no value that begins with '-' stands alone, where the CLI would take it for a flag
        assert not [a for a in argv[1:] if a.startswith("-") and not a.startswith("--")], argv


def test_iam_paths_with_backticks_and_brackets_stay_code_and_make_no_links():
    arn = f"arn:aws:iam::{OTHER_ACCOUNT}:role/we`ird/[x](http://example.com)/a@b.c/reader"
    answers = Answers("us-west-2", ACCT, UUID, ("orders",), (Principal(arn, ("consumer",)),
                                                             Principal("team@example.com", ("producer",))))
    bundle = render_bundle(answers)
    assert bundle.ok, bundle.problems
    html = MarkdownIt("commonmark").enable("table").render(bundle_files(bundle)["README.md"])
    assert "<a " not in html
    codes = re.findall(r"<code>(.*?)</code>", html, flags=re.DOTALL)
    unescaped = [c.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
                 for c in codes]
    assert arn in unescaped
    assert "team@example.com" in unescaped


def test_sids_of_a_merged_policy_with_spaces_backticks_or_controls_read_exactly_as_written():
    """Their Sids reach the README as code spans: every one renders as the Sid itself, nothing cut or joined."""
    sids = ["Keep me ", " lead", "two``ticks`", "tab\there"]
    current = {"Statement": [
        {"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCT}:root"}, "Action": "kms:*",
         "Resource": "*"},
        *({"Sid": sid, "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCT}:role/r"},
           "Action": "kms:DescribeKey", "Resource": "*"} for sid in sids)]}
    bundle = render_bundle(Answers("us-west-2", ACCT, UUID, ("orders",), (Principal("p", ("producer",)),)),
                           merge_key_policy=current)
    assert bundle.ok, bundle.problems
    html = MarkdownIt("commonmark").enable("table").render(bundle_files(bundle, merged=True)["README.md"])
    codes = [c.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
             for c in re.findall(r"<code>(.*?)</code>", html, flags=re.DOTALL)]
    assert {"Keep me ", " lead", "two``ticks`", "tab^Ihere"} <= set(codes)


USER = f"arn:aws:iam::{OTHER_ACCOUNT}:user/auditor"


def test_a_user_is_named_a_user_wherever_the_bundle_says_whom_to_attach_to(capsys):
    """An IAM user is never called a role: not in the README's file table, its notes, or the plain summary."""
    from wizard.prompts.review import size_line

    answers = Answers("us-west-2", ACCT, UUID, ("orders",), (
        Principal("writer", ("producer",)), Principal(USER, ("consumer",)),
        Principal(role(OTHER_ACCOUNT, "reader"), ("consumer",)), Principal(f"arn:aws:iam::{ACCT}:user/local",
                                                                           ("consumer",))))
    bundle = render_bundle(answers)
    readme = bundle_files(bundle)["README.md"]
    rows = {line.split(" | ")[0].strip("| `"): line.split(" | ")[2] for line in readme.splitlines()
            if line.startswith("| `")}
    assert rows["producer-policy.json"] == "IAM role: `writer`"
    assert rows["consumer-policy.json"] == "IAM user: `local`"
    assert rows["consumer-cross-account-policy.json"] == "IAM role: `reader`; IAM user: `auditor`"
    docs = sections(readme)
    assert "registers for each principal (see the consumer resource policies" in docs[
        "consumer-cross-account-policy.json"]
    shown = {doc.filename: size_line(doc, 0) for doc in bundle.documents}
    assert shown["consumer-policy.json"].endswith("-> IAM user: local")
    assert shown["consumer-cross-account-policy.json"].endswith("-> IAM role: reader; IAM user: auditor")

    only_user = render_bundle(Answers("us-west-2", ACCT, UUID, ("orders",), (Principal(USER, ("consumer",)),)))
    assert size_line(only_user.get("consumer-cross-account"), 0).endswith("-> IAM user: auditor")
    assert main(["generate", "--region", "us-west-2", "--account", ACCT, "--key", UUID, "--stream", "orders",
                 "--consumer", USER, "--print", "readme"]) == 0
    printed = capsys.readouterr().out
    assert "| IAM user: `auditor` |" in printed and "IAM role" not in printed
    assert "registers for the user (see" in printed


@pytest.mark.parametrize("service", [None, "lambda", "flink"])
def test_without_fan_out_a_reader_elsewhere_gets_no_note_about_registered_consumers(service):
    """With enhanced fan-out off nobody registers a consumer for a reader in another account: its section must not
    send it looking for one (the KCL, Lambda and Flink notes), while with fan-out on it must."""
    notes = ("The KCL cannot register a consumer", "To read with enhanced fan-out", "`SELF_MANAGED`")
    reader = Principal(role(OTHER_ACCOUNT, "reader"), ("consumer",), service)
    base = MATRIX["aws-multi-stream-cross-account-fan-out"]

    def reader_sections(fan_out: bool) -> str:
        docs = sections(_readme(Answers(**{**base.__dict__, "principals": (reader,), "fan_out": fan_out})))
        return "\n".join(text for name, text in docs.items() if "consumer" in name and "resource" not in name)

    off, on = reader_sections(False), reader_sections(True)
    assert not any(note in off for note in notes), off
    assert any(note in on for note in notes), on
