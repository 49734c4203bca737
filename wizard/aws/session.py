"""One AWS session for discovery and apply: credentials the usual way, bounded retries, one sentence per error.

boto3 is imported when a session is opened, never when this module is, so `generate` without
--from-aws and the core never load it. Credentials, Region and endpoints come from boto3's own
chain: the environment, `--profile`, the SSO cache, `AWS_ENDPOINT_URL` and the per-service
`AWS_ENDPOINT_URL_<SERVICE>` variables (which is also how the tests reach a local server).
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from typing import Any

from wizard.aws.errors import AwsError, AwsNotFound, AwsUnavailable
from wizard.core.display import visible
from wizard.core.regions import partition_of

# Bounded retries: the standard mode retries throttling and transient errors with backoff, here at
# most 3 times after the first attempt, so nothing is retried forever.
# https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
MAX_ATTEMPTS = 4
CONNECT_TIMEOUT = 5
READ_TIMEOUT = 20
# A listing stops after this many items: a picker needs no more, and memory stays bounded.
ITEM_LIMIT = 2000

DENIED = {"AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError",
          "403"}  # moto answers JSON services' denials with the bare status as the code
BAD_CREDENTIALS = {"ExpiredToken", "ExpiredTokenException", "InvalidClientTokenId", "UnrecognizedClientException",
                   "InvalidSignatureException", "SignatureDoesNotMatch", "InvalidAccessKeyId",
                   "IncompleteSignature", "MissingAuthenticationToken"}
THROTTLED = {"Throttling", "ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded",
             "ProvisionedThroughputExceededException"}
NOT_FOUND = {"NoSuchEntity", "ResourceNotFoundException", "NotFoundException"}
KEY_STATE = {"DisabledException", "KMSInvalidStateException"}


def boto3_installed() -> bool:
    try:
        return importlib.util.find_spec("boto3") is not None
    except (ImportError, ValueError):  # a broken or deliberately blocked install
        return False


def _short(text: Any, limit: int = 300) -> str:
    """AWS's own message, made safe to print and kept to one short line."""
    line = " ".join(str(text).split())
    return visible(line if len(line) <= limit else line[: limit - 1] + "…")


@dataclass(frozen=True)
class Identity:
    account: str
    arn: str


class Aws:
    """Clients of one boto3 session in one Region, and calls that fail with one clear sentence."""

    def __init__(self, session: Any, region: str, profile: str | None = None) -> None:
        self.session = session
        self.region = region
        self.profile = profile
        self._clients: dict[str, Any] = {}
        self._identity: Identity | None = None

    @property
    def partition(self) -> str:
        return partition_of(self.region) or "aws"

    def client(self, service: str) -> Any:
        if service not in self._clients:
            from botocore.config import Config

            config = Config(retries={"mode": "standard", "max_attempts": MAX_ATTEMPTS},
                            connect_timeout=CONNECT_TIMEOUT, read_timeout=READ_TIMEOUT)
            self._clients[service] = self.session.client(service, region_name=self.region, config=config)
        return self._clients[service]

    def call(self, service: str, operation: str, what: str = "", **params: Any) -> dict[str, Any]:
        """Call `operation` (its API name, e.g. DescribeStreamSummary); any failure becomes an AwsError."""
        from botocore import xform_name

        client = self.client(service)
        try:
            return getattr(client, xform_name(operation))(**params)
        except Exception as exc:
            raise explain(exc, service, operation, what, self.region, self.profile) from None

    def pages(self, service: str, operation: str, key: str, what: str = "", limit: int = ITEM_LIMIT,
              **params: Any) -> list[Any]:
        """Every item of a paginated listing, up to `limit` items."""
        from botocore import xform_name

        client = self.client(service)
        items: list[Any] = []
        try:
            for page in client.get_paginator(xform_name(operation)).paginate(**params):
                items.extend(page.get(key, []))
                if len(items) >= limit:
                    return items[:limit]
        except Exception as exc:
            raise explain(exc, service, operation, what, self.region, self.profile) from None
        return items

    def identity(self) -> Identity:
        """Who the credentials are (sts:GetCallerIdentity needs no permission)."""
        if self._identity is None:
            found = self.call("sts", "GetCallerIdentity", "the caller")
            self._identity = Identity(str(found["Account"]), str(found["Arn"]))
        return self._identity


