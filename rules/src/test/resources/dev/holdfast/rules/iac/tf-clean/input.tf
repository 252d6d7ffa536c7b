terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.0" }
  }
}

locals {
  names = [for n in var.names : upper(n)]
  tags  = merge(var.tags, { owner = "team-a" })
  count = var.enabled ? 1 : 0
}

/* a read-only, resource-scoped policy */
resource "aws_iam_policy" "read" {
  name   = "read-reports"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject"]
      Resource = "${aws_s3_bucket.reports.arn}/*"
    }]
  })
}

resource "aws_iam_role" "app" {
  name                 = "app"
  max_session_duration = 7200
  assume_role_policy   = data.aws_iam_policy_document.ec2.json
}
