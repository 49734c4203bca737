"""A real local AWS API server (moto_server) for the AWS features, and an account laid out on it.

One server per test session on a free loopback port; each test starts from an empty server
(POST /moto-api/reset). The tool runs as a user would run it: the installed CLI in a
subprocess, with AWS_ENDPOINT_URL pointing at the server, and results are read back with boto3.
Accounts: credentials from STS AssumeRole into a role ARN of another account act in that
account (moto ties access keys to accounts). Denials: POST /moto-api/reset-auth makes moto
enforce IAM policies for the access keys it issued.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ACCOUNT = "123456789012"
OTHER = "444455556666"
REGION = "us-west-2"
# World.hostile_names's stream, roles and alias, each as a row or choice must show it: spelled out, on one line.
HOSTILE_SHOWN = ("evil^[]52;c;aGk=^G[b]x", "/ops/[bold red]x[/]/styled", "/a^Jb/split", "alias/^[[2J[reverse]k")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# Generous bounds, never expectations: on a shared two-core machine under load the server can take
# many seconds to import and to answer; these only stop a test that would otherwise hang.
START_DEADLINE = 120.0
REQUEST_TIMEOUT = 60.0
CLI_TIMEOUT = 300.0


def _post(url: str, body: bytes = b"") -> None:
    request = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": "text/plain"})
    with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:
        response.read()


def _start(log: Path) -> tuple[subprocess.Popen[bytes], str] | None:
    """moto_server on a free loopback port, once it answers; None when it exited (the port was taken meanwhile)."""
    port = _free_port()
    with open(log, "ab") as out:
        server = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                                  stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_DEADLINE
    while time.monotonic() < deadline:
        if server.poll() is not None:
            return None
        try:
            with urllib.request.urlopen(f"{url}/moto-api/data.json", timeout=REQUEST_TIMEOUT):
                return server, url
        except OSError:
            time.sleep(0.1)
    server.kill()
    server.wait()
    pytest.fail(f"moto_server did not answer on {url} within {START_DEADLINE:.0f} s")


@pytest.fixture(scope="session")
def moto_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if importlib.util.find_spec("moto") is None or importlib.util.find_spec("boto3") is None:
        message = "moto[server] and boto3 are not installed: pip install -e '.[test,aws]'"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI installs them: a missing install must not pass as a skip
        pytest.skip(message)
    log = tmp_path_factory.mktemp("moto") / "moto_server.log"
    for _attempt in range(3):
        started = _start(log)
        if started is not None:
            break
    else:
        pytest.fail(f"moto_server exited: {log.read_text(errors='replace')[-2000:]}")
    server, url = started
    try:
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


@dataclass
class World:
    """The local server, an environment for the CLI, and boto3 sessions to set up and read back."""

    url: str
    home: Path
    env: dict[str, str] = field(default_factory=dict)

    def session(self, credentials: dict[str, str] | None = None) -> Any:
        import boto3

        creds = credentials or {"AccessKeyId": "testing", "SecretAccessKey": "testing"}
        return boto3.Session(aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
                             aws_session_token=creds.get("SessionToken"), region_name=REGION)

    def client(self, service: str, credentials: dict[str, str] | None = None) -> Any:
        return self.session(credentials).client(service, endpoint_url=self.url)

    def assume(self, account: str, role: str = "deployer") -> dict[str, str]:
        """Credentials that act in `account` (moto ties the keys AssumeRole returns to the role's account)."""
        found = self.client("sts").assume_role(RoleArn=f"arn:aws:iam::{account}:role/{role}",
                                               RoleSessionName="tests")["Credentials"]
        return {k: found[k] for k in ("AccessKeyId", "SecretAccessKey", "SessionToken")}

    def env_for(self, credentials: dict[str, str] | str | None) -> dict[str, str]:
        """The CLI's environment with these credentials; "testing" for the default account's, None for none."""
        env = dict(self.env)
        if credentials == "testing":
            return env
        if credentials is None:
            for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
                env.pop(name, None)
            return env
        assert isinstance(credentials, dict)
        env.update(AWS_ACCESS_KEY_ID=credentials["AccessKeyId"], AWS_SECRET_ACCESS_KEY=credentials["SecretAccessKey"])
        if credentials.get("SessionToken"):
            env["AWS_SESSION_TOKEN"] = credentials["SessionToken"]
        else:
            env.pop("AWS_SESSION_TOKEN", None)
        return env

    def cli(self, *args: str, credentials: dict[str, str] | str | None = "testing", env: dict[str, str] | None = None,
            stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        """The installed command, as a user runs it."""
        return subprocess.run([sys.executable, "-m", "wizard", *args], capture_output=True, text=True,
                              env=env if env is not None else self.env_for(credentials), input=stdin,
                              timeout=CLI_TIMEOUT, cwd=self.home)

    @contextlib.contextmanager
    def iam_enforced(self) -> Iterator[None]:
        """moto checks every request against the IAM policies of the access key's user or role."""
        _post(f"{self.url}/moto-api/reset-auth", b"0")
        try:
            yield
        finally:
            _post(f"{self.url}/moto-api/reset-auth", b"inf")

    def orders(self, *, key_statements: list[dict[str, Any]] | None = None, role_path: str = "/svc/") -> str:
        """Account 123456789012: key alias/orders (with extra key-policy statements), stream orders encrypted
        with it, role app-writer under `role_path`. Returns the key ARN."""
        kms = self.client("kms")
        key = kms.create_key(Description="orders")["KeyMetadata"]
        kms.create_alias(AliasName="alias/orders", TargetKeyId=key["KeyId"])
        if key_statements:
            policy = json.loads(kms.get_key_policy(KeyId=key["Arn"], PolicyName="default")["Policy"])
            policy["Statement"] += key_statements
            kms.put_key_policy(KeyId=key["Arn"], PolicyName="default", Policy=json.dumps(policy))
        kinesis = self.client("kinesis")
        kinesis.create_stream(StreamName="orders", ShardCount=1)
        kinesis.start_stream_encryption(StreamName="orders", EncryptionType="KMS", KeyId="alias/orders")
        self.client("iam").create_role(RoleName="app-writer", Path=role_path, AssumeRolePolicyDocument="{}")
        return str(key["Arn"])

    def hostile_names(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """What the pickers read holds escapes, markup and a newline: a stream name and role paths as moto serves
        them, and a key alias no KMS allows (moto refuses it), added to what wizard.aws.discover.list_keys finds.
        HOSTILE_SHOWN is how each must be shown."""
        from wizard.aws import discover

        self.client("kinesis").create_stream(StreamName="evil\x1b]52;c;aGk=\x07[b]x", ShardCount=1)
        iam = self.client("iam")
        iam.create_role(RoleName="styled", Path="/ops/[bold red]x[/]/", AssumeRolePolicyDocument="{}")
        iam.create_role(RoleName="split", Path="/a\nb/", AssumeRolePolicyDocument="{}")
        keys = discover.list_keys
        alias = discover.KeyChoice("alias/\x1b[2J[reverse]k",
                                   f"arn:aws:kms:{REGION}:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab")
        monkeypatch.setattr(discover, "list_keys", lambda aws: [*keys(aws), alias])

    def key_policy(self, key_arn: str) -> dict[str, Any]:
        return json.loads(self.client("kms").get_key_policy(KeyId=key_arn, PolicyName="default")["Policy"])


@pytest.fixture
def world(moto_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    _post(f"{moto_url}/moto-api/reset")
    config = tmp_path / "aws-config"
    config.write_text(f"[default]\nregion = {REGION}\n\n[profile dev]\nregion = {REGION}\n", encoding="utf-8")
    credentials = tmp_path / "aws-credentials"  # profile dev's keys (a named profile does not read the environment)
    credentials.write_text("[dev]\naws_access_key_id = testing\naws_secret_access_key = testing\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(
        AWS_ENDPOINT_URL=moto_url,
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_CONFIG_FILE=str(config),
        AWS_SHARED_CREDENTIALS_FILE=str(credentials),
        # Never ask the instance metadata service (a link-local address) for credentials.
        AWS_EC2_METADATA_DISABLED="true",
        KINESIS_KMS_WIZARD_DEBUG="",
    )
    env.pop("KINESIS_KMS_WIZARD_DEBUG")
    for name in [k for k in os.environ if k.startswith("AWS_")]:
        monkeypatch.delenv(name)  # this process's own boto3 (setup and read-back) sees the same account
    for name in ("AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_EC2_METADATA_DISABLED"):
        monkeypatch.setenv(name, env[name])
    return World(moto_url, tmp_path, env)
