"""The access table of every bundle the suite generates agrees with each role's purpose.

A producer that cannot write, a consumer that cannot read or decrypt, an administrator that
cannot turn encryption on, or anyone who can use the key outside Kinesis, delete it or rewrite
its policy, is a bug this test catches for every bundle of the matrix, twice: with the key's real
ARN and aliases (as AWS knows them) and with only what the bundle knows (as ACCESS.md is made).
"""

from __future__ import annotations

import json
import re

import pytest
from matrix import CASES, bundle_of, setting_of

from wizard.core.access import TABLE, bundle_setting, needs, setting_rows, stream_classes
from wizard.core.access_text import bundle_markdown, markdown, text
from wizard.core.bundle import bundle_files
from wizard.core.evaluate import ALLOWED, DENIED
from wizard.core.model import Answers, Principal
from wizard.core.render import render_bundle


def expected(row, setting, fan_out: bool) -> str:
    """What the role is for, written from the roles alone, not from the documents."""
    who, op = row.who, row.operation.label
    managed_here = setting.key.managed and who.arn.split(":")[4] == setting.key.account
    roles = set(who.roles)
    if op in ("PutRecord", "PutRecords"):
        ok = "producer" in roles
    elif op in ("GetShardIterator", "GetRecords"):
        ok = "consumer" in roles
    elif op == "SubscribeToShard":
        shared = who.arn.split(":")[4] == setting.account or who.consumer_arn(row.stream) in setting.consumer_policies
        ok = "consumer" in roles and who.service != "firehose" and fan_out and shared
    elif op == "GenerateDataKey via Kinesis":
        ok = bool(roles & {"producer", "admin"}) or managed_here
    elif op == "Decrypt via Kinesis":
        ok = "consumer" in roles or managed_here
    elif op in ("GenerateDataKey, another stream", "Decrypt, another stream"):
        ok = managed_here  # the AWS managed key's policy is not scoped to streams; ours are
    elif op in ("StartStreamEncryption", "StopStreamEncryption"):
        ok = "admin" in roles
    else:  # Decrypt directly, PutKeyPolicy, ScheduleKeyDeletion: nobody
        ok = False
    return ALLOWED if ok else DENIED


@pytest.mark.parametrize("facts", [True, False], ids=["as-aws-knows", "as-the-bundle-knows"])
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_every_row_agrees_with_the_roles_purpose(case, facts):
    bundle = bundle_of(case)
    setting = setting_of(case, bundle) if facts else bundle_setting(bundle)
    rows = setting_rows(setting, exact=True)
    wrong = [(r.who.label, r.operation.label, r.stream.name if r.stream else "", r.decision, r.verdict.reasons)
             for r in rows if r.decision != expected(r, setting, case.fan_out)]
    assert not wrong, wrong
    whos = {r.who.arn for r in rows}
    assert len(whos) == len(bundle.resolved.principals) + 2  # every principal, anyone else, another account
    per_who = len(TABLE) + (len(bundle.resolved.streams) - 1) * sum(op.per_stream for op in TABLE)
    assert len(rows) == len(whos) * per_who


def test_allowed_rows_name_the_statements_that_decide():
    bundle = bundle_of(CASES[0])
    rows = {(r.who.label, r.operation.label): r for r in setting_rows(setting_of(CASES[0], bundle))}
    assert rows[("p", "PutRecord")].verdict.because == ("producer-policy.json#WriteStreams",)
    # In the key's account: the key policy names the producer (enough alone), and the account statement
    # with the identity policy allows it too; both are shown.
    assert rows[("p", "GenerateDataKey via Kinesis")].verdict.because == (
        "key-policy.json#AllowKinesisProducers", "key-policy.json#EnableIAMPolicies",
        "producer-policy.json#GenerateDataKeyViaKinesis")
    assert rows[("a", "StartStreamEncryption")].verdict.because == ("admin-policy.json#ManageStreamEncryption",)
    assert rows[("c", "PutRecord")].verdict.because == ()


def test_cross_account_rows_show_both_halves():
    case = next(c for c in CASES if c.id == "aws-alias-arn-cross-account-lambda")
    rows = setting_rows(setting_of(case))
    lam = {r.operation.label: r for r in rows if r.who.label == "lambda-exec"}
    assert lam["GetRecords"].verdict.because == ("lambda-consumer-policy.json#ReadStreams",
                                                 "stream-resource-policy.json#CrossAccountLambdaConsumers")
    # Enhanced fan-out from another account: through the consumer registered for it, and its own policy.
    assert lam["SubscribeToShard"].verdict.because == (
        "lambda-consumer-policy.json#ReadWithEnhancedFanOut",
        "consumer-resource-policy-lambda-exec-444455556666.json#EnhancedFanOutReader")
    consumer = lam["SubscribeToShard"].requests[0].resource
    assert consumer.endswith("/consumer/lambda-exec-444455556666:CREATION_TIMESTAMP")
    assert lam["Decrypt via Kinesis"].verdict.because == ("lambda-consumer-policy.json#DecryptViaKinesis",
                                                          "key-policy.json#AllowKinesisConsumers")


