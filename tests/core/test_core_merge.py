"""Merging into a key's current policy: theirs kept as it is, ours added, nothing widened, refusals by Sid."""

from __future__ import annotations

import copy
import json

import pytest
from matrix import World, allowed, kms_request

from wizard.core import limits
from wizard.core.bundle import bundle_files
from wizard.core.model import Answers, Principal
from wizard.core.policies.merge import MergeError, lockout_safe, merge
from wizard.core.render import render_bundle
from wizard.core.validate import resolve

ACCT = "123456789012"
UUID = "1234abcd-12ab-34cd-56ef-1234567890ab"
KEY_ARN = f"arn:aws:kms:us-west-2:{ACCT}:key/{UUID}"
STREAM = f"arn:aws:kinesis:us-west-2:{ACCT}:stream/MyStream"
ROOT = f"arn:aws:iam::{ACCT}:root"
ADMIN = f"arn:aws:iam::{ACCT}:role/KeyAdmin"
USER = f"arn:aws:iam::{ACCT}:role/Other"
PRODUCER = f"arn:aws:iam::{ACCT}:role/orders-producer"
CONSUMER = f"arn:aws:iam::{ACCT}:role/orders-consumer"
ANSWERS = Answers("us-west-2", ACCT, UUID, ("MyStream",),
                  (Principal("orders-producer", ("producer",)), Principal("orders-consumer", ("consumer",))))
OUR_SIDS = ["AllowKinesisProducers", "AllowKinesisConsumers"]

ADMINS = {"Sid": "Allow access for Key Administrators", "Effect": "Allow", "Principal": {"AWS": ADMIN},
          "Action": ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*",
                     "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource",
                     "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"], "Resource": "*"}
USE = {"Sid": "Allow use of the key", "Effect": "Allow", "Principal": {"AWS": USER},
       "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
       "Resource": "*"}
ROOT_ALL = {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": ROOT},
            "Action": "kms:*", "Resource": "*"}
