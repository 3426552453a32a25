using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure.Data.Tables;
using Enforcement.Functions.Http;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Seizures;

/// <summary>
/// The seizure table as other features read it (feeds scan a month, webhooks send a record as it was at an event's
/// version), so that only this feature knows its row layout (<see cref="SeizureEntity"/>).
/// </summary>
internal sealed class SeizureReader(TableServiceClient tables, StorageNames names)
{
    private readonly TableClient _seizures = tables.GetTableClient(names.Table(StorageNames.Tables.Seizures));

    /// <summary>The current rows of a month's partition: seizure ids start with "SZ-", and the history and marker rows
    /// ("~evt|", "~idem|", "~out|") sort after "SZ." and are left out by the range.</summary>
    public static string MonthFilter(string month) =>
        TableClient.CreateQueryFilter<SeizureEntity>(e => e.PartitionKey == month && e.RowKey.CompareTo("SZ-") >= 0 && e.RowKey.CompareTo("SZ.") < 0);

    /// <summary>Every seizure of the month, a page at a time (one single-partition range query), with only the columns asked for.</summary>
    public async IAsyncEnumerable<IReadOnlyList<SeizureEntity>> MonthPagesAsync(string month, int pageSize, IEnumerable<string>? columns,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in _seizures.QueryAsync<SeizureEntity>(MonthFilter(month), pageSize, columns, cancellationToken).AsPages(pageSizeHint: pageSize))
        {
            yield return page.Values;
        }
    }

    /// <summary>The seizure's facts at a version (a point read of its immutable history row), or null if that version does not exist.</summary>
    public async Task<SeizureFacts?> FactsAtAsync(string recordId, int version, CancellationToken cancellationToken)
    {
        if (!SeizureId.TryParse(recordId, out var id))
        {
            return null;
        }

        var row = await _seizures.GetEntityIfExistsAsync<SeizureHistoryEntity>(id.Value.PartitionKey, SeizureHistoryEntity.RowKeyFor(id.Value.Value, version),
            cancellationToken: cancellationToken);
        return row.HasValue ? JsonSerializer.Deserialize<SeizureFacts>(row.Value!.Facts, JsonBody.Options) : null;
    }
}