def test_a_producer_that_cannot_write_is_caught():
    """The purpose test fails on a broken bundle: drop the producer's write statement and look."""
    case = CASES[0]
    bundle = bundle_of(case)
    producer = bundle.get("producer")
    broken = {**producer.body, "Statement": producer.body["Statement"][1:]}
    setting = bundle_setting(bundle, {"producer-policy.json": broken})
    wrong = {(r.who.label, r.operation.label) for r in setting_rows(setting, exact=True)
             if r.decision != expected(r, setting, case.fan_out)}
    assert wrong == {("p", "PutRecord"), ("p", "PutRecords")}


def test_a_key_policy_that_lets_everyone_decrypt_is_caught():
    case = CASES[0]
    bundle = bundle_of(case)
    key = bundle.get("key").body
    wide = {**key, "Statement": [*key["Statement"], {"Sid": "Oops", "Effect": "Allow", "Principal": "*",
                                                       "Action": "kms:Decrypt", "Resource": "*"}]}
    setting = bundle_setting(bundle, {"key-policy.json": wide})
    rows = [r for r in setting_rows(setting) if r.operation.label == "Decrypt directly" and r.decision == ALLOWED]
    # "*" names every principal: everyone here, and another account's role that its own IAM allows.
    assert {r.who.label for r in rows} == {"p", "c", "a", "anyone else in 123456789012",
                                           "another account (999999999999)"}
    assert all("key-policy.json#Oops" in r.verdict.because for r in rows)


# --- the table as people read it ------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_every_bundle_has_an_access_table(case):
    bundle = bundle_of(case)
    files = bundle_files(bundle)
    assert list(files)[-3:] == ["README.md", "ACCESS.md", "manifest.json"]
    access = files["ACCESS.md"]
    assert access == bundle_markdown(bundle)
    for p in bundle.resolved.principals:
        assert f"## {p.name}\n" in access
    assert "## anyone else in" in access and "## another account (" in access
    assert "unknown" not in access.split("\n\n", 4)[-1].replace("0 unknown", "")  # nothing undecided
    assert "ACCESS.md" in json.loads(files["manifest.json"])["files"]


def test_markdown_rows_and_summary_for_the_seed(seed):
    access = bundle_files(render_bundle(seed))["ACCESS.md"]
    assert "| PutRecord | - | **allowed** | `producer-policy.json#WriteStreams` |" in access
    assert "| GetRecords | - | denied | no statement allows it |" in access
    assert "\n31 allowed" not in access and re.search(r"\n\d+ allowed, \d+ denied, 0 unknown\.\n", access)
    assert "kinesis.us-west-2.amazonaws.com" in access


def test_several_streams_that_agree_show_once_and_disagreeing_ones_apart():
    answers = Answers("us-west-2", "123456789012", "1234abcd-12ab-34cd-56ef-1234567890ab", ("a", "b", "c"),
                      (Principal("p", ("producer",)),))
    bundle = render_bundle(answers)
    producer = bundle.get("producer").body
    only_a = json.loads(json.dumps(producer))
    only_a["Statement"][0]["Resource"] = only_a["Statement"][0]["Resource"][0]
    setting = bundle_setting(bundle, {"producer-policy.json": only_a})
    shown = text(setting, setting_rows(setting))
    assert "  allowed  PutRecord (a)" in shown and "  denied   PutRecord (b, c)" in shown
    exact = text(setting, setting_rows(setting, exact=True))
    assert "  denied   PutRecord (b)\n" in exact and "  denied   PutRecord (c)\n" in exact
    assert "  denied   GetRecords (each of 3 streams)" in shown


def test_text_fits_80_columns_but_never_cuts_a_sid_and_shows_hostile_sids_safely():
    bundle = bundle_of(CASES[2])  # long partition, path and user ARNs, two streams
    key = bundle.get("key").body
    hostile = json.loads(json.dumps(key))
    hostile["Statement"][1]["Sid"] = "Evil\x1b]52;c;aGk=\x07|`x`" + "y" * 120
    setting = bundle_setting(bundle, {"key-policy.json": hostile})
    rows = setting_rows(setting, exact=True)
    shown = text(setting, rows)
    whole = "key-policy.json#Evil^[]52;c;aGk=^G|`x`" + "y" * 120
    long_lines = {line.strip() for line in shown.splitlines() if len(line) > 80}
    assert long_lines == {whole}  # the only line over 80 columns is that Sid, whole, on a line of its own
    assert "\x1b" not in shown and "\x07" not in shown and "^[]52;c;aGk=^G" in shown
    md = markdown(setting, rows)
    assert "\x1b" not in md
    assert "`` key-policy.json#Evil^[]52;c;aGk=^G\\|`x`" in md  # a pipe cannot break the table


