"""Principals every policy treats alike share one evaluation (wizard/core/access.py `principal_class`); the
table still shows each its own lines: the same operations and decisions as the first, its own ARN where the
words name the principal, and a policy's own text (a Principal pattern) quoted as the policy has it."""

from __future__ import annotations

import json

from wizard.core.access import bundle_setting, renamed, setting_rows
from wizard.core.access_text import lines, markdown, text
from wizard.core.model import Answers, Principal
from wizard.core.render import render_bundle

APP = "arn:aws:iam::444455556666:role/app"
APP2 = "arn:aws:iam::444455556666:role/app-2"
KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab"


def _section(shown: str, heading: str) -> str:
    """The lines of one principal in the terminal table, from its heading to the blank line after it."""
    start = shown.index(heading)
    return shown[start:shown.index("\n\n", start)]


def _setting(pattern: str):
    """Two producers in another account; the stream's policy names them by a pattern IAM does not take."""
    bundle = render_bundle(Answers("us-west-2", "123456789012", KEY_ID, ("orders",),
                                   (Principal(APP, ("producer",)), Principal(APP2, ("producer",)))))
    body = json.loads(json.dumps(bundle.get("stream").body))
    body["Statement"][0]["Principal"]["AWS"] = [pattern]
    return bundle_setting(bundle, {"stream-resource-policy.json": body})


def test_alike_principals_each_get_the_first_ones_lines_under_their_own_name():
    setting = _setting(f"{APP}*")
    rows = setting_rows(setting)
    assert any(r.like is not None and r.who.arn == APP2 for r in rows)  # app-2's rows are app's
    shown = text(setting, rows, width=200)
    first, second = _section(shown, f"app (producer)  {APP}\n"), _section(shown, f"app-2 (producer)  {APP2}\n")
    quoted = f"unknown: stream-resource-policy.json#CrossAccountProducers: Principal '{APP}*' is not modelled"
    # The unknown answer quotes the policy as it is, for app-2 too (not 'role/app-2*', which it does not say).
    assert f"  unknown  PutRecord  {quoted}\n" in second and f"  unknown  PutRecords  {quoted}\n" in second
    assert second.splitlines()[1:] == first.splitlines()[1:]
    assert "PutKeyPolicy" in second and "None" not in second
    md = markdown(setting, rows)
    assert md.count(f"| PutRecord | - | unknown | unknown: `stream-resource-policy.json#CrossAccountProducers: "
                    f"Principal '{APP}*' is not modelled` |") == 4  # app, app-2, anyone else, another account


def test_a_quoted_pattern_or_value_keeps_the_policys_words():
    """Only the words about the principal are renamed; a quoted Principal pattern or condition value is the
    policy's text, whatever principal it is read for."""
    texts = (f"Principal '{APP}*' is not modelled", f"Principal '*{APP}' is not modelled",
             f"Principal '{APP}?x' is not modelled", f"the condition wants '{APP}'", f'the condition wants "{APP}"',
             f"{APP} is in account 444455556666", f"the key policy allows kms:Decrypt to neither {APP} nor")
    assert renamed(texts, APP, APP2) == (*texts[:5], f"{APP2} is in account 444455556666",
                                         f"the key policy allows kms:Decrypt to neither {APP2} nor")


def test_an_alike_principals_lines_are_its_own():
    """The lines the wizard's access view reads: each alike principal's operations and decisions are the first's,
    and where a reason names the principal it names this one."""
    setting = _setting(f"{APP}*")
    by_who: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {}
    for line in lines(setting_rows(setting), len(setting.streams)):
        by_who.setdefault(line.who.arn, []).append((line.label, line.decision, line.reasons))
    assert [(label, decision) for label, decision, _ in by_who[APP2]] == \
        [(label, decision) for label, decision, _ in by_who[APP]]
    assert by_who[APP2][0][:2] == ("PutRecord", "unknown")
    assert by_who[APP2][0][2] == (
        f"stream-resource-policy.json#CrossAccountProducers: Principal '{APP}*' is not modelled",
        f"{APP2} is in account 444455556666 and the resource in 123456789012: both the identity policy and the "
        "resource policy must allow")
    reads = dict((label, reasons) for label, _, reasons in by_who[APP2])["GetShardIterator"]
    assert reads[0] == (f"{APP2} is in account 444455556666 and the resource in 123456789012: both the identity "
                        "policy and the resource policy must allow")
