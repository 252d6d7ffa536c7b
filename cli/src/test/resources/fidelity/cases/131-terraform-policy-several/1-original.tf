resource "aws_iam_policy" "read" {
  name   = "shop-invoices-read"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "Read34"
      Effect   = "Allow"
      Action = [
        "s3:*",
        "kms:*",
        "s3:GetObjectTagging",
      ]
      Resource = "arn:aws:s3:::shop-invoices/*"
    }]
  })
}

resource "aws_s3_bucket" "data" {
  bucket = "shop-invoices"
}