def test_needs_follow_the_action_lists():
    producer = {(op.action, req) for op, req in needs("producer")}
    assert ("kinesis:PutRecord", True) in producer and ("kinesis:ListShards", False) in producer
    consumer = {op.action: req for op, req in needs("consumer")}
    assert consumer["kinesis:GetShardIterator"] and consumer["kinesis:GetRecords"] and consumer["kms:Decrypt"]
    assert not consumer["kinesis:DescribeStream"] and not consumer["kinesis:SubscribeToShard"]
    firehose = {op.action: req for op, req in needs("consumer", "firehose")}
    assert firehose["kinesis:DescribeStream"] and "kinesis:SubscribeToShard" not in firehose
    lam = {op.action: req for op, req in needs("consumer", "lambda")}
    assert lam["kinesis:DescribeStream"] and not lam["kinesis:SubscribeToShard"]
    admin = {op.action: req for op, req in needs("admin")}
    assert admin["kinesis:StartStreamEncryption"] and not admin["kms:DescribeKey"]
    with pytest.raises(ValueError):
        needs("auditor")


def _edited_settings():
    """Bundles of the matrix as generated, and with one stream's statements edited apart from the others."""
    for case in CASES:
        bundle = bundle_of(case)
        yield case.id, bundle_setting(bundle)
        if len(bundle.resolved.streams) < 2:
            continue
        second = bundle.resolved.streams[1]
        bodies = {}
        for doc in bundle.documents:
            text_ = json.dumps(doc.body)
            # the second stream's ARN, wherever it is listed alone, becomes a wildcard that matches both
            bodies[doc.filename] = json.loads(text_.replace(f'"{second.arn}"', f'"{second.arn[:-1]}*"'))
        yield f"{case.id}-edited", bundle_setting(bundle, bodies)


@pytest.mark.parametrize(("name", "setting"), list(_edited_settings()), ids=[n for n, _ in _edited_settings()])
def test_grouping_alike_streams_changes_no_decision(name, setting):
    grouped, exact = setting_rows(setting), setting_rows(setting, exact=True)
    by_stream = {}
    for row in grouped:
        for stream in row.streams or (None,):
            by_stream[(row.who.arn, row.operation.label, stream)] = row
    for row in exact:
        group = by_stream[(row.who.arn, row.operation.label, row.stream)]
        assert group.decision == row.decision, (name, row.who.label, row.operation.label, row.stream)
        assert set(row.verdict.because) <= set(group.verdict.because)
    assert len(grouped) <= len(exact)
    if not name.endswith("-edited"):  # generated documents treat every stream alike: one line each
        assert markdown(setting, grouped) == markdown(setting, exact)


def test_many_generated_streams_are_one_group():
    streams = tuple(f"s{i:04d}" for i in range(300))
    answers = Answers("us-west-2", "123456789012", "1234abcd-12ab-34cd-56ef-1234567890ab", streams,
                      (Principal("p", ("producer",)), Principal("arn:aws:iam::444455556666:role/r", ("consumer",))))
    bundle = render_bundle(answers)
    setting = bundle_setting(bundle)
    parts = {d.filename for d in bundle.documents if d.kind == "identity"}
    assert len(stream_classes(setting)) <= len(parts)  # one group per part of a split policy, at most
    rows = setting_rows(setting)
    assert len(rows) < 4 * len(TABLE) * len(parts)
    shown = markdown(setting, rows)
    assert "| PutRecord | each of 300 streams | **allowed** |" in shown


def test_principals_told_apart_by_a_condition_are_not_grouped():
    """Two producers share every policy, but a Deny names one of them by aws:PrincipalArn."""
    answers = Answers("us-west-2", "123456789012", "1234abcd-12ab-34cd-56ef-1234567890ab", ("s",),
                      (Principal("p1", ("producer",)), Principal("p2", ("producer",))))
    bundle = render_bundle(answers)
    key = bundle.get("key").body
    deny = {"Sid": "NotP2", "Effect": "Deny", "Principal": "*", "Action": "kms:*", "Resource": "*",
            "Condition": {"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::123456789012:role/p2"}}}
    setting = bundle_setting(bundle, {"key-policy.json": {**key, "Statement": [*key["Statement"], deny]}})
    rows = {(r.who.label, r.operation.label): r for r in setting_rows(setting)}
    assert rows[("p1", "GenerateDataKey via Kinesis")].decision == ALLOWED
    assert rows[("p2", "GenerateDataKey via Kinesis")].decision == DENIED
    assert rows[("p2", "GenerateDataKey via Kinesis")].verdict.because == ("key-policy.json#NotP2",)
    # Without it, the second producer's rows are the first's, naming the second.
    plain = {(r.who.label, r.operation.label): r for r in setting_rows(bundle_setting(bundle))}
    copied = plain[("p2", "GenerateDataKey via Kinesis")]
    assert copied.decision == ALLOWED and copied.requests[0].principal == "arn:aws:iam::123456789012:role/p2"


