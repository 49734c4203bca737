"""A key given only by alias: which statements' Resource patterns the search for the keys the alias may name reads.

Only a statement that is judged for the row's action, and judged by its Resource, can make the answer differ from
one key to another: a statement whose Action (or NotAction) leaves the action out is never judged for it, and one
whose Action is malformed is unknown whatever the key. So a policy naming too many keys for one action still leaves
the others decided, and a malformed statement is reported for what it is, not as "too many keys"
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html).
"""

from __future__ import annotations

import json

import pytest

from tests.check_fixtures import OWNER, STREAM, allow, policy
from tests.core.test_core_access_alias_key import ACCT, DENIED_WHY, KEYS, UNKNOWN_WHY, _bundle, _resource, _row
from tests.core.test_core_access_alias_union import TOO_MANY
from tests.core.test_core_alias_key_budget import _keys
from wizard.core.access import bundle_setting, setting_rows
from wizard.core.alias_key import key_probes, probe_set
from wizard.core.diagnose import Inputs, diagnose
from wizard.core.evaluate import Source

WRITE, READ = "GenerateDataKey via Kinesis", "Decrypt via Kinesis"
PROBES = key_probes("aws", "eu-west-1", ACCT)


def _writer_rows(statement: dict) -> dict[str, object]:
    """The writer's key rows once `statement` is added to the key policy."""
    bundle = _bundle()
    key = json.loads(json.dumps(bundle.get("key").body))
    key["Statement"].append(dict(statement, Sid="Hostile", Principal="*"))
    rows = setting_rows(bundle_setting(bundle, {"key-policy.json": key}), exact=True)
    return {r.operation.label: r for r in rows if r.who.label == "writer" and r.operation.label in (WRITE, READ)}


@pytest.mark.parametrize(("action", "cut", "decided"), [
    ({"NotAction": "kms:Decrypt"}, WRITE, (READ, "denied")),  # every action but Decrypt: GenerateDataKey too
    ({"NotAction": ["kms:Decrypt", "kms:ReEncrypt*"]}, WRITE, (READ, "denied")),
    ({"Action": ["kms:Decrypt"]}, READ, (WRITE, "allowed")),
    ({"Action": "kms:Decrypt"}, READ, (WRITE, "allowed")),
])
def test_a_policy_naming_too_many_keys_for_one_action_leaves_the_others_decided(action, cut, decided):
    rows = _writer_rows({"Effect": "Deny", **action, "Resource": _keys(700, 11)})
    assert rows[cut].decision == "unknown"
    assert f"key-policy.json {TOO_MANY}" in rows[cut].verdict.reasons
    op, decision = decided
    assert rows[op].decision == decision
    assert not any(TOO_MANY in r for r in rows[op].verdict.reasons)


@pytest.mark.parametrize(("action", "problem"), [
    ({"Action": 5}, "Action must be strings"),
    ({"Action": ["kms:Decrypt", 5]}, "Action must be strings"),
    ({"Action": []}, "Action must be strings"),
    ({"NotAction": []}, "NotAction must be strings"),
    ({"Action": "kms:Decrypt", "NotAction": "kms:Encrypt"}, "a statement needs exactly one of Action and NotAction"),
    ({}, "a statement needs exactly one of Action and NotAction"),
])
def test_a_malformed_statement_naming_many_keys_is_unknown_for_what_it_is(action, problem):
    """Unknown for every key, so its 700 keys need no search: the row says what is wrong with the statement."""
    rows = _writer_rows({"Effect": "Deny", **action, "Resource": _keys(700, 11)})
    for row in rows.values():
        assert row.decision == "unknown"
        assert f"key-policy.json#Hostile: {problem}" in row.verdict.reasons
        assert not any(TOO_MANY in r for r in row.verdict.reasons)


def test_every_action_of_a_principal_is_decided_against_the_same_keys():
    """Without a cut, the keys are found once for all of a principal's policies, so its rows agree on them (and
    the search is not repeated per action); only a cut search is tried again for one action."""
    source = Source("p.json", policy(allow("kms:GenerateDataKey", f"{KEYS}/1*"), allow("kms:Decrypt", f"{KEYS}/2*")))
    whole = probe_set(PROBES, [source])
    assert probe_set(PROBES, [source], "kms:GenerateDataKey") == whole
    assert probe_set(PROBES, [source], "kms:Decrypt") == whole
    assert {k.split("/")[-1][0] for k in whole.keys} >= {"1", "2"}


