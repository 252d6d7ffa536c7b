terraform {
  required_version = ">= 1.7"
}

provider "aws" {
  region     = "us-east-2"
  access_key = var.aws_access_key
  queue_depth = "48s"
  max_retries = 4
}

resource "aws_s3_bucket" "reports" {
  bucket = "shop-reports-97"
}
