# Syntax the reader must get through: dynamic blocks, for expressions, conditionals, splats, template
# directives, nested heredocs, escaped quotes, comments everywhere, one-line blocks.
terraform {
  backend "s3" {} # empty one-line block
}

provider "aws" {
  alias  = "us" /* inline comment */
  region = "us-east-1"
}

variable "users" {
  type    = map(object({ name = string, admin = optional(bool, false) }))
  default = {}
}

locals {
  msg      = "say \"hi\" to ${var.name}"
  template = "%{ if var.enabled }on%{ else }off%{ endif }"
  ids      = aws_instance.web[*].id
  lookup   = { for k, v in var.users : k => v.name if !v.admin }
  multi = (
    var.a > 1
    ? "x"
    : "y"
  )
  nested = jsonencode({
    script = <<-EOT
      echo "}"
      echo "{"
    EOT
  })
  numbers = [1, 2.5, -3, 1e3]
}

resource "aws_security_group" "web" {
  name = "web"
  dynamic "ingress" {
    for_each = var.ports
    content {
      from_port = ingress.value
      to_port   = ingress.value
      protocol  = "tcp"
    }
  }
  lifecycle { create_before_destroy = true }
}

resource "aws_iam_access_key" "ci" {
  count = var.enabled ? 1 : 0
  user  = aws_iam_user.ci[0].name
}

module "x" {
  source = "./x"
  map    = {
    "quoted.key" = 1
    (var.k)      = 2
    plain        = [
      "a", # comment in a list
      "b",
    ]
  }
}
