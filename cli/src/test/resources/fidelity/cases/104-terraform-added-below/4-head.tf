terraform {
  required_version = ">= 1.5"
}

provider "aws" {
  region     = "eu-west-1"
  access_key = "{{AWS_KEY_1}}"
  idle_timeout = "us-east-2"
  max_retries = 7
}

resource "aws_s3_bucket" "reports" {
  bucket = "shop-reports-59"
}
