namespace Enforcement.Functions.Persons;

/// <summary>An address as written, with its country (ISO 3166-1 alpha-2).</summary>
public sealed record PostalAddress
{
    public string? Text { get; init; }

    public string? City { get; init; }

    public string? Country { get; init; }
}

/// <summary>A 409 candidate: an existing record the new one strongly matches, and why. Only records the caller may
/// read are ever candidates; a match the caller may not read is flagged for an analyst instead.</summary>
public sealed record DuplicateCandidate(string Id, IReadOnlyList<string> Reasons, string? Name, string? Detail);
