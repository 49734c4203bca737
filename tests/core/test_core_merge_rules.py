"""Merging into a key policy, at the edges: how KMS reads Action/NotAction/Resource decides lockout safety and the
root delegation the summary reports, and every refusal reads in full as the user sees it."""

from __future__ import annotations

import copy

import pytest
from test_core_merge import ACCT, ADMIN, ADMINS, ANSWERS, ROOT, ROOT_ALL, USE, resolved

from wizard.core.policies.merge import MergeError, lockout_safe, merge, normalize_current
from wizard.core.render import render_bundle

KEY_OTHER = f"arn:aws:kms:us-west-2:{ACCT}:key/00000000-0000-0000-0000-000000000000"


def allow(principal, action_key: str, action, **extra) -> dict:
    return {"Effect": "Allow", "Principal": {"AWS": principal}, action_key: action, "Resource": "*", **extra}


# IAM's Action element matches case-insensitively, with * and ? as wildcards:
# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
@pytest.mark.parametrize(("stmt", "safe"), [
    (allow(ADMIN, "Action", "kms:Put?eyPolicy"), True),  # ? is any one character
    (allow(ADMIN, "Action", "kms:PutKey?"), False),  # ... and exactly one
    (allow(ADMIN, "Action", "KMS:putkeypolicy"), True),  # any case
    (allow(ADMIN, "Action", "kms:put*"), True),
    # NotAction: everything but what it names
    (allow(ADMIN, "NotAction", ["kms:ScheduleKeyDeletion", "kms:DisableKey"]), True),
    (allow(ADMIN, "NotAction", "kms:Put*"), False),
    # on another key, or on everything but this one: not this key's policy change
    ({**allow(ADMIN, "Action", "kms:*"), "Resource": KEY_OTHER}, False),
    ({k: v for k, v in allow(ADMIN, "Action", "kms:*").items() if k != "Resource"} | {"NotResource": KEY_OTHER},
     False),
    # Resource and NotResource together: a statement has one or the other, so KMS would refuse this one and it
    # lets no one change the key policy (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html)
    ({**allow(ADMIN, "Action", "kms:*"), "NotResource": KEY_OTHER}, False),
])
def test_whether_someone_can_still_change_the_key_policy(stmt, safe):
    current = {"Statement": [stmt]}
    assert lockout_safe(current) is safe
    if safe:
        merged, _summary = merge(resolved(), current)
        assert merged["Statement"][0] == stmt
    else:
        with pytest.raises(MergeError) as caught:
            merge(resolved(), current)
        assert caught.value.value == ""
        assert caught.value.rule == (
            "after the merge no statement would let anyone call kms:PutKeyPolicy, so KMS would refuse the policy "
            "(its lockout safety check); the current policy needs a statement that lets its administrators or the "
            "account change the key policy")


