namespace Enforcement.Functions.Statistics;

/// <summary>One dimension of one period in one scope, each value against the previous period and the same period a
/// year before.</summary>
public sealed record StatisticsReport(
    string Scope,
    string Dimension,
    string Period,
    string PreviousPeriod,
    string YearAgoPeriod,
    IReadOnlyList<StatisticsLine> Rows);

public sealed record StatisticsLine(string Key, Measures Current, Measures Previous, Measures YearAgo, StatisticsChange Change);

/// <summary>Differences of the current period against the previous one and the same one a year before; the
/// percentages are absent where the earlier figure is zero.</summary>
public sealed record StatisticsChange(
    long CountVsPrevious,
    decimal? CountVsPreviousPercent,
    long CountVsYearAgo,
    decimal? CountVsYearAgoPercent,
    decimal KgEquivalentVsPrevious,
    decimal KgEquivalentVsYearAgo)
{
    public static StatisticsChange Between(Measures current, Measures previous, Measures yearAgo) => new(
        current.Count - previous.Count,
        Percent(current.Count, previous.Count),
        current.Count - yearAgo.Count,
        Percent(current.Count, yearAgo.Count),
        current.KgEquivalent - previous.KgEquivalent,
        current.KgEquivalent - yearAgo.KgEquivalent);

    private static decimal? Percent(long now, long before) => before == 0 ? null : Math.Round(100m * (now - before) / before, 1);
}