def connect(profile: str | None = None, region: str | None = None) -> Aws:
    """A session for `profile` (or the default chain) in `region` (or the profile's Region)."""
    if not boto3_installed():
        raise AwsUnavailable()
    import boto3

    try:
        session = boto3.Session(profile_name=profile or None)
    except Exception as exc:
        raise explain(exc, "sts", "", "", region or "", profile) from None
    chosen = region or session.region_name
    if not chosen:
        where = f"profile {profile!r}" if profile else "the environment or the default profile"
        raise AwsError(f"no AWS Region: give --region, or set a region in {where} (AWS_REGION or `region =` "
                       "in ~/.aws/config)")
    if partition_of(chosen) is None:
        raise AwsError(f"Region {_short(chosen)!r} is not a Region this tool knows; give one such as us-west-2")
    return Aws(session, chosen, profile)


def permission(service: str, operation: str) -> str:
    """The IAM action an API call needs: for every call this tool makes, SERVICE:Operation."""
    return f"{service}:{operation}"


def explain(exc: BaseException, service: str, operation: str, what: str, region: str,
            profile: str | None = None) -> AwsError:
    """One sentence for any failure of an AWS call: the call, what went wrong, what to do."""
    from botocore import exceptions as be

    call = f"{service}:{operation}" if operation else "opening the AWS session"
    on = f" on {what}" if what else ""
    login = f"aws sso login --profile {profile}" if profile else "aws sso login"
    if isinstance(exc, be.ProfileNotFound):
        return AwsError(f"the AWS profile {_short(profile)!r} is not in your AWS config files (~/.aws/config)")
    if isinstance(exc, (be.SSOTokenLoadError, be.UnauthorizedSSOTokenError, be.TokenRetrievalError,
                        be.SSOError)):
        return AwsError(f"{call} could not use the SSO session: it has expired or was never started; run `{login}`")
    if isinstance(exc, (be.NoCredentialsError, be.PartialCredentialsError)):
        return AwsError(f"{call} found no AWS credentials: give --profile, set AWS_PROFILE (or "
                        "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), or run `aws sso login`")
    if isinstance(exc, (be.EndpointConnectionError, be.ConnectTimeoutError, be.ReadTimeoutError,
                        be.ConnectionClosedError)):
        return AwsError(f"{call} could not reach {service} in Region {region}: check the Region and the "
                        f"network ({_short(exc)})")
    if isinstance(exc, be.ClientError):
        error = exc.response.get("Error", {}) or {}
        code = str(error.get("Code", ""))
        message = _short(error.get("Message", "") or exc)
        meta = exc.response.get("ResponseMetadata", {}) or {}
        status = meta.get("HTTPStatusCode")
        if code in BAD_CREDENTIALS:
            return AwsError(f"{call} refused the credentials ({code}): they have expired or are not valid "
                            f"in Region {region}; refresh them (for SSO: `{login}`)")
        if code in THROTTLED:
            tries = int(meta.get("RetryAttempts", 0) or 0) + 1
            return AwsError(f"{call} was throttled by AWS ({tries} attempt{'s' if tries != 1 else ''}); wait a "
                            "minute and run it again")
        if code in DENIED or (status == 403 and code not in NOT_FOUND):
            return AwsError(f"{call} was denied{on}: the credentials need the {permission(service, operation)} "
                            "permission there")
        if code in NOT_FOUND:
            return AwsNotFound(f"{call} found no {what or 'such resource'} in Region {region}")
        if code in KEY_STATE:
            return AwsError(f"{call}{on} failed: the key is disabled or pending deletion ({message})")
        return AwsError(f"{call}{on} failed: {visible(code)}: {message}")
    if isinstance(exc, be.ParamValidationError):
        return AwsError(f"{call}{on} was not sent: {_short(exc)}")
    if isinstance(exc, be.BotoCoreError):
        return AwsError(f"{call}{on} failed: {_short(exc)}")
    return AwsError(f"{call}{on} failed: {_short(repr(exc))}")
