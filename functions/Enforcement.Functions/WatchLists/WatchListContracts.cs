namespace Enforcement.Functions.WatchLists;

public sealed record WatchListFacts
{
    public string? Name { get; init; }

    public string? Description { get; init; }
}

public sealed record WatchList(string Id, string Name, string? Description, string Owner, int Version, DateTimeOffset CreatedAt);

public sealed record WatchListList(IReadOnlyList<WatchList> Items);

/// <summary>One entry of a watch list: what to look for (by type), why, from whom, under which handling code, until when.</summary>
public sealed record WatchListEntryFacts
{
    /// <summary>person, company, conveyance, container, phone, document or route.</summary>
    public string? Type { get; init; }

    /// <summary>Person's or company's name, or vessel name.</summary>
    public string? Name { get; init; }

    /// <summary>Person: YYYY-MM-DD or YYYY.</summary>
    public string? DateOfBirth { get; init; }

    /// <summary>Person: nationality; company: country of registration (ISO 3166-1 alpha-2).</summary>
    public string? Country { get; init; }

    /// <summary>Person or document: identity document number.</summary>
    public string? DocumentNumber { get; init; }

    /// <summary>Company registration number.</summary>
    public string? RegistrationNumber { get; init; }

    /// <summary>Conveyance or container: identifier scheme (imo, mmsi, call-sign, vin, icao24, aircraft-registration, plate, iso6346).</summary>
    public string? Scheme { get; init; }

    public string? Identifier { get; init; }

    /// <summary>E.164 phone number.</summary>
    public string? Phone { get; init; }

    /// <summary>Route: departure country (absent: any).</summary>
    public string? RouteFrom { get; init; }

    /// <summary>Route: destination country (absent: any).</summary>
    public string? RouteTo { get; init; }

    public string? Reason { get; init; }

    public string? Source { get; init; }

    /// <summary>H0, H1, H2 or H3.</summary>
    public string? HandlingCode { get; init; }

    /// <summary>Defaults to now.</summary>
    public DateTimeOffset? ValidFrom { get; init; }

    /// <summary>The entry stops matching at this instant, by itself.</summary>
    public DateTimeOffset? ValidTo { get; init; }

    /// <summary>Who is alerted on a hit; defaults to the caller.</summary>
    public string? Owner { get; init; }
}

public sealed record WatchListEntry
{
    public required string Id { get; init; }

    public required string ListId { get; init; }

    public required WatchListEntryFacts Facts { get; init; }

    public required string Owner { get; init; }

    public required bool Expired { get; init; }

    public required DateTimeOffset AddedAt { get; init; }
}

public sealed record WatchListEntryList(IReadOnlyList<WatchListEntry> Items, string? ContinuationToken);

public sealed record WatchListHit(string EntryId, string ListId, string RecordId, string RecordKind, double Score, string Owner, DateTimeOffset FoundAt);

public sealed record WatchListHitList(IReadOnlyList<WatchListHit> Items, string? ContinuationToken);
