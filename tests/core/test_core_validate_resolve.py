"""The answers as `resolve` reads them, by what the user then sees: spaces around a value ignored, an ARN still held
to the Region or account answered when the other answer is refused, the placeholders the live preview shows for
what is missing, the AWS managed key named by its alias ARN, and a principal given twice read as one."""

from __future__ import annotations

import json

import pytest

from wizard.core.bundle import bundle_files
from wizard.core.model import Answers, Principal
from wizard.core.render import render_bundle
from wizard.core.validate import check_region, resolve

ACCOUNT, OTHER = "111122223333", "444455556666"
KEY = f"arn:aws:kms:us-west-2:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
REGIONS_OF_EVERY_PARTITION = ("give one of the Regions of aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, "
                              "aws-iso-f, aws-eusc (for example us-west-2, cn-north-1, us-gov-west-1)")


def _problems(answers: Answers) -> list[str]:
    return [str(p) for p in resolve(answers)[1]]


def test_the_spaces_around_every_answer_are_not_part_of_it_but_a_control_character_is_refused():
    resolved, problems = resolve(Answers(" us-west-2 ", f" {ACCOUNT}  ", " alias/aws/kinesis ", (" orders ",),
                                         (Principal(" writer ", ("producer",)),)))
    assert problems == []
    assert (resolved.partition, resolved.region, resolved.account) == ("aws", "us-west-2", ACCOUNT)
    assert [s.arn for s in resolved.streams] == [f"arn:aws:kinesis:us-west-2:{ACCOUNT}:stream/orders"]
    assert [p.arn for p in resolved.principals] == [f"arn:aws:iam::{ACCOUNT}:role/writer"]
    # a trailing tab or newline is not trimmed away: it is named, like any control character
    assert _problems(Answers("us-west-2", f" {ACCOUNT}\t", "alias/aws/kinesis", ("orders",),
                             (Principal("writer", ("producer",)),))) == [
        f"account ' {ACCOUNT}\\t': contains ^I at character 14, a control or bidi character; answers are plain text"]


@pytest.mark.parametrize("typed", ["nowhere", "mars-1"])
def test_a_region_like_none_lists_every_partition_and_an_example_of_each(typed):
    assert check_region(typed) == f"no Region matches {typed!r}; {REGIONS_OF_EVERY_PARTITION}"


@pytest.mark.parametrize(("region", "account", "stream", "refusal"), [
    ("us-west-2", "12", "arn:aws:kinesis:us-east-1:111122223333:stream/orders",
     "the stream must be in Region us-west-2 (the one chosen), not 'us-east-1'"),
    ("us-west-2", "12", "arn:aws-cn:kinesis:us-west-2:111122223333:stream/orders",
     "the stream must be in partition aws (the Region's), not 'aws-cn'"),
    ("mars-1", ACCOUNT, "arn:aws:kinesis:us-west-2:444455556666:stream/orders",
     "the stream must be in account 111122223333 (the one chosen), not 444455556666"),
], ids=["region-kept-account-refused", "partition-kept-account-refused", "account-kept-region-refused"])
def test_a_stream_arn_is_held_to_the_answer_that_was_taken_when_the_other_is_refused(region, account, stream,
                                                                                        refusal):
    problems = _problems(Answers(region, account, "alias/aws/kinesis", (stream,), (Principal("w", ("producer",)),)))
    assert f"stream {stream!r}: {refusal}" in problems
    assert len(problems) == 2  # the refused Region or account once, and the stream


