"""A key given only by alias, against Resource lists whose union, not any one pattern, decides: the alias may name
any key of its account and Region (https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdateAlias.html), so
a list is known to match only when it matches every such key, known not to when it matches none, and a policy naming
more different keys than the tool can tell apart leaves the answer unknown and says so."""

from __future__ import annotations

import json
import random
import re

import pytest

from tests.core.test_core_access_alias_key import ACCT, KEY_ID, KEYS, UNKNOWN_WHY, _bundle, _resource, _row
from wizard.core.access import bundle_setting, setting_rows
from wizard.core.alias_key import key_probes, probe_set
from wizard.core.evaluate import Source, arn_matches

KEY_ARN = re.escape(KEYS) + "/([0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}|mrk-[0-9a-f]{32})"
TOO_MANY = "names too many different keys to decide for a key known only by its alias: " \
    "give the key's ARN or id to decide"


@pytest.mark.parametrize("resource", [[f"{KEYS}/0*", f"{KEYS}/mrk-*"], [f"{KEYS}/0*", f"{KEYS}/m*"]])
def test_a_union_that_misses_most_keys_is_not_allowed(resource):
    """Key 1234abcd-... is named by neither pattern, though both fixed stand-ins are."""
    row = _row(_resource(resource, keep_condition=False))
    assert row.decision == "unknown"
    assert any(UNKNOWN_WHY in r for r in row.verdict.reasons)


def test_a_deny_not_resource_union_may_apply():
    deny = {"Sid": "OnlyThese", "Effect": "Deny", "Action": "kms:*", "NotResource": [f"{KEYS}/0*", f"{KEYS}/mrk-*"]}
    assert _row(lambda _s, stmts: stmts.append(deny)).decision == "unknown"


def test_an_allow_not_resource_union_may_allow():
    def change(stmt, _stmts):
        del stmt["Resource"], stmt["Condition"]["ForAnyValue:StringEquals"]
        stmt["NotResource"] = [f"{KEYS}/0*", f"{KEYS}/mrk-*"]
    assert _row(change).decision == "unknown"


def test_two_statements_that_together_miss_a_key_do_not_allow():
    """0*..7* in one statement, 4*..b* in another, mrk-* in both: key c... is allowed by neither."""
    first = [f"{KEYS}/{c}*" for c in "01234567"] + [f"{KEYS}/mrk-*"]
    second = [f"{KEYS}/{c}*" for c in "456789ab"] + [f"{KEYS}/mrk-*"]

    def change(stmt, stmts):
        del stmt["Condition"]["ForAnyValue:StringEquals"]
        stmt["Resource"] = first
        stmts.append(dict(stmt, Sid="MoreKeys", Resource=second))
    assert _row(change).decision == "unknown"


def _split(effect):
    """Two statements that together name every key: 0* to 7* in one, 8* to f* and every multi-Region key in the
    other (the writer's own Allow is made one of them when `effect` is Allow)."""
    first = [f"{KEYS}/{c}*" for c in "01234567"]
    second = [f"{KEYS}/{c}*" for c in "89abcdef"] + [f"{KEYS}/mrk-*"]

    def change(stmt, stmts):
        del stmt["Condition"]["ForAnyValue:StringEquals"]
        if effect == "Allow":
            stmt["Resource"] = first
            stmts.append(dict(stmt, Sid="MoreKeys", Resource=second))
        else:
            stmts += [{"Sid": f"Deny{n}", "Effect": "Deny", "Action": "kms:*", "Resource": r}
                      for n, r in enumerate((first, second))]
    return change


def test_two_statements_that_together_name_every_key_allow():
    row = _row(_split("Allow"))
    assert row.decision == "allowed"
    both = {"producer-policy.json#GenerateDataKeyViaKinesis", "producer-policy.json#MoreKeys"}
    assert both <= set(row.verdict.because)


def test_two_denies_that_together_name_every_key_deny():
    row = _row(_split("Deny"))
    assert row.decision == "denied"
    assert row.verdict.reasons[0] == "denied for every key the alias may name (any key of account " \
        f"{ACCT} in eu-west-1: its id is not known, only its alias is), for one or more of these reasons"
    assert "explicitly denied by producer-policy.json#Deny0" in row.verdict.reasons
    assert "explicitly denied by producer-policy.json#Deny1" in row.verdict.reasons
    assert not any("00000000" in r or "mrk-f" in r for r in row.verdict.reasons)  # no stand-in named


