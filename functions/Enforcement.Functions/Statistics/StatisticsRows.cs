using System.Globalization;
using Azure.Data.Tables;

namespace Enforcement.Functions.Statistics;

/// <summary>
/// Table "statistics": aggregates kept by <see cref="StatisticsAggregator"/> from the record events.
/// PartitionKey = "{scope}|{period}": scope "all", "region:AP", "office:PKKHI" (a port: all its units) or
/// "office:PKKHI-APFT"; period "2026-11", "2026-Q4" or "2026". RowKey = "{dimension}|{value}" ("total|all",
/// "category|drugs", "route|AE>PK", ...), properties Count, KgEq, "Q_{unit}" and "V_{currency}". A query for one
/// dimension of one period is one single-partition range read, whatever the number of records. The same partition
/// holds a marker per applied event ("~evt|{event id}", written in the same transaction as the counts), so a
/// redelivered event changes nothing.
/// </summary>
internal static class StatisticsRows
{
    public const string EventMarkerPrefix = "~evt|";
    public const string Count = "Count";
    public const string KgEq = "KgEq";
    public const string QuantityPrefix = "Q_";
    public const string ValuePrefix = "V_";

    public static string PartitionKey(string scope, string period) => $"{scope}|{period}";

    public static string RowKey(string dimension, string value) => $"{dimension}|{value}";

    public static Measures Read(TableEntity row)
    {
        var quantities = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        var values = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (key, value) in row)
        {
            if (key.StartsWith(QuantityPrefix, StringComparison.Ordinal) && value is double q && q != 0)
            {
                quantities[key[QuantityPrefix.Length..]] = Round(q);
            }
            else if (key.StartsWith(ValuePrefix, StringComparison.Ordinal) && value is double v && v != 0)
            {
                values[key[ValuePrefix.Length..]] = Round(v);
            }
        }

        return new Measures(row.GetInt64(Count) ?? 0, Round(row.GetDouble(KgEq) ?? 0), quantities, values);
    }

    public static decimal Round(double value) => Math.Round((decimal)value, 3);

    public static string Format(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>What one dimension value adds up to in a period.</summary>
public sealed record Measures(long Count, decimal KgEquivalent, IReadOnlyDictionary<string, decimal> Quantities, IReadOnlyDictionary<string, decimal> Values)
{
    public static readonly Measures None = new(0, 0, new Dictionary<string, decimal>(), new Dictionary<string, decimal>());
}
