# Kinesis stream encryption permissions to apply in account 123456789012, Region us-west-2.
# Written by kinesis-kms-wizard. Each policy is read from the bundle's JSON file of the same name
# (file()), so keep the bundle folder whole. With credentials of this account:
#   terraform init && terraform plan

provider "aws" {
  region              = "us-west-2"
  allowed_account_ids = ["123456789012"]
}

# Producer identity policy: producer-policy.json
resource "aws_iam_policy" "producer" {
  name   = "kinesis-MyStream-producer"
  policy = file("${path.module}/../../producer-policy.json")
}

resource "aws_iam_role_policy_attachment" "producer_orders_producer" {
  role       = "orders-producer"
  policy_arn = aws_iam_policy.producer.arn
}

# Consumer identity policy: consumer-policy.json
resource "aws_iam_policy" "consumer" {
  name   = "kinesis-MyStream-consumer"
  policy = file("${path.module}/../../consumer-policy.json")
}

resource "aws_iam_role_policy_attachment" "consumer_orders_consumer" {
  role       = "orders-consumer"
  policy_arn = aws_iam_policy.consumer.arn
}

# Stream encryption administrator identity policy: admin-policy.json
resource "aws_iam_policy" "admin" {
  name   = "kinesis-MyStream-admin"
  policy = file("${path.module}/../../admin-policy.json")
}

resource "aws_iam_role_policy_attachment" "admin_stream_encryption_admin" {
  role       = "stream-encryption-admin"
  policy_arn = aws_iam_policy.admin.arn
}

# The key was given by its alias: look up the key it points to.
data "aws_kms_alias" "key" {
  name = "alias/orders-key"
}

# KMS key policy: key-policy.json, merged with the key's policy: every statement it had is kept.
# aws_kms_key_policy replaces the key's whole policy with this file. Destroying it would give the
# key AWS's default key policy, so it is kept from being destroyed.
resource "aws_kms_key_policy" "key" {
  key_id = data.aws_kms_alias.key.target_key_id
  policy = file("${path.module}/../../key-policy.json")

  lifecycle {
    prevent_destroy = true
  }
}

# Stream resource policy for MyStream: stream-resource-policy-MyStream.json
resource "aws_kinesis_resource_policy" "stream_MyStream" {
  resource_arn = "arn:aws:kinesis:us-west-2:123456789012:stream/MyStream"
  policy       = file("${path.module}/../../stream-resource-policy-MyStream.json")
}

# Stream resource policy for orders: stream-resource-policy-orders.json
resource "aws_kinesis_resource_policy" "stream_orders" {
  resource_arn = "arn:aws:kinesis:us-west-2:123456789012:stream/orders"
  policy       = file("${path.module}/../../stream-resource-policy-orders.json")
}

# Stream resource policy for payments: stream-resource-policy-payments.json
resource "aws_kinesis_resource_policy" "stream_payments" {
  resource_arn = "arn:aws:kinesis:us-west-2:123456789012:stream/payments"
  policy       = file("${path.module}/../../stream-resource-policy-payments.json")
}

# Resource policy for consumer partner-reader-210987654321 of MyStream: consumer-resource-policy-MyStream.json
resource "aws_kinesis_resource_policy" "consumer_resource_MyStream" {
  resource_arn = var.consumer_resource_MyStream_arn
  policy       = file("${path.module}/../../consumer-resource-policy-MyStream.json")
}

# Resource policy for consumer partner-reader-210987654321 of orders: consumer-resource-policy-orders.json
resource "aws_kinesis_resource_policy" "consumer_resource_orders" {
  resource_arn = var.consumer_resource_orders_arn
  policy       = file("${path.module}/../../consumer-resource-policy-orders.json")
}

# Resource policy for consumer partner-reader-210987654321 of payments: consumer-resource-policy-payments.json
resource "aws_kinesis_resource_policy" "consumer_resource_payments" {
  resource_arn = var.consumer_resource_payments_arn
  policy       = file("${path.module}/../../consumer-resource-policy-payments.json")
}
