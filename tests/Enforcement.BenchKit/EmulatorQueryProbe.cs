using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;

namespace Enforcement.BenchKit;

/// <summary>
/// The storage emulator's own price for the two kinds of read the app makes, on the table it reads, at the table's
/// current size: a single-partition range query of a fixed 20 rows and a point read, both on a partition of the probe's
/// own. Azure Table storage answers both from its (PartitionKey, RowKey) index, at a cost independent of the table's
/// size; in-memory Azurite filters every query over the whole table, so its range queries slow down as the table
/// grows. A benchmark prints this baseline next to its own latency, so that growth it shares with the baseline reads
/// as the emulator's, and growth beyond it as the app's.
/// </summary>
public static class EmulatorQueryProbe
{
    private const string Partition = "~bench-probe";
    private const int Rows = 20;

    public static async Task<ProbeFigures> MeasureAsync(TableClient table, int samples, CancellationToken cancellationToken)
    {
        var batch = Enumerable.Range(0, Rows)
            .Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Partition, i.ToString("D3", CultureInfo.InvariantCulture)) { ["Probe"] = true }))
            .ToList();
        await table.SubmitTransactionAsync(batch, cancellationToken);

        var ranges = new List<double>(samples);
        var points = new List<double>(samples);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        for (var i = 0; i < samples; i++)
        {
            var watch = Stopwatch.StartNew();
            var count = 0;
            await foreach (var _ in table.QueryAsync<TableEntity>(filter, maxPerPage: Rows, cancellationToken: cancellationToken))
            {
                count++;
            }

            ranges.Add(watch.Elapsed.TotalMilliseconds);
            if (count != Rows)
            {
                throw new InvalidOperationException($"The probe partition holds {count} rows, not {Rows}.");
            }

            watch.Restart();
            await table.GetEntityAsync<TableEntity>(Partition, (i % Rows).ToString("D3", CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
            points.Add(watch.Elapsed.TotalMilliseconds);
        }

        return new ProbeFigures(Median(ranges), Median(points));
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}

/// <summary>Median milliseconds of the probe's range query (20 rows, one partition) and point read.</summary>
public sealed record ProbeFigures(double RangeQueryMs, double PointReadMs)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"emulator baseline: 20-row single-partition range query p50 {RangeQueryMs:0.0} ms, point read p50 {PointReadMs:0.0} ms");
}
