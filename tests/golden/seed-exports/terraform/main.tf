# Kinesis stream encryption permissions to apply in account 123456789012, Region us-west-2.
# Written by kinesis-kms-wizard. Each policy is read from the bundle's JSON file of the same name
# (file()), so keep the bundle folder whole. With credentials of this account:
#   terraform init && terraform plan
#
# The KMS key policy (key-policy.json) is not managed here: aws_kms_key_policy replaces the key's
# whole policy, and this bundle was made without the key's current policy. Put it with the README's
# put-key-policy step, or generate again with --merge-key-policy to have the merged policy here.

provider "aws" {
  region              = "us-west-2"
  allowed_account_ids = ["123456789012"]
}

# Producer identity policy: producer-policy.json
resource "aws_iam_policy" "producer" {
  name   = "kinesis-MyStream-producer"
  policy = file("${path.module}/../producer-policy.json")
}

resource "aws_iam_role_policy_attachment" "producer_orders_producer" {
  role       = "orders-producer"
  policy_arn = aws_iam_policy.producer.arn
}

# Consumer identity policy: consumer-policy.json
resource "aws_iam_policy" "consumer" {
  name   = "kinesis-MyStream-consumer"
  policy = file("${path.module}/../consumer-policy.json")
}

resource "aws_iam_role_policy_attachment" "consumer_orders_consumer" {
  role       = "orders-consumer"
  policy_arn = aws_iam_policy.consumer.arn
}

# Stream encryption administrator identity policy: admin-policy.json
resource "aws_iam_policy" "admin" {
  name   = "kinesis-MyStream-admin"
  policy = file("${path.module}/../admin-policy.json")
}

resource "aws_iam_role_policy_attachment" "admin_stream_encryption_admin" {
  role       = "stream-encryption-admin"
  policy_arn = aws_iam_policy.admin.arn
}
