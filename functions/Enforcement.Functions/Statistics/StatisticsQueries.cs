using Enforcement.Functions.ReferenceData;
using Enforcement.Functions.Security;

namespace Enforcement.Functions.Statistics;

/// <summary>Builds reports from the aggregates (three range reads per dimension: the period, the one before, the
/// same one a year before) and decides which scopes a caller may read.</summary>
internal sealed class StatisticsQueries(StatisticsStore store)
{
    public const string National = "all";

    public async Task<StatisticsReport> ReportAsync(string scope, StatisticsPeriod period, string dimension, int? top, CancellationToken cancellationToken)
    {
        var (previous, yearAgo) = (period.Previous(), period.YearBefore());
        var reads = await Task.WhenAll(
            store.DimensionAsync(scope, period, dimension, cancellationToken),
            store.DimensionAsync(scope, previous, dimension, cancellationToken),
            store.DimensionAsync(scope, yearAgo, dimension, cancellationToken));
        var lines = reads.SelectMany(r => r.Keys).Distinct(StringComparer.Ordinal)
            .Select(key =>
            {
                var (c, p, y) = (reads[0].GetValueOrDefault(key, Measures.None), reads[1].GetValueOrDefault(key, Measures.None), reads[2].GetValueOrDefault(key, Measures.None));
                return new StatisticsLine(key, c, p, y, StatisticsChange.Between(c, p, y));
            })
            .OrderByDescending(l => l.Current.Count).ThenByDescending(l => l.Previous.Count).ThenBy(l => l.Key, StringComparer.Ordinal)
            .Take(top ?? int.MaxValue)
            .ToList();
        return new StatisticsReport(scope, dimension, period.ToString(), previous.ToString(), yearAgo.ToString(), lines);
    }

    /// <summary>Monthly figures of one dimension value for the months up to <paramref name="until"/> (one point read each).</summary>
    public async Task<IReadOnlyList<(string Month, Measures Measures)>> TrendAsync(string scope, StatisticsPeriod until, int months, string dimension, string value, CancellationToken cancellationToken)
    {
        var periods = new List<StatisticsPeriod> { until };
        while (periods.Count < months)
        {
            periods.Insert(0, periods[0].Previous());
        }

        var measures = await Task.WhenAll(periods.Select(p => store.ValueAsync(scope, p, dimension, value, cancellationToken)));
        return periods.Select((p, i) => (p.ToString(), measures[i])).ToList();
    }

    /// <summary>"all", "region:AP", "office:PKKHI" or "office:PKKHI-APFT", normalized; null when malformed.</summary>
    public static string? ParseScope(string? scope)
    {
        scope = scope?.Trim();
        if (string.IsNullOrEmpty(scope) || scope.Equals(National, StringComparison.OrdinalIgnoreCase) || scope.Equals("national", StringComparison.OrdinalIgnoreCase))
        {
            return National;
        }

        if (scope.StartsWith("region:", StringComparison.OrdinalIgnoreCase) && WcoRegions.IsKnown(scope[7..].ToUpperInvariant()))
        {
            return "region:" + scope[7..].ToUpperInvariant();
        }

        if (scope.StartsWith("office:", StringComparison.OrdinalIgnoreCase))
        {
            var office = scope[7..].ToUpperInvariant();
            var port = office.Split('-')[0];
            if (UnLocode.IsWellFormed(port) && office.Length <= 16 && office.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return "office:" + office;
            }
        }

        return null;
    }

    /// <summary>Analysts and admins read every scope; supervisors their office's; RILOs the national and their
    /// region's aggregates (non-nominal figures, as their feed).</summary>
    public static bool MayRead(Caller caller, string scope)
    {
        if (caller.IsInRole(Roles.Analyst, Roles.Admin))
        {
            return true;
        }

        if (caller.IsInRole(Roles.Rilo) && (scope == National || scope == "region:" + caller.Region?.ToUpperInvariant()))
        {
            return true;
        }

        return caller.IsInRole(Roles.Supervisor) && scope.StartsWith("office:", StringComparison.Ordinal) && caller.CoversOffice(scope[7..]);
    }
}
