// The app's single storage account: Functions host storage, the Flex deployment package, the app's
// tables and queues, and the photo containers. Shared keys are off: every client, the Functions host
// included, authenticates with Microsoft Entra ID.
//
// Original photos are evidence and must not change: container photos-original supports version-level
// immutability (WORM) and carries a default time-based retention policy, so every blob version written
// there is protected for photoRetentionDays. Version-level (not container-level) immutability is the
// form built on blob versioning, which the account has on: it protects each version separately.

import { resourceTags } from 'types.bicep'

param location string
param tags resourceTags

@minLength(3)
@maxLength(24)
param name string

param skuName string

@minValue(1)
@maxValue(365)
param softDeleteRetentionDays int

@minValue(1)
param previousVersionRetentionDays int

param enableChangeFeed bool

@minValue(1)
@maxValue(146000)
param photoRetentionDays int

param lockPhotoImmutabilityPolicy bool

// WORM container for original photos.
var photosOriginalContainerName = 'photos-original'

// WORM container for the audit trail's anchored chain heads.
var auditAnchorsContainerName = 'audit-anchors'

// Flex Consumption deployment container: the platform writes the app's zip package here.
var deploymentContainerName = 'app-package'

// Staging for photo upload sessions: the app's write-only SAS lets a phone upload blocks here; the app
// checks the bytes, copies them to photos-original and deletes the staging blob.
var photoUploadsContainerName = 'photo-uploads'

// Ordinary containers (versioned and soft-deleted, not immutable).
var mutableContainerNames = [
  'photos-derived'
  'feeds'
  photoUploadsContainerName
  deploymentContainerName
  'imports'
  'case-documents'
  'case-bundles'
]

// Queues the app uses. Each work queue has its "-poison" twin, the queue the Functions host moves a
// message to after maxDequeueCount failed attempts (host.json); creating them here lets alerts and
// tooling find them before the first failure.
var queueNames = [
  'seizure-events'
  'seizure-events-poison'
  'feed-builds'
  'feed-builds-poison'
  'photo-processing'
  'photo-processing-poison'
  'webhook-deliveries'
  'webhook-deliveries-poison'
  'import-jobs'
  'import-jobs-poison'
  'case-deadlines'
  'case-deadlines-poison'
  'case-bundles'
  'case-bundles-poison'
  'inbox-fanout'
  'inbox-fanout-poison'
  'escalations'
  'escalations-poison'
  'group-purges'
  'group-purges-poison'
]

// Tables the app uses. The app also creates any missing table at start-up (for Azurite and fresh
// environments); declaring them here makes the account complete before the first deployment.
var tableNames = [
  'seizures'
  'seizurefilters'
  'idempotency'
  'outbox'
  'audit'
  'apikeys'
  'suspects'
  'companies'
  'links'
  'suspectindex'
  'companyindex'
  'duplicatereviews'
  'conveyances'
  'conveyanceindex'
  'conveyancelinks'
  'watchlists'
  'watchlistindex'
  'watchlisthits'
  'screenings'
  'riskrules'
  'photos'
  'feeds'
  'webhooks'
  'deliveries'
  'importjobs'
  'statistics'
  'cases'
  'caselinks'
  'casemetrics'
  'alerts'
  'alertaudience'
  'groups'
  'groupmembership'
  'inbox'
]

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // Flex Consumption without VNet integration reaches storage over public endpoints (README: follow-ups).
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: account
  name: 'default'
  properties: {
    // Versioning is a prerequisite of version-level immutability on photos-original.
    isVersioningEnabled: true
    deleteRetentionPolicy: {
      enabled: true
      days: softDeleteRetentionDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: softDeleteRetentionDays
    }
    changeFeed: {
      enabled: enableChangeFeed
    }
  }
}

resource photosOriginal 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: photosOriginalContainerName
  properties: {
    publicAccess: 'None'
    // Must be set when the container is created: an existing container needs a one-way migration.
    immutableStorageWithVersioning: {
      enabled: true
    }
  }
}

// Default version-level retention for every blob version created in photos-original.
// A new policy is Unlocked: it protects the data but can still be shortened or deleted by someone with
// the right permissions. Locking is a separate, irreversible action (a POST with the policy ETag) that
// ARM templates cannot express; infra/README.md gives the command. After locking, only the "extend"
// action is accepted, so a PUT from this template would fail: lockPhotoImmutabilityPolicy=true stops it.
resource photosOriginalRetention 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2025-06-01' = if (!lockPhotoImmutabilityPolicy) {
  parent: photosOriginal
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: photoRetentionDays
    allowProtectedAppendWrites: false
    allowProtectedAppendWritesAll: false
  }
}

// Audit chain heads anchored by the app (Audit/AuditAnchors.cs): written once, kept as long as the photos, so a
// chain rewritten in the table is still exposed by the head anchored before the rewrite. Same lock rule as photos.
resource auditAnchors 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: auditAnchorsContainerName
  properties: {
    publicAccess: 'None'
    immutableStorageWithVersioning: {
      enabled: true
    }
  }
}

resource auditAnchorsRetention 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2025-06-01' = if (!lockPhotoImmutabilityPolicy) {
  parent: auditAnchors
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: photoRetentionDays
    allowProtectedAppendWrites: false
    allowProtectedAppendWritesAll: false
  }
}

// The locked policy, read back (not written) so the deployment reports its state.
resource photosOriginalLockedRetention 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2025-06-01' existing = if (lockPhotoImmutabilityPolicy) {
  parent: photosOriginal
  name: 'default'
}

resource mutableContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = [
  for containerName in mutableContainerNames: {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

// Versioning keeps every overwritten blob (each deployment replaces the package zip, each feed rebuild
// replaces the feed). Previous versions in the mutable containers expire; photos-original is not listed,
// and its versions are immutable anyway.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2025-06-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'expire-previous-versions'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [for containerName in mutableContainerNames: '${containerName}/']
            }
            actions: {
              version: {
                delete: {
                  daysAfterCreationGreaterThan: previousVersionRetentionDays
                }
              }
            }
          }
        }
        {
          // Upload sessions last 30 minutes; staging blobs of sessions never completed are removed after a day.
          name: 'expire-abandoned-photo-uploads'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                '${photoUploadsContainerName}/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: 1
                }
              }
              version: {
                delete: {
                  daysAfterCreationGreaterThan: 1
                }
              }
            }
          }
        }
      ]
    }
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-06-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-06-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-06-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

output name string = account.name
output deploymentContainerName string = deploymentContainerName
output photosOriginalContainerName string = photosOriginal.name

output photoImmutabilityPolicyState string = lockPhotoImmutabilityPolicy
  ? photosOriginalLockedRetention!.properties.state
  : photosOriginalRetention!.properties.state
