terraform {
  required_version = ">= 1.6"
}

provider "aws" {
  access_key = var.aws_access_key
  max_retries = 2
}

resource "aws_s3_bucket" "reports" {
  bucket = "shop-reports-80"
}