def test_resources_with_a_policy_variable_are_not_searched():
    """A Resource holding ${...} is matched only once its value is known; 2,000 of them are not 2,000 keys."""
    variables = [f"{k}${{aws:username}}" for k in _keys(2000, 11)]
    rows = _writer_rows({"Effect": "Deny", "Action": "kms:GenerateDataKey", "Resource": variables})
    row = rows[WRITE]
    assert row.decision == "unknown"
    assert not any(TOO_MANY in r for r in row.verdict.reasons)
    assert any(r.startswith("key-policy.json#Hostile: Resource [") for r in row.verdict.reasons)


@pytest.mark.parametrize("exact", [True, False], ids=["exact", "grouped"])
@pytest.mark.parametrize(("resource", "decision", "why"), [
    ("arn:aws:kms:eu-west-1:210987654321:key/*", "denied", DENIED_WHY),
    (f"arn:aws:kms:eu-west-1:{ACCT}:alias/orders-key", "denied", DENIED_WHY),
    ([f"{KEYS}/**0*", f"{KEYS}/mrk-*"], "unknown", UNKNOWN_WHY),  # **0* is *0*: some keys have no 0 at all
    ([f"{KEYS}/**0*", f"{KEYS}/mrk-*", f"{KEYS}/????????-*"], "allowed", None),
], ids=["another-account", "alias-arn", "stars-some-keys", "stars-every-key"])
def test_the_table_as_shown_says_why_for_a_key_known_by_alias(exact, resource, decision, why):
    """The grouped table (as the app shows it) gives the same decision and reasons as one row per stream."""
    bundle = _bundle()
    body = json.loads(json.dumps(bundle.get("producer").body))
    _resource(resource, keep_condition=False)(
        next(s for s in body["Statement"] if s["Sid"] == "GenerateDataKeyViaKinesis"), body["Statement"])
    rows = setting_rows(bundle_setting(bundle, {"producer-policy.json": body}), exact=exact)
    row = next(r for r in rows if r.who.label == "writer" and r.operation.label == WRITE)
    assert row.decision == decision
    if why is not None:
        assert any(r.endswith(why) for r in row.verdict.reasons)


def test_decisions_follow_each_edit_of_a_policy_in_one_session():
    """The app re-evaluates as a policy is edited: each Resource gets its own answer, not the last one's."""
    edits = [(f"{KEYS}/mrk-*", "unknown"), ([f"{KEYS}/0*", f"{KEYS}/mrk-*"], "unknown"),
             ([f"{KEYS}/{c}*" for c in "0123456789abcdef"] + [f"{KEYS}/mrk-*"], "allowed"),
             ([f"{KEYS}/0*", f"{KEYS}/mrk-*"], "unknown"), (f"{KEYS}/1*", "unknown")]
    assert [_row(_resource(r, keep_condition=False)).decision for r, _ in edits] == [d for _, d in edits]


def test_a_check_without_the_key_policy_still_tells_the_keys_apart_by_the_identity_policy():
    """`check` given an alias and no key policy: the key policy's answer is not known, so the row is unknown (and
    says the key policy is missing), while the identity policy's patterns are still read."""
    identity = policy(allow("kms:GenerateDataKey", [f"arn:aws:kms:us-west-2:{OWNER}:key/0*",
                                                    f"arn:aws:kms:us-west-2:{OWNER}:key/mrk-*"]),
                      allow(["kinesis:PutRecord", "kinesis:PutRecords"], STREAM))
    inputs = Inputs(f"arn:aws:iam::{OWNER}:role/app-writer", "producer", STREAM, (Source("producer.json", identity),),
                    key="alias/orders")
    rows = {f.row.operation.label: f.row for f in diagnose(inputs).findings}
    assert rows[WRITE].decision == "unknown"
    assert rows[WRITE].verdict.reasons[0] == "the key policy was not given"
    assert rows[WRITE].verdict.reasons[1].endswith(
        f"may or may not match arn:aws:kms:us-west-2:{OWNER}:key/<the key of alias/orders>: its id is not known "
        f"(only its alias is), and it may be any key of account {OWNER} in us-west-2")
    assert rows["PutRecord"].decision == "allowed"
