// Enforcement: customs enforcement records on Azure Functions Flex Consumption.
// One resource group holds the function app (a .NET isolated worker running ASP.NET Core), its storage account
// (host storage, deployment package, tables, queues, photos), Key Vault, App Insights and Log Analytics.
// Every service talks to storage, Key Vault and App Insights through one user-assigned identity.
targetScope = 'resourceGroup'

import { resourceTags } from 'modules/types.bicep'

@description('Name of the environment (dev, test, prod...). Part of the seed of every resource name.')
@minLength(1)
@maxLength(32)
param environmentName string

@description('Azure region for all resources. Must offer Flex Consumption.')
param location string = resourceGroup().location

@description('Always-ready instances for the HTTP trigger group. 0 keeps the app fully scale-to-zero.')
@minValue(0)
@maxValue(1000)
param alwaysReadyHttpInstances int = 0

@description('Upper bound for Flex Consumption scale-out (instances across all trigger groups).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory per instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Storage account redundancy.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
  'Standard_RAGRS'
  'Standard_RAGZRS'
])
param storageSkuName string = 'Standard_ZRS'

@description('Days a deleted blob or container stays recoverable (soft delete).')
@minValue(1)
@maxValue(365)
param blobSoftDeleteRetentionDays int = 30

@description('Days after which previous blob versions in the mutable containers (photos-derived, feeds, app-package) are deleted by lifecycle management.')
@minValue(1)
@maxValue(3650)
param previousVersionRetentionDays int = 30

@description('Enable the blob change feed (an append-only log of blob changes, billed per stored event).')
param enableBlobChangeFeed bool = false

@description('Immutability period in days for original photos (default version-level time-based retention on container photos-original). The storage API accepts 1 to 146000 days (400 years).')
@minValue(1)
@maxValue(146000)
param photoRetentionDays int = 3650

@description('Set to true only AFTER the photos-original policy has been locked with the CLI (irreversible; see infra/README.md). A locked policy rejects the PUT this template would send, so with true the template leaves the policy as it is.')
param lockPhotoImmutabilityPolicy bool = false

@description('Log Analytics retention in days.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

@description('Microsoft Entra ID token issuer, e.g. https://login.microsoftonline.com/<tenant id>/v2.0. Empty until Entra ID is configured.')
param jwtAuthority string = ''

@description('Accepted token audience, e.g. api://<application id>. Empty until Entra ID is configured.')
param jwtAudience string = ''

@description('Tags applied to every resource (an "environment" tag is always added).')
param tags resourceTags = {}

// Abbreviations follow Microsoft's Cloud Adoption Framework list.
var abbreviations = {
  appInsights: 'appi-'
  functionApp: 'func-'
  identity: 'id-'
  keyVault: 'kv-'
  logAnalytics: 'log-'
  plan: 'plan-'
  storageAccount: 'st'
}

// 13 lowercase alphanumerics, stable for a subscription + resource group + environment.
// Storage account: 'st' + 13 = 15 characters (limit 24). Key Vault: 'kv-' + 13 = 16 (limit 24).
var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))

// Names are computed here (not read from module outputs) so What-If can predict every resource id.
var names = {
  appInsights: '${abbreviations.appInsights}${resourceToken}'
  functionApp: '${abbreviations.functionApp}${resourceToken}'
  identity: '${abbreviations.identity}${resourceToken}'
  keyVault: '${abbreviations.keyVault}${resourceToken}'
  logAnalytics: '${abbreviations.logAnalytics}${resourceToken}'
  plan: '${abbreviations.plan}${resourceToken}'
  storageAccount: '${abbreviations.storageAccount}${resourceToken}'
}

var allTags = union(tags, {
  environment: environmentName
})

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: names.identity
  location: location
  tags: allTags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: allTags
    logAnalyticsName: names.logAnalytics
    appInsightsName: names.appInsights
    logRetentionDays: logRetentionDays
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    tags: allTags
    name: names.storageAccount
    skuName: storageSkuName
    softDeleteRetentionDays: blobSoftDeleteRetentionDays
    previousVersionRetentionDays: previousVersionRetentionDays
    enableChangeFeed: enableBlobChangeFeed
    photoRetentionDays: photoRetentionDays
    lockPhotoImmutabilityPolicy: lockPhotoImmutabilityPolicy
  }
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  params: {
    location: location
    tags: allTags
    name: names.keyVault
  }
}

module roleAssignments 'modules/role-assignments.bicep' = {
  name: 'role-assignments'
  params: {
    identityName: identity.name
    storageAccountName: names.storageAccount
    appInsightsName: names.appInsights
    keyVaultName: names.keyVault
  }
  dependsOn: [
    storage
    monitoring
    keyVault
  ]
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  params: {
    location: location
    tags: allTags
    planName: names.plan
    name: names.functionApp
    identityName: identity.name
    storageAccountName: names.storageAccount
    deploymentContainerName: storage.outputs.deploymentContainerName
    appInsightsName: names.appInsights
    keyVaultName: names.keyVault
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    jwtAuthority: jwtAuthority
    jwtAudience: jwtAudience
  }
  // The host reads storage and App Insights through the identity from its first start:
  // grant the roles before the app exists.
  dependsOn: [
    roleAssignments
  ]
}

@description('Public base URL of the function app (HTTP functions are under /api).')
output functionAppUrl string = functionApp.outputs.url

output functionAppName string = functionApp.outputs.name
output storageAccountName string = storage.outputs.name

@description('Client id of the user-assigned identity the app uses for storage, Key Vault and App Insights.')
output identityClientId string = identity.properties.clientId

output keyVaultName string = keyVault.outputs.name
output appInsightsName string = monitoring.outputs.appInsightsName

@description('State of the photos-original default immutability policy: Unlocked or Locked.')
output photoImmutabilityPolicyState string = storage.outputs.photoImmutabilityPolicyState
