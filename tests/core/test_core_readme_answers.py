"""What the README says follows the answers: the note that Flink's connector registers and deregisters its own
enhanced fan-out consumer appears only when fan-out is on and the role is in the stream's account; the alias
paragraph only for a key given by alias; and the README ends with one newline whichever exports were asked for."""

from __future__ import annotations

import pytest
from matrix import OTHER_ACCOUNT, role
from test_core_readme import sections

from wizard.core.bundle import bundle_files
from wizard.core.model import Answers, Principal
from wizard.core.render import render_bundle

ACCT = "123456789012"
KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab"
JOB_MANAGED = ("With enhanced fan-out the connector registers its consumer when the job starts and deregisters it "
               "when the job stops (`EFO_CONSUMER_LIFECYCLE` `JOB_MANAGED`, the default).")


def _readme(answers: Answers, formats: tuple[str, ...] = ()) -> str:
    return bundle_files(render_bundle(answers), formats=formats)["README.md"]


@pytest.mark.parametrize("fan_out", [False, True])
def test_the_flink_job_managed_note_needs_fan_out_and_a_role_in_the_streams_account(fan_out):
    answers = Answers("us-west-2", ACCT, KEY_ID, ("orders",), (
        Principal("app", ("consumer",), "flink"), Principal(role(OTHER_ACCOUNT, "app"), ("consumer",), "flink")),
        fan_out=fan_out)
    docs = sections(_readme(answers))
    assert (JOB_MANAGED in docs["flink-consumer-policy.json"]) is fan_out
    assert JOB_MANAGED not in docs["flink-consumer-cross-account-policy.json"]


@pytest.mark.parametrize(("key", "alias"), [("alias/orders-key", "alias/orders-key"),
                                            (f"arn:aws:kms:us-west-2:{ACCT}:alias/orders-key", "alias/orders-key"),
                                            (KEY_ID, None), ("alias/aws/kinesis", None)])
def test_only_a_key_given_by_alias_gets_the_alias_paragraph(key, alias):
    readme = _readme(Answers("us-west-2", ACCT, key, ("orders",), (Principal("writer", ("producer",)),)))
    paragraph = [line for line in readme.splitlines() if line.startswith("The key was given as the alias")]
    if alias is None:
        assert paragraph == []
    else:
        assert paragraph == [
            f"The key was given as the alias `{alias}`. An IAM policy cannot name a key by alias in `Resource`, so "
            f"the identity policies allow `key/*` in account {ACCT} and narrow it with the condition "
            f"`kms:ResourceAliases` = `{alias}`. If the alias is moved to another key, the permissions follow it. "
            "Generate again with the key ARN to name the key exactly."]


@pytest.mark.parametrize("formats", [(), ("terraform",), ("cloudformation",), ("terraform", "cloudformation")])
def test_the_readme_ends_with_its_last_command_block_and_one_newline(formats):
    readme = _readme(Answers("us-west-2", ACCT, KEY_ID, ("orders",), (Principal("writer", ("producer",)),)), formats)
    assert readme.endswith("\n```\n")
