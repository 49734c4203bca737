"""Every validator on valid and invalid values, and the refusals' wording: field, value, rule."""

from __future__ import annotations

import pytest

from wizard.core.model import Answers, Principal
from wizard.core.problems import Problem
from wizard.core.regions import REGIONS
from wizard.core.validate import check_account, check_region, parse_key, parse_principal, parse_stream, resolve

UUID = "1234abcd-12ab-34cd-56ef-1234567890ab"
MRK = "mrk-1234abcd12ab34cd56ef1234567890ab"
ACCT = "123456789012"
OTHER = "444455556666"


# --- region ------------------------------------------------------------------------------------

@pytest.mark.parametrize("region", ["us-west-2", "cn-north-1", "cn-northwest-1", "us-gov-west-1",
                                    "us-gov-east-1", "eu-isoe-west-1", "us-isob-east-1", "eusc-de-east-1",
                                    "ap-southeast-7", "mx-central-1"])
def test_region_valid(region):
    assert check_region(region) is None


def test_every_listed_region_is_valid_and_maps_to_its_partition():
    from wizard.core.regions import partition_of

    for region in REGIONS:
        assert check_region(region.code) is None
        assert partition_of(region.code) == region.partition
    assert {r.partition for r in REGIONS} >= {"aws", "aws-cn", "aws-us-gov"}


@pytest.mark.parametrize("region", ["", "US-WEST-2", "us-west-9", "uswest2", "us-west-2 ", "cn-north-1.",
                                    "us-gov-west", "eu-west-1\n", "région", "us'west"])
def test_region_invalid(region):
    assert check_region(region)


# --- account -----------------------------------------------------------------------------------

@pytest.mark.parametrize("account", [ACCT, "000000000000"])
def test_account_valid(account):
    assert check_account(account) is None


@pytest.mark.parametrize("account", ["12345", "1234567890123", "12345678901a", "١٢٣٤٥٦٧٨٩٠١٢",
                                     "'123456789012'", "1234-5678-9012"])
def test_account_invalid(account):
    assert check_account(account) == "an AWS account ID is exactly 12 digits"


def test_account_missing():
    assert "12-digit" in check_account("")


# --- key ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "partition", "region", "kind", "arn"), [
    (UUID, "aws", "us-west-2", "key-id", f"arn:aws:kms:us-west-2:{ACCT}:key/{UUID}"),
    (MRK, "aws-cn", "cn-north-1", "key-id", f"arn:aws-cn:kms:cn-north-1:{ACCT}:key/{MRK}"),
    (f"arn:aws-us-gov:kms:us-gov-west-1:{ACCT}:key/{UUID}", "aws-us-gov", "us-gov-west-1", "key-arn",
     f"arn:aws-us-gov:kms:us-gov-west-1:{ACCT}:key/{UUID}"),
    (f"arn:aws:kms:us-west-2:{OTHER}:key/{MRK}", "aws", "us-west-2", "key-arn",
     f"arn:aws:kms:us-west-2:{OTHER}:key/{MRK}"),
    ("alias/orders", "aws", "us-west-2", "alias", None),
    ("alias/team/orders_key-1", "aws", "us-west-2", "alias", None),
    (f"arn:aws:kms:us-west-2:{ACCT}:alias/orders", "aws", "us-west-2", "alias-arn", None),
    ("alias/aws/kinesis", "aws", "us-west-2", "managed", None),
    (f"arn:aws-cn:kms:cn-north-1:{ACCT}:alias/aws/kinesis", "aws-cn", "cn-north-1", "managed", None),
])
def test_key_valid(value, partition, region, kind, arn):
    key, rule = parse_key(value, partition, region, ACCT)
    assert rule is None and key is not None
    assert key.kind == kind and key.arn == arn


