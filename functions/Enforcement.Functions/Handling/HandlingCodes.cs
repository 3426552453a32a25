namespace Enforcement.Functions.Handling;

/// <summary>
/// The handling code every alert and message carries (after SIENA): what the reader may do with it. The system
/// enforces them: H2 and H3 never leave in webhooks or feeds, H3 reaches named recipients only, and H1 is excluded
/// from court exports.
/// </summary>
internal static class HandlingCodes
{
    /// <summary>National use.</summary>
    public const string National = "H0";

    /// <summary>Not for judicial use without the originator's consent.</summary>
    public const string NoJudicialUse = "H1";

    /// <summary>No further dissemination without the originator's consent.</summary>
    public const string NoDissemination = "H2";

    /// <summary>Restricted: releasable only to named recipients.</summary>
    public const string NamedOnly = "H3";

    public static readonly IReadOnlyList<string> All = [National, NoJudicialUse, NoDissemination, NamedOnly];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code, StringComparer.Ordinal);

    /// <summary>Whether an item may leave the national system (partner webhooks, feeds).</summary>
    public static bool MayLeave(string code) => code is National or NoJudicialUse;

    /// <summary>Whether an item may go into a court bundle or export.</summary>
    public static bool MayGoToCourt(string code) => code is National;
}

/// <summary>How far a source is trusted (A reliable, B mostly, C not, X unknown) and how accurate the information
/// is (1 known true, 2 known to the source, 3 not known but corroborated, 4 cannot be judged).</summary>
public sealed record Evaluation
{
    public static readonly IReadOnlyList<string> SourceCodes = ["A", "B", "C", "X"];
    public static readonly IReadOnlyList<int> AccuracyCodes = [1, 2, 3, 4];

    public string? Source { get; init; }

    public int? Accuracy { get; init; }
}

internal static class Priorities
{
    public const string Routine = "routine";
    public const string Important = "important";
    public const string Urgent = "urgent";

    public static readonly IReadOnlyList<string> All = [Routine, Important, Urgent];
}
