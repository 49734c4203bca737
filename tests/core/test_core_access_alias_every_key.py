"""A key given only by alias, decided key by key: when the documents leave the answer unknown for "the alias's key" but
deny it for every key the alias may name (any key of its account and Region,
https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdateAlias.html), the row is denied, and says so in the
words, citations and halves a person fixing it uses; when only one of a call's resources is known by alias, the
other keeps its own answer."""

from __future__ import annotations

import json

from tests.core.test_core_access_alias_key import ACCT, KEYS, _bundle
from tests.core.test_core_access_alias_union import TOO_MANY, _hostile
from wizard.core.access import bundle_setting, setting_rows
from wizard.core.model import Answers, Principal
from wizard.core.render import render_bundle

WRITER = "arn:aws:iam::444455556666:role/writer"
ALIAS_KEY = f"{KEYS}/<the key of alias/orders-key>"
OP = "GenerateDataKey via Kinesis"


def _halves_apart():
    """The writer's policy allows keys 0…, the key policy names the writer for multi-Region keys only: no key the
    alias may name is allowed by both, though each half allows some."""
    bundle = _bundle()
    body = json.loads(json.dumps(bundle.get("producer").body))
    mine = next(s for s in body["Statement"] if s["Sid"] == "GenerateDataKeyViaKinesis")
    del mine["Condition"]["ForAnyValue:StringEquals"]
    mine["Resource"] = f"{KEYS}/0*"
    key = json.loads(json.dumps(bundle.get("key").body))
    theirs = next(s for s in key["Statement"] if s["Sid"] == "AllowKinesisProducers")
    theirs["Resource"] = f"{KEYS}/mrk-*"
    return bundle_setting(bundle, {"producer-policy.json": body, "key-policy.json": key})


def _writer_row(setting, *, exact):
    return next(r for r in setting_rows(setting, exact=exact) if r.who.arn == WRITER and r.operation.label == OP)


def test_halves_that_allow_different_keys_deny_every_key_and_say_why():
    row = _writer_row(_halves_apart(), exact=True)
    assert row.decision == "denied"
    assert row.verdict.reasons == (
        f"denied for every key the alias may name (any key of account {ACCT} in eu-west-1: its id is not known, only "
        "its alias is), for one or more of these reasons",
        f"{WRITER} is in account 444455556666 and the resource in {ACCT}: both the identity policy and the key policy "
        "must allow",
        f"the key policy allows kms:GenerateDataKey to neither {WRITER} nor its account 444455556666",
        f"key-policy.json#AllowKinesisProducers covers kms:GenerateDataKey but its resource does not hold: Resource "
        f"'{KEYS}/mrk-*' does not match {ALIAS_KEY}",
        f"no statement in the identity policies (producer-policy.json) allows kms:GenerateDataKey on {ALIAS_KEY}",
        f"producer-policy.json#GenerateDataKeyViaKinesis covers kms:GenerateDataKey but its resource does not hold: "
        f"Resource '{KEYS}/0*' does not match {ALIAS_KEY}",
    )
    # Nothing allowed and nothing denied explicitly; both halves need a statement (what `check` offers to add).
    assert (row.verdict.because, row.verdict.denied_by) == ((), ())
    assert row.verdict.missing == frozenset({"identity", "resource"})


def test_the_grouped_table_says_the_same_without_the_statements_written_for_other_keys():
    """ACCESS.md's table (grouped, brief) leaves out only the near misses on resource, like every brief row."""
    setting = _halves_apart()
    exact, grouped = _writer_row(setting, exact=True), _writer_row(setting, exact=False)
    assert grouped.decision == "denied"
    assert grouped.verdict.reasons == tuple(r for r in exact.verdict.reasons if "its resource does not hold" not in r)
    assert (grouped.verdict.because, grouped.verdict.missing) == ((), frozenset({"identity", "resource"}))


