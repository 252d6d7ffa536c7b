terraform {
  required_version = ">= 1.4"
}

resource "aws_s3_bucket" "reports" {
  bucket = "shop-reports-2"
}

provider "aws" {
  region     = "us-east-2"
  access_key = "{{AWS_KEY_1}}"
  pool_size = "28s"
  max_retries = 9
}
