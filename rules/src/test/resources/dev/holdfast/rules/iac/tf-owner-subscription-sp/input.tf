data "azurerm_subscription" "primary" {}

resource "azuread_service_principal" "deploy" {
  client_id = azuread_application.deploy.client_id
}

resource "azurerm_role_assignment" "deploy_owner" {
  scope                = data.azurerm_subscription.primary.id
  role_definition_name = "Owner"
  principal_id         = azuread_service_principal.deploy.object_id
}

resource "azurerm_role_assignment" "contrib" {
  scope                = "/subscriptions/00000000-0000-0000-0000-000000000000"
  role_definition_name = "Contributor"
  principal_id         = var.pipeline_object_id
  principal_type       = "ServicePrincipal"
}

resource "azurerm_role_assignment" "mg_uaa" {
  scope              = "/providers/Microsoft.Management/managementGroups/root"
  role_definition_id = "/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"
  principal_id       = azurerm_user_assigned_identity.agent.principal_id
}

resource "azurerm_role_assignment" "rg_scoped" {
  scope                = azurerm_resource_group.app.id
  role_definition_name = "Owner"
  principal_id         = azuread_service_principal.deploy.object_id
}

resource "azurerm_role_assignment" "human_owner" {
  scope                = data.azurerm_subscription.primary.id
  role_definition_name = "Owner"
  principal_id         = var.admin_user_object_id
  principal_type       = "User"
}

resource "azurerm_role_assignment" "reader" {
  scope                = data.azurerm_subscription.primary.id
  role_definition_name = "Reader"
  principal_id         = azuread_service_principal.deploy.object_id
}

resource "azurerm_role_assignment" "uaa_by_var" {
  scope                = "/subscriptions/${var.subscription_id}"
  role_definition_name = "User Access Administrator"
  principal_id         = var.deploy_sp_object_id
}

data "azurerm_role_definition" "owner" {
  name = "Owner"
}

resource "azurerm_role_assignment" "owner_by_data" {
  scope              = data.azurerm_subscription.primary.id
  role_definition_id = data.azurerm_role_definition.owner.id
  principal_id       = azuread_service_principal.deploy.object_id
}
