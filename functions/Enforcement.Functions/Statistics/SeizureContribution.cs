using Enforcement.Functions.ReferenceData;
using Enforcement.Functions.Seizures;

namespace Enforcement.Functions.Statistics;

/// <summary>One aggregate row's change: seizures counted, quantities per unit, kg-equivalent, values per currency.</summary>
internal sealed class RowDelta
{
    public long Count { get; set; }

    public double KgEq { get; set; }

    public Dictionary<string, double> Quantities { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, double> Values { get; } = new(StringComparer.Ordinal);

    public bool IsZero => Count == 0 && KgEq == 0 && Quantities.Values.All(q => q == 0) && Values.Values.All(v => v == 0);
}

/// <summary>
/// What a version of a seizure adds to the aggregates: in each scope (national, region, port, office) one count per
/// dimension value it has, and the quantities and values of its items (for a commodity category, of that category's
/// items only).
/// </summary>
internal static class SeizureContribution
{
    /// <summary>Kilograms per unit where a factor exists. UNODC's factors for plants, doses or litres depend on the
    /// substance, which a record does not carry; until it does, only mass units are converted.</summary>
    public static readonly IReadOnlyDictionary<string, double> KgPerUnit = new Dictionary<string, double>(StringComparer.Ordinal) { ["kg"] = 1, ["g"] = 0.001 };

    public static IEnumerable<string> ScopesOf(string office)
    {
        yield return "all";
        if (WcoRegions.RegionOf(office[..2]) is { } region)
        {
            yield return "region:" + region;
        }

        var dash = office.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0)
        {
            yield return "office:" + office[..dash];
        }

        yield return "office:" + office;
    }

    /// <summary>Adds <paramref name="sign"/> × the facts' contribution to <paramref name="deltas"/> (scope → row key → delta).</summary>
    public static void Add(Dictionary<string, Dictionary<string, RowDelta>> deltas, SeizureFacts facts, int sign)
    {
        var items = facts.Items ?? [];
        var rows = new List<(string RowKey, IEnumerable<SeizedItem> Items)>
        {
            (StatisticsRows.RowKey(StatisticsDimensions.Total, "all"), items),
            (StatisticsRows.RowKey(StatisticsDimensions.DetectionMethod, facts.DetectionMethod!), items),
            (StatisticsRows.RowKey(StatisticsDimensions.Office, facts.Office!), items),
        };
        rows.AddRange(items.Select(i => i.Category!).Distinct().Select(c => (StatisticsRows.RowKey(StatisticsDimensions.Category, c), items.Where(i => i.Category == c))));
        if (facts.Concealment?.Method is { } concealment)
        {
            rows.Add((StatisticsRows.RowKey(StatisticsDimensions.ConcealmentMethod, concealment), items));
        }

        if (facts.Conveyance?.Mode is { } mode)
        {
            rows.Add((StatisticsRows.RowKey(StatisticsDimensions.ConveyanceMode, mode), items));
        }

        if (facts.Route is { DepartureCountry: { } from, DestinationCountry: { } to })
        {
            rows.Add((StatisticsRows.RowKey(StatisticsDimensions.Route, $"{from}>{to}"), items));
        }

        rows.AddRange((facts.Route?.TransitCountries ?? []).Distinct().Select(t => (StatisticsRows.RowKey(StatisticsDimensions.TransitCountry, t), (IEnumerable<SeizedItem>)items)));

        foreach (var scope in ScopesOf(facts.Office!))
        {
            if (!deltas.TryGetValue(scope, out var scoped))
            {
                deltas[scope] = scoped = new Dictionary<string, RowDelta>(StringComparer.Ordinal);
            }

            foreach (var (rowKey, rowItems) in rows)
            {
                if (!scoped.TryGetValue(rowKey, out var delta))
                {
                    scoped[rowKey] = delta = new RowDelta();
                }

                delta.Count += sign;
                foreach (var item in rowItems.Where(i => i.Unit is not null))
                {
                    var quantity = (double)(item.Quantity ?? 0);
                    delta.Quantities[item.Unit!] = delta.Quantities.GetValueOrDefault(item.Unit!) + (sign * quantity);
                    if (KgPerUnit.TryGetValue(item.Unit!, out var factor))
                    {
                        delta.KgEq += sign * quantity * factor;
                    }

                    if (item.EstimatedValue is { Amount: { } amount, Currency: { } currency })
                    {
                        delta.Values[currency] = delta.Values.GetValueOrDefault(currency) + (sign * (double)amount);
                    }
                }
            }
        }
    }
}

internal static class StatisticsDimensions
{
    public const string Total = "total";
    public const string Category = "category";
    public const string DetectionMethod = "detectionMethod";
    public const string ConcealmentMethod = "concealmentMethod";
    public const string ConveyanceMode = "conveyanceMode";
    public const string Route = "route";
    public const string TransitCountry = "transitCountry";
    public const string Office = "office";

    public static readonly string[] All = [Total, Category, DetectionMethod, ConcealmentMethod, ConveyanceMode, Route, TransitCountry, Office];
}
