"""Property tests: validators never raise; any valid answers give well-formed documents within limits."""

from __future__ import annotations

import re
import string

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from wizard.core.bundle import bundle_files
from wizard.core.model import MANAGED_KEY, Answers, Principal
from wizard.core.regions import REGIONS
from wizard.core.render import render_bundle
from wizard.core.validate import check_account, check_region, parse_key, parse_principal, parse_stream, resolve

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- never raise -------------------------------------------------------------------------------

texts = st.text(max_size=300)
arnish = st.builds(lambda parts: "arn:" + ":".join(parts), st.lists(st.text(max_size=40), min_size=0, max_size=7))
anything = st.one_of(texts, arnish)


@SETTINGS
@given(anything)
def test_check_region_and_account_never_raise(value):
    assert check_region(value) is None or isinstance(check_region(value), str)
    assert check_account(value) is None or isinstance(check_account(value), str)


@SETTINGS
@given(anything, texts, texts, texts)
def test_parsers_never_raise(value, partition, region, account):
    for args in ((partition, region, account), ("aws", "us-west-2", "123456789012")):
        key, rule = parse_key(value, *args)
        assert (key is None) != (rule is None)
        stream, rule = parse_stream(value, *args)
        assert (stream is None) != (rule is None)
    principal, rule = parse_principal(value, partition, account)
    assert (principal is None) != (rule is None)


principals_any = st.lists(st.builds(Principal, anything, st.lists(texts, max_size=3).map(tuple),
                                    st.one_of(st.none(), texts, st.sampled_from(["lambda", "flink", "firehose"]))),
                          max_size=4).map(tuple)


@SETTINGS
@given(st.builds(Answers, anything, anything, anything, st.lists(anything, max_size=3).map(tuple),
                 principals_any, st.booleans()))
def test_resolve_and_render_never_raise(answers):
    resolved, problems = resolve(answers)
    assert (resolved is None) == bool(problems)
    bundle = render_bundle(answers)  # the live preview renders anything, README and manifest included
    assert bundle.ok == (not bundle.problems)
    files = bundle_files(bundle)
    assert "README.md" in files and "manifest.json" in files


# --- valid answers -----------------------------------------------------------------------------

NAME_CHARS = string.ascii_letters + string.digits + "_.-"
IAM_CHARS = string.ascii_letters + string.digits + "+=,.@_-"
UUIDS = st.uuids().map(str)
MRKS = st.text("0123456789abcdef", min_size=32, max_size=32).map(lambda h: "mrk-" + h)
accounts = st.text("0123456789", min_size=12, max_size=12)
stream_names = st.text(NAME_CHARS, min_size=1, max_size=128)
iam_names = st.text(IAM_CHARS, min_size=1, max_size=64)
paths = st.lists(st.text(IAM_CHARS, min_size=1, max_size=20), max_size=3).map(lambda p: "".join(f"{x}/" for x in p))


@st.composite
def valid_answers(draw):
    region = draw(st.sampled_from(REGIONS))
    p, code = region.partition, region.code
    account = draw(accounts)
    key_id = draw(st.one_of(UUIDS, MRKS))
    key_account = draw(st.sampled_from([account, draw(accounts)]))
    alias = "alias/" + draw(st.text(string.ascii_letters + string.digits + "/_-", min_size=1, max_size=30))
    assume(not alias.startswith("alias/aws/"))
    key = draw(st.sampled_from([
        key_id, f"arn:{p}:kms:{code}:{key_account}:key/{key_id}", alias,
        f"arn:{p}:kms:{code}:{key_account}:{alias}", MANAGED_KEY]))
    names = draw(st.lists(stream_names, min_size=1, max_size=4, unique=True))
    streams = tuple(n if draw(st.booleans()) else f"arn:{p}:kinesis:{code}:{account}:stream/{n}" for n in names)
    principals = []
    for _ in range(draw(st.integers(1, 4))):
        service = draw(st.sampled_from([None, None, "lambda", "flink", "firehose"]))
        roles = ("consumer",) if service else tuple(draw(st.lists(
            st.sampled_from(["producer", "consumer", "admin"]), min_size=1, max_size=3, unique=True)))
        if service == "flink" and draw(st.booleans()):
            roles = ("consumer", "producer")
        cross_ok = key != MANAGED_KEY and "admin" not in roles
        p_account = draw(st.sampled_from([account, draw(accounts)])) if cross_ok else account
        name = draw(iam_names)
        ref = draw(st.sampled_from([
            name, f"arn:{p}:iam::{p_account}:role/{draw(paths)}{name}", f"arn:{p}:iam::{p_account}:user/{name}"]))
        principals.append(Principal(ref, roles, service))
    answers = Answers(code, account, key, streams, tuple(principals), draw(st.booleans()))
    _resolved, problems = resolve(answers)
    assume(not problems)  # e.g. one role named twice for two services
    return answers


SID = re.compile(r"[A-Za-z0-9]+")
ACCOUNT_LEVEL = {"kms:ListAliases", "kms:ListKeys"}


def allowed_resources(r):
    streams = {s.arn for s in r.streams}
    consumers = {f"{s}/consumer/*" for s in streams}
    key_base = f"arn:{r.partition}:kms:{r.region}:{r.key.account}:key/"
    return streams, consumers, key_base


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(valid_answers())
def test_valid_answers_give_well_formed_documents(answers):
    bundle = render_bundle(answers)
    assert bundle.ok, bundle.problems
    r = bundle.resolved
    streams, consumers, key_base = allowed_resources(r)
    for doc in bundle.documents:
        assert doc.size <= doc.limit
        if doc.unit == "characters":  # measured independently: the file without any whitespace
            assert len(re.sub(r"\s", "", doc.text)) <= 6144
        else:
            assert len(doc.text.encode()) <= {"key": 32768, "stream": 20480, "consumer": 20480}[doc.kind]
        assert doc.text.endswith("}\n") and doc.text.startswith('{\n  "Version": "2012-10-17"')
        for stmt in doc.body["Statement"]:
            assert SID.fullmatch(stmt["Sid"])
            resources = stmt["Resource"] if isinstance(stmt["Resource"], list) else [stmt["Resource"]]
            for res in resources:
                if doc.kind == "key":
                    assert res == "*"  # a key policy's Resource is always the key itself
                elif res == "*":
                    assert set(stmt["Action"]) <= ACCOUNT_LEVEL, stmt
                elif res.startswith(key_base):
                    key_id = res[len(key_base):]
                    assert key_id == "*" or (r.key.arn == res), res
                    assert all(a.startswith("kms:") or a in ("kinesis:StartStreamEncryption",
                                                              "kinesis:StopStreamEncryption") for a in stmt["Action"])
                elif doc.kind == "consumer":  # exactly the consumer registered for this reader on this stream
                    assert res == f"{doc.stream.arn}/consumer/{doc.consumer}:CREATION_TIMESTAMP", res
                else:
                    assert res in streams or res in consumers, res
            assert all(a.split(":")[0] in ("kinesis", "kms") for a in stmt["Action"])
            for value in str(stmt).split("'"):
                if value.startswith("arn:"):
                    assert value.split(":")[1] == r.partition, value