def test_a_deny_to_everyone_only_under_a_condition_leaves_the_key_manageable():
    deny = {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "kms:PutKeyPolicy", "Resource": "*",
            "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}}
    assert lockout_safe({"Statement": [ROOT_ALL, deny]})
    deny_not_action = {"Effect": "Deny", "Principal": {"AWS": "*"}, "NotAction": "kms:Put*", "Resource": "*"}
    assert lockout_safe({"Statement": [ROOT_ALL, deny_not_action]})


@pytest.mark.parametrize(("theirs", "delegation"), [
    (allow(ACCT, "Action", "kms:*"), "statement 1 (no Sid)"),  # the account by its bare ID
    (allow(ROOT, "Action", "*"), "statement 1 (no Sid)"),
    (allow([ADMIN, ROOT], "Action", ["kms:Decrypt", "KMS:*"]), "statement 1 (no Sid)"),
    (allow(ROOT, "Action", ["kms:DescribeKey", "kms:PutKeyPolicy"]), None),  # not everything
    (allow(ADMIN, "Action", "kms:*"), None),  # not the account
    ({**allow(ROOT, "Action", "kms:*"), "Effect": "Deny"}, None),
    ({**allow(ROOT, "Action", "kms:*"), "Resource": KEY_OTHER}, None),
])
def test_the_summary_says_whether_the_accounts_iam_policies_keep_working(theirs, delegation):
    current = {"Statement": [theirs, ADMINS]}
    _merged, summary = merge(resolved(), current)
    assert summary.root_delegation == delegation
    if delegation:
        assert summary.lines()[-1] == (f"account {ACCT}'s IAM policies keep working through the current policy's "
                                       f"statement {delegation}")
    else:
        assert summary.lines()[-1] == (f"the current policy has no statement delegating to account {ACCT}, and none "
                                       "was added: principals use the key only where the key policy names them")


def test_summary_lines_for_one_statement_kept_and_nothing_added():
    once, _ = merge(resolved(), {"Statement": [{**ROOT_ALL, "Sid": ""}]})
    _again, summary = merge(resolved(), once)
    assert summary.lines(lambda label: f"<{label}>") == [
        "kept unchanged, in their place: 3 statements of the current policy (<statement 1 (no Sid)>, "
        "<AllowKinesisProducers>, <AllowKinesisConsumers>)",
        "added after them: none",
        "already in the current policy, identical, so not added again: AllowKinesisProducers, AllowKinesisConsumers",
        "replaced: none. A merge never replaces or edits a statement; it refuses when one of the current policy's "
        "Sids is one this tool writes",
        f"account {ACCT}'s IAM policies keep working through the current policy's statement <statement 1 (no Sid)>",
    ]
    _merged, one = merge(resolved(), {"Statement": ROOT_ALL})
    assert one.lines()[0] == ("kept unchanged, in their place: 1 statement of the current policy "
                              "(Enable IAM User Permissions)")


def test_an_empty_policy_keeps_nothing_and_is_refused_as_unmanageable():
    with pytest.raises(MergeError):
        merge(resolved(), {"Version": "2012-10-17", "Statement": []})


def test_merging_never_changes_the_policy_it_was_given_even_when_the_result_is_edited():
    current = {"Version": "2012-10-17", "Statement": [ROOT_ALL, ADMINS]}
    before = copy.deepcopy(current)
    merged, _ = merge(resolved(), current)
    merged["Statement"][0]["Action"] = "kms:Decrypt"
    merged["Statement"][1]["Principal"]["AWS"] = "*"
    assert current == before
    full = merge(resolved(), merged)[0]  # already has ours: nothing appended, still a copy
    full["Statement"][2]["Effect"] = "Deny"
    full["Version"] = "2008-10-17"
    assert merged["Statement"][2]["Effect"] == "Allow" and merged["Version"] == "2012-10-17"


@pytest.mark.parametrize(("current", "value", "rule"), [
    ([ROOT_ALL], "", "a key policy is a JSON object with a Statement list"),
    ({"Statement": "all"}, "", "a key policy has a Statement list of objects"),
    ({"Statement": [ROOT_ALL, "x"]}, "", "a key policy has a Statement list of objects"),
    ({"Statement": [{**ROOT_ALL, "Sid": 7}]}, "", "every Sid in a key policy is a string"),
    ({"Statement": [ROOT_ALL, {**USE, "Sid": ROOT_ALL["Sid"]}]}, ROOT_ALL["Sid"],
     "two statements of the current key policy have this Sid, which names one statement; rename or remove one of "
     "them, then merge again"),
    ({"Statement": [ROOT_ALL, {**USE, "Sid": "AllowKinesisProducers"}]}, "AllowKinesisProducers",
     "the current key policy already has a statement with this Sid, which is one this tool writes, and it says "
     "something else; nothing was replaced. Compare it with this tool's statement (`generate ... --print key` "
     "without --merge-key-policy), remove or rename theirs, then merge again"),
])
def test_every_refusal_names_the_sid_and_the_rule(current, value, rule):
    with pytest.raises(MergeError) as caught:
        merge(resolved(), current)
    assert (caught.value.value, caught.value.rule, str(caught.value)) == (value, rule, rule)
    bundle = render_bundle(ANSWERS, merge_key_policy=current)
    expected = f"merge-key-policy: {rule}" if value == "" else f"merge-key-policy {value!r}: {rule}"
    assert [str(p) for p in bundle.problems] == [expected]


@pytest.mark.parametrize(("saved", "policy"), [
    ({"Policy": '{"Statement": []}', "PolicyName": "default"}, {"Statement": []}),  # --output json
    ('{"Statement": []}', {"Statement": []}),  # --query Policy --output json
    ({"Statement": [], "Policy": "a key of theirs"}, {"Statement": [], "Policy": "a key of theirs"}),  # a policy
    ("not json", "not json"),
])
def test_the_key_policy_is_found_in_whatever_the_aws_cli_printed(saved, policy):
    assert normalize_current(saved) == policy


def test_a_merged_policy_written_compact_keeps_their_text_as_they_wrote_it():
    """Only whitespace between tokens goes: their non-ASCII text stays as it is (KMS counts bytes as sent)."""
    note = {"Sid": "Tag", "Effect": "Allow", "Principal": {"AWS": ADMIN}, "Action": "kms:TagResource",
            "Resource": "*", "Condition": {"StringEquals": {"aws:RequestTag/équipe": "données-clients"}}}
    uses = [{**USE, "Sid": f"Use{i:04d}"} for i in range(120)]
    bundle = render_bundle(ANSWERS, merge_key_policy={"Statement": [ROOT_ALL, ADMINS, note, *uses]})
    assert bundle.ok, bundle.problems
    text = bundle.get("key").text
    assert "\n " not in text, "expected the compact form"
    assert '"aws:RequestTag/équipe":"données-clients"' in text
    assert '"Sid":"Tag","Effect":"Allow"' in text
    assert bundle.get("key").size == len(text.encode("utf-8"))
