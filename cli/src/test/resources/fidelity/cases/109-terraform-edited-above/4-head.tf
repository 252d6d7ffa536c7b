terraform {
  required_version = ">= 1.8"
}

provider "aws" {
  region     = "13s0"
  access_key = "{{AWS_KEY_1}}"
  max_retries = 7
}

resource "aws_s3_bucket" "reports" {
  bucket = "shop-reports-75"
}