def test_denies_that_name_every_key_between_them_are_cited_as_the_deniers():
    bundle = _bundle()
    body = json.loads(json.dumps(bundle.get("producer").body))
    body["Statement"] += [{"Sid": "Deny0", "Effect": "Deny", "Action": "kms:*", "Resource": [f"{KEYS}/{c}*" for c in
                                                                                           "01234567"]},
                          {"Sid": "Deny1", "Effect": "Deny", "Action": "kms:*",
                           "Resource": [f"{KEYS}/{c}*" for c in "89abcdef"] + [f"{KEYS}/mrk-*"]}]
    row = _writer_row(bundle_setting(bundle, {"producer-policy.json": body}), exact=True)
    assert row.decision == "denied"
    deniers = ("producer-policy.json#Deny0", "producer-policy.json#Deny1")
    assert set(row.verdict.denied_by) == set(deniers) == set(row.verdict.because)
    assert row.verdict.missing == frozenset()  # an explicit Deny: no statement to add helps


def test_an_unknown_stream_keeps_start_stream_encryption_unknown_whatever_the_key():
    """StartStreamEncryption needs the stream and the key (two resources of one call). Every key the alias may name
    is allowed, but the stream's statement has a condition the evaluator does not model: the call stays unknown."""
    stream = f"arn:aws:kinesis:eu-west-1:{ACCT}:stream/orders"
    bundle = render_bundle(Answers("eu-west-1", ACCT, "alias/orders-key", ("orders",),
                                   (Principal(f"arn:aws:iam::{ACCT}:role/ops", ("admin",)),)))
    body = json.loads(json.dumps(bundle.get("admin").body))
    manage = next(s for s in body["Statement"] if s["Sid"] == "ManageStreamEncryption")
    body["Statement"].append(dict(manage, Sid="ManageKey", Resource=f"{KEYS}/*"))
    manage.update(Resource=stream, Condition={"StringEquals": {"aws:ResourceTag/team": "data"}})
    rows = setting_rows(bundle_setting(bundle, {"admin-policy.json": body}), exact=True)
    row = next(r for r in rows if r.who.label == "ops" and r.operation.label == "StartStreamEncryption")
    assert row.decision == "unknown"
    assert "admin-policy.json#ManageStreamEncryption: StringEquals aws:ResourceTag/team: aws:ResourceTag/team is " \
           "not modelled for this request" in row.verdict.reasons


def test_each_principal_is_decided_by_the_key_patterns_of_its_own_policies():
    """Both in another account, so their own policies decide with the key policy. The writer's policy names no key
    for Decrypt; the reader's names keys 1234abcd-…, which the alias may or may not name. The stand-in keys found for
    the writer (evaluated first) must not decide the reader's row."""
    bundle = render_bundle(Answers("eu-west-1", ACCT, "alias/orders-key", ("orders",), (
        Principal(WRITER, ("producer",)), Principal("arn:aws:iam::444455556666:role/reader", ("consumer",)))))
    reader = "consumer-cross-account-policy.json"
    body = json.loads(json.dumps(next(d.body for d in bundle.documents if d.filename == reader)))
    decrypt = next(s for s in body["Statement"] if s["Sid"] == "DecryptViaKinesis")
    del decrypt["Condition"]["ForAnyValue:StringEquals"]
    decrypt["Resource"] = f"{KEYS}/1234abcd-*"
    rows = setting_rows(bundle_setting(bundle, {reader: body}), exact=True)
    decisions = {r.who.label: r.decision for r in rows if r.operation.label == "Decrypt via Kinesis"}
    assert decisions["reader"] == "unknown"
    assert decisions["writer"] == "denied"


def test_a_policy_naming_too_many_keys_keeps_what_the_stream_side_says():
    """A Deny naming 700 keys leaves the key side of every key call undecided; StartStreamEncryption keeps the
    stream side's own words and halves, and the row stays the stream's; a key-only call names no stream."""
    stream = f"arn:aws:kinesis:eu-west-1:{ACCT}:stream/orders"
    bundle = render_bundle(Answers("eu-west-1", ACCT, "alias/orders-key", ("orders",),
                                   (Principal(f"arn:aws:iam::{ACCT}:role/ops", ("admin",)),)))
    body = json.loads(json.dumps(bundle.get("admin").body))
    manage = next(s for s in body["Statement"] if s["Sid"] == "ManageStreamEncryption")
    manage.update(Resource=stream, Condition={"StringEquals": {"aws:ResourceTag/team": "data"}})
    body["Statement"].append({"Sid": "NotThese", "Effect": "Deny", "Action": "*", "Resource": _hostile(700)})
    rows = {r.operation.label: r for r in setting_rows(bundle_setting(bundle, {"admin-policy.json": body}), exact=True)
            if r.who.label == "ops"}
    cut = f"admin-policy.json {TOO_MANY}"
    start = rows["StartStreamEncryption"]
    assert start.decision == "unknown"
    assert start.verdict.reasons == ("admin-policy.json#ManageStreamEncryption: StringEquals aws:ResourceTag/team: "
                                     "aws:ResourceTag/team is not modelled for this request", cut)
    assert (start.verdict.because, start.verdict.missing) == ((), frozenset({"identity"}))
    assert [s.name for s in start.streams] == ["orders"]
    assert start.to_json()["resource"] == stream
    put_key_policy = rows["PutKeyPolicy"]
    assert (put_key_policy.decision, put_key_policy.verdict.reasons) == ("unknown", (cut,))
    assert put_key_policy.streams == () and put_key_policy.to_json()["stream"] is None