@pytest.mark.parametrize(("value", "words"), [
    ("", "choose the stream's KMS key"),
    (UUID.upper(), "lowercase hex"),
    ("MRK-1234ABCD12AB34CD56EF1234567890AB", "lowercase hex"),
    ("mrk-1234abcd", "lowercase hex"),
    ("1234abcd-12ab-34cd-56ef", "not a KMS key identifier"),
    ("alias/aws/s3", "alias/aws/ belong to AWS managed keys"),
    ("alias/", "alias name is alias/ followed by"),
    ("alias/has space", "alias name is alias/ followed by"),
    ("alias/ünïcode", "alias name is alias/ followed by"),
    ("alias/" + "a" * 251, "at most 256 characters"),
    (f"arn:aws-cn:kms:us-west-2:{ACCT}:key/{UUID}", "partition aws"),
    (f"arn:aws:kms:us-east-1:{ACCT}:key/{UUID}", "Region us-west-2"),
    (f"arn:aws:kms:us-west-2:12345:key/{UUID}", "exactly 12 digits"),
    (f"arn:aws:kms:us-west-2:{ACCT}:key/not-a-key", "a key ARN ends in key/"),
    (f"arn:aws:kms:us-west-2:{ACCT}:grant/x", "ends in key/KEY_ID or alias/NAME"),
    (f"arn:aws:kms:us-west-2:{OTHER}:alias/aws/kinesis", "stream's own account"),
    (f"arn:aws:s3:::bucket/{UUID}", "not a KMS key identifier"),
    ('"' + UUID + '"', "not a KMS key identifier"),
])
def test_key_invalid(value, words):
    key, rule = parse_key(value, "aws", "us-west-2", ACCT)
    assert key is None and rule and words in rule, rule


# --- streams -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "partition", "region", "name"), [
    ("MyStream", "aws", "us-west-2", "MyStream"),
    ("a", "aws", "us-west-2", "a"),
    ("x" * 128, "aws", "us-west-2", "x" * 128),
    ("orders_v2.raw-1", "aws-cn", "cn-north-1", "orders_v2.raw-1"),
    (f"arn:aws-cn:kinesis:cn-north-1:{ACCT}:stream/orders", "aws-cn", "cn-north-1", "orders"),
    (f"arn:aws-us-gov:kinesis:us-gov-west-1:{ACCT}:stream/orders", "aws-us-gov", "us-gov-west-1", "orders"),
])
def test_stream_valid(value, partition, region, name):
    stream, rule = parse_stream(value, partition, region, ACCT)
    assert rule is None and stream is not None
    assert stream.name == name
    assert stream.arn == f"arn:{partition}:kinesis:{region}:{ACCT}:stream/{name}"


@pytest.mark.parametrize(("value", "words"), [
    ("", "cannot be empty"),
    ("x" * 129, "at most 128 characters; this one has 129"),
    ("my stream", "1 to 128 letters"),
    ("strëam", "1 to 128 letters"),
    ("a'b", "1 to 128 letters"),
    ('a"b', "1 to 128 letters"),
    ("orders/*", "1 to 128 letters"),
    (f"arn:aws:kinesis:us-west-2:{ACCT}:MyStream", "without 'stream/'"),
    ("arn:aws:kinesis:*:123456789012:MyStream", "without 'stream/'"),  # the seed's ARN
    (f"arn:aws:kinesis:us-west-2:{OTHER}:stream/orders", f"account {ACCT}"),
    (f"arn:aws:kinesis:us-east-1:{ACCT}:stream/orders", "Region us-west-2"),
    (f"arn:aws-cn:kinesis:us-west-2:{ACCT}:stream/orders", "partition aws"),
    (f"arn:aws:kinesis:us-west-2:{ACCT}:stream/orders/consumer/c:1", "1 to 128 letters"),
    (f"arn:aws:kinesis:us-west-2:{ACCT}:stream/" + "x" * 129, "at most 128"),
    (f"arn:aws:firehose:us-west-2:{ACCT}:deliverystream/orders", "kinesis ARN"),
])
def test_stream_invalid(value, words):
    stream, rule = parse_stream(value, "aws", "us-west-2", ACCT)
    assert stream is None and rule and words in rule, rule


