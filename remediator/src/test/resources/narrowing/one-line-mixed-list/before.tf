resource "aws_iam_role" "triage" {
  name = "triage-agent"
}

resource "aws_iam_role_policy" "triage_logs" {
  name   = "read-logs"
  role   = "triage-agent"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["logs:GetLogEvents", "s3:GetObject", "logs:FilterLogEvents"], Resource = "*" }, { Effect = "Allow", Action = "lambda:InvokeFunction", Resource = "*" }] })
}

resource "aws_iam_role_policy" "other" {
  role   = "someone-else"
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "*" }] })
}
