terraform {
  required_version = ">= 1.6"
}

provider "aws" {
  region     = "us-east-2"
  access_key = "{{AWS_KEY_1}}"
  max_retries = 4
}

resource "aws_s3_bucket" "reports" {
  bucket = "shop-reports-30"
}
