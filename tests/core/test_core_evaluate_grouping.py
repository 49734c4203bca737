"""Which streams the policies treat alike (`signatures`, behind the access table's groups of streams).

The table shows one row for a group of streams; if two streams some statement tells apart share a group, the
row shows one stream's answer for the other (a reader shown able to read a stream it cannot); if two alike
streams are split, the table grows a row for nothing. Each case is a policy and the groups it must make.
"""

from __future__ import annotations

import pytest

from wizard.core.access import EC_KEY
from wizard.core.evaluate import Source, signatures

ARN = "arn:aws:kinesis:us-west-2:111122223333:stream/"


def _groups(statements: list, names: list[str], *, consumers: bool = False) -> list[list[str]]:
    """The streams named, grouped by equal signature, in order of first appearance."""
    source = Source("identity.json", {"Version": "2012-10-17", "Statement": statements})
    subjects = [((ARN + n, f"{ARN}{n}/consumer/app:1700000000") if consumers else (ARN + n,), ARN + n) for n in names]
    groups: dict = {}
    for name, signature in zip(names, signatures([source], subjects, EC_KEY), strict=True):
        groups.setdefault(signature, []).append(name)
    return list(groups.values())


def _allow(**parts) -> dict:
    return {"Effect": "Allow", "Action": "kinesis:GetRecords", **parts}


def _decrypt_if(op: str, values) -> dict:
    return {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*", "Condition": {op: {EC_KEY: values}}}


@pytest.mark.parametrize(("statements", "names", "groups"), [
    # Two prefixes, one stream under each: three different treatments.
    ([_allow(Resource=ARN + "a-*"), _allow(Resource=ARN + "b-*")], ["a-1", "b-1", "c-1"], [["a-1"], ["b-1"], ["c-1"]]),
    # A prefix that is a whole stream's ARN with * after it covers that stream itself.
    ([_allow(Resource=ARN + "orders*")], ["orders", "audit", "orders-eu"], [["orders", "orders-eu"], ["audit"]]),
    # A wildcard elsewhere than at the end (any Region).
    ([_allow(Resource="arn:aws:kinesis:*:111122223333:stream/orders")], ["orders", "audit", "logs"],
     [["orders"], ["audit", "logs"]]),
    ([_allow(Resource="arn:aws:kinesis:us-west-2:111122223333:stream/o?ders")], ["orders", "audit"],
     [["orders"], ["audit"]]),
    # "*" says the same of every stream.
    ([_allow(Resource="*")], ["orders", "audit"], [["orders", "audit"]]),
    # NotResource tells apart just as Resource does.
    ([_allow(NotResource=ARN + "orders")], ["orders", "audit", "logs"], [["orders"], ["audit", "logs"]]),
    # A statement AWS would refuse (both Resource and NotResource) is unknown for every stream: it splits none.
    ([_allow(Resource=[{"arn": ARN + "audit"}], NotResource=ARN + "orders")], ["orders", "audit"],
     [["orders", "audit"]]),
    # The evaluator reads a Condition up to its first block that is not an object (unknown from there on).
    ([_decrypt_if("StringEquals", ARN + "orders") | {"Condition": {"Bool": "yes", "StringEquals": {
        EC_KEY: ARN + "orders"}}}], ["orders", "audit"], [["orders", "audit"]]),
    ([_decrypt_if("StringEquals", ARN + "orders") | {"Condition": {"StringEquals": {EC_KEY: ARN + "orders"},
                                                                   "Bool": "yes"}}], ["orders", "audit"],
     [["orders"], ["audit"]]),
    # A statement that is not an object is skipped, not the end of the policy.
    (["not a statement", _allow(Resource=ARN + "orders")], ["orders", "audit"], [["orders"], ["audit"]]),
    # The encryption context's ARN is compared case-sensitively, as StringEquals does.
    ([_decrypt_if("StringEquals", ARN + "Orders")], ["Orders", "orders", "audit"], [["Orders"], ["orders", "audit"]]),
    ([_decrypt_if("StringNotEquals", [ARN + "a", ARN + "b"])], ["a", "b", "c"], [["a", "b"], ["c"]]),
    ([_decrypt_if("StringLike", ARN + "a*")], ["a1", "a2", "b"], [["a1", "a2"], ["b"]]),
    ([_decrypt_if("StringEquals", [ARN + "a", ARN + "b"]), _decrypt_if("StringEquals", ARN + "b")],
     ["a", "b", "c"], [["a"], ["b"], ["c"]]),
    # A condition with a policy variable is unknown for every stream alike, whatever else it lists.
    ([_decrypt_if("StringEquals", ["${aws:username}", ARN + "orders"])], ["orders", "audit"], [["orders", "audit"]]),
    # A JSON number among the values is its text, as IAM reads it.
    ([_decrypt_if("StringEquals", [7, ARN + "orders"])], ["orders", "audit"], [["orders"], ["audit"]]),
])
def test_streams_are_grouped_by_what_the_policies_say_of_them(statements, names, groups):
    assert _groups(statements, names) == groups


def test_consumer_arns_count_too():
    """A statement on one stream's consumers tells it apart, though its stream ARN is named nowhere."""
    statements = [{"Effect": "Allow", "Action": "kinesis:SubscribeToShard", "Resource": ARN + "orders/consumer/*"}]
    assert _groups(statements, ["orders", "audit", "logs"], consumers=True) == [["orders"], ["audit", "logs"]]
