provider "aws" {
  region     = "eu-west-1"
  access_key = "{{SECRET}}"
}

resource "aws_lambda_function" "api" {
  function_name = "api"
  environment {
    variables = {
      STRIPE_KEY = var.stripe_key
    }
  }
}

resource "aws_iam_policy" "reports" {
  policy = jsonencode({
    Statement = [{
      Sid    = "ReadReports"
      Action = "s3:*"
    }]
  })
}
