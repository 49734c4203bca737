"""ACCESS.md and `explain` as read by a person: who has which roles, and why a row is not allowed.

Pinned by the cells a reader sees: the roles beside a principal's ARN, the Deny that makes a row denied, the
reason an unknown row gives when its streams do not all agree, and two principals whose unknown rows differ only
by their reasons.
"""

from __future__ import annotations

import copy

from wizard.core.access import bundle_setting, setting_rows
from wizard.core.access_text import markdown
from wizard.core.model import Answers, Principal
from wizard.core.render import render_bundle

ACCOUNT = "123456789012"
KEY = "1234abcd-12ab-34cd-56ef-1234567890ab"


def _answers(*principals: Principal, streams=("orders",)) -> Answers:
    return Answers("eu-west-1", ACCOUNT, KEY, streams, principals)


def _md(answers: Answers, edit=None) -> str:
    bundle = render_bundle(answers)
    bodies = {d.filename: copy.deepcopy(d.body) for d in bundle.documents}
    if edit:
        edit(bodies)
    setting = bundle_setting(bundle, bodies)
    return markdown(setting, setting_rows(setting))


def _rows(md: str, operation: str) -> list[list[str]]:
    return [[c.strip() for c in line.strip("|").split("|")] for line in md.splitlines()
            if line.startswith(f"| {operation} |")]


def test_a_principal_with_two_roles_lists_both_beside_its_arn() -> None:
    md = _md(_answers(Principal("app", ("producer", "consumer"))))
    assert f"`arn:aws:iam::{ACCOUNT}:role/app`: producer, consumer" in md


def test_a_row_denied_by_a_deny_statement_cites_it() -> None:
    """A denied row that a Deny decides names that statement, not "no statement allows it"."""
    def deny_puts(bodies):
        bodies["producer-policy.json"]["Statement"].append(
            {"Sid": "NoPuts", "Effect": "Deny", "Action": "kinesis:PutRecord", "Resource": "*"})

    rows = _rows(_md(_answers(Principal("app", ("producer",))), deny_puts), "PutRecord")
    assert rows[0][2:] == ["denied", "`producer-policy.json#NoPuts`"], rows  # the first section is the writer's


def _tagged_writes(bodies, only: str) -> None:
    """The writer's statement split by stream; the one for `only` asks for a principal tag, which the table cannot
    know, so that stream's writes are unknown and the others' allowed."""
    stmts = bodies["producer-policy.json"]["Statement"]
    writes = next(s for s in stmts if s["Sid"] == "WriteStreams")
    arns = writes["Resource"] if isinstance(writes["Resource"], list) else [writes["Resource"]]
    stmts.remove(writes)
    for n, arn in enumerate(arns):
        stmt = {**writes, "Sid": f"Write{n}", "Resource": arn}
        if arn.endswith("/" + only):
            stmt["Condition"] = {"StringEquals": {"aws:PrincipalTag/team": "orders"}}
        stmts.append(stmt)


def test_streams_that_disagree_are_listed_one_by_one_with_the_unknown_ones_reason() -> None:
    md = _md(_answers(Principal("app", ("producer",)), streams=("orders", "refunds")),
             lambda bodies: _tagged_writes(bodies, "orders"))
    rows = {r[1]: r for r in _rows(md, "PutRecord")}
    assert rows["orders"][2] == "unknown" and rows["orders"][3].startswith("unknown: "), rows
    assert "aws:PrincipalTag/team" in rows["orders"][3], rows
    assert rows["refunds"][2] == "**allowed**", rows


def test_unknown_rows_of_two_principals_keep_each_its_own_reason() -> None:
    """Cells are written once for principals treated alike; two readers' unknown GetRecords rows that differ only
    by their reason (each policy asks for another tag) must still each show their own."""
    def tags(bodies):
        for name, tag in (("consumer-policy.json", "unit"), ("lambda-consumer-policy.json", "team")):
            for stmt in bodies[name]["Statement"]:
                if stmt["Sid"] == "ReadStreams":
                    stmt["Condition"] = {"StringEquals": {f"aws:PrincipalTag/{tag}": "x"}}

    md = _md(_answers(Principal("reader", ("consumer",)), Principal("fn", ("consumer",), "lambda")), tags)
    get = [r for r in _rows(md, "GetRecords") if r[2] == "unknown"]
    assert len(get) == 2, get
    assert "aws:PrincipalTag/unit" in get[0][3] and "aws:PrincipalTag/team" in get[1][3], get


def test_without_fan_out_no_reader_gets_anything_on_a_consumer() -> None:
    """Enhanced fan-out off: no reader, whatever service it reads for, is given SubscribeToShard or any action on a
    registered consumer (least privilege: Flink's connector deregisters consumers only when fan-out is on)."""
    readers = (Principal("app", ("consumer",)), Principal("fn", ("consumer",), "lambda"),
               Principal("job", ("consumer",), "flink"), Principal("hose", ("consumer",), "firehose"))
    bundle = render_bundle(Answers("eu-west-1", ACCOUNT, KEY, ("orders",), readers, fan_out=False))
    for doc in bundle.documents:
        for stmt in doc.body.get("Statement", []):
            named = " ".join(stmt["Action"] if isinstance(stmt["Action"], list) else [stmt["Action"]])
            assert "SubscribeToShard" not in named and "StreamConsumer" not in named, (doc.filename, stmt)
    rows = _rows(_md(Answers("eu-west-1", ACCOUNT, KEY, ("orders",), readers, fan_out=False)), "SubscribeToShard")
    assert rows and all(r[2] != "**allowed**" for r in rows), rows


def test_a_writer_in_another_account_is_given_every_producer_action() -> None:
    """Every action a producer needs is one a stream's policy can share (SHARING_PAGE's table), so a writer in
    another account gets the same actions as one at home; the mutation equivalents for actions.producer rest on it."""
    from wizard.core import actions

    assert actions.shareable(actions.PRODUCER) == actions.PRODUCER
