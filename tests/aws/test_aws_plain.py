"""`--plain --from-aws` against the local AWS API server: the account's lists offered before the questions.

questionary is replaced by the plain tests' scripted fake (tests/prompts/support.py); the account
is read for real from moto_server.
"""

from __future__ import annotations

from typing import Any

import pytest
import questionary

from tests.aws.conftest import ACCOUNT, HOSTILE_SHOWN, REGION, World
from tests.prompts.support import DEFAULT, Question, Script
from wizard.prompts.flow import run_plain


@pytest.fixture
def script(monkeypatch: pytest.MonkeyPatch) -> Script:
    fake = Script()
    for kind in ("text", "autocomplete", "select", "checkbox", "confirm", "path"):
        def make(message: str, *args: Any, _kind: str = kind, **kwargs: Any) -> Question:
            return Question(fake, _kind, message, kwargs)

        monkeypatch.setattr(questionary, kind, make)
    return fake


@pytest.fixture
def account(world: World, monkeypatch: pytest.MonkeyPatch) -> World:
    world.orders()
    world.client("iam").create_role(RoleName="orders-reader", AssumeRolePolicyDocument="{}")
    for name in ("AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, world.env[name])
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.chdir(world.home)
    return world


def test_plain_from_aws_offers_the_accounts_streams_key_and_roles(account: World, script: Script,
                                                                  capsys: pytest.CaptureFixture[str]):
    key_arn = account.client("kms").describe_key(KeyId="alias/orders")["KeyMetadata"]["Arn"]
    writer = f"arn:aws:iam::{ACCOUNT}:role/svc/app-writer"
    script.steps = [
        ("Streams", ["orders"]), ("Key:", key_arn), ("Filter the roles", "/svc/"), ("Roles (1 of 2", [writer]),
        ("Add them as", "producer"),
        # The questions, each defaulting to what was picked.
        ("Region", DEFAULT), ("Account ID", DEFAULT), ("KMS key:", DEFAULT), ("KMS key identifier", DEFAULT),
        # A producer: no question about a service (only consumers are asked).
        ("Stream 1", DEFAULT), ("Stream 2", ""), ("Principal 1", DEFAULT), ("Roles of", DEFAULT),
        ("Principal 2", ""), ("Enhanced fan-out", DEFAULT), ("What now", "none"),
    ]
    run_plain(None, input=object(), from_aws=True)
    assert script.steps == []
    asked = {a.message.split(" (")[0].rstrip(":"): a.kwargs for a in script.asked}
    assert [c.value for c in asked["Streams"]["choices"]] == ["orders"]
    assert [c.title for c in asked["Key"]["choices"]] == ["choose later", "alias/orders"]
    assert asked["Account ID"]["default"] == ACCOUNT
    assert asked["KMS key identifier"]["default"] == key_arn
    assert asked["Principal 1"]["default"] == writer
    out = capsys.readouterr().out
    assert f"Account {ACCOUNT}, Region {REGION}, as arn:aws:sts::{ACCOUNT}:user/moto." in out


def test_plain_from_aws_error_is_one_line_and_the_questions_go_on(account: World, script: Script,
                                                                  monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str]):
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    script.steps = [("Region", "us-west-2")]
    with pytest.raises(AssertionError, match="the script is used up"):  # stops the flow after the first question
        run_plain(None, input=object(), from_aws=True)
    out = capsys.readouterr().out
    assert "AWS: sts:GetCallerIdentity found no AWS credentials" in out and "Going on without it." in out
    assert script.asked[0].message.startswith("Region")  # the usual questions, nothing filled in
    assert script.asked[0].kwargs["default"] == REGION  # from AWS_DEFAULT_REGION, as without --from-aws


def test_names_read_from_aws_are_offered_as_literal_one_line_text(account: World, script: Script,
                                                                  monkeypatch: pytest.MonkeyPatch):
    """moto serves a stream name with an escape sequence and role paths with markup and a newline; the alias is
    constructed (moto refuses such a name). Each choice is its text spelled out on one line."""
    account.hostile_names(monkeypatch)
    script.steps = [("Streams", []), ("Key:", "__keep__"), ("Filter the roles", ""), ("Roles (", [])]
    with pytest.raises(AssertionError, match="the script is used up"):  # stops the flow at the first question
        run_plain(None, input=object(), from_aws=True)
    asked = {a.message.split(" (")[0].rstrip(":"): a.kwargs for a in script.asked}
    titles = {c.title for name in ("Streams", "Key", "Roles") for c in asked[name]["choices"]}
    assert set(HOSTILE_SHOWN) <= titles
    assert not any("\x1b" in t or "\n" in t or "\x07" in t for t in titles)
