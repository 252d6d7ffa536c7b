# A CI user with a static key: both the user and the key are findings.
resource "aws_iam_user" "deployer" {
  name = "ci-deployer"
  path = "/system/"
  tags = {
    team = "platform"
  }
}

resource "aws_iam_access_key" "deployer" {
  user = aws_iam_user.deployer.name
}

resource "aws_iam_user" "alice" {
  name = "alice.smith" // a person: no finding
}

output "secret" {
  value     = aws_iam_access_key.deployer.secret
  sensitive = true
}

resource "google_service_account_key" "ci" {
  service_account_id = google_service_account.ci.name
}
