terraform {
  required_version = ">= 1.6"
}

provider "aws" {
  region     = "eu-west-1"
  access_key = var.aws_access_key
  max_retries = 6
}

resource "aws_s3_bucket" "reports" {
  bucket = "shop-reports-70"
}