# --- principals --------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "partition", "arn", "account", "kind", "name"), [
    ("orders-producer", "aws", f"arn:aws:iam::{ACCT}:role/orders-producer", ACCT, "role", "orders-producer"),
    ("a" * 64, "aws", f"arn:aws:iam::{ACCT}:role/{'a' * 64}", ACCT, "role", "a" * 64),
    ("x+=,.@_-1", "aws-cn", f"arn:aws-cn:iam::{ACCT}:role/x+=,.@_-1", ACCT, "role", "x+=,.@_-1"),
    (f"arn:aws:iam::{ACCT}:role/application_abc/component_xyz/RDSAccess", "aws",
     f"arn:aws:iam::{ACCT}:role/application_abc/component_xyz/RDSAccess", ACCT, "role", "RDSAccess"),
    (f"arn:aws:iam::{ACCT}:role/aws-reserved/sso.amazonaws.com/us-west-2/AWSReservedSSO_Admin_1a2b", "aws",
     f"arn:aws:iam::{ACCT}:role/aws-reserved/sso.amazonaws.com/us-west-2/AWSReservedSSO_Admin_1a2b", ACCT, "role",
     "AWSReservedSSO_Admin_1a2b"),
    (f"arn:aws-us-gov:iam::{OTHER}:role/reader", "aws-us-gov", f"arn:aws-us-gov:iam::{OTHER}:role/reader",
     OTHER, "role", "reader"),
    (f"arn:aws:iam::{ACCT}:user/alice", "aws", f"arn:aws:iam::{ACCT}:user/alice", ACCT, "user", "alice"),
    (f"arn:aws:iam::{ACCT}:user/division/alice", "aws", f"arn:aws:iam::{ACCT}:user/division/alice", ACCT,
     "user", "alice"),
])
def test_principal_valid(value, partition, arn, account, kind, name):
    parsed, rule = parse_principal(value, partition, ACCT)
    assert rule is None
    assert parsed == (arn, account, kind, name)


@pytest.mark.parametrize(("value", "words"), [
    ("", "give an IAM role name"),
    ("a" * 65, "at most 64 characters; this one has 65"),
    ("has space", "1 to 64 letters"),
    ("rôle", "1 to 64 letters"),
    ("it's", "1 to 64 letters"),
    ('say"hi"', "1 to 64 letters"),
    ("*", "1 to 64 letters"),
    (f"arn:aws:iam::{ACCT}:role/*", "wildcards"),
    (f"arn:aws:iam::{ACCT}:role/app-?", "wildcards"),
    (f"arn:aws:iam::{ACCT}:role/" + "a" * 65, "1 to 64 letters"),
    (f"arn:aws-cn:iam::{ACCT}:role/app", "partition aws"),
    (f"arn:aws:iam:us-west-2:{ACCT}:role/app", "IAM ARNs have no Region"),
    ("arn:aws:iam::12345:role/app", "exactly 12 digits"),
    (f"arn:aws:iam::{ACCT}:group/devs", "give an IAM role name"),
    (f"arn:aws:iam::{ACCT}:root", "give an IAM role name"),
    (f"arn:aws:sts::{ACCT}:assumed-role/app/session",
     "is a session of the role app (as aws sts get-caller-identity prints it); give the role's ARN: "
     f"arn:aws:iam::{ACCT}:role/app, with its path if it has one (or the name app alone if it has none)"),
    # pasted with a stray '/' after the session: the role is still the name right after assumed-role/
    (f"arn:aws:sts::{ACCT}:assumed-role/app/session/", f"is a session of the role app (as aws sts "
     f"get-caller-identity prints it); give the role's ARN: arn:aws:iam::{ACCT}:role/app,"),
    (f"arn:aws:iam::{ACCT}:role/", "give an IAM role name"),
    (f"arn:aws:iam::{ACCT}:role/path with space/app", "IAM path"),
    (f"arn:aws:iam::{ACCT}:role/pâth/app", "IAM path"),
])
def test_principal_invalid(value, words):
    parsed, rule = parse_principal(value, "aws", ACCT)
    assert parsed is None and rule and words in rule, rule


# --- the whole set: every problem at once, each naming field, value and rule ---------------------

def test_problem_text_names_field_value_and_rule():
    assert str(Problem("account", "12345", "an AWS account ID is exactly 12 digits")) == \
        "account '12345': an AWS account ID is exactly 12 digits"
    assert str(Problem("stream", "", "give at least one stream, by name or ARN")) == \
        "stream: give at least one stream, by name or ARN"


