"""A key given only by alias, in the access table: the alias may name any key of its own account and Region
(https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html), so a Resource is allowed only when it names
every such key, denied only when it names none, and unknown otherwise, with the reason saying that the key's id is
not known. The writer is in another account, so its identity policy decides (the key policy names it)."""

from __future__ import annotations

import json

import pytest

from wizard.core.access import bundle_setting, setting_rows
from wizard.core.model import Answers, Principal
from wizard.core.render import render_bundle

ACCT = "123456789012"
OTHER = "444455556666"
KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab"
KEYS = f"arn:aws:kms:eu-west-1:{ACCT}:key"
UNKNOWN_WHY = f"may or may not match {KEYS}/<the key of alias/orders-key>: its id is not known (only its alias is), " \
    f"and it may be any key of account {ACCT} in eu-west-1"
DENIED_WHY = f"does not match {KEYS}/<the key of alias/orders-key>: its id is not known (only its alias is), but an " \
    f"alias names a key of account {ACCT} in eu-west-1"


def _bundle():
    return render_bundle(Answers("eu-west-1", ACCT, "alias/orders-key", ("orders",),
                                 (Principal(f"arn:aws:iam::{OTHER}:role/writer", ("producer",)),)))


def _row(statement_change, op="GenerateDataKey via Kinesis", **facts):
    bundle = _bundle()
    body = json.loads(json.dumps(bundle.get("producer").body))
    key_statement = next(s for s in body["Statement"] if s["Sid"] == "GenerateDataKeyViaKinesis")
    statement_change(key_statement, body["Statement"])
    rows = setting_rows(bundle_setting(bundle, {"producer-policy.json": body}, **facts), exact=True)
    return next(r for r in rows if r.who.label == "writer" and r.operation.label == op)


def _resource(resource, *, keep_condition=True):
    def change(stmt, _stmts):
        stmt["Resource"] = resource
        if not keep_condition:
            del stmt["Condition"]["ForAnyValue:StringEquals"]
    return change


@pytest.mark.parametrize(("resource", "decision"), [
    (f"{KEYS}/{KEY_ID}", "unknown"),  # the alias may name this very key
    ([f"{KEYS}/{KEY_ID}", f"{KEYS}/mrk-1234abcd12ab34cd56ef1234567890ab"], "unknown"),
    (f"{KEYS}/1234abcd-*", "unknown"),
    (f"{KEYS}/mrk-????????????????????????????????", "unknown"),
    (f"arn:aws:kms:*:{ACCT}:key/{KEY_ID}", "unknown"),
    ("arn:aws:kms:eu-west-1:*", "allowed"),
    (f"{KEYS}/*", "allowed"),
    ("*", "allowed"),
    (f"arn:aws:kms:eu-west-1:210987654321:key/{KEY_ID}", "denied"),  # a key of another account
    ("arn:aws:kms:eu-west-1:210987654321:key/*", "denied"),
    (f"arn:aws:kms:us-east-1:{ACCT}:key/{KEY_ID}", "denied"),  # a key of another Region
    (f"arn:aws:kms:eu-west-1:{ACCT}:alias/orders-key", "denied"),  # an alias ARN does not name its key
    (f"{KEYS}/not-a-key-id", "denied"),
    (f"{KEYS}/mrk-1234abcd12ab34cd56ef1234567890ab", "unknown"),  # one multi-Region key
    (f"{KEYS}/1234ABCD-12AB-34CD-56EF-1234567890AB", "denied"),  # key ids are lower case; ARNs match by case
    (f"{KEYS}/{KEY_ID}0", "denied"),  # one character too many for any key id
    (f"{KEYS}/**-*", "allowed"),  # every key id has a '-'
    (f"arn:aws:kms:eu-west-1:12345678901?:key/{KEY_ID}", "unknown"),
    (f"arn:aws:kms:eu-west-1:123456789012*{KEY_ID}", "unknown"),  # fewer than six parts: matched whole
    (f"arn:aws:kms:eu-west-1:210987654321*{KEY_ID}", "denied"),
])
def test_a_resource_decides_only_what_holds_for_every_key_the_alias_may_name(resource, decision):
    row = _row(_resource(resource, keep_condition=False))
    assert row.decision == decision
    reasons = " ".join(row.verdict.reasons)
    assert (UNKNOWN_WHY in reasons) == (decision == "unknown")
    assert (DENIED_WHY in reasons) == (decision == "denied")


def test_once_the_keys_arn_is_known_an_exact_key_is_allowed_or_denied():
    exact = _resource(f"{KEYS}/{KEY_ID}", keep_condition=False)
    assert _row(exact, key_arn=f"{KEYS}/{KEY_ID}").decision == "allowed"
    other = _row(exact, key_arn=f"{KEYS}/5678abcd-12ab-34cd-56ef-1234567890ab")
    assert other.decision == "denied"
    assert not any("its id is not known" in r for r in other.verdict.reasons)


def test_not_resource_naming_one_key_may_or_may_not_leave_the_alias_key_out():
    def change(stmt, _stmts):
        del stmt["Resource"], stmt["Condition"]["ForAnyValue:StringEquals"]
        stmt["NotResource"] = f"{KEYS}/{KEY_ID}"
    row = _row(change)
    assert row.decision == "unknown"
    assert any(UNKNOWN_WHY in r for r in row.verdict.reasons)


def test_a_deny_naming_one_exact_key_may_or_may_not_apply():
    deny = {"Sid": "NotThatKey", "Effect": "Deny", "Action": "kms:*", "Resource": f"{KEYS}/{KEY_ID}"}
    row = _row(lambda _stmt, stmts: stmts.append(deny))
    assert row.decision == "unknown"
    another_account = dict(deny, Resource=f"arn:aws:kms:eu-west-1:210987654321:key/{KEY_ID}")
    assert _row(lambda _stmt, stmts: stmts.append(another_account)).decision == "allowed"


@pytest.mark.parametrize(("alias", "decision"), [
    ("alias/orders-key", "allowed"),  # the alias the key is given by: every key it may name has it
    (["alias/other", "alias/orders-key"], "allowed"),
    ("alias/other", "unknown"),  # the key may have that alias too
])
def test_a_resource_aliases_condition_on_every_key_of_the_account(alias, decision):
    def change(stmt, _stmts):
        stmt["Condition"]["ForAnyValue:StringEquals"]["kms:ResourceAliases"] = alias
    assert _row(change).decision == decision
    if decision == "unknown":  # once AWS's list of the key's aliases is known, it is decided
        assert _row(change, key_aliases=("alias/orders-key",)).decision == "denied"
