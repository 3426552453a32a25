namespace Enforcement.Functions.RiskRules;

/// <summary>A selectivity rule: a condition over a subject's fields or history, a weight, a validity and a status.</summary>
public sealed record RuleFacts
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public RuleCondition? Condition { get; init; }

    /// <summary>1 to 1000; a subject's rule weights add up to its lane.</summary>
    public int? Weight { get; init; }

    /// <summary>draft, active or retired.</summary>
    public string? Status { get; init; }

    public DateTimeOffset? ValidFrom { get; init; }

    public DateTimeOffset? ValidTo { get; init; }
}

/// <summary>
/// What the rule looks for. Kinds: route-country (value: a country on the route or the origin), hs-chapter (value: two
/// digits), nationality (value), subject-type (value), concealment (value: a concealment method of a prior seizure
/// found for the subject, or of the seizure back-tested), conveyance-seizures (count seizures of the conveyance in
/// the last months, default 12), company-linked-to-seizure, watchlist-match.
/// </summary>
public sealed record RuleCondition
{
    public string? Kind { get; init; }

    public string? Value { get; init; }

    public int? Count { get; init; }

    public int? Months { get; init; }
}

public sealed record Rule
{
    public required string Id { get; init; }

    public required int Version { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public required RuleCondition Condition { get; init; }

    public required int Weight { get; init; }

    public required string Status { get; init; }

    public DateTimeOffset? ValidFrom { get; init; }

    public DateTimeOffset? ValidTo { get; init; }

    public required string UpdatedBy { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}

public sealed record RuleList(IReadOnlyList<Rule> Items);

public sealed record BacktestMonth(string Month, int Seizures, int Hits, double Yield);

/// <summary>How a rule would have fared over past seizures: per month, the seizures it would have selected (hits) and
/// the share of the month's seizures they are (yield).</summary>
public sealed record BacktestReport(string RuleId, int RuleVersion, string From, string To, int Seizures, int Hits, IReadOnlyList<BacktestMonth> Months);

public sealed record RulePerformanceMonth(string Month, int Screened, int Hits, double HitRate, int Examined, int Seizures, int Discrepancies, double Yield);

/// <summary>Per month: subjects screened while the rule was active, hits, hit rate, examinations reported, and the
/// yield (seizures made per examined hit).</summary>
public sealed record RulePerformance(string RuleId, IReadOnlyList<RulePerformanceMonth> Months);