def test_all_problems_reported_at_once():
    answers = Answers(
        region="us-west-9", account="12345", key="alias/aws/s3",
        streams=("ok-stream", "x" * 129, "arn:aws:kinesis:us-west-2:123456789012:MyStream"),
        principals=(Principal("a" * 65, ("producer",)), Principal("reader's", ("consumer",)),
                    Principal("boss*", ("admin",)), Principal("fine", ("producer",))),
    )
    resolved, problems = resolve(answers)
    assert resolved is None
    texts = [str(p) for p in problems]
    assert [p.field for p in problems] == ["region", "account", "key", "stream", "stream",
                                           "producer", "consumer", "admin"]
    assert texts[0].startswith("region 'us-west-9': no Region matches 'us-west-9'; did you mean us-west-")
    assert texts[1] == "account '12345': an AWS account ID is exactly 12 digits"
    assert texts[2].startswith("key 'alias/aws/s3': aliases beginning alias/aws/")
    assert texts[3] == f"stream '{'x' * 129}': a stream name has at most 128 characters; this one has 129"
    assert "without 'stream/' it matches no stream" in texts[4]
    assert texts[5] == f"producer '{'a' * 65}': an IAM role name has at most 64 characters; this one has 65"
    assert texts[6].startswith("consumer \"reader's\": ")
    assert texts[7].startswith("admin 'boss*': ")
    for p in problems:  # no placeholder leaks into a refusal
        assert "<" not in p.rule, p


def test_a_refused_region_is_not_reported_again_by_every_arn():
    answers = Answers(region="nope", account="12", key=f"arn:aws:kms:us-west-2:{ACCT}:key/{UUID}",
                      streams=(f"arn:aws:kinesis:us-west-2:{ACCT}:stream/S",),
                      principals=(Principal(f"arn:aws:iam::{ACCT}:role/x", ("producer",)),))
    _resolved, problems = resolve(answers)
    assert [p.field for p in problems] == ["region", "account"]


def test_unicode_and_quotes_reach_the_message_intact():
    _resolved, problems = resolve(Answers("us-west-2", ACCT, UUID, ("strëam\"1",), (Principal("p", ("producer",)),)))
    assert [str(p) for p in problems] == [
        "stream 'strëam\"1': a stream name is 1 to 128 letters, digits, '_', '.' or '-'"]


@pytest.mark.parametrize("key", ["alias/aws/kinesis", f"arn:aws:kms:us-west-2:{ACCT}:alias/aws/kinesis"])
@pytest.mark.parametrize("flag", ["producer", "consumer"])
def test_cross_account_principal_with_managed_key_is_refused_with_why(key, flag):
    answers = Answers("us-west-2", ACCT, key, ("s",), (Principal(f"arn:aws:iam::{OTHER}:role/x", (flag,)),))
    resolved, problems = resolve(answers)
    assert resolved is None
    assert len(problems) == 1
    text = str(problems[0])
    assert text.startswith(f"{flag} 'arn:aws:iam::{OTHER}:role/x': is in account {OTHER}")
    assert "cannot be shared with other accounts" in text and "key policy cannot be edited" in text


def test_cross_account_admin_is_refused():
    answers = Answers("us-west-2", ACCT, UUID, ("s",), (Principal(f"arn:aws:iam::{OTHER}:role/x", ("admin",)),))
    _r, problems = resolve(answers)
    assert [p.field for p in problems] == ["admin"]


def test_missing_answers_are_named():
    _r, problems = resolve(Answers())
    assert [p.field for p in problems] == ["region", "account", "key", "stream", "principal"]


@pytest.mark.parametrize(("principal", "words"), [
    (Principal("r", ()), "choose at least one role"),
    (Principal("r", ("reader",)), "unknown role 'reader'"),
    (Principal("r", ("consumer",), "kafka"), "unknown service 'kafka'"),
    (Principal("r", ("producer",), "lambda"), "needs the consumer role"),
    (Principal("r", ("consumer", "producer"), "firehose"), "does not write"),
])
def test_roles_and_services(principal, words):
    _r, problems = resolve(Answers("us-west-2", ACCT, UUID, ("s",), (principal,)))
    assert len(problems) == 1 and words in problems[0].rule


