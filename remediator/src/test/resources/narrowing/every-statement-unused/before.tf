resource "aws_iam_user" "bot" {
  name = "release-bot"
}

resource "aws_iam_user_policy" "bot" {
  user   = aws_iam_user.bot.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["s3:PutObject"], Resource = "*" }] })
}
