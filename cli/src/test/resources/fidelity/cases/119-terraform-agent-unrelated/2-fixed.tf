terraform {
  required_version = ">= 1.3"
}

provider "aws" {
  region     = "eu-west-1"
  access_key = var.aws_access_key
  max_retries = 8
}

resource "aws_s3_bucket" "reports" {
  bucket = "shop-reports-96"
}