def test_the_preview_shows_placeholders_for_the_principals_and_the_key_until_they_are_given():
    bundle = render_bundle(Answers("us-west-2", ACCOUNT, "not-a-key", ("orders",), ()))
    assert [str(p).split(":")[0] for p in bundle.problems] == ["key 'not-a-key'", "principal"]
    assert {d.name: d.attach_to for d in bundle.documents} == {
        "producer": "IAM role: <PRODUCER_ROLE>", "consumer": "IAM role: <CONSUMER_ROLE>",
        "key": "the KMS key (its key policy)"}
    key_policy = {s["Sid"]: s["Principal"]["AWS"] for s in bundle.get("key").body["Statement"]}
    assert key_policy == {"EnableIAMPolicies": f"arn:aws:iam::{ACCOUNT}:root",
                          "AllowKinesisProducers": f"arn:aws:iam::{ACCOUNT}:role/<PRODUCER_ROLE>",
                          "AllowKinesisConsumers": f"arn:aws:iam::{ACCOUNT}:role/<CONSUMER_ROLE>"}
    data_key = bundle.get("producer").body["Statement"][1]
    assert (data_key["Action"], data_key["Resource"]) == (["kms:GenerateDataKey"],
                                                          f"arn:aws:kms:us-west-2:{ACCOUNT}:key/<KEY_ID>")



def test_a_refused_key_is_still_named_as_typed_when_its_policy_is_also_too_big():
    producers = tuple(Principal(f"producer-{n:04}", ("producer",)) for n in range(900))
    problems = [str(p) for p in render_bundle(Answers("us-west-2", ACCOUNT, "not-a-key", ("orders",),
                                                      producers)).problems]
    assert len(problems) == 2 and problems[0].startswith("key 'not-a-key': not a KMS key identifier")
    assert problems[1].startswith("key 'not-a-key': the key policy would be 42,793 bytes even without indentation, "
                                  "over the KMS limit of 32,768; reduce the streams (1) or the principals (900)")


def test_the_aws_managed_key_by_its_alias_arn_makes_the_bundle_its_alias_name_does():
    def files(key: str) -> dict[str, str]:
        return bundle_files(render_bundle(Answers("us-west-2", ACCOUNT, key, ("orders",),
                                                  (Principal("writer", ("producer",)),))))

    arn = f"arn:aws:kms:us-west-2:{ACCOUNT}:alias/aws/kinesis"
    by_arn, by_name = files(arn), files("alias/aws/kinesis")
    policies = sorted(name for name in by_name if name.endswith("-policy.json"))
    assert policies == ["producer-policy.json"]  # no key policy: the AWS managed key's cannot be changed
    assert {n: by_arn[n] for n in policies} == {n: by_name[n] for n in policies}
    assert json.loads(by_arn["manifest.json"])["resolved"]["key"] == {
        "given": arn, "kind": "managed", "account": ACCOUNT, "arn": None, "alias": "alias/aws/kinesis"}


@pytest.mark.parametrize("named_first", [True, False])
def test_a_reader_given_twice_keeps_the_consumer_name_given_to_either_mention(named_first):
    reader = f"arn:aws:iam::{OTHER}:role/reader"
    mentions = [Principal(reader, ("consumer",), consumer_name="analytics"), Principal(reader, ("producer",))]
    bundle = render_bundle(Answers("us-west-2", ACCOUNT, KEY, ("orders",),
                                   tuple(mentions if named_first else reversed(mentions)), True))
    assert bundle.problems == ()
    assert [d.attach_to for d in bundle.documents if d.kind == "consumer"] == [
        "consumer analytics of stream orders, once registered (its resource policy)"]
    assert [p.roles for p in bundle.resolved.principals] == [("producer", "consumer")]


def test_a_role_given_for_two_services_is_refused_and_the_principals_after_it_are_still_checked():
    role = f"arn:aws:iam::{ACCOUNT}:role/fn"
    problems = _problems(Answers("us-west-2", ACCOUNT, KEY, ("orders",), (
        Principal(role, ("consumer",), "lambda"), Principal(role, ("consumer",), "flink"),
        Principal("bad name!", ("producer",)))))
    assert problems == [
        f"flink-consumer '{role}': is already the lambda role; one role reads for one service (create a role per "
        "service)",
        "producer 'bad name!': an IAM role name is 1 to 64 letters, digits and + = , . @ _ -; or give a role ARN "
        "(arn:PARTITION:iam::ACCOUNT:role/PATH/NAME) or a user ARN (arn:PARTITION:iam::ACCOUNT:user/NAME)"]
