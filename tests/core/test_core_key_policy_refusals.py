"""A key policy over the KMS limit (32 KB, https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html)
is refused whole: the refusal names the key as given, the size, and what to change, which differs when the
key's current policy was merged."""

from __future__ import annotations

from test_core_limits import UUID, _key_doc, _principals_with_paths, _sized
from test_core_merge import ANSWERS, _big_policy

from wizard.core import limits
from wizard.core.render import render_bundle


def test_an_unmerged_key_policy_one_byte_over_says_what_to_reduce():
    answers = _sized(_principals_with_paths(110), lambda a: len(limits.to_compact_json(_key_doc(a).body).encode()),
                     limits.KEY_POLICY_BYTES + 1)
    (problem,) = render_bundle(answers).problems
    assert str(problem) == (
        f"key '{UUID}': the key policy would be 32,769 bytes even without indentation, over the KMS limit of "
        f"32,768; reduce the streams (1) or the principals ({len(answers.principals)}) this key serves, or spread "
        "the streams over several keys")


def test_a_merged_key_policy_over_says_how_big_the_current_policy_alone_is():
    current = _big_policy(400)
    (problem,) = render_bundle(ANSWERS, merge_key_policy=current).problems
    alone = limits.byte_size(limits.to_compact_json(current))
    assert f"the key's current policy alone is {alone:,} bytes: remove statements it no longer needs, or name " \
           f"fewer principals here (2)" in problem.rule
    assert problem.field == "key" and problem.value == ANSWERS.key
