terraform {
  required_version = ">= 1.5"
}

provider "aws" {
  region     = "us-east-2"
  access_key = var.aws_access_key
  batch_size = "4"
  max_retries = 2
}

resource "aws_s3_bucket" "reports" {
  bucket = "shop-reports-9"
}
