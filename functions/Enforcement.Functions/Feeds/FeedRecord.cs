using Enforcement.Functions.Seizures;

namespace Enforcement.Functions.Feeds;

/// <summary>
/// One seizure as it leaves the national system: the facts an analyst slices by, and nothing nominal. The shape is an
/// allow-list by construction: a field reaches a feed only if it is declared here. Left out on purpose: the narrative,
/// the concealment's and items' free-text descriptions (free text may name people), the vehicle registration (a
/// plate can identify a person), the transport document (free text, may carry names), officers, who recorded or
/// updated the record, suspects, companies and photos. <see cref="Id"/> is pseudonymous, never the national id.
/// </summary>
internal sealed record FeedRecord(
    string Id,
    string SeizedAt,
    string Office,
    string Procedure,
    string DetectionMethod,
    IReadOnlyList<FeedItem> Items,
    string? ConcealmentMethod,
    FeedConveyance? Conveyance,
    FeedRoute? Route)
{
    public static FeedRecord From(string pseudonymousId, SeizureFacts facts) => new(
        pseudonymousId,
        facts.SeizedAt ?? string.Empty,
        facts.Office ?? string.Empty,
        facts.Procedure ?? string.Empty,
        facts.DetectionMethod ?? string.Empty,
        (facts.Items ?? []).Select(i => new FeedItem(
            i.Category ?? string.Empty,
            i.HsCode,
            i.Quantity ?? 0,
            i.Unit ?? string.Empty,
            i.EstimatedValue is { Amount: { } amount, Currency: { } currency } ? new FeedMoney(amount, currency) : null)).ToList(),
        facts.Concealment?.Method,
        facts.Conveyance is { } c ? new FeedConveyance(c.Mode ?? string.Empty, c.VesselImo, c.FlightNumber, c.ContainerNumbers is { Count: > 0 } ? c.ContainerNumbers : null) : null,
        facts.Route is { } r ? new FeedRoute(r.DepartureCountry, r.TransitCountries is { Count: > 0 } ? r.TransitCountries : null, r.DestinationCountry, r.DeparturePlace, r.DestinationPlace) : null);
}

internal sealed record FeedItem(string Category, string? HsCode, decimal Quantity, string Unit, FeedMoney? EstimatedValue);

internal sealed record FeedMoney(decimal Amount, string Currency);

/// <summary>Identifiers of means of transport, not of people: IMO ship number, flight number, ISO 6346 containers.</summary>
internal sealed record FeedConveyance(string Mode, string? VesselImo, string? FlightNumber, IReadOnlyList<string>? ContainerNumbers);

internal sealed record FeedRoute(string? DepartureCountry, IReadOnlyList<string>? TransitCountries, string? DestinationCountry, string? DeparturePlace, string? DestinationPlace);