def test_duplicates_merge_and_conflicting_services_are_refused():
    same = (Principal("r", ("producer",)), Principal(f"arn:aws:iam::{ACCT}:role/r", ("consumer",)))
    resolved, problems = resolve(Answers("us-west-2", ACCT, UUID, ("s", "s"), same))
    assert not problems
    assert len(resolved.streams) == 1
    assert [p.roles for p in resolved.principals] == [("producer", "consumer")]
    two = (Principal("r", ("consumer",), "lambda"), Principal("r", ("consumer",), "flink"))
    _r, problems = resolve(Answers("us-west-2", ACCT, UUID, ("s",), two))
    assert len(problems) == 1 and "one role reads for one service" in problems[0].rule


# --- principals: what AWS would refuse or misread ---------------------------------------------------

@pytest.mark.parametrize("value", ["210987654321", ACCT])
def test_a_bare_account_id_is_not_a_principal(value):
    parsed, rule = parse_principal(value, "aws", ACCT)
    assert parsed is None
    assert rule.startswith("is an account ID, and an account is not a principal this tool grants to; give the "
                           "role's name or ARN")
    _r, problems = resolve(Answers("us-west-2", ACCT, UUID, ("s",), (Principal(value, ("consumer",)),)))
    assert [str(p) for p in problems] == [f"consumer '{value}': {rule}"]


def test_a_role_named_with_twelve_digits_is_given_by_its_arn():
    parsed, rule = parse_principal(f"arn:aws:iam::{ACCT}:role/210987654321", "aws", ACCT)
    assert rule is None and parsed[3] == "210987654321"


@pytest.mark.parametrize(("service", "flag", "who"), [
    ("lambda", "lambda-consumer", "AWS Lambda runs a function with its execution role"),
    ("flink", "flink-consumer", "Managed Service for Apache Flink runs an application"),
    ("firehose", "firehose-consumer", "Amazon Data Firehose reads a source stream with its delivery role"),
])
def test_a_service_role_must_be_a_role_not_a_user(service, flag, who):
    user = f"arn:aws:iam::{ACCT}:user/alice"
    _r, problems = resolve(Answers("us-west-2", ACCT, UUID, ("s",), (Principal(user, ("consumer",), service),)))
    assert len(problems) == 1
    assert problems[0].field == flag and problems[0].value == user
    assert problems[0].rule.startswith(f"is an IAM user, but {who}") and "give the name or ARN of that role" in \
        problems[0].rule


