using System.Text.Json.Serialization;

namespace Enforcement.Functions.Seizures;

/// <summary>What an officer reports: the facts of a seizure. Every property is optional here so that the validator,
/// not the deserializer, reports each missing field by name.</summary>
public sealed record SeizureFacts
{
    public string? SeizedAt { get; init; }

    public string? Office { get; init; }

    public string? Procedure { get; init; }

    public string? DetectionMethod { get; init; }

    public IReadOnlyList<SeizedItem>? Items { get; init; }

    public Concealment? Concealment { get; init; }

    public Conveyance? Conveyance { get; init; }

    public Route? Route { get; init; }

    public string? Narrative { get; init; }

    /// <summary>The operation group this seizure is reported into (optional): the seizure appears in the group and
    /// counts in its operation report. The caller must be a member of that group, and it must not be frozen.</summary>
    public string? OperationId { get; init; }
}

public sealed record SeizedItem
{
    public string? Category { get; init; }

    public string? Description { get; init; }

    public string? HsCode { get; init; }

    public decimal? Quantity { get; init; }

    public string? Unit { get; init; }

    public Money? EstimatedValue { get; init; }
}

public sealed record Money
{
    public decimal? Amount { get; init; }

    public string? Currency { get; init; }
}

public sealed record Concealment
{
    public string? Method { get; init; }

    public string? Description { get; init; }
}

public sealed record Conveyance
{
    public string? Mode { get; init; }

    public string? VesselImo { get; init; }

    public string? FlightNumber { get; init; }

    public string? VehicleRegistration { get; init; }

    public IReadOnlyList<string>? ContainerNumbers { get; init; }

    public string? TransportDocument { get; init; }
}

public sealed record Route
{
    public string? DepartureCountry { get; init; }

    public IReadOnlyList<string>? TransitCountries { get; init; }

    public string? DestinationCountry { get; init; }

    public string? DeparturePlace { get; init; }

    public string? DestinationPlace { get; init; }
}

/// <summary>A stored seizure as the API returns it: the facts plus what the system recorded about the record.</summary>
public sealed record Seizure
{
    public required string Id { get; init; }

    public required int Version { get; init; }

    [JsonPropertyName("etag")]
    public required string ETag { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required string SeizedAt { get; init; }

    public required string Office { get; init; }

    public required string Procedure { get; init; }

    public required string DetectionMethod { get; init; }

    public required IReadOnlyList<SeizedItem> Items { get; init; }

    public Concealment? Concealment { get; init; }

    public Conveyance? Conveyance { get; init; }

    public Route? Route { get; init; }

    public string? Narrative { get; init; }

    /// <summary>Where the record came from when it was not posted by an officer (an import job); absent otherwise.</summary>
    public RecordSource? Source { get; init; }
    public string? OperationId { get; init; }
}

/// <summary>An imported record's origin: the import job, the row of its file and the legacy case number, if any.</summary>
public sealed record RecordSource(string Kind, string ImportJob, int Row, string? LegacyCaseNumber);

public sealed record SeizurePage(IReadOnlyList<Seizure> Items, string? ContinuationToken);
