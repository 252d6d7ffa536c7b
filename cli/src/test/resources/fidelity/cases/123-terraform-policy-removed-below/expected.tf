resource "aws_iam_policy" "read" {
  name   = "shop-invoices-read"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "Read40"
      Effect   = "Allow"
      Action = [
        "s3:GetObject",
      ]
      Resource = "arn:aws:s3:::shop-invoices/*"
    }]
  })
}

resource "aws_s3_bucket" "data" {
  bucket = "shop-invoices"
}