ROOT_IN_ORG = {"Sid": "RootWithinOrg", "Effect": "Allow", "Principal": {"AWS": ROOT}, "Action": "kms:*",
               "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}}
DENY_DELETE = {"Sid": "NoDeletion", "Effect": "Deny", "Principal": {"AWS": "*"},
               "Action": ["kms:ScheduleKeyDeletion", "kms:DisableKey"], "Resource": "*"}
DENY_CONSUMER = {"Effect": "Deny", "Principal": {"AWS": CONSUMER}, "Action": "kms:Decrypt", "Resource": "*"}

REALISTIC = {
    "console": {"Version": "2012-10-17", "Id": "key-consolepolicy-3", "Statement": [ROOT_ALL, ADMINS, USE]},
    "default-single-object": {"Version": "2012-10-17", "Id": "key-default-1", "Statement": ROOT_ALL},
    "no-sids": {"Version": "2012-10-17", "Statement": [
        {k: v for k, v in ROOT_ALL.items() if k != "Sid"}, {k: v for k, v in ADMINS.items() if k != "Sid"}]},
    "denies-and-conditions": {"Version": "2012-10-17", "Statement": [ROOT_IN_ORG, ADMINS, DENY_DELETE, DENY_CONSUMER]},
}


def resolved():
    r, problems = resolve(ANSWERS)
    assert not problems
    return r


def statements(policy) -> list:
    stmts = policy["Statement"]
    return [stmts] if isinstance(stmts, dict) else stmts


@pytest.mark.parametrize("name", list(REALISTIC))
def test_every_statement_of_theirs_is_kept_as_it_was_and_ours_follow(name):
    current = REALISTIC[name]
    before = copy.deepcopy(current)
    merged, summary = merge(resolved(), current)
    assert current == before  # the input is not touched
    theirs = statements(current)
    assert merged["Statement"][:len(theirs)] == theirs
    assert [s["Sid"] for s in merged["Statement"][len(theirs):]] == OUR_SIDS
    assert {k: v for k, v in merged.items() if k != "Statement"} == {k: v for k, v in current.items()
                                                                     if k != "Statement"}
    assert summary.added == tuple(OUR_SIDS)
    assert len(summary.kept) == len(theirs)


def test_summary_names_what_was_kept_and_why_nothing_was_replaced():
    _merged, summary = merge(resolved(), REALISTIC["no-sids"])
    assert summary.kept == ("statement 1 (no Sid)", "statement 2 (no Sid)")
    assert summary.root_delegation == "statement 1 (no Sid)"
    lines = summary.lines()
    assert lines[0] == ("kept unchanged, in their place: 2 statements of the current policy (statement 1 (no Sid), "
                        "statement 2 (no Sid))")
    assert lines[1] == "added after them: AllowKinesisProducers, AllowKinesisConsumers"
    assert lines[2].startswith("replaced: none.")
    assert lines[3] == f"account {ACCT}'s IAM policies keep working through the current policy's statement " \
        "statement 1 (no Sid)"


def test_no_root_delegation_is_added_where_there_was_none_or_only_a_conditional_one():
    for current in (REALISTIC["denies-and-conditions"], {"Statement": [ADMINS, USE]}):
        merged, summary = merge(resolved(), current)
        unconditional_root = [s for s in merged["Statement"] if s.get("Principal") == {"AWS": ROOT}
                              and "Condition" not in s]
        assert unconditional_root == []
        assert summary.root_delegation is None
        assert "none was added" in summary.lines()[-1]
        # an IAM policy alone now grants nothing on the key, as before the merge (outside their organization,
        # where their conditional account statement does not hold; the evaluator knows no org ID by itself)
        stranger = f"arn:aws:iam::{ACCT}:role/has-an-iam-policy"
        iam = [{"Statement": [{"Effect": "Allow", "Action": "kms:*", "Resource": KEY_ARN}]}]
        context = {"kms:ViaService": "kinesis.us-west-2.amazonaws.com", "kms:EncryptionContext:aws:kinesis:arn": STREAM,
                   "aws:PrincipalOrgID": "o-other"}
        request = kms_request(stranger, "kms:Decrypt", KEY_ARN, context)
        assert not allowed(request, iam, merged)


def test_merged_policy_works_for_ours_and_keeps_theirs_working_and_their_denies_winning():
    bundle = render_bundle(ANSWERS, merge_key_policy=REALISTIC["denies-and-conditions"])
    assert bundle.ok, bundle.problems
    w = World(bundle, KEY_ARN, ())
    assert w.kms(PRODUCER, ACCT, "kms:GenerateDataKey", STREAM)
    assert not w.kms(CONSUMER, ACCT, "kms:Decrypt", STREAM)  # their Deny on this role still wins
    assert w.kms(ADMIN, ACCT, "kms:PutKeyPolicy", None, via=None)  # their administrators keep their rights
    assert not w.kms(ADMIN, ACCT, "kms:ScheduleKeyDeletion", None, via=None)  # their Deny for everyone, kept
    console = World(render_bundle(ANSWERS, merge_key_policy=REALISTIC["console"]), KEY_ARN, ())
    assert console.kms(USER, ACCT, "kms:Decrypt", None, via=None)  # their key user, unchanged
    assert console.kms(CONSUMER, ACCT, "kms:Decrypt", STREAM)


@pytest.mark.parametrize("theirs", [
    {"Sid": "AllowKinesisConsumers", "Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "kms:Decrypt",
     "Resource": "*"},
    {"Sid": "AllowKinesisProducers", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCT}:role/old"},
     "Action": "kms:GenerateDataKey", "Resource": "*"},
])
def test_a_sid_of_ours_with_other_content_is_refused_by_name(theirs):
    with pytest.raises(MergeError) as caught:
        merge(resolved(), {"Statement": [ROOT_ALL, ADMINS, theirs]})
    assert caught.value.value == theirs["Sid"]
    assert "nothing was replaced" in caught.value.rule
    bundle = render_bundle(ANSWERS, merge_key_policy={"Statement": [ROOT_ALL, ADMINS, theirs]})
    assert [(p.field, p.value) for p in bundle.problems] == [("merge-key-policy", theirs["Sid"])]


