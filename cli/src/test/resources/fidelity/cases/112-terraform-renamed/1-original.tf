terraform {
  required_version = ">= 1.3"
}

provider "aws" {
  region     = "eu-west-1"
  access_key = "{{AWS_KEY_1}}"
  max_retries = 4
}

resource "aws_s3_bucket" "reports" {
  bucket = "shop-reports-21"
}