def test_a_key_allowed_only_where_it_is_denied_is_denied():
    """Allow 0* and Deny 0*: keys 0... are denied explicitly, every other key has no Allow."""
    deny = {"Sid": "NotZero", "Effect": "Deny", "Action": "kms:*", "Resource": f"{KEYS}/0*"}

    def change(stmt, stmts):
        _resource(f"{KEYS}/0*", keep_condition=False)(stmt, stmts)
        stmts.append(deny)
    row = _row(change)
    assert row.decision == "denied"
    assert "explicitly denied by producer-policy.json#NotZero" in row.verdict.reasons


@pytest.mark.parametrize("resource", [f"{KEYS}/*", "*", f"{KEYS}/?*", [f"{KEYS}/0*", f"{KEYS}/*"],
                                      [f"{KEYS}/{c}*" for c in "0123456789abcdefm"]])
def test_patterns_that_cover_every_key_allow(resource):
    assert _row(_resource(resource, keep_condition=False)).decision == "allowed"


@pytest.mark.parametrize(("resource", "decision"), [
    (f"{KEYS}/{KEY_ID}", "unknown"),
    ([f"{KEYS}/{KEY_ID}", f"{KEYS}/0*"], "unknown"),
    ([f"arn:aws:kms:eu-west-1:210987654321:key/{KEY_ID}", "arn:aws:kms:eu-west-1:210987654321:key/*"], "denied"),
    ([f"arn:aws:kms:us-east-1:{ACCT}:key/*", f"arn:aws:kms:us-east-1:{ACCT}:key/{KEY_ID}"], "denied"),
])
def test_exact_keys_stay_unknown_and_other_places_denied(resource, decision):
    assert _row(_resource(resource, keep_condition=False)).decision == decision


def _uuid(rng: random.Random) -> str:
    h = f"{rng.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _hostile(n: int) -> list[str]:
    rng = random.Random(7)
    return [f"{KEYS}/{_uuid(rng)}" for _ in range(n)]


def test_a_deny_naming_700_keys_is_unknown_and_says_why():
    deny = {"Sid": "NotThese", "Effect": "Deny", "Action": "kms:*", "Resource": _hostile(700)}
    row = _row(lambda _s, stmts: stmts.append(deny))
    assert row.decision == "unknown"
    assert f"producer-policy.json {TOO_MANY}" in row.verdict.reasons
    assert _row(lambda _s, stmts: stmts.append(deny), op="PutRecord").decision == "allowed"  # not on the key
    # Denied on the stream, so denied whatever the key: the writer may not start encryption
    assert _row(lambda _s, stmts: stmts.append(deny), op="StartStreamEncryption").decision == "denied"


def test_a_key_policy_naming_700_keys_leaves_the_rows_of_its_action_unknown():
    """The Deny covers Decrypt only: every Decrypt row is unknown and says why; GenerateDataKey is decided as if the
    statement were not there (a statement that does not cover an action is never judged for it)."""
    bundle = _bundle()
    key = json.loads(json.dumps(bundle.get("key").body))
    key["Statement"].append({"Sid": "Hostile", "Effect": "Deny", "Principal": "*", "Action": "kms:Decrypt",
                             "NotResource": [p + "*" for p in _hostile(700)]})
    rows = setting_rows(bundle_setting(bundle, {"key-policy.json": key}), exact=True)
    decrypt = [r for r in rows if r.operation.label == "Decrypt via Kinesis"]
    assert {r.decision for r in decrypt} == {"unknown"}
    assert all(f"key-policy.json {TOO_MANY}" in r.verdict.reasons for r in decrypt)
    writes = {r.who.label: r.decision for r in rows if r.operation.label == "GenerateDataKey via Kinesis"}
    assert writes["writer"] == "allowed"
    assert not any(TOO_MANY in x for r in rows if r.operation.label == "GenerateDataKey via Kinesis"
                   for x in r.verdict.reasons)
    assert {r.decision for r in rows if r.operation.label == "PutRecord" and r.who.label == "writer"} == {"allowed"}


