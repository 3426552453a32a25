using System.Globalization;
using Enforcement.Functions.Screening;

namespace Enforcement.Functions.RiskRules;

/// <summary>What a rule can see of a subject: its own fields and the history facts screening found for it.</summary>
internal sealed record RuleSubject(
    string Type,
    IReadOnlyList<string> Countries,
    IReadOnlyList<string> HsCodes,
    string? Nationality,
    IReadOnlyList<PriorSeizure> ConveyanceSeizures,
    IReadOnlyList<PriorSeizure> PriorSeizures,
    bool CompanyLinkedToSeizure,
    bool WatchlistMatch,
    DateTimeOffset At);

internal static class RuleEvaluation
{
    /// <summary>Whether the condition holds, and why in words (shown with the rule hit).</summary>
    public static (bool Hit, string Because) Evaluate(RuleCondition condition, RuleSubject subject) => condition.Kind switch
    {
        "route-country" => (subject.Countries.Contains(condition.Value!, StringComparer.Ordinal), $"route includes {condition.Value}"),
        "hs-chapter" => (subject.HsCodes.Any(h => h.StartsWith(condition.Value!, StringComparison.Ordinal)), $"HS chapter {condition.Value}"),
        "nationality" => (subject.Nationality == condition.Value, $"nationality {condition.Value}"),
        "subject-type" => (subject.Type == condition.Value, $"subject is a {condition.Value}"),
        "concealment" => (subject.PriorSeizures.Any(p => p.Concealment == condition.Value), $"prior seizure concealed by {condition.Value}"),
        "conveyance-seizures" => ConveyanceSeizures(condition, subject),
        "company-linked-to-seizure" => (subject.CompanyLinkedToSeizure, "company linked to a seizure"),
        "watchlist-match" => (subject.WatchlistMatch, "watch-list match"),
        _ => (false, string.Empty),
    };

    private static (bool, string) ConveyanceSeizures(RuleCondition condition, RuleSubject subject)
    {
        var months = condition.Months ?? 12;
        var since = subject.At.AddMonths(-months);
        var count = subject.ConveyanceSeizures.DistinctBy(s => s.SeizureId).Count(s =>
            DateTimeOffset.TryParse(s.SeizedAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && at >= since && at <= subject.At);
        return (count >= condition.Count, $"conveyance seen in {count} seizures in {months} months (rule: {condition.Count} or more)");
    }

    public static bool IsActiveAt(RuleFacts facts, DateTimeOffset at) =>
        facts.Status == "active" && (facts.ValidFrom is null || facts.ValidFrom <= at) && (facts.ValidTo is null || facts.ValidTo > at);
}
