"""What the bundle README says in words where no golden bundle reaches: where a merged key policy came from, a
merge that adds nothing, the accounts a shared key names, and how a statement reads when it denies or has a
condition the tool does not write itself (`describe` is what every README section is made of)."""

from __future__ import annotations

import json

from wizard.core.bundle import bundle_files
from wizard.core.model import Answers, Principal
from wizard.core.readme import Names, describe
from wizard.core.render import render_bundle

ACCT = "123456789012"
KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab"
ANSWERS = Answers("us-west-2", ACCT, KEY_ID, ("orders",), (Principal("writer", ("producer",)),))
ROOT = {"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCT}:root"}, "Action": "kms:*",
        "Resource": "*"}


def _key_section(readme: str) -> str:
    return readme.split("### `key-policy.json`")[1].split("```sh")[0]


def test_a_merged_key_policy_says_where_the_current_policy_came_from():
    for source, words in (("file", "as given to `--merge-key-policy`"),
                          ("aws", "fetched from the key with `kms:GetKeyPolicy` by `--from-aws`")):
        bundle = render_bundle(ANSWERS, merge_key_policy={"Statement": [ROOT]}, merge_source=source)
        section = _key_section(bundle_files(bundle, merged=True)["README.md"])
        assert f"This file is the key's current policy ({words}) with this bundle's statements added." in section


def test_a_merge_into_a_policy_that_has_our_statements_already_says_it_adds_nothing():
    ours = json.loads(json.dumps(render_bundle(ANSWERS).get("key").body))
    bundle = render_bundle(ANSWERS, merge_key_policy=ours)
    section = _key_section(bundle_files(bundle, merged=True)["README.md"])
    assert ("with this bundle's statements added.\n\n"
            "It adds nothing: this bundle's statements were all in it already, identical.\n\nThe merge:\n") in section
    assert "It grants:" not in section


def test_a_key_shared_with_several_accounts_names_each_of_them():
    """Each account must attach its own identity policy too: the README lists them all, in order."""
    answers = Answers("us-west-2", ACCT, KEY_ID, ("orders",), (
        Principal("writer", ("producer",)), Principal("arn:aws:iam::444455556666:role/reader", ("consumer",)),
        Principal("arn:aws:iam::210987654321:role/partner", ("producer",))))
    readme = bundle_files(render_bundle(answers))["README.md"]
    assert ("Principals from other accounts (210987654321, 444455556666) are named here, and their own account "
            "must also attach the identity policy above: cross-account use of a key needs both halves.") in readme


def test_a_statement_that_denies_or_has_another_condition_reads_as_it_is():
    names = Names.of(render_bundle(ANSWERS).resolved)
    stmt = {"Sid": "NoOld", "Effect": "Deny", "Action": "kinesis:PutRecord",
            "Resource": f"arn:aws:kinesis:us-west-2:{ACCT}:stream/orders",
            "Condition": {"NotIpAddress": {"aws:SourceIp": ["10.0.0.0/8", "192.168.0.0/16"]}}}
    assert describe(names, stmt) == ("denies `kinesis:PutRecord` on stream `orders`, when `aws:SourceIp` "
                                     "NotIpAddress `10.0.0.0/8` and `192.168.0.0/16` (Sid `NoOld`)")
