resource "aws_iam_access_key" "k" {
  user = "x"

resource "aws_iam_user" "u" {
  name = "bot
}