def test_a_hostile_policy_is_cut_within_the_budget():
    source = Source("p.json", {"Statement": [{"Effect": "Deny", "Action": "kms:*", "Resource": _hostile(700)}]})
    found = probe_set(key_probes("aws", "eu-west-1", ACCT), [source])
    assert found.cut.startswith("p.json names too many")
    assert len(found.keys) <= 66


@pytest.mark.parametrize("patterns", [
    [f"{KEYS}/0*", f"{KEYS}/mrk-*"],
    [f"{KEYS}/{c}*" for c in "01234567"] + [f"{KEYS}/*a", f"{KEYS}/mrk-?f*", f"{KEYS}/*-1*"],
    [f"{KEYS}/*{c}{d}*" for c, d in ("0a", "a0", "ff")] + [f"arn:aws:kms:eu-west-1:{ACCT}*-*-*-*-*", "*"],
    [f"{KEYS}/????????-*", f"{KEYS}/*-????", f"{KEYS}/mrk-*0", f"{KEYS}/*1?2*", f"{KEYS}/*a", "arn:*:kms:*:*:key/?"],
])
def test_every_way_a_key_can_match_has_a_probe(patterns):
    """Each of many random keys matches exactly the patterns some probe matches."""
    source = Source("p.json", {"Statement": [{"Effect": "Allow", "Action": "kms:*", "Resource": patterns}]})
    found = probe_set(key_probes("aws", "eu-west-1", ACCT), [source])
    assert not found.cut
    seen = {tuple(arn_matches(p, k) for p in patterns) for k in found.keys}
    assert all(re.fullmatch(KEY_ARN, k) for k in found.keys)  # every probe a key the alias may name
    rng = random.Random(3)
    for _ in range(3000):
        key_id = _uuid(rng) if rng.random() < 0.5 else f"mrk-{rng.getrandbits(128):032x}"
        assert tuple(arn_matches(p, f"{KEYS}/{key_id}") for p in patterns) in seen


def test_a_policy_naming_too_many_keys_clouds_only_the_key_side():
    """A Deny of every action on 700 keys leaves the stream's own operations decided (PutRecord is on the stream),
    and a call that needs the stream and the key is denied when the stream side alone denies it."""
    deny = {"Sid": "NotThese", "Effect": "Deny", "Action": "*", "Resource": _hostile(700)}
    put = _row(lambda _s, stmts: stmts.append(deny), op="PutRecord")
    assert put.decision == "allowed"
    assert not any(TOO_MANY in r for r in put.verdict.reasons)
    start = _row(lambda _s, stmts: stmts.append(deny), op="StartStreamEncryption")
    assert start.decision == "denied"  # the writer may not start encryption, whatever the key
    assert start.verdict.missing == frozenset({"identity", "resource"})


def test_keys_named_for_another_action_do_not_stand_in_for_this_ones():
    """The key policy's 700 keys are for Decrypt. GenerateDataKey is judged on stand-in keys for its own patterns:
    the writer's Resource naming keys 1234abcd-… may or may not name the alias's key, so the row stays unknown."""
    bundle = _bundle()
    key = json.loads(json.dumps(bundle.get("key").body))
    key["Statement"].append({"Sid": "Hostile", "Effect": "Deny", "Principal": "*", "Action": "kms:Decrypt",
                             "NotResource": [p + "*" for p in _hostile(700)]})
    body = json.loads(json.dumps(bundle.get("producer").body))
    _resource(f"{KEYS}/1234abcd-*", keep_condition=False)(
        next(s for s in body["Statement"] if s["Sid"] == "GenerateDataKeyViaKinesis"), body["Statement"])
    rows = setting_rows(bundle_setting(bundle, {"key-policy.json": key, "producer-policy.json": body}), exact=True)
    row = next(r for r in rows if r.who.label == "writer" and r.operation.label == "GenerateDataKey via Kinesis")
    assert row.decision == "unknown"
    assert any(UNKNOWN_WHY in r for r in row.verdict.reasons)
