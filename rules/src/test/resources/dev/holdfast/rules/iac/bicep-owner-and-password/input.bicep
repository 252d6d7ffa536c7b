targetScope = 'subscription'

param principalId string
var ownerRoleId = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635'
var readerRoleId = 'acdd72a7-3385-48ef-bd42-f606fba81ae7'

resource ownerAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, principalId, ownerRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ownerRoleId)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource readerAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, principalId, readerRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', readerRoleId)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource app 'Microsoft.Graph/applications@v1.0' = {
  uniqueName: 'ci-app'
  displayName: 'ci'
  passwordCredentials: [
    {
      displayName: 'forever'
    }
    {
      displayName: 'soon'
      endDateTime: '2027-02-01T00:00:00Z'
    }
  ]
}

resource agentIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'agent'
  location: 'westeurope'
}

resource uaaForIdentity 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, 'uaa')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9')
    principalId: agentIdentity.properties.principalId
  }
}

resource ownerForUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, 'user')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ownerRoleId)
    principalId: adminObjectId
    principalType: 'User'
  }
}
