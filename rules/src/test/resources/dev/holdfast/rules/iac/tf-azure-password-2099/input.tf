resource "azuread_application" "ci" {
  display_name = "ci-pipeline"
}

resource "azuread_application_password" "ci" {
  application_id = azuread_application.ci.id
  display_name   = "ci"
  end_date       = "2099-12-31T23:59:59Z"
}

resource "azuread_service_principal_password" "never" {
  service_principal_id = azuread_service_principal.ci.id
}

resource "azuread_application_password" "year" {
  application_object_id = azuread_application.ci.object_id
  end_date_relative     = "8760h"
}
