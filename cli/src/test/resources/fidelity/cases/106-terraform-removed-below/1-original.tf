terraform {
  required_version = ">= 1.7"
}

provider "aws" {
  region     = "us-east-2"
  access_key = "{{AWS_KEY_1}}"
  max_retries = 3
}

resource "aws_s3_bucket" "reports" {
  bucket = "shop-reports-48"
}
