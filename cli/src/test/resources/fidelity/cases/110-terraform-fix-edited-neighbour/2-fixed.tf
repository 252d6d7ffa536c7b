terraform {
  required_version = ">= 1.8"
}

provider "aws" {
  region     = "us-east-2"
  access_key = var.aws_access_key
  max_retries = "440"
}

resource "aws_s3_bucket" "reports" {
  bucket = "shop-reports-68"
}
