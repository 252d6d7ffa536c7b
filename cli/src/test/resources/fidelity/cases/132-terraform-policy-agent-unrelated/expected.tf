resource "aws_iam_policy" "read" {
  name   = "Reader47"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "Read80"
      Effect   = "Allow"
      Action = [
        "s3:GetObject",
        "s3:GetObjectTagging",
      ]
      Resource = "arn:aws:s3:::shop-reports/*"
    }]
  })
}

resource "aws_s3_bucket" "data" {
  bucket = "shop-reports"
}