def test_a_key_only_call_names_no_stream():
    rows = {r.operation.label: r for r in setting_rows(_halves_apart(), exact=True) if r.who.arn == WRITER}
    assert rows["PutKeyPolicy"].streams == () == rows["ScheduleKeyDeletion"].streams
    assert [s.name for s in rows[OP].streams] == ["orders"]


def test_a_cut_call_on_a_shared_stream_is_judged_with_the_streams_own_policy():
    """A writer in another account may start encryption on the shared stream (its policy and the stream's allow
    it); a Deny naming 700 keys leaves the key side undecided, so the call is unknown, not denied for want of the
    stream's policy, which another account needs
    (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html)."""
    bundle = _bundle()
    stream = f"arn:aws:kinesis:eu-west-1:{ACCT}:stream/orders"
    body = json.loads(json.dumps(bundle.get("producer").body))
    body["Statement"] += [
        {"Sid": "Encrypt", "Effect": "Allow", "Action": "kinesis:StartStreamEncryption",
         "Resource": [stream, f"{KEYS}/*"]},
        {"Sid": "NotThese", "Effect": "Deny", "Action": "kinesis:StartStreamEncryption", "Resource": _hostile(700)}]
    shared = json.loads(json.dumps(bundle.get("stream").body))
    shared["Statement"][0]["Action"].append("kinesis:StartStreamEncryption")
    setting = bundle_setting(bundle, {"producer-policy.json": body, "stream-resource-policy.json": shared})
    row = next(r for r in setting_rows(setting, exact=True)
               if r.who.arn == WRITER and r.operation.label == "StartStreamEncryption")
    assert row.decision == "unknown"
    assert row.verdict.reasons == (f"producer-policy.json {TOO_MANY}",)


def test_a_cut_call_denied_by_its_stream_says_why_in_the_grouped_table_as_in_every_row():
    """The administrator may start encryption on stream a only; a Deny naming 700 keys leaves every key undecided,
    but stream b's call is denied by its stream side. The grouped table (ACCESS.md) says why as the exact one does,
    less the statement written for the other stream."""
    streams = [f"arn:aws:kinesis:eu-west-1:{ACCT}:stream/{name}" for name in ("a", "b")]
    bundle = render_bundle(Answers("eu-west-1", ACCT, "alias/orders-key", ("a", "b"),
                                   (Principal(f"arn:aws:iam::{ACCT}:role/ops", ("admin",)),)))
    body = json.loads(json.dumps(bundle.get("admin").body))
    manage = next(s for s in body["Statement"] if s["Sid"] == "ManageStreamEncryption")
    manage["Resource"] = [streams[0], f"{KEYS}/*"]
    body["Statement"].append({"Sid": "NotThese", "Effect": "Deny", "Action": "kinesis:StartStreamEncryption",
                              "Resource": _hostile(700)})
    setting = bundle_setting(bundle, {"admin-policy.json": body})

    def on_b(rows):
        return next(r for r in rows if r.who.label == "ops" and r.operation.label == "StartStreamEncryption"
                    and [s.name for s in r.streams] == ["b"])

    exact, grouped = on_b(setting_rows(setting, exact=True)), on_b(setting_rows(setting))
    assert exact.decision == grouped.decision == "denied"
    near = [r for r in exact.verdict.reasons if "its resource does not hold" in r]
    assert near and grouped.verdict.reasons == tuple(r for r in exact.verdict.reasons if r not in near)
