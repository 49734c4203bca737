"""What `check` makes of the principal, --as, --service, stream and key it is given, as a user sees it: the key line
it prints and its exit code for each form a key can take; every refusal (exit 2) naming field, value and rule, with a
missing --stream leaving the principal and key to be checked against the place their own ARNs name.

A KMS key is Regional (even a multi-Region key is used by services as a single-Region key,
https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html), so the stream's key is one of
the stream's Region; the AWS managed key aws/kinesis lives in the stream's own account
(https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-key). Both rules are the generator's
too (validate.parse_key).
"""

from __future__ import annotations

import json

import pytest

from wizard.cli import main
from wizard.core.access_text import describe
from wizard.core.diagnose import Inputs, diagnose, input_problems

OWNER, OTHER = "111122223333", "999988887777"
KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab"
STREAM = f"arn:aws:kinesis:us-west-2:{OWNER}:stream/orders"
READER = f"arn:aws:iam::{OWNER}:role/reader"
# Reads the stream and decrypts any key: what is left to decide is the key's side.
IDENTITY = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "kinesis:*", "Resource": "*"},
    {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}]}
MISSING_STREAM = "check needs --stream: which principal, doing which job, on which stream"


def _check(tmp_path, capsys, *flags: str, identity: dict = IDENTITY) -> tuple[int, str, str]:
    path = tmp_path / "reader.json"
    path.write_text(json.dumps(identity))
    code = main(["check", *flags, "--identity-policy", str(path)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("principal", "key", "key_line", "code"), [
    (READER, KEY_ID, f"key: arn:aws:kms:us-west-2:{OWNER}:key/{KEY_ID}", 3),  # an ID: a key of the stream's account
    (READER, f"arn:aws:kms:us-west-2:{OTHER}:key/{KEY_ID}", f"key: arn:aws:kms:us-west-2:{OTHER}:key/{KEY_ID}", 3),
    (READER, "alias/orders", f"key: arn:aws:kms:us-west-2:{OWNER}:key/<the key of alias/orders>", 3),
    (READER, f"arn:aws:kms:us-west-2:{OTHER}:alias/orders",
     f"key: arn:aws:kms:us-west-2:{OTHER}:key/<the key of alias/orders>", 3),
    (READER, "alias/aws/kinesis", f"key: arn:aws:kms:us-west-2:{OWNER}:key/<the key of alias/aws/kinesis>", 0),
    (f"arn:aws:iam::{OWNER}:user/ops/ann", f"arn:aws:kms:us-west-2:{OWNER}:alias/aws/kinesis",
     f"key: arn:aws:kms:us-west-2:{OWNER}:key/<the key of alias/aws/kinesis>", 0),
    (f"arn:aws:iam::{OWNER}:role/service-role/fn", "alias/aws/kinesis",
     f"key: arn:aws:kms:us-west-2:{OWNER}:key/<the key of alias/aws/kinesis>", 0),
], ids=["key-id", "key-arn-other-account", "alias", "alias-arn-other-account", "managed", "managed-arn-user-path",
        "role-path"])
def test_each_form_of_key_is_checked_as_the_key_it_names(tmp_path, capsys, principal, key, key_line, code):
    """Without the key policy a customer managed key's side cannot be confirmed (exit 3); the AWS managed key's
    policy is known, so the same identity policy does its job with it (exit 0)."""
    got, out, err = _check(tmp_path, capsys, "--principal", principal, "--as", "consumer", "--stream", STREAM,
                           "--key", key)
    lines = out.splitlines()
    assert (got, err) == (code, "")
    assert lines[:3] == [f"check: {principal} as consumer", f"stream: {STREAM}", key_line]
    assert ("key policy: the AWS managed key's" in out) is (code == 0)


@pytest.mark.parametrize(("flags", "problem"), [
    ({"--principal": f"arn:aws:iam:{OWNER}:role/reader"},  # a colon short: not an ARN, and not a name either
     f"principal 'arn:aws:iam:{OWNER}:role/reader': give the role's or user's ARN: "
     "arn:PARTITION:iam::ACCOUNT:role/NAME or arn:PARTITION:iam::ACCOUNT:user/NAME"),
    ({"--principal": f"arn:aws-cn:iam::{OWNER}:role/reader"},
     f"principal 'arn:aws-cn:iam::{OWNER}:role/reader': the principal must be in partition aws (the stream's), "
     "not 'aws-cn'"),
    # What `aws sts get-caller-identity` prints is a session; its role is named without the role's path
    # (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns).
    ({"--principal": f"arn:aws:sts::{OWNER}:assumed-role/reader/i-0abc"},
     f"principal 'arn:aws:sts::{OWNER}:assumed-role/reader/i-0abc': is a session of the role reader (as aws sts "
     f"get-caller-identity prints it); give the role's ARN: arn:aws:iam::{OWNER}:role/reader, with its path if it "
     "has one"),
    # A control character is named before any other rule reads the value (the session hint included).
    ({"--principal": f"arn:aws:sts::{OWNER}:assumed-role/re\x1b[31mader/i-0abc"},
     f"principal 'arn:aws:sts::{OWNER}:assumed-role/re\\x1b[31mader/i-0abc': contains ^[ at character 42, a "
     "control or bidi character; answers are plain text"),
    ({"--principal": f"arn:aws:sts::{OWNER}:federated-user/bob"},  # neither a role's session nor a role or user
     f"principal 'arn:aws:sts::{OWNER}:federated-user/bob': give the role's or user's ARN: "
     "arn:PARTITION:iam::ACCOUNT:role/NAME or arn:PARTITION:iam::ACCOUNT:user/NAME"),
    ({"--principal": f"arn:aws:sts::{OWNER}:assumed-role/reader"},  # no session: not what STS prints
     f"principal 'arn:aws:sts::{OWNER}:assumed-role/reader': give the role's or user's ARN: "
     "arn:PARTITION:iam::ACCOUNT:role/NAME or arn:PARTITION:iam::ACCOUNT:user/NAME"),
    ({"--principal": f"arn:aws:iam::{OWNER}:role/team/*"},
     f"principal 'arn:aws:iam::{OWNER}:role/team/*': a principal ARN cannot contain wildcards (* or ?)"),
    ({"--key": f"arn:aws:kms:eu-west-1:{OWNER}:key/{KEY_ID}"},
     f"key 'arn:aws:kms:eu-west-1:{OWNER}:key/{KEY_ID}': the key must be in Region us-west-2 (the stream's), "
     "not 'eu-west-1'"),
    ({"--key": f"arn:aws:kms:us-west-2:{OTHER}:alias/aws/kinesis"},
     f"key 'arn:aws:kms:us-west-2:{OTHER}:alias/aws/kinesis': the AWS managed key aws/kinesis lives in the "
     f"stream's own account ({OWNER}); it cannot come from another account"),
    ({"--key": KEY_ID.upper()},
     f"key '{KEY_ID.upper()}': a key ID is lowercase hex: 8-4-4-4-12 digits, or mrk- and 32 digits"),
    ({"--as": "producer", "--service": "firehose"},
     "service 'firehose': a service's role reads the stream: use --as consumer"),
    # A service runs with a role it assumes, never as a user (generate refuses the same answer alike).
    ({"--principal": f"arn:aws:iam::{OWNER}:user/ann", "--service": "lambda"},
     f"principal 'arn:aws:iam::{OWNER}:user/ann': is an IAM user, but AWS Lambda runs a function with its "
     "execution role, which it assumes; give the name or ARN of that role"),
    ({"--principal": f"arn:aws:iam::{OTHER}:user/etl/bob", "--service": "firehose"},
     f"principal 'arn:aws:iam::{OTHER}:user/etl/bob': is an IAM user, but Amazon Data Firehose reads a source "
     "stream with its delivery role, which it assumes; give the name or ARN of that role"),
], ids=["principal-not-an-arn", "principal-other-partition", "role-session", "session-control-character",
        "federated-session",
        "session-without-name", "principal-wildcard", "key-other-region",
        "managed-key-other-account", "key-id-uppercase", "service-not-a-reader", "user-as-lambda",
        "user-as-firehose"])
def test_a_bad_value_is_refused_with_exit_2_naming_field_value_and_rule(tmp_path, capsys, flags, problem):
    given = {"--principal": READER, "--as": "consumer", "--stream": STREAM, "--key": KEY_ID, **flags}
    code, out, err = _check(tmp_path, capsys, *(word for pair in given.items() for word in pair))
    assert (code, out) == (2, "")
    assert err.splitlines() == ["kinesis-kms-wizard: check cannot start: 1 problem:", f"  {problem}"]


@pytest.mark.parametrize(("principal", "key", "problems"), [
    # Without the stream, each ARN is held to the partition, Region and account it names itself: nothing to refuse.
    (f"arn:aws-cn:iam::{OTHER}:role/reader", f"arn:aws-cn:kms:cn-north-1:{OTHER}:key/{KEY_ID}", []),
    (READER, f"arn:aws:kms:eu-west-1:{OTHER}:alias/orders", []),
    (f"arn:aws-us-gov:iam::{OWNER}:user/ann", f"arn:aws-us-gov:kms:us-gov-west-1:{OWNER}:alias/aws/kinesis", []),
    (READER, "alias/orders", []),  # an alias or key ID is checked only for its form
    (READER, "alias/aws/s3",
     ["key 'alias/aws/s3': aliases beginning alias/aws/ belong to AWS managed keys; the one Kinesis uses is "
      "alias/aws/kinesis"]),
    # ...but what is wrong with an ARN in itself is still said.
    (f"arn:aws:iam::{OWNER}:group/readers", f"arn:aws:kms:mars-1:{OWNER}:key/{KEY_ID}",
     [f"principal 'arn:aws:iam::{OWNER}:group/readers': give the role's or user's ARN: "
      "arn:PARTITION:iam::ACCOUNT:role/NAME or arn:PARTITION:iam::ACCOUNT:user/NAME",
      f"key 'arn:aws:kms:mars-1:{OWNER}:key/{KEY_ID}': the key names Region 'mars-1', which is not a Region of "
      "partition aws"]),
    ("reader", f"arn:aws:kms:us-west-2:12345:key/{KEY_ID}",
     ["principal 'reader': give the role's or user's ARN: arn:PARTITION:iam::ACCOUNT:role/NAME or "
      "arn:PARTITION:iam::ACCOUNT:user/NAME",
      f"key 'arn:aws:kms:us-west-2:12345:key/{KEY_ID}': the key names account '12345'; an AWS account ID is "
      "exactly 12 digits"]),
], ids=["china", "alias-arn-elsewhere", "govcloud-managed", "alias", "aws-alias", "group-and-mars", "name-and-account"])
def test_without_a_stream_the_principal_and_key_are_checked_where_their_own_arns_say(
        tmp_path, capsys, principal, key, problems):
    code, out, err = _check(tmp_path, capsys, "--principal", principal, "--as", "consumer", "--key", key)
    assert (code, out) == (2, "")
    assert err.splitlines()[1:] == [f"  {line}" for line in (MISSING_STREAM, *problems)]


def test_a_value_not_given_is_left_to_the_caller_and_nothing_is_checked_without_it():
    """The command line names a missing flag itself; the core then refuses the incomplete inputs with ValueError
    (never another error), and a setting without a job describes its principal by no job."""
    assert input_problems(None, "consumer", STREAM) == []
    for inputs in (Inputs(None, "consumer", STREAM, ()), Inputs(READER, "consumer", None, ())):
        with pytest.raises(ValueError):
            diagnose(inputs)
        with pytest.raises(ValueError):
            inputs.setting()
    assert describe(Inputs(READER, None, STREAM, ()).setting().principals[0]) == ""


def test_a_policy_file_named_like_the_managed_key_s_policy_does_not_make_a_customer_key_s_grants_unnarrowable(
        tmp_path, capsys, monkeypatch):
    """Only the AWS managed key's own policy puts a grant beyond the job out of reach; a user's file that happens
    to carry its name is still the user's to narrow."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "aws").mkdir()
    name = "aws/kinesis key policy (AWS managed)"
    (tmp_path / name).write_text(json.dumps(IDENTITY))
    code = main(["check", "--principal", READER, "--as", "producer", "--stream", STREAM, "--key", KEY_ID,
                 "--identity-policy", name])
    out, _ = capsys.readouterr()
    assert code == 3
    assert f"Allowed beyond its job (narrow these):\n  allowed  GetShardIterator  {name}#[1]\n" in out
    assert "by the AWS managed key" not in out and "cannot be edited" not in out
