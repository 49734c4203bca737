"""A principal ARN in a partition that does not exist is refused with the partitions listed, also where it cannot be
checked against the stream's partition: before the Region is answered (the wizard checks each answer as typed), or
when the Region answered is refused (the answers file is checked whole, each problem reported once)."""

from __future__ import annotations

from wizard.core.model import Answers, Principal
from wizard.core.validate import check_principal_text, resolve

ACCT = "123456789012"
ARN = f"arn:aws-x:iam::{ACCT}:role/reader"
RULE = ("names partition 'aws-x'; the partitions are aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, "
        "aws-iso-f, aws-eusc")


def test_a_principal_in_an_unknown_partition_is_refused_with_the_partitions_listed():
    assert check_principal_text(ARN, Answers("", "", "", (), ())) == RULE
    _resolved, problems = resolve(Answers("mars-1", ACCT, "1234abcd-12ab-34cd-56ef-1234567890ab", ("orders",),
                                          (Principal(ARN, ("consumer",)),)))
    assert [(p.field, p.value, p.rule) for p in problems if p.field != "region"] == [("consumer", ARN, RULE)]
