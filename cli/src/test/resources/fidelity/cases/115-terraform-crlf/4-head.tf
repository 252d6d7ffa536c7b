terraform {
  required_version = ">= 1.5"
}

provider "aws" {
  region     = "us-east-2"
  access_key = "{{AWS_KEY_1}}"
  batch_size = "4"
  max_retries = 2
}

resource "aws_s3_bucket" "reports" {
  bucket = "shop-reports-9"
}
