variable "consumer_resource_MyStream_arn" {
  type        = string
  description = "The ARN of consumer partner-reader-210987654321 of stream MyStream, as register-stream-consumer prints it (consumer-resource-policy-MyStream.json is put on it)."
}

variable "consumer_resource_orders_arn" {
  type        = string
  description = "The ARN of consumer partner-reader-210987654321 of stream orders, as register-stream-consumer prints it (consumer-resource-policy-orders.json is put on it)."
}

variable "consumer_resource_payments_arn" {
  type        = string
  description = "The ARN of consumer partner-reader-210987654321 of stream payments, as register-stream-consumer prints it (consumer-resource-policy-payments.json is put on it)."
}
