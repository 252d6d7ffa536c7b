resource "time_rotating" "ci" {
  rotation_days = 60
}

resource "azuread_application_password" "ci" {
  application_id = azuread_application.ci.id
  end_date       = "2027-02-01T00:00:00Z"
}

resource "azuread_application_password" "rotating" {
  application_id = azuread_application.ci.id
  end_date       = timeadd(time_rotating.ci.id, "2160h")
}

resource "azuread_application_password" "computed" {
  application_id = azuread_application.ci.id
  end_date       = local.secret_end   # cannot be evaluated statically: no guess
}
