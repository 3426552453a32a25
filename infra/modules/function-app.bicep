// Flex Consumption plan and the function app that runs Enforcement as a .NET isolated worker (dotnet-isolated 10.0).
// Everything the app needs comes through its user-assigned identity: host storage, the deployment
// package, Key Vault references and App Insights ingestion. No connection string or key is stored.

import { resourceTags } from 'types.bicep'

param location string
param tags resourceTags
param planName string

@minLength(2)
@maxLength(60)
param name string

param identityName string
param storageAccountName string
param deploymentContainerName string
param appInsightsName string
param keyVaultName string

@minValue(0)
param alwaysReadyHttpInstances int

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

param jwtAuthority string
param jwtAudience string

// The app settings the functions' trigger declarations name ([QueueTrigger("%SeizureEventsQueue%")] and so on):
// the host resolves them from here. Each queue must be the one the app writes to (the app refuses to start
// otherwise, and a test compares these with the app's own list).
var triggerSettings = [
  { name: 'SeizureEventsQueue', value: 'seizure-events' }
  { name: 'WebhookDeliveriesQueue', value: 'webhook-deliveries' }
  { name: 'FeedBuildsQueue', value: 'feed-builds' }
  { name: 'PhotoProcessingQueue', value: 'photo-processing' }
  { name: 'ImportJobsQueue', value: 'import-jobs' }
  { name: 'CaseDeadlinesQueue', value: 'case-deadlines' }
  { name: 'CaseBundlesQueue', value: 'case-bundles' }
  { name: 'OutboxRelaySchedule', value: '0 */1 * * * *' }
  { name: 'FeedBuilderSchedule', value: '0 30 2 * * *' }
  { name: 'AuditAnchorSchedule', value: '0 5 * * * *' }
  { name: 'InboxFanOutQueue', value: 'inbox-fanout' }
  { name: 'EscalationsQueue', value: 'escalations' }
  { name: 'GroupPurgesQueue', value: 'group-purges' }
  { name: 'GroupSweepSchedule', value: '0 10 * * * *' }
]

// Entra ID v2 access tokens carry the API's bare application id as "aud", even when the client asked for
// the api://<application id> scope. Accept that form too, so either way of writing jwtAudience works.
var audienceAliasSettings = startsWith(jwtAudience, 'api://')
  ? [
      {
        name: 'Authentication__Schemes__Bearer__ValidAudiences__1'
        value: substring(jwtAudience, length('api://'))
      }
    ]
  : []

// Names of the Key Vault secrets the app reads (values are set by an operator, never by this template).
var apiKeyPepperSecretName = 'api-key-pepper'
var webhookSecretKeySecretName = 'webhook-secret-key'
var feedPseudonymKeySecretName = 'feed-pseudonym-key'
var caseBundleSigningKeySecretName = 'case-bundle-signing-key'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource keyVault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    // Linux.
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    publicNetworkAccess: 'Enabled'
    // Without this, Key Vault references would look for a system-assigned identity the app does not have.
    keyVaultReferenceIdentity: identity.id
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageAccount.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        // 'http' is the group all HTTP functions scale in; queue and timer functions scale on their own.
        alwaysReady: alwaysReadyHttpInstances > 0
          ? [
              {
                name: 'http'
                instanceCount: alwaysReadyHttpInstances
              }
            ]
          : []
      }
    }
    // siteConfig stays minimal: Flex Consumption rejects several classic settings (error 51021), among
    // them ftpsState. Flex has no FTP(S) endpoint at all, and basic publishing credentials for ftp and
    // scm are disabled below, so FTPS is off without the property.
    siteConfig: {
      minTlsVersion: '1.2'
      // FUNCTIONS_WORKER_RUNTIME is deliberately absent: Flex Consumption takes the stack from
      // functionAppConfig.runtime and rejects the setting. No AzureWebJobsStorage connection string
      // either: the host uses the identity-based settings below.
      appSettings: concat(
        [
          // Functions host storage through the user-assigned identity. The app's own Table, Queue and
          // Blob clients read the same settings.
          {
            name: 'AzureWebJobsStorage__credential'
            value: 'managedidentity'
          }
          {
            name: 'AzureWebJobsStorage__clientId'
            value: identity.properties.clientId
          }
          {
            name: 'AzureWebJobsStorage__blobServiceUri'
            value: storageAccount.properties.primaryEndpoints.blob
          }
          {
            name: 'AzureWebJobsStorage__queueServiceUri'
            value: storageAccount.properties.primaryEndpoints.queue
          }
          {
            name: 'AzureWebJobsStorage__tableServiceUri'
            value: storageAccount.properties.primaryEndpoints.table
          }
          // Telemetry with Entra ID authentication (App Insights has local auth disabled).
          {
            name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
            value: appInsights.properties.ConnectionString
          }
          {
            name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
            value: 'ClientId=${identity.properties.clientId};Authorization=AAD'
          }
          // JWT bearer validation against Microsoft Entra ID.
          {
            name: 'Authentication__Schemes__Bearer__Authority'
            value: jwtAuthority
          }
          {
            name: 'Authentication__Schemes__Bearer__ValidAudiences__0'
            value: jwtAudience
          }
          // Key Vault references (versionless: the platform picks up a new secret version within a day,
          // or at the next restart).
          {
            name: 'Security__ApiKeyPepper'
            value: '@Microsoft.KeyVault(SecretUri=${keyVault.properties.vaultUri}secrets/${apiKeyPepperSecretName})'
          }
          {
            name: 'Webhooks__SecretEncryptionKey'
            value: '@Microsoft.KeyVault(SecretUri=${keyVault.properties.vaultUri}secrets/${webhookSecretKeySecretName})'
          }
          {
            name: 'Feeds__PseudonymKey'
            value: '@Microsoft.KeyVault(SecretUri=${keyVault.properties.vaultUri}secrets/${feedPseudonymKeySecretName})'
          }
          {
            name: 'Cases__BundleSigningKey'
            value: '@Microsoft.KeyVault(SecretUri=${keyVault.properties.vaultUri}secrets/${caseBundleSigningKeySecretName})'
          }
          // Server-Timing headers reveal internal timings: off in Azure.
          {
            name: 'Diagnostics__ServerTiming'
            value: 'false'
          }
        ],
        audienceAliasSettings,
        triggerSettings
      )
    }
  }
}

// No basic (user name + password) publishing: deployment goes through Entra ID (az CLI) only.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

output name string = site.name
output url string = 'https://${site.properties.defaultHostName}'
