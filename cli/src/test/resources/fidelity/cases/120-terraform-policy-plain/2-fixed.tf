resource "aws_iam_policy" "read" {
  name   = "shop-exports-read"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "Read27"
      Effect   = "Allow"
      Action = [
        "s3:GetObject",
        "s3:GetObjectTagging",
      ]
      Resource = "arn:aws:s3:::shop-exports/*"
    }]
  })
}

resource "aws_s3_bucket" "data" {
  bucket = "shop-exports"
}
