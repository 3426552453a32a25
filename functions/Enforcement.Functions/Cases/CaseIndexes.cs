using Azure.Data.Tables;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Cases;

/// <summary>
/// Table "casemetrics": PartitionKey = the month of detection "YYYY-MM", RowKey = the case id; the case's office,
/// current stage and the dates of the stages the metrics measure. A metrics query reads one partition per month of
/// its range, never the cases themselves. Rewritten from the case's state after every change (idempotent).
/// </summary>
internal sealed class CaseMetricsEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public Azure.ETag ETag { get; set; }

    public string Office { get; set; } = string.Empty;

    public string Stage { get; set; } = string.Empty;

    public DateTimeOffset DetectedAt { get; set; }

    public DateTimeOffset? SeizureReportedAt { get; set; }

    public DateTimeOffset? SeizedAt { get; set; }

    public DateTimeOffset? ShowCauseAt { get; set; }

    public DateTimeOffset? AdjudicatedAt { get; set; }
}

/// <summary>What follows a case's commit outside its partition: the record → case index and the metrics row.</summary>
internal sealed class CaseIndexes(CaseStore store, TableServiceClient tables, StorageNames names)
{
    private readonly TableClient _metrics = tables.GetTableClient(names.Table(StorageNames.Tables.CaseMetrics));

    public TableClient Metrics => _metrics;

    public async Task AfterOpenAsync(CaseEntity entity, IReadOnlyList<CaseLinkEntity> links, DateTimeOffset detectedAt, DateTimeOffset? reportedAt, CancellationToken cancellationToken)
    {
        foreach (var link in links)
        {
            await IndexLinkAsync(entity, link, cancellationToken);
        }

        await _metrics.UpsertEntityAsync(new CaseMetricsEntity
        {
            PartitionKey = MonthOf(detectedAt),
            RowKey = entity.PartitionKey,
            Office = entity.OwningOffice,
            Stage = entity.Stage,
            DetectedAt = detectedAt,
            SeizureReportedAt = reportedAt,
            SeizedAt = reportedAt is null ? null : detectedAt,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task AfterChangeAsync(CaseEntity entity, CancellationToken cancellationToken)
    {
        var stages = CaseMapping.StagesOf(entity);
        DateTimeOffset? At(string stage) => stages.LastOrDefault(s => s.Stage == stage)?.Date;
        await _metrics.UpsertEntityAsync(new CaseMetricsEntity
        {
            PartitionKey = MonthOf(entity.DetectedAt),
            RowKey = entity.PartitionKey,
            Office = entity.OwningOffice,
            Stage = entity.Stage,
            DetectedAt = entity.DetectedAt,
            SeizedAt = At(CaseCodes.Stage.Seized),
            ShowCauseAt = At(CaseCodes.Stage.ShowCauseIssued),
            AdjudicatedAt = At(CaseCodes.Stage.Adjudicated),
        }, TableUpdateMode.Merge, cancellationToken);
    }

    public Task IndexLinkAsync(CaseEntity entity, CaseLinkEntity link, CancellationToken cancellationToken) =>
        store.LinkIndex.UpsertEntityAsync(new CaseLinkIndexEntity
        {
            PartitionKey = link.TargetId,
            RowKey = entity.PartitionKey,
            Kind = link.Kind,
            OwningOffice = entity.OwningOffice,
        }, TableUpdateMode.Replace, cancellationToken);

    public async Task UnindexLinkAsync(string caseId, string targetId, CancellationToken cancellationToken)
    {
        try
        {
            await store.LinkIndex.DeleteEntityAsync(targetId, caseId, Azure.ETag.All, cancellationToken);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }

    public static string MonthOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}
