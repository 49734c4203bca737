"""What the access table and the evaluator say, pinned where a slip would still pass the rest of the suite.

Each test reads what a user reads (a decision, the statements that decided, the words of a
denial, the table's text) for inputs chosen at the edges: a principal whose rows are another's,
a table for a big bundle against the same table row by row, malformed statements in a big table,
condition values that are equal as Python keys but not as IAM values.
"""

from __future__ import annotations

import json

import pytest
from evaluator_corners import ACCOUNT, KEY, ROLE, STREAM, ident, kin, kms, res, st
from matrix import CASES, bundle_of

from wizard.core.access import bundle_setting, principal_rows, renamed, setting_rows
from wizard.core.access_text import markdown, text
from wizard.core.bundle import bundle_file_names, bundle_files
from wizard.core.evaluate import ALLOWED, DENIED, UNKNOWN, Request, Source, evaluate
from wizard.core.model import Answers, Principal
from wizard.core.render import render_bundle

KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab"


def answers(streams: tuple[str, ...], *principals: Principal) -> Answers:
    return Answers("us-west-2", "123456789012", KEY_ID, streams, principals)


# --- condition values -------------------------------------------------------------------------------


def test_condition_values_equal_as_python_keys_are_told_apart():
    """1 and true are one key to Python but "1" and "true" to IAM: a policy read after another must not
    take the other's values (the values were once cached by content)."""
    context = "kms:EncryptionContext:aws:kinesis:arn"
    one = ident(st(Action="kms:Decrypt", Resource=KEY, Condition={"StringEquals": {context: 1}}))
    true = ident(st(Action="kms:Decrypt", Resource=KEY, Condition={"StringEquals": {context: True}}))
    key = res(st(Principal={"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, Action="kms:*", Resource="*"), kind="key")
    asks_true = kms(ROLE, context={context: "true"})
    assert evaluate(kms(ROLE, context={context: "1"}), one, key).decision == ALLOWED
    assert evaluate(asks_true, true, key).decision == ALLOWED
    assert evaluate(asks_true, one, key).decision == DENIED


# --- a big table and the same table row by row ------------------------------------------------------


@pytest.mark.parametrize("statement", [
    st(Action="kinesis:GetRecords", Resource=[]),  # an empty Resource list: AWS refuses the policy
    st(Action="kinesis:GetRecords", Resource=f"{STREAM}-other", Principal="*"),  # Principal in an identity policy
], ids=["empty-resource", "principal-in-identity-policy"])
def test_a_malformed_statement_is_unknown_in_the_table_as_row_by_row(statement):
    """The table (ACCESS.md, the wizard) leaves out statements whose Resource cannot apply, for speed; a
    statement AWS would refuse is not one it may leave out: the answer is unknown either way."""
    request = kin(ROLE)
    policies = ident(st(Action="kinesis:GetRecords", Resource=STREAM), statement)
    assert evaluate(request, policies).decision == UNKNOWN
    assert evaluate(request, policies, brief=True).decision == UNKNOWN
    bundle = render_bundle(answers(("orders",), Principal("reader", ("consumer",))))
    body = json.loads(json.dumps(bundle.get("consumer").body))
    body["Statement"].append(statement)
    setting = bundle_setting(bundle, {"consumer-policy.json": body})
    table = {(r.who.label, r.operation.label): r.decision for r in setting_rows(setting)}
    exact = {(r.who.label, r.operation.label): r.decision for r in setting_rows(setting, exact=True)}
    assert table[("reader", "GetRecords")] == exact[("reader", "GetRecords")] == UNKNOWN


def test_a_statement_ruled_out_by_its_condition_still_names_itself_in_a_denial():
    """For speed the table decides without statements a plain StringEquals rules out; when the answer is a
    denial, the statements that were near are named all the same."""
    other = "arn:aws:kinesis:us-west-2:123456789012:stream/other"
    near = st(Action="kms:Decrypt", Resource=KEY, Condition={"StringEquals": {
        "kms:ViaService": "kinesis.us-west-2.amazonaws.com", "kms:EncryptionContext:aws:kinesis:arn": other}})
    key = res(st(Principal={"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, Action="kms:*", Resource="*"), kind="key")
    full, brief = evaluate(kms(ROLE), ident(near), key), evaluate(kms(ROLE), ident(near), key, brief=True)
    assert full == brief and full.decision == DENIED
    assert "identity.json#[1] covers kms:Decrypt but its condition does not hold: StringEquals " \
           f"kms:EncryptionContext:aws:kinesis:arn '{other}': the request has '{STREAM}'" in full.reasons
    allowing = st(Action="kms:Decrypt", Resource=KEY)
    deny = {"Sid": "NotThere", **st("Deny", Action="kms:*", Resource="*", Condition={"StringEquals": {
        "kms:ViaService": "kinesis.eu-west-1.amazonaws.com"}})}
    assert evaluate(kms(ROLE), ident(near, allowing, deny), key, brief=True).because == (
        "key-policy.json#[1]", "identity.json#[2]")  # allowed: neither the ruled-out Allow nor the Deny is named


def test_a_policy_part_found_by_its_exact_arns_keeps_the_order_of_the_policies():
    """Statements of a principal's policies are found through the ARNs they name; the deciding statements
    are still listed in the order of the policies and statements, as without the index."""
    stream_b = STREAM.replace("orders", "b")
    parts = (Source("part-1.json", {"Statement": [{"Sid": "One", **st(Action="kinesis:GetRecords",
                                                                      Resource=[STREAM, stream_b])}]}),
             Source("part-2.json", {"Statement": [{"Sid": "Wild", **st(Action="kinesis:Get*",
                                                                       Resource=f"{STREAM[:-6]}*")},
                                                  {"Sid": "Two", **st(Action="kinesis:GetRecords",
                                                                      Resource=STREAM)}]}))
    for brief in (False, True):
        assert evaluate(kin(ROLE), parts, brief=brief).because == ("part-1.json#One", "part-2.json#Wild",
                                                                   "part-2.json#Two")
        assert evaluate(kin(ROLE, resource=stream_b), parts, brief=brief).because == ("part-1.json#One",
                                                                                      "part-2.json#Wild")


# --- principals treated alike -----------------------------------------------------------------------


def test_a_principal_whose_rows_are_anothers_is_named_in_its_own_reasons():
    """Two producers share every policy, so the second's rows are the first's; its denials must name it,
    not the first, even where the first's ARN is the start of the second's."""
    app, app2 = "arn:aws:iam::444455556666:role/app", "arn:aws:iam::444455556666:role/app-2"
    bundle = render_bundle(answers(("orders",), Principal(app, ("producer",)), Principal(app2, ("producer",))))
    rows = {(r.who.label, r.operation.label): r for r in setting_rows(bundle_setting(bundle))}
    first, second = rows[("app", "PutKeyPolicy")], rows[("app-2", "PutKeyPolicy")]
    assert second.like is first  # the second's row was not evaluated again
    assert second.decision == first.decision == DENIED
    assert second.requests[0].principal == app2 and second.requests[0].resource == first.requests[0].resource
    assert second.verdict.reasons == tuple(r.replace(app, app2) for r in first.verdict.reasons)
    assert any(app2 in r for r in second.verdict.reasons) and second.verdict.because == first.verdict.because
    assert second.to_json()["principal"] == app2 and second.to_json()["reasons"] == list(second.verdict.reasons)
    # ACCESS.md and the terminal table name each in its own section.
    setting = bundle_setting(bundle)
    shown = text(setting, setting_rows(setting))
    assert f"app (producer)  {app}\n" in shown and f"app-2 (producer)  {app2}\n" in shown


def test_renamed_replaces_a_whole_arn_only():
    old, new = "arn:aws:iam::1:role/a", "arn:aws:iam::1:role/b"
    # `-`, `/`, `,`, `.` and the like may go on a role's name (IAM allows +=,.@_- in it): not the same ARN.
    texts = (f"{old} may not", f"{old}-x is another", f"{old}/path too", f"{old}, {old}. too", f"({old})",
             "nothing here")
    assert renamed(texts, old, new) == (f"{new} may not", f"{old}-x is another", f"{old}/path too",
                                        f"{old}, {old}. too", f"({new})", "nothing here")
    assert renamed(texts, old, old) == texts
    assert renamed((f"{old} here",), old, "role/\\g<0>\\1") == ("role/\\g<0>\\1 here",)  # the new name is no pattern


def test_rows_come_a_principal_at_a_time_and_add_up_to_the_table():
    bundle = render_bundle(answers(("a", "b"), Principal("p", ("producer",)), Principal("c", ("consumer",))))
    setting = bundle_setting(bundle)
    for exact in (False, True):
        per_principal = list(principal_rows(setting, exact=exact))
        assert [{r.who.label for r in rows} for rows in per_principal] == [
            {"p"}, {"c"}, {"anyone else in 123456789012"}, {"another account (999999999999)"}]
        flat = [(r.who.arn, r.operation.label, r.streams, r.decision) for rows in per_principal for r in rows]
        assert flat == [(r.who.arn, r.operation.label, r.streams, r.decision)
                        for r in setting_rows(setting, exact=exact)]


# --- what the bundle holds --------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_the_review_steps_file_names_are_the_bundles(case):
    bundle = bundle_of(case)
    assert bundle_file_names(bundle) == list(bundle_files(bundle))


def test_markdown_and_text_agree_on_every_decision():
    bundle = bundle_of(CASES[3])  # services, an alias, one stream
    setting = bundle_setting(bundle)
    rows = setting_rows(setting)
    md, shown = markdown(setting, rows), text(setting, rows)
    for row in rows:
        decision = f"**{row.decision}**" if row.decision == ALLOWED else row.decision
        assert f"| {row.operation.label} | - | {decision} |" in md
        assert f"  {row.decision:<8} {row.operation.label}" in shown


def test_requests_keep_what_kinesis_sends():
    """The request each row stands for, as explain --json prints it (what a script relies on)."""
    bundle = render_bundle(answers(("orders",), Principal("p", ("producer",))))
    rows = {(r.who.label, r.operation.label): r.to_json() for r in setting_rows(bundle_setting(bundle), exact=True)}
    via = rows[("p", "GenerateDataKey via Kinesis")]
    assert via["context"] == {"kms:ViaService": "kinesis.us-west-2.amazonaws.com",
                              "kms:EncryptionContext:aws:kinesis:arn":
                                  "arn:aws:kinesis:us-west-2:123456789012:stream/orders",
                              "kms:EncryptionContextKeys": ["aws:kinesis:arn"]}
    direct = rows[("p", "Decrypt directly")]
    assert "kms:ViaService" not in direct["context"] and direct["decision"] == DENIED
    other = rows[("p", "GenerateDataKey, another stream")]
    assert other["context"]["kms:EncryptionContext:aws:kinesis:arn"].endswith(":stream/another-stream")
    assert other["stream"] is None and via["stream"].endswith(":stream/orders")
    start = rows[("p", "StartStreamEncryption")]
    assert start["resources"] == [start["resource"], f"arn:aws:kms:us-west-2:123456789012:key/{KEY_ID}"]
    assert Request(ROLE, "kms:Decrypt", KEY).account == ACCOUNT
