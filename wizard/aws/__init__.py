"""The live AWS account: discover answers from it (read-only) and apply a saved bundle to it.

Optional: boto3 comes with `pip install 'kinesis-kms-wizard[aws]'` and is imported only when a
session is opened. This package reads answers in and applies a Bundle out; what the policies
contain is decided by wizard.core alone.
"""
