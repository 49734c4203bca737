"""kinesis-kms-wizard: the permissions a KMS-encrypted Kinesis stream needs, generated right."""

__version__ = "0.1.0"
