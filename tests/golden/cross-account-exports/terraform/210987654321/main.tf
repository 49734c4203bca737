# Kinesis stream encryption permissions to apply in account 210987654321, Region us-west-2.
# Written by kinesis-kms-wizard. Each policy is read from the bundle's JSON file of the same name
# (file()), so keep the bundle folder whole. With credentials of this account:
#   terraform init && terraform plan

provider "aws" {
  region              = "us-west-2"
  allowed_account_ids = ["210987654321"]
}

# Producer identity policy: producer-policy.json
resource "aws_iam_policy" "producer" {
  name   = "kinesis-MyStream-producer"
  policy = file("${path.module}/../../producer-policy.json")
}

resource "aws_iam_user_policy_attachment" "producer_partner_writer" {
  user       = "partner-writer"
  policy_arn = aws_iam_policy.producer.arn
}

# Consumer identity policy for principals in other accounts: consumer-cross-account-policy.json
resource "aws_iam_policy" "consumer_cross_account" {
  name   = "kinesis-MyStream-consumer-cross-account"
  policy = file("${path.module}/../../consumer-cross-account-policy.json")
}

resource "aws_iam_role_policy_attachment" "consumer_cross_account_partner_reader" {
  role       = "partner-reader"
  policy_arn = aws_iam_policy.consumer_cross_account.arn
}
