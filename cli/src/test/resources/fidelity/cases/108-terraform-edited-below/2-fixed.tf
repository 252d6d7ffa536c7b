terraform {
  required_version = ">= 1.7"
}

provider "aws" {
  region     = "us-east-2"
  access_key = var.aws_access_key
  max_retries = 7
}

resource "aws_s3_bucket" "reports" {
  bucket = "shop-reports-45"
}
