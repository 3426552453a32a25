using Enforcement.Functions.Security;

namespace Enforcement.Functions.Persons;

/// <summary>What differs between the suspect and the company database: the facts, their checks, the record shape
/// and what counts as the same person.</summary>
internal interface IPersonProfile<TFacts, TRecord>
    where TFacts : class
{
    PersonKind Kind { get; }

    (TFacts Normalized, Dictionary<string, string[]> Errors) Validate(TFacts facts, DateTimeOffset now);

    TFacts Read(string factsJson);

    TRecord ToRecord(PersonEntity entity, TFacts facts);

    /// <summary>Existing records the facts strongly match (the duplicate guard), other than the record itself
    /// (<paramref name="exceptId"/>) and those its earlier version (<paramref name="before"/>) already matched: a
    /// correction is refused for a new likeness only, not for one a user confirmed when recording.</summary>
    Task<IReadOnlyList<DuplicateMatch>> FindDuplicatesAsync(TFacts facts, string? exceptId, TFacts? before, Caller caller, CancellationToken cancellationToken);
}

/// <summary>A duplicate candidate and whether the caller may read it: only those are ever shown to the caller.</summary>
internal sealed record DuplicateMatch(DuplicateCandidate Candidate, bool CallerMayRead);
