# The Terraform that defines the agents of the `account-activity` fixture: the report agent's inline policy is the
# one it holds live (Lambda, passing roles, S3 reads). In the activity window it used Lambda only, so
# `holdfast fix --cloud-report` narrows this policy to it.

resource "aws_iam_user" "report_agent" {
  name = "report-agent"
  path = "/agents/"

  tags = {
    "holdfast:identity" = "agent"
  }
}

resource "aws_iam_user_policy" "report_agent" {
  name = "deploy-report-functions"
  user = aws_iam_user.report_agent.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "DeployReportFunctions"
        Effect   = "Allow"
        Action   = ["lambda:CreateFunction", "lambda:InvokeFunction", "lambda:GetFunction"]
        Resource = "*"
      }
    ]
  })
}

resource "aws_iam_role" "triage_agent" {
  name               = "triage-agent"
  path               = "/agents/"
  max_session_duration = 43200
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "sts:AssumeRole"
    }]
  })
}