def _grouping(edit, streams=("a", "b", "c")):
    """The groups of streams after `edit` changes the producer's and the key's policies (names only)."""
    answers = Answers("us-west-2", "123456789012", "1234abcd-12ab-34cd-56ef-1234567890ab", streams,
                      (Principal("p", ("producer",)), Principal("c", ("consumer",))))
    bundle = render_bundle(answers)
    bodies = {d.filename: json.loads(json.dumps(d.body)) for d in bundle.documents}
    edit(bodies)
    setting = bundle_setting(bundle, bodies)
    return sorted(tuple(s.name for s in group) for group in stream_classes(setting))


ARN = "arn:aws:kinesis:us-west-2:123456789012:stream/"


@pytest.mark.parametrize(("edit", "groups"), [
    (lambda b: None, [("a", "b", "c")]),
    # a Resource that names one stream apart (exact, by prefix, by other wildcard, by NotResource)
    (lambda b: b["producer-policy.json"]["Statement"][0].update(Resource=ARN + "a"), [("a",), ("b", "c")]),
    (lambda b: b["consumer-policy.json"]["Statement"][1].update(Resource=ARN + "b/consumer/*"), [("a", "c"), ("b",)]),
    (lambda b: b["producer-policy.json"]["Statement"][0].update(Resource=ARN + "?"), [("a", "b", "c")]),
    (lambda b: b["producer-policy.json"]["Statement"][0].update(Resource=ARN + "[ab]"), [("a", "b", "c")]),
    (lambda b: b["producer-policy.json"]["Statement"][0].update(Resource=[ARN + "a", ARN + "c"]),
     [("a", "c"), ("b",)]),
    # "stream/c*" also matches stream c's consumers, which "stream/a" does not: told apart (too finely is safe)
    (lambda b: b["producer-policy.json"]["Statement"][0].update(Resource=[ARN + "a", ARN + "c*"]),
     [("a",), ("b",), ("c",)]),
    (lambda b: b["producer-policy.json"]["Statement"][0].pop("Resource") and
     b["producer-policy.json"]["Statement"][0].update(NotResource=ARN + "c"), [("a", "b"), ("c",)]),
    # an encryption-context condition that names one stream apart (exact, and with a wildcard)
    (lambda b: b["key-policy.json"]["Statement"][1]["Condition"]["StringEquals"].update(
        {"kms:EncryptionContext:aws:kinesis:arn": ARN + "b"}), [("a", "c"), ("b",)]),
    (lambda b: b["key-policy.json"]["Statement"][1]["Condition"].update(
        {"StringLike": {"kms:EncryptionContext:aws:kinesis:arn": ARN + "a*"}}), [("a",), ("b", "c")]),
])
def test_streams_a_policy_tells_apart_are_never_grouped(edit, groups):
    assert _grouping(edit) == groups


def test_streams_with_their_own_policies_group_by_what_those_say():
    answers = Answers("us-west-2", "123456789012", "1234abcd-12ab-34cd-56ef-1234567890ab", ("a", "b", "c"),
                      (Principal("arn:aws:iam::444455556666:role/r", ("consumer",)),))
    bundle = render_bundle(answers)
    assert len(stream_classes(bundle_setting(bundle))) == 1  # each its own, alike once its ARN is a token
    name = "stream-resource-policy-b.json"
    edited = json.loads(json.dumps(bundle.get(name).body))
    edited["Statement"][0]["Action"] = ["kinesis:GetRecords"]
    groups = stream_classes(bundle_setting(bundle, {name: edited}))
    assert sorted(tuple(s.name for s in g) for g in groups) == [("a", "c"), ("b",)]
    rows = setting_rows(bundle_setting(bundle, {name: edited}))
    shards = [r for r in rows if r.operation.label == "GetShardIterator" and r.who.label == "r"]
    assert {tuple(s.name for s in r.streams): r.decision for r in shards} == {("a", "c"): ALLOWED, ("b",): DENIED}
    allowed = next(r for r in shards if r.decision == ALLOWED)
    assert {"stream-resource-policy-a.json#CrossAccountConsumers",
            "stream-resource-policy-c.json#CrossAccountConsumers"} <= set(allowed.verdict.because)
