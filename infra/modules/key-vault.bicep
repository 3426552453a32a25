// Key Vault for the app's two secrets (api-key-pepper, webhook-secret-key).
// Azure RBAC decides access (no access policies). The template creates no secret: an operator sets the
// values once (infra/README.md), so no secret ever sits in the repository or in deployment history.

import { resourceTags } from 'types.bicep'

param location string
param tags resourceTags

@minLength(3)
@maxLength(24)
param name string

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // Irreversible once on: a deleted vault (and its secrets) stays recoverable for the retention period.
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    // Flex Consumption without VNet integration reaches the vault over its public endpoint (README: follow-ups).
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

output name string = vault.name
