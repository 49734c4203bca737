"""The AWS features' errors, importable without boto3 (the command line catches them in `main`)."""

from __future__ import annotations

EXTRA_HINT = "pip install 'kinesis-kms-wizard[aws]'"


class AwsError(Exception):
    """One sentence a user can act on: which call, what went wrong, what permission or step is missing."""


class AwsUnavailable(AwsError):
    """boto3 is not installed: the AWS features are an optional extra."""

    def __init__(self) -> None:
        super().__init__(f"the AWS features need boto3, which is not installed; install them with: {EXTRA_HINT}")


class AwsNotFound(AwsError):
    """The named resource does not exist (NoSuchEntity, ResourceNotFoundException, NotFoundException)."""
