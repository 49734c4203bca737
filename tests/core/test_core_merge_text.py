"""A merged key policy is written as the person's text reads: letters outside ASCII stay letters, not escapes.

Key policies may hold any Unicode in condition values (a principal tag, for one); the file is what the person
reviews and what put-key-policy sends, and its size is measured on it (32 KB,
https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html).
"""

from __future__ import annotations

import json

from wizard.core.bundle import bundle_files
from wizard.core.model import Answers, Principal
from wizard.core.render import render_bundle

ACCT = "111122223333"
ANSWERS = Answers("us-west-2", ACCT, "1234abcd-12ab-34cd-56ef-1234567890ab", ("MyStream",),
                  (Principal("orders-producer", ("producer",)),))
CURRENT = {"Version": "2012-10-17", "Statement": [
    {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCT}:root"},
     "Action": "kms:*", "Resource": "*"},
    {"Sid": "TeamUse", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCT}:root"},
     "Action": "kms:Decrypt", "Resource": "*",
     "Condition": {"StringEquals": {"aws:PrincipalTag/équipe": "données-clients"}}}]}


def test_a_merged_key_policy_keeps_its_letters_as_written():
    bundle = render_bundle(ANSWERS, merge_key_policy=CURRENT)
    assert bundle.ok, bundle.problems
    text = bundle_files(bundle, merged=True)["key-policy.json"]
    assert '"aws:PrincipalTag/équipe": "données-clients"' in text and "\\u00e9" not in text
    assert text.startswith('{\n  "Version": "2012-10-17",\n  "Statement": [\n') and text.endswith("}\n")
    assert json.loads(text)["Statement"][1] == CURRENT["Statement"][1]


def test_the_readme_says_where_the_merged_policy_came_from():
    for source, words in (("file", "as given to `--merge-key-policy`"),
                          ("aws", "fetched from the key with `kms:GetKeyPolicy` by `--from-aws`")):
        bundle = render_bundle(ANSWERS, merge_key_policy=CURRENT, merge_source=source)
        assert f"This file is the key's current policy ({words}) with this bundle's statements added." in \
            bundle_files(bundle, merged=True)["README.md"]
