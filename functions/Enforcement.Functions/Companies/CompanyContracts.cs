using System.Text.Json.Serialization;
using Enforcement.Functions.Persons;

namespace Enforcement.Functions.Companies;

/// <summary>What is known about an offending business entity. Every property is optional here so that the
/// validator, not the deserializer, reports each problem by field.</summary>
public sealed record CompanyFacts
{
    public string? LegalName { get; init; }

    public IReadOnlyList<string>? TradingNames { get; init; }

    public IReadOnlyList<RegistrationNumber>? RegistrationNumbers { get; init; }

    /// <summary>The country of registration (ISO 3166-1 alpha-2).</summary>
    public string? Country { get; init; }

    public IReadOnlyList<PostalAddress>? Addresses { get; init; }

    /// <summary>importer, exporter, consignee, consignor, carrier, broker, freight-forwarder, other.</summary>
    public IReadOnlyList<string>? RolesSeen { get; init; }

    public string? Notes { get; init; }
}

public sealed record RegistrationNumber
{
    /// <summary>The register, as a short code: "ntn" (national tax number), "strn", "secp", "vat", "eori", "trade-licence"...</summary>
    public string? Scheme { get; init; }

    public string? Number { get; init; }

    /// <summary>The registering country; the company's country when left out.</summary>
    public string? Country { get; init; }
}

/// <summary>A stored company as the API returns it.</summary>
public sealed record Company
{
    public required string Id { get; init; }

    public required int Version { get; init; }

    [JsonPropertyName("etag")]
    public required string ETag { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required string LegalName { get; init; }

    public IReadOnlyList<string>? TradingNames { get; init; }

    public IReadOnlyList<RegistrationNumber>? RegistrationNumbers { get; init; }

    public required string Country { get; init; }

    public IReadOnlyList<PostalAddress>? Addresses { get; init; }

    public IReadOnlyList<string>? RolesSeen { get; init; }

    public string? Notes { get; init; }
}

public sealed record CompanyMatch(double Score, string MatchedOn, Company Company);

public sealed record CompanySearchResult(IReadOnlyList<CompanyMatch> Items, bool Complete);
