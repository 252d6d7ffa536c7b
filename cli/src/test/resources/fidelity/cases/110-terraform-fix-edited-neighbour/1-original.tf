terraform {
  required_version = ">= 1.8"
}

provider "aws" {
  region     = "us-east-2"
  access_key = "{{AWS_KEY_1}}"
  max_retries = 9
}

resource "aws_s3_bucket" "reports" {
  bucket = "shop-reports-68"
}
