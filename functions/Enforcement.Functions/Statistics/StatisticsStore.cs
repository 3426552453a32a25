using Azure.Data.Tables;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Statistics;

/// <summary>Reads of the aggregates: one dimension of one period is a single-partition range read; one value of one
/// period is a point read.</summary>
internal sealed class StatisticsStore(TableServiceClient tables, StorageNames names)
{
    private readonly TableClient _statistics = tables.GetTableClient(names.Table(StorageNames.Tables.Statistics));

    public async Task<Dictionary<string, Measures>> DimensionAsync(string scope, StatisticsPeriod period, string dimension, CancellationToken cancellationToken)
    {
        var partition = StatisticsRows.PartitionKey(scope, period.ToString());
        var from = dimension + "|";
        var to = dimension + "}";
        var rows = new Dictionary<string, Measures>(StringComparer.Ordinal);
        await foreach (var row in _statistics.QueryAsync<TableEntity>(e => e.PartitionKey == partition && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0, cancellationToken: cancellationToken))
        {
            var measures = StatisticsRows.Read(row);
            if (measures.Count != 0 || measures.Quantities.Count > 0)
            {
                rows[row.RowKey[from.Length..]] = measures;
            }
        }

        return rows;
    }

    public IAsyncEnumerable<(string Dimension, string Value, Measures Measures)> AllRowsAsync(string scope, StatisticsPeriod period, CancellationToken cancellationToken) =>
        _statistics.AllRowsAsync(scope, period, cancellationToken);

    public async Task<Measures> ValueAsync(string scope, StatisticsPeriod period, string dimension, string value, CancellationToken cancellationToken)
    {
        var row = await _statistics.GetEntityIfExistsAsync<TableEntity>(StatisticsRows.PartitionKey(scope, period.ToString()), StatisticsRows.RowKey(dimension, value), cancellationToken: cancellationToken);
        return row.HasValue ? StatisticsRows.Read(row.Value!) : Measures.None;
    }
}

internal static class StatisticsStoreExport
{
    /// <summary>Every dimension row of one period (one single-partition range read, event markers left out).</summary>
    public static async IAsyncEnumerable<(string Dimension, string Value, Measures Measures)> AllRowsAsync(
        this TableClient statistics, string scope, StatisticsPeriod period, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var partition = StatisticsRows.PartitionKey(scope, period.ToString());
        await foreach (var row in statistics.QueryAsync<TableEntity>(e => e.PartitionKey == partition && e.RowKey.CompareTo("~") < 0, cancellationToken: cancellationToken))
        {
            var bar = row.RowKey.IndexOf('|', StringComparison.Ordinal);
            yield return (row.RowKey[..bar], row.RowKey[(bar + 1)..], StatisticsRows.Read(row));
        }
    }
}
