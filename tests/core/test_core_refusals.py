"""Every refusal, word for word, against tests/golden/refusals.txt: the catalogue of what a user reads for each kind
of bad answer (each line names the field, the value and the rule).

One good set of answers with a single answer replaced per case, so each case shows the problems that one answer
causes and nothing else. Regenerate after a deliberate change with UPDATE_GOLDEN=1, then read the diff.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from wizard.core.model import Answers, Principal
from wizard.core.render import render_bundle

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "refusals.txt"
ACCT = "123456789012"
OTHER = "210987654321"
UUID = "1234abcd-12ab-34cd-56ef-1234567890ab"
GOOD = Answers("us-west-2", ACCT, UUID, ("orders",), (Principal("orders-producer", ("producer",)),))
ESC = "\x1b[31m"


def _p(ref: str, *roles: str, service: str | None = None, consumer_name: str | None = None) -> Principal:
    return Principal(ref, roles or ("consumer",), service, consumer_name)


CASES: list[tuple[str, Answers]] = [
    # region
    *((f"region {v!r}", replace(GOOD, region=v)) for v in ["", "us-west-9", f"us-west-2{ESC}"]),
    # account
    *((f"account {v!r}", replace(GOOD, account=v)) for v in ["", "12345", "1234567890123", "12345678901a",
                                                             f"{ACCT}\n"]),
    # key
    *((f"key {v!r}", replace(GOOD, key=v)) for v in [
        "", UUID.upper(), "mrk-1234abcd", "1234abcd-12ab-34cd-56ef", "alias/aws/s3", "alias/", "alias/has space",
        "alias/" + "a" * 251, f"arn:aws-cn:kms:us-west-2:{ACCT}:key/{UUID}",
        f"arn:aws:kms:us-east-1:{ACCT}:key/{UUID}", f"arn:aws:kms:us-west-2:12345:key/{UUID}",
        f"arn:aws:kms:us-west-2:{ACCT}:key/not-a-key", f"arn:aws:kms:us-west-2:{ACCT}:grant/x",
        f"arn:aws:kms:us-west-2:{OTHER}:alias/aws/kinesis",
        f"arn:aws:kms:us-west-2:{ACCT}:alias/bad name", f"arn:aws:kms:us-west-2:{ACCT}:alias/aws/other",
        f"arn:aws-xx:kms:us-west-2:{ACCT}:key/{UUID}", f"arn:aws:kms:mars-1:{ACCT}:key/{UUID}",
        f"arn:aws:s3:::bucket/{UUID}", f"alias/x{ESC}"]),
    # streams
    *((f"stream {v!r}", replace(GOOD, streams=(v,))) for v in [
        "", "x" * 129, "my stream", "orders/*", f"arn:aws:kinesis:us-west-2:{ACCT}:MyStream",
        f"arn:aws:kinesis:us-west-2:{OTHER}:stream/orders", f"arn:aws:kinesis:us-east-1:{ACCT}:stream/orders",
        f"arn:aws-cn:kinesis:us-west-2:{ACCT}:stream/orders", f"arn:aws:kinesis:us-west-2:{ACCT}:stream/" + "x" * 129,
        f"arn:aws:firehose:us-west-2:{ACCT}:deliverystream/orders", f"s{ESC}"]),
    ("no stream", replace(GOOD, streams=())),
    ("no principal", replace(GOOD, principals=())),
    # principals
    *((f"consumer {v!r}", replace(GOOD, principals=(_p(v),))) for v in [
        "", "a" * 65, "has space", "*", OTHER, f"arn:aws:iam::{ACCT}:role/*", f"arn:aws-cn:iam::{ACCT}:role/app",
        f"arn:aws-xx:iam::{ACCT}:role/app", f"arn:aws:iam:us-west-2:{ACCT}:role/app", "arn:aws:iam::12345:role/app",
        f"arn:aws:iam::{ACCT}:group/devs", f"arn:aws:sts::{ACCT}:assumed-role/app/session",
        f"arn:aws:iam::{ACCT}:role/path with space/app", f"arn:aws:iam::{ACCT}:role/" + "p/" * 256 + "app",
        f"arn:aws:iam::{ACCT}:user/" + "u" * 65, f"r{ESC}"]),
    ("roles", replace(GOOD, principals=(_p("r", "reader"), Principal("s", ())))),
    ("services", replace(GOOD, principals=(_p("a", service="kafka"), _p("b", "producer", service="lambda"),
                                           _p("c", "consumer", "producer", service="firehose")))),
    ("service users", replace(GOOD, principals=tuple(
        _p(f"arn:aws:iam::{ACCT}:user/{s}", service=s) for s in ("lambda", "flink", "firehose")))),
    ("one role, two services", replace(GOOD, principals=(_p("r", service="lambda"), _p("r", service="flink")))),
    ("admin in another account", replace(GOOD, principals=(_p(f"arn:aws:iam::{OTHER}:role/x", "admin"),))),
    ("managed key shared", replace(GOOD, key="alias/aws/kinesis", principals=(
        _p(f"arn:aws:iam::{OTHER}:role/x"), _p(f"arn:aws:iam::{OTHER}:role/y", "producer")))),
    ("consumer names", replace(GOOD, principals=(
        _p(f"arn:aws:iam::{OTHER}:role/a", consumer_name="bad name"),
        _p(f"arn:aws:iam::{OTHER}:role/b", consumer_name="shared"),
        _p(f"arn:aws:iam::{OTHER}:role/c", consumer_name="shared"),
        _p(f"arn:aws:iam::{OTHER}:role/d", consumer_name=f"x{ESC}"),
        _p(f"arn:aws:iam::{OTHER}:role/e", consumer_name="x" * 129)))),
    ("every principal checked", replace(GOOD, principals=(_p("bad one"), _p("fine"), _p("bad two", "admin")))),
]


def catalogue() -> str:
    out = []
    for title, answers in CASES:
        out.append(f"# {title!r}")
        out.extend(f"  {problem}" for problem in render_bundle(answers).problems)
    return "\n".join(out) + "\n"


def test_every_refusal_reads_as_the_catalogue_says():
    text = catalogue()
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_every_case_is_refused_and_the_good_answers_are_not():
    assert render_bundle(GOOD).ok
    for title, answers in CASES:
        assert render_bundle(answers).problems, title


def test_an_alias_of_exactly_256_characters_is_a_key():
    assert render_bundle(replace(GOOD, key="alias/" + "a" * 250)).ok  # alias/ and 250: the most AWS allows


def test_a_reader_in_another_account_gets_a_consumer_named_after_its_role_as_written():
    answers = replace(GOOD, principals=(_p(f"arn:aws:iam::{OTHER}:role/Partner.Reader_1+x"),))
    bundle = render_bundle(answers)
    assert bundle.ok, bundle.problems
    assert [d.consumer for d in bundle.documents if d.kind == "consumer"] == [f"Partner.Reader_1_x-{OTHER}"]


def test_a_huge_refused_value_is_named_but_cut_and_a_long_valid_arn_is_named_whole() -> None:
    """A refusal names the value; an answers file with a 100,000-character principal must not flood the terminal,
    while the longest role ARN IAM allows (512-character path, 64-character name) is still shown whole."""
    from wizard.core.problems import Problem

    huge = str(Problem("producer", "x" * 100_000, "not a role"))
    assert len(huge) < 1_100 and huge.startswith("producer 'xxx") and huge.endswith("…': not a role")
    longest = "arn:aws-us-gov:iam::123456789012:role/" + "p" * 510 + "/" + "n" * 64
    assert str(Problem("producer", longest, "rule")) == f"producer {longest!r}: rule"
