// Log Analytics workspace and workspace-based Application Insights.
// Local (instrumentation-key) authentication is off: telemetry is accepted only with an Entra ID token,
// which the app obtains through its user-assigned identity (APPLICATIONINSIGHTS_AUTHENTICATION_STRING).

import { resourceTags } from 'types.bicep'

param location string
param tags resourceTags
param logAnalyticsName string
param appInsightsName string

@minValue(30)
@maxValue(730)
param logRetentionDays int

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
    features: {
      enableLogAccessUsingOnlyResourcePermissions: true
    }
    publicNetworkAccessForIngestion: 'Enabled'
    publicNetworkAccessForQuery: 'Enabled'
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true
    publicNetworkAccessForIngestion: 'Enabled'
    publicNetworkAccessForQuery: 'Enabled'
  }
}

output appInsightsName string = appInsights.name
output logAnalyticsName string = logAnalytics.name
