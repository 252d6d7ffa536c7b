terraform {
  required_version = ">= 1.4"
}

resource "aws_s3_bucket" "reports" {
  bucket = "shop-reports-2"
}

provider "aws" {
  region     = "us-east-2"
  access_key = var.aws_access_key
  pool_size = "28s"
  max_retries = 9
}