def test_a_service_user_on_the_command_line_exits_2(capsys):
    from wizard.cli import main

    user = f"arn:aws:iam::{ACCT}:user/alice"
    code = main(["generate", "--region", "us-west-2", "--account", ACCT, "--key", UUID, "--stream", "s",
                 "--lambda-consumer", user, "--print", "readme"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert f"  lambda-consumer '{user}': is an IAM user, but AWS Lambda" in err
    assert "attach-user-policy" not in out


@pytest.mark.parametrize("value", [f"arn:aws:sts::{ACCT}:role/app", f"arn:aws:kinesis::{ACCT}:role/app",
                                   f"arn:aws:iam-x::{ACCT}:role/app"])
def test_a_principal_arn_is_an_iam_arn(value):
    parsed, rule = parse_principal(value, "aws", ACCT)
    assert parsed is None and rule.startswith("give an IAM role name")


@pytest.mark.parametrize(("length", "ok"), [(512, True), (513, False)])
def test_iam_path_of_512_characters_and_one_more(length, ok):
    path = "/" + "p" * (length - 2) + "/"
    assert len(path) == length
    _parsed, rule = parse_principal(f"arn:aws:iam::{ACCT}:role{path}app", "aws", ACCT)
    assert (rule is None) is ok
    if not ok:
        assert rule == "an IAM path is at most 512 printable ASCII characters, at least one between its slashes"


@pytest.mark.parametrize("alias", ["alias/bad name", "alias/", "alias/ünï", "alias/aws/other"])
def test_alias_arn_with_a_bad_alias_name(alias):
    key, rule = parse_key(f"arn:aws:kms:us-west-2:{ACCT}:{alias}", "aws", "us-west-2", ACCT)
    assert key is None and rule and ("alias name is alias/ followed by" in rule or "alias/aws/" in rule)


@pytest.mark.parametrize("order", ["plain-first", "service-first"])
def test_one_role_with_and_without_a_service_is_one_principal_reading_for_that_service(order):
    plain, lam = Principal("r", ("consumer", "producer")), Principal(f"arn:aws:iam::{ACCT}:role/r", ("consumer",),
                                                                      "lambda")
    given = (plain, lam) if order == "plain-first" else (lam, plain)
    resolved, problems = resolve(Answers("us-west-2", ACCT, UUID, ("s",), given))
    assert not problems
    (p,) = resolved.principals
    assert p.service == "lambda" and p.roles == ("producer", "consumer")


def test_every_principal_is_checked_so_every_problem_is_reported_at_once():
    given = (Principal("r1", ("consumer",), "kafka"), Principal("r2", ("reader",)), Principal("r3", ()),
             Principal(f"arn:aws:iam::{ACCT}:user/u", ("consumer",), "flink"), Principal("210987654321", ("admin",)),
             Principal("fine", ("producer",)))
    _r, problems = resolve(Answers("us-west-2", ACCT, UUID, ("s",), given))
    assert [(p.field, p.value) for p in problems] == [
        ("consumer", "r1"), ("principal", "r2"), ("principal", "r3"), ("flink-consumer", f"arn:aws:iam::{ACCT}:user/u"),
        ("admin", "210987654321")]


# --- control and bidi characters: refused in every field, named, shown escaped --------------------

HOSTILE = ["\x1b]52;c;aGVsbG8=\x07", "\x1b]0;owned\x1b\\", "\x1b[31m", "\x9b2J", "\x9d0;t\x9c", "\u202e",
           "\u2066", "\x00", "\x7f", "\u200b", "\n", "\x85", "\u2028"]


def answers_with(field: str, bad: str, region: str = "us-west-2") -> Answers:
    """The seed's answers with `bad` put into one field, at its start, middle and end."""
    base = {"region": region, "account": ACCT, "key": f"arn:aws:kms:us-west-2:{ACCT}:key/{UUID}",
            "streams": (f"arn:aws:kinesis:us-west-2:{ACCT}:stream/S",),
            "principals": (Principal(f"arn:aws:iam::{ACCT}:role/p", ("producer",)),)}
    if field in ("region", "account", "key"):
        base[field] = base[field][:5] + bad + base[field][5:]
    elif field == "stream":
        base["streams"] = (f"arn:aws:kinesis:us-west-2:{ACCT}:stream/S{bad}",)
    elif field == "producer":
        base["principals"] = (Principal(f"arn:{bad}aws:iam::{ACCT}:role/p", ("producer",)),)
    elif field == "role":
        base["principals"] = (Principal("p", ("producer" + bad,)),)
    elif field == "service":
        base["principals"] = (Principal("p", ("consumer",), "lambda" + bad),)
    elif field == "consumer_name":
        base["principals"] = (Principal(f"arn:aws:iam::{OTHER}:role/r", ("consumer",), None, "c" + bad),)
    return Answers(**base)


# Ids spell each character's code point: ids holding the characters themselves (escaped by pytest) cannot be
# chosen again by node id in-process, which mutation runs do.
@pytest.mark.parametrize("bad", HOSTILE, ids=lambda s: " ".join(c if c.isalnum() else f"U+{ord(c):04X}" for c in s))
@pytest.mark.parametrize("field", ["region", "account", "key", "stream", "producer", "role", "service",
                                   "consumer_name"])
@pytest.mark.parametrize("region", ["us-west-2", ""], ids=["region answered", "region missing"])
def test_control_and_bidi_characters_are_refused_by_name(field, bad, region):
    if field == "region" and region == "":
        region = bad
    answers = answers_with(field, bad, region)
    resolved, problems = resolve(answers)
    assert resolved is None
    named = [p for p in problems if "a control or bidi character; answers are plain text" in p.rule
             or "a role, service or consumer name contains" in p.rule]
    assert named, problems
    for problem in problems:
        text = str(problem)
        assert text.isprintable(), text  # shown escaped: nothing reaches the terminal raw
        assert "\x1b" not in text and "\u202e" not in text


# Ids spell each character's code point: ids holding the characters themselves (escaped by pytest) cannot be
# chosen again by node id in-process, which mutation runs do.
@pytest.mark.parametrize("bad", HOSTILE, ids=lambda s: " ".join(c if c.isalnum() else f"U+{ord(c):04X}" for c in s))
def test_typed_checks_refuse_control_characters_too(bad):
    from wizard.core.fields import ACCOUNT, KEY, PRINCIPALS, REGION, STREAMS

    blank, answered = Answers(), Answers(region="us-west-2", account=ACCT)
    for spec, value in ((REGION, "us-west-2"), (ACCOUNT, ACCT), (KEY, UUID), (STREAMS, "S"), (PRINCIPALS, "p")):
        for answers in (blank, answered):
            for where in (value + bad, bad + value, value[:1] + bad + value[1:]):
                rule = spec.check(where, answers)
                assert rule and "a control or bidi character" in rule, (spec.name, where, rule)


def test_the_refusal_says_which_character_and_where():
    _r, problems = resolve(answers_with("account", "\x1b]52;c;aGk=\x07"))
    assert str(problems[0]) == ("account '12345\\x1b]52;c;aGk=\\x076789012': contains ^[ at character 6, "
                                "a control or bidi character; answers are plain text")


@pytest.mark.parametrize(("value", "field", "words"), [
    (f"arn:aws-fake:kms:us-west-2:{ACCT}:key/{UUID}", "key", "names partition 'aws-fake'"),
    (f"arn:aws:kms:mars-north-1:{ACCT}:key/{UUID}", "key", "names Region 'mars-north-1', which is not a Region"),
    (f"arn:aws-cn:kms:us-west-2:{ACCT}:key/{UUID}", "key", "not a Region of partition aws-cn"),
    (f"arn:aws:kinesis:nowhere:{ACCT}:stream/S", "stream", "names Region 'nowhere'"),
    (f"arn:aws-x:kinesis:us-west-2:{ACCT}:stream/S", "stream", "names partition 'aws-x'"),
    (f"arn:aws-x:iam::{ACCT}:role/p", "producer", "names partition 'aws-x'"),
])
def test_arn_places_are_checked_when_the_region_is_missing(value, field, words):
    answers = answers_with("none", "", region="")
    if field == "key":
        answers = Answers(**{**answers.__dict__, "key": value})
    elif field == "stream":
        answers = Answers(**{**answers.__dict__, "streams": (value,)})
    else:
        answers = Answers(**{**answers.__dict__, "principals": (Principal(value, ("producer",)),)})
    _r, problems = resolve(answers)
    assert [p.field for p in problems] == ["region", field]
    assert words in problems[1].rule
    typed = {"key": "key", "stream": "streams", "producer": "principals"}[field]
    from wizard.core.fields import KEY, PRINCIPALS, STREAMS

    spec = {"key": KEY, "streams": STREAMS, "principals": PRINCIPALS}[typed]
    assert words in (spec.check(value, Answers()) or "")


@pytest.mark.parametrize(("typed", "meant"), [("us-wset-2", "us-west-2"), ("eu-west1", "eu-west-1"),
                                              ("Oregon", "us-west-2"), ("cn-nort-1", "cn-north-1"),
                                              # the start of a code: its first Region, not its nearest spelling
                                              ("ap-south", "ap-south-1"), ("ap-south-", "ap-south-1"),
                                              ("ap-southeast", "ap-southeast-1"), ("eu-central", "eu-central-1"),
                                              ("us-isob-east", "us-isob-east-1")])
def test_a_region_typo_names_the_region_meant(typed: str, meant: str) -> None:
    from wizard.core.regions import closest_region

    assert closest_region(typed) == meant
    assert check_region(typed) == f"no Region matches {typed!r}; did you mean {meant}?"


def test_nothing_close_is_not_guessed() -> None:
    from wizard.core.regions import closest_region

    assert closest_region("xyz") is None
    assert check_region("xyz").startswith("no Region matches 'xyz'; give one of the Regions of aws,")


def test_place_and_name_refusals_say_each_thing_once() -> None:
    """Not 'the stream must be in Region X, the stream's Region', nor a role name offered twice."""
    _, rule = parse_stream("arn:aws:kinesis:us-east-1:123456789012:stream/orders", "aws", "eu-central-1",
                           "123456789012")
    assert rule == "the stream must be in Region eu-central-1 (the one chosen), not 'us-east-1'"
    _, rule = parse_stream("arn:aws:kinesis:eu-central-1:210987654321:stream/orders", "aws", "eu-central-1",
                           "123456789012")
    assert rule == "the stream must be in account 123456789012 (the one chosen), not 210987654321"
    _, rule = parse_key("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", "aws",
                        "eu-central-1", "123456789012")
    assert rule == "the key must be in Region eu-central-1 (the stream's), not 'us-east-1'"
    _, rule = parse_principal("has space", "aws", "123456789012")
    assert rule is not None and rule.count("role name") == 1
    assert rule == ("an IAM role name is 1 to 64 letters, digits and + = , . @ _ -; or give a role ARN "
                    "(arn:PARTITION:iam::ACCOUNT:role/PATH/NAME) or a user ARN (arn:PARTITION:iam::ACCOUNT:user/NAME)")


def test_a_session_of_a_role_that_cannot_exist_gets_no_role_suggested() -> None:
    """The session hint repeats the role's name: only a name IAM allows, so a huge or hostile one is not echoed."""
    from wizard.core.validate import parse_principal

    _, rule = parse_principal(f"arn:aws:sts::{ACCT}:assumed-role/" + "a" * 100_000 + "/s", "aws", ACCT)
    assert rule is not None and len(rule) < 300 and "session" not in rule
    _, rule = parse_principal(f"arn:aws:sts::{ACCT}:assumed-role/app/s", "aws", ACCT)
    assert rule is not None and f"arn:aws:iam::{ACCT}:role/app," in rule
    _, rule = parse_principal("arn:aws:sts::12345:assumed-role/app/s", "aws", ACCT)
    assert rule is not None and "session" not in rule  # no account to name


def test_a_long_principal_name_that_is_not_a_name_gets_the_rule_for_names_not_for_length():
    """Over 64 characters with a space early on: the trouble is the characters, so the rule says what a name may
    hold, not only that it is too long (which would send the user to shorten it and fail again)."""
    from wizard.core.validate import parse_principal

    _, rule = parse_principal("orders writer" + "x" * 70, "aws", "123456789012")
    assert rule and rule.startswith("an IAM role name is 1 to 64 letters"), rule
    _, rule = parse_principal("x" * 70, "aws", "123456789012")
    assert rule == "an IAM role name has at most 64 characters; this one has 70"


@pytest.mark.parametrize(("resource", "name"), [
    ("role/app", "app"),  # the path "/"
    ("role/team/app", "app"),
    ("role///app", "app"),  # the path "///": one character ("/") between its slashes, as CreateRole allows
    ("user/ops/dev", "dev"),
    ("role/team//app", "app"),  # the path "/team//": its middle may hold slashes
    ("role//app", None),  # the path "//" is no path IAM allows, so no role has this ARN
    ("user//dev", None),
])
def test_an_arn_whose_path_iam_refuses_names_no_principal(resource, name):
    """IAM paths are "/" or "/", one or more printable characters, "/" (CreateRole's Path pattern): an ARN with an
    empty path segment names no role or user, so policies naming it would grant to nobody."""
    parsed, rule = parse_principal(f"arn:aws:iam::{ACCT}:{resource}", "aws", ACCT)
    assert (parsed[3] if parsed else None) == name
    if name is None:
        assert rule == "an IAM path is at most 512 printable ASCII characters, at least one between its slashes"
