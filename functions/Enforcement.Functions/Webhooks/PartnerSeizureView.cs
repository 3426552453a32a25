using Enforcement.Functions.Seizures;

namespace Enforcement.Functions.Webhooks;

/// <summary>
/// What a partner with the default (non-nominal) scope learns about a seizure: the facts CEN would hold, nothing that
/// names or can identify a person. Left out: the narrative, item descriptions and the concealment description (free
/// text), the vehicle registration and the transport document, and who recorded it. The RILO feed keeps a
/// projection of its own on purpose: the two audiences' agreements can change independently.
/// </summary>
public sealed record PartnerSeizureView(
    string Id,
    int Version,
    string? SeizedAt,
    string? Office,
    string? Procedure,
    string? DetectionMethod,
    IReadOnlyList<PartnerSeizedItem> Items,
    PartnerConcealment? Concealment,
    PartnerConveyance? Conveyance,
    Seizures.Route? Route)
{
    public static PartnerSeizureView From(string id, int version, SeizureFacts facts) => new(
        id,
        version,
        facts.SeizedAt,
        facts.Office,
        facts.Procedure,
        facts.DetectionMethod,
        (facts.Items ?? []).Select(i => new PartnerSeizedItem(i.Category, i.HsCode, i.Quantity, i.Unit, i.EstimatedValue)).ToList(),
        facts.Concealment is { Method: { } method } ? new PartnerConcealment(method) : null,
        facts.Conveyance is { } c ? new PartnerConveyance(c.Mode, c.VesselImo, c.FlightNumber, c.ContainerNumbers) : null,
        facts.Route);
}

public sealed record PartnerSeizedItem(string? Category, string? HsCode, decimal? Quantity, string? Unit, Money? EstimatedValue);

public sealed record PartnerConcealment(string Method);

public sealed record PartnerConveyance(string? Mode, string? VesselImo, string? FlightNumber, IReadOnlyList<string>? ContainerNumbers);

/// <summary>The whole record as stored at that version, for subscriptions an admin granted nominal scope.</summary>
public sealed record NominalSeizureView(string Id, int Version, SeizureFacts Facts);
