namespace Enforcement.Functions.Feeds;

/// <summary>
/// summary.json: a month's counts per dimension for one scope, each with its change against the previous month and
/// the same month a year before (null when that month has no feed). A row appears when its key occurs in any of the
/// three months, so what disappeared shows as 0 with a negative change. A null key means "not reported".
/// </summary>
public sealed record FeedSummary(
    string Scope,
    string Month,
    FeedComparison Comparison,
    FeedTotals Totals,
    IReadOnlyList<CategoryUnitCount> ByCategoryAndUnit,
    IReadOnlyList<KeyCount> ByDetectionMethod,
    IReadOnlyList<KeyCount> ByConcealmentMethod,
    IReadOnlyList<KeyCount> ByConveyanceMode,
    IReadOnlyList<RouteCount> ByRoute,
    IReadOnlyList<KeyCount> ByOffice);

/// <summary>Which months the changes compare against, and whether they had a feed (versions are left out on
/// purpose: a new version of a neighbouring month with the same counts must not change this month's content).</summary>
public sealed record FeedComparison(string PreviousMonth, bool PreviousMonthAvailable, string YearBefore, bool YearBeforeAvailable);

public sealed record FeedTotals(int Seizures, int Items, TotalsChange? VsPreviousMonth, TotalsChange? VsYearBefore);

public sealed record TotalsChange(int Seizures, int Items);

/// <summary>Seizures with at least one item of the category in the unit, the number of such items, their total quantity.</summary>
public sealed record CategoryUnitCount(string Category, string Unit, int Seizures, int Items, decimal Quantity, QuantityChange? VsPreviousMonth, QuantityChange? VsYearBefore);

public sealed record QuantityChange(int Seizures, int Items, decimal Quantity);

public sealed record KeyCount(string? Key, int Seizures, CountChange? VsPreviousMonth, CountChange? VsYearBefore);

public sealed record RouteCount(string? DepartureCountry, string? DestinationCountry, int Seizures, CountChange? VsPreviousMonth, CountChange? VsYearBefore);

public sealed record CountChange(int Seizures);