def test_our_statement_already_there_and_identical_is_not_added_twice():
    first, _ = merge(resolved(), REALISTIC["console"])
    again, summary = merge(resolved(), first)
    assert again == first
    assert summary.added == () and summary.already_present == tuple(OUR_SIDS)


def test_duplicate_sids_in_theirs_are_refused_by_name():
    with pytest.raises(MergeError) as caught:
        merge(resolved(), {"Statement": [ROOT_ALL, ADMINS, {**USE, "Sid": ADMINS["Sid"]}]})
    assert caught.value.value == "Allow access for Key Administrators"
    assert "two statements of the current key policy have this Sid" in caught.value.rule


@pytest.mark.parametrize(("current", "safe"), [
    ({"Statement": [USE]}, False),  # nobody may put the key policy again
    ({"Statement": [ADMINS, USE]}, True),  # their administrators, through kms:Put*
    ({"Statement": [ROOT_ALL]}, True),
    ({"Statement": [ROOT_IN_ORG]}, True),  # a condition of theirs to satisfy
    ({"Statement": [ROOT_ALL, {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "kms:PutKeyPolicy",
                               "Resource": "*"}]}, False),
    ({"Statement": [ROOT_ALL, {"Effect": "Deny", "Principal": "*", "Action": "kms:Put*", "Resource": "*"}]}, False),
    ({"Statement": [{"Effect": "Allow", "Principal": {"Service": "logs.amazonaws.com"}, "Action": "kms:*",
                     "Resource": "*"}]}, False),
])
def test_lockout_safety_after_the_merge(current, safe):
    assert lockout_safe(merge_or_none(current) or current) is safe
    if not safe:
        with pytest.raises(MergeError) as caught:
            merge(resolved(), current)
        assert "kms:PutKeyPolicy" in caught.value.rule


def merge_or_none(current):
    try:
        return merge(resolved(), current)[0]
    except MergeError:
        return None


def _big_policy(count: int) -> dict:
    return {"Version": "2012-10-17", "Statement": [ROOT_ALL, *(
        {"Sid": f"Use{i:04d}", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCT}:role/app-{i:04d}"},
         "Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Resource": "*"} for i in range(count))]}


def test_a_merged_policy_that_fits_only_without_indentation_is_written_so():
    count = next(n for n in range(100, 400)
                 if limits.byte_size(limits.to_json(merge(resolved(), _big_policy(n))[0])) > limits.KEY_POLICY_BYTES)
    bundle = render_bundle(ANSWERS, merge_key_policy=_big_policy(count))
    assert bundle.ok, bundle.problems
    doc = bundle.get("key")
    assert "\n " not in doc.text and doc.text.endswith("}\n")  # compact
    assert doc.size == len(doc.text.encode()) <= limits.KEY_POLICY_BYTES
    assert json.loads(doc.text) == doc.body
    small = render_bundle(ANSWERS, merge_key_policy=_big_policy(count - 40))
    assert small.get("key").text == limits.to_json(small.get("key").body)  # indented while it fits


def test_a_merged_policy_too_big_even_compact_says_what_to_do_for_a_merge():
    bundle = render_bundle(ANSWERS, merge_key_policy=_big_policy(400))
    (problem,) = bundle.problems
    assert problem.field == "key"
    assert "even without indentation, over the KMS limit of 32,768" in problem.rule
    assert "the key's current policy alone is" in problem.rule
    assert "remove statements it no longer needs" in problem.rule
    assert "streams" not in problem.rule


def test_a_file_that_is_no_key_policy_is_refused():
    with pytest.raises(MergeError) as caught:
        merge(resolved(), [ROOT_ALL])
    assert caught.value.rule == "a key policy is a JSON object with a Statement list"


def test_merging_again_into_the_merged_policy_adds_nothing_and_says_so():
    first = render_bundle(ANSWERS, merge_key_policy=REALISTIC["console"])
    again = render_bundle(ANSWERS, merge_key_policy=first.get("key").body)
    assert again.ok and again.get("key").body == first.get("key").body
    readme = bundle_files(again)["README.md"]
    assert "It adds nothing: this bundle's statements were all in it already, identical." in readme
    assert "- already in the current policy, identical, so not added again: AllowKinesisProducers, " \
        "AllowKinesisConsumers" in readme
