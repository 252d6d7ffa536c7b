resource "aws_iam_policy" "read" {
  name   = "shop-reports-read"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "Read85"
      Effect   = "Allow"
      Action = [
        "s3:*",
        "s3:GetObjectTagging",
      ]
      Resource = "arn:aws:s3:::shop-reports/*"
    }]
  })
}

resource "aws_s3_bucket" "data" {
  bucket = "shop-reports"
}
