"""The bounds of the search for the keys an alias may name, and what a user is told when a policy passes them.

The search is cut past `MAX_STEPS` pattern steps or `MAX_PROBES` ways to match: the rows it decides are then
unknown, never allowed or denied, and the reason names the policy that names the most keys, so the person knows
which file to look at (or that giving the key's ARN decides it). Patterns that can name no key of the alias's
place (another account's keys, alias ARNs: https://docs.aws.amazon.com/kms/latest/developerguide/alias-authorization.html)
cost nothing, so a long list of them never cuts the search.
"""

from __future__ import annotations

import json
import random

import pytest

from tests.core.test_core_access_alias_key import ACCT, KEYS, _bundle
from tests.core.test_core_access_alias_union import TOO_MANY
from wizard.core import alias_key
from wizard.core.access import bundle_setting, setting_rows
from wizard.core.alias_key import key_probes, probe_set
from wizard.core.evaluate import Source

PROBES = key_probes("aws", "eu-west-1", ACCT)


def _keys(n: int, seed: int) -> list[str]:
    """n random key ARNs of the alias's place (the same for the same seed)."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        h = f"{rng.getrandbits(128):032x}"
        out.append(f"{KEYS}/{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}")
    return out


def _policy(name: str, resources: list[str], kind: str = "identity") -> Source:
    return Source(name, {"Statement": [{"Effect": "Allow", "Action": "kms:*", "Resource": resources}]}, kind)


@pytest.mark.parametrize(("sources", "named"), [
    ([("producer-policy.json", 100), ("key-policy.json", 700)], "key-policy.json"),
    ([("producer-policy.json", 700), ("key-policy.json", 100)], "producer-policy.json"),
    ([("a.json", 300), ("b.json", 500), ("c.json", 400)], "b.json"),
    ([("b.json", 500), ("a.json", 500)], "a.json"),  # a tie: the first by name, whatever the order given
    # Two policies cited by one name (check --from-aws names them as IAM does) add up: 2 x 400 > 700.
    ([("orders", 400), ("key-policy.json", 700), ("orders", 400)], "orders"),
])
def test_the_cut_names_the_policy_that_names_the_most_keys(sources, named):
    given = [_policy(name, _keys(n, seed)) for seed, (name, n) in enumerate(sources)]
    found = probe_set(PROBES, given)
    assert found.cut == f"{named} {TOO_MANY}"
    assert set(PROBES) <= set(found.keys)


@pytest.mark.parametrize(("pattern", "steps"), [
    # At a UUID's first character the pattern is stepped over the two characters its key-id part names ('1',
    # and the 'e' of key/) and one it does not, plus one step to find them: 4; at the 'm' of mrk- 1 + 1: 2.
    # After that it is decided (sure to match, or dead). The account's digits in the pattern are not tried.
    (f"{KEYS}/1*", 6),
    # A key-id part no key id matches (no id has a ':') is still read: 3 steps at the UUID's first character, 2 at
    # the 'm' of mrk-.
    (f"{KEYS}/:", 5),
])
def test_the_budget_is_counted_in_pattern_steps_and_cuts_only_past_it(monkeypatch, pattern, steps):
    for budget, cut in ((steps, False), (steps - 1, True)):
        monkeypatch.setattr(alias_key, "MAX_STEPS", budget)
        alias_key.clear_caches()
        found = probe_set(PROBES, [_policy("p.json", [pattern])])
        assert found.cut == (f"p.json {TOO_MANY}" if cut else "")


def test_a_long_list_of_alias_arns_leaves_the_key_decided():
    """6,000 alias ARNs name no key (an alias ARN in a Resource names the alias), so the writer's key rows are
    decided as without them; the same count of key ids is cut and says so."""
    bundle = _bundle()

    def with_deny(resources):
        key = json.loads(json.dumps(bundle.get("key").body))
        key["Statement"].append({"Sid": "NotThese", "Effect": "Deny", "Principal": "*", "Action": "kms:*",
                                 "Resource": resources})
        rows = setting_rows(bundle_setting(bundle, {"key-policy.json": key}), exact=True)
        return next(r for r in rows if r.who.label == "writer" and r.operation.label == "GenerateDataKey via Kinesis")

    aliases = [f"arn:aws:kms:eu-west-1:{ACCT}:alias/backfeed-team-{n}" for n in range(6000)]
    assert with_deny(aliases).decision == "allowed"
    row = with_deny(_keys(6000, 1))
    assert row.decision == "unknown"
    assert f"key-policy.json {TOO_MANY}" in row.verdict.reasons
