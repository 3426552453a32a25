using Enforcement.Functions.Handling;

namespace Enforcement.Functions.Alerts;

/// <summary>What a publisher sends. Every property is optional here so that the validator names each missing field.</summary>
public sealed record AlertRequest
{
    public string? Title { get; init; }

    public string? Body { get; init; }

    /// <summary>concealment, route, modus-operandi, commodity, conveyance or other.</summary>
    public string? Kind { get; init; }

    public AlertFacts? Facts { get; init; }

    /// <summary>Ids of seizures, suspects and companies the alert cites.</summary>
    public IReadOnlyList<string>? References { get; init; }

    public AlertAudience? Audience { get; init; }

    public DateTimeOffset? ValidFrom { get; init; }

    public DateTimeOffset? ValidUntil { get; init; }

    public string? Priority { get; init; }

    public bool? RequestAck { get; init; }

    public string? Handling { get; init; }

    public Evaluation? Evaluation { get; init; }

    /// <summary>The office that owns the alert (escalations go to its supervisors); defaults to the publisher's office.</summary>
    public string? Office { get; init; }

    /// <summary>The publisher declares the alert free of personal data; only such an alert (H0/H1, citing no person)
    /// is forwarded to partners as the webhook event alert.published.</summary>
    public bool? NonNominal { get; init; }
}

/// <summary>Structured facts in the seizure code lists, so alerts can be matched against seizures.</summary>
public sealed record AlertFacts
{
    public IReadOnlyList<string>? Categories { get; init; }

    public IReadOnlyList<string>? ConcealmentMethods { get; init; }

    public IReadOnlyList<string>? RouteCountries { get; init; }

    public IReadOnlyList<string>? ConveyanceModes { get; init; }
}

/// <summary>Who receives the alert: the union of these offices, WCO regions, roles and named users.</summary>
public sealed record AlertAudience
{
    public IReadOnlyList<string>? Offices { get; init; }

    public IReadOnlyList<string>? Regions { get; init; }

    public IReadOnlyList<string>? Roles { get; init; }

    /// <summary>Named recipients by subject: the only recipients of an H3 alert.</summary>
    public IReadOnlyList<string>? Users { get; init; }
}

/// <summary>An alert as one reader sees it: references rendered for that reader, and that reader's read state.</summary>
public sealed record Alert
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required string Body { get; init; }

    public required string Kind { get; init; }

    public AlertFacts? Facts { get; init; }

    public required IReadOnlyList<RecordReference> References { get; init; }

    public required AlertAudience Audience { get; init; }

    public required DateTimeOffset ValidFrom { get; init; }

    public DateTimeOffset? ValidUntil { get; init; }

    public required string Priority { get; init; }

    public required bool RequestAck { get; init; }

    public required string Handling { get; init; }

    public required Evaluation Evaluation { get; init; }

    public string? Office { get; init; }

    public required bool NonNominal { get; init; }

    public required string PublishedBy { get; init; }

    public required DateTimeOffset PublishedAt { get; init; }

    public required bool Read { get; init; }
}

public sealed record AlertPage(IReadOnlyList<Alert> Items, string? ContinuationToken);

/// <summary>Marks every alert up to and including <see cref="UpTo"/> read: one marker per reader, not a receipt per alert.</summary>
public sealed record ReadMarkerRequest
{
    public string? UpTo { get; init; }
}

public sealed record ReadMarker(string UpTo, DateTimeOffset At);

/// <summary>Who has acknowledged an item that asked for it, and which recipients have not yet.</summary>
public sealed record AckReceipt(string ItemId, IReadOnlyList<Acknowledgement> AcknowledgedBy, IReadOnlyList<string> Pending);

public sealed record Acknowledgement(string Subject, string? Office, DateTimeOffset AcknowledgedAt);
