namespace Enforcement.Functions.Conveyances;

/// <summary>A means of conveyance as recorded: the fields of its kind (vessel, aircraft, vehicle, container).</summary>
public sealed record ConveyanceFacts
{
    /// <summary>vessel, aircraft, vehicle or container.</summary>
    public string? Kind { get; init; }

    /// <summary>Vessel name (current).</summary>
    public string? Name { get; init; }

    public string? Imo { get; init; }

    public string? Mmsi { get; init; }

    public string? CallSign { get; init; }

    /// <summary>Flag state (vessels, ISO 3166-1 alpha-2), current.</summary>
    public string? Flag { get; init; }

    /// <summary>Earlier names and flags of a vessel, each with the dates it held them.</summary>
    public IReadOnlyList<ConveyanceNameFlag>? History { get; init; }

    /// <summary>Aircraft registration mark (AP-BHA).</summary>
    public string? Registration { get; init; }

    /// <summary>Aircraft ICAO 24-bit address, 6 hex digits.</summary>
    public string? IcaoAddress { get; init; }

    /// <summary>Aircraft operator or vessel operator.</summary>
    public string? Operator { get; init; }

    /// <summary>Road vehicle registration plate.</summary>
    public string? Plate { get; init; }

    /// <summary>Road vehicle registration country (ISO 3166-1 alpha-2).</summary>
    public string? RegistrationCountry { get; init; }

    public string? Vin { get; init; }

    /// <summary>ISO 6346 container number; its owner code is derived.</summary>
    public string? ContainerNumber { get; init; }

    public string? Notes { get; init; }
}

public sealed record ConveyanceNameFlag
{
    public string? Name { get; init; }

    public string? Flag { get; init; }

    /// <summary>YYYY-MM-DD.</summary>
    public string? From { get; init; }

    /// <summary>YYYY-MM-DD.</summary>
    public string? To { get; init; }
}

public sealed record Conveyance
{
    public required string Id { get; init; }

    /// <summary>The id that stands for the whole cluster of records judged the same (the smallest id of the cluster).</summary>
    public required string CanonicalId { get; init; }

    public required IReadOnlyList<string> Cluster { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public required string Kind { get; init; }

    public string? Name { get; init; }

    public string? Imo { get; init; }

    public string? Mmsi { get; init; }

    public string? CallSign { get; init; }

    public string? Flag { get; init; }

    public IReadOnlyList<ConveyanceNameFlag>? History { get; init; }

    public string? Registration { get; init; }

    public string? IcaoAddress { get; init; }

    public string? Operator { get; init; }

    public string? Plate { get; init; }

    public string? RegistrationCountry { get; init; }

    public string? Vin { get; init; }

    public string? ContainerNumber { get; init; }

    public string? OwnerCode { get; init; }

    public string? Notes { get; init; }

    /// <summary>What was accepted but deserves a look (a VIN check digit that does not match outside North America).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

public sealed record ConveyanceList(IReadOnlyList<Conveyance> Items);

/// <summary>An analyst's judgement: is the target (another conveyance, or a seizure's conveyance reference) the same?</summary>
public sealed record JudgementRequest
{
    /// <summary>A conveyance id (CV-…) or a seizure id (SZ-…) offered as a candidate.</summary>
    public string? TargetId { get; init; }

    /// <summary>same, different or unsure.</summary>
    public string? Judgement { get; init; }

    public string? Reason { get; init; }
}

public sealed record Judgement(string ConveyanceId, string TargetId, string Verdict, string? Reason, string JudgedBy, DateTimeOffset JudgedAt,
    string CanonicalId, IReadOnlyList<string> Cluster);

/// <summary>A seizure in which the conveyance (or a record of its cluster) was used: non-nominal.</summary>
public sealed record ConveyanceSeizure(string SeizureId, string ConveyanceId, string Status, string Scheme, string Identifier,
    string SeizedAt, string Office, IReadOnlyList<string> Categories, string? Concealment);

public sealed record ConveyanceSeizureList(string CanonicalId, IReadOnlyList<string> Cluster, IReadOnlyList<ConveyanceSeizure> Items);

/// <summary>What an analyst may judge: seizures that named this conveyance by a weak identifier, and other records
/// sharing an identifier with it.</summary>
public sealed record ConveyanceCandidates(IReadOnlyList<ConveyanceSeizure> Seizures, IReadOnlyList<ConveyanceCandidate> Conveyances);

public sealed record ConveyanceCandidate(string ConveyanceId, string Scheme, string Identifier, string? Judgement);
