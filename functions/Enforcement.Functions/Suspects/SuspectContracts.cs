using System.Text.Json.Serialization;
using Enforcement.Functions.Persons;

namespace Enforcement.Functions.Suspects;

/// <summary>What is known about a suspect person. Every property is optional here so that the validator, not the
/// deserializer, reports each problem by field.</summary>
public record SuspectFacts
{
    public string? GivenNames { get; init; }

    public string? FamilyName { get; init; }

    /// <summary>The full name as written (on the document, in the report), in any order or script.</summary>
    public string? FullName { get; init; }

    public IReadOnlyList<string>? Aliases { get; init; }

    /// <summary>"YYYY-MM-DD", or "YYYY" when only the year is known.</summary>
    public string? DateOfBirth { get; init; }

    public string? Gender { get; init; }

    public IReadOnlyList<string>? Nationalities { get; init; }

    public IReadOnlyList<IdentityDocument>? Documents { get; init; }

    public IReadOnlyList<PostalAddress>? Addresses { get; init; }

    public IReadOnlyList<string>? PhoneNumbers { get; init; }

    public string? Notes { get; init; }
}

public sealed record IdentityDocument
{
    /// <summary>passport, national-id, driving-licence or other.</summary>
    public string? Type { get; init; }

    /// <summary>Stored in upper case without spaces.</summary>
    public string? Number { get; init; }

    public string? IssuingCountry { get; init; }

    public string? ExpiresOn { get; init; }

    /// <summary>The ICAO 9303 check digit of the number as printed in the machine-readable zone, when known. A number
    /// may also be entered in its MRZ form ("L898902C&lt;3"): the digit is then taken from it.</summary>
    public string? MrzCheckDigit { get; init; }
}

/// <summary>A stored suspect as the API returns it: its facts and the record's own properties.</summary>
public sealed record Suspect : SuspectFacts
{
    public Suspect(SuspectFacts facts)
        : base(facts)
    {
    }

    public required string Id { get; init; }

    public required int Version { get; init; }

    [JsonPropertyName("etag")]
    public required string ETag { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>One search hit: how close it is (1 = the same spelling), which of the suspect's names or documents
/// matched, and the record.</summary>
public sealed record SuspectMatch(double Score, string MatchedOn, Suspect Suspect);

/// <summary><c>Complete</c> is false when an index partition held more candidates than one lookup reads: narrow the
/// search (birthYear, a fuller name).</summary>
public sealed record SuspectSearchResult(IReadOnlyList<SuspectMatch> Items, bool Complete);
