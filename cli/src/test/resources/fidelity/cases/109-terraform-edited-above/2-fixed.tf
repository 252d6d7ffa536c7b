terraform {
  required_version = ">= 1.8"
}

provider "aws" {
  region     = "eu-west-1"
  access_key = var.aws_access_key
  max_retries = 7
}

resource "aws_s3_bucket" "reports" {
  bucket = "shop-reports-75"
}
