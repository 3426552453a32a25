using System.Text.Json.Serialization;

namespace Enforcement.Functions.Webhooks;

/// <summary>A subscription as sent to POST (whole) and PATCH (a merge patch of it). Every property is optional here
/// so that the validator reports each missing field by name.</summary>
public sealed record WebhookSubscriptionRequest
{
    public string? Url { get; init; }

    public IReadOnlyList<string>? Events { get; init; }

    public WebhookFilter? Filter { get; init; }

    public string? Description { get; init; }

    /// <summary>"non-nominal" (default) or "nominal"; only an admin may grant "nominal".</summary>
    public string? Scope { get; init; }

    /// <summary>false pauses deliveries; true re-enables a disabled subscription and clears its failure record.</summary>
    public bool? Active { get; init; }
}

/// <summary>Matches seizure events only: one of the categories among the items, and one of the countries on the route.</summary>
public sealed record WebhookFilter
{
    public IReadOnlyList<string>? Categories { get; init; }

    public IReadOnlyList<string>? Countries { get; init; }
}

/// <summary>A subscription as the API returns it. <see cref="Secret"/> is present only in the response that created it.</summary>
public sealed record WebhookSubscription
{
    public required string Id { get; init; }

    public required string Owner { get; init; }

    public required string Url { get; init; }

    public required IReadOnlyList<string> Events { get; init; }

    public required WebhookFilter Filter { get; init; }

    public string? Description { get; init; }

    public required string Scope { get; init; }

    public required string Status { get; init; }

    public string? DisabledReason { get; init; }

    public DateTimeOffset? DisabledAt { get; init; }

    public DateTimeOffset? FailingSince { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? SecretRotatedAt { get; init; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; init; }

    [JsonPropertyName("etag")]
    public required string ETag { get; init; }

    public string? Secret { get; init; }
}

public sealed record WebhookSubscriptionPage(IReadOnlyList<WebhookSubscription> Items, string? ContinuationToken);

/// <summary>The only response besides creation that carries a secret.</summary>
public sealed record WebhookSecretRotation(string Id, string Secret, DateTimeOffset? PreviousSecretExpiresAt, string Note);

public sealed record WebhookPingAccepted(string DeliveryId, string EventId);

public sealed record WebhookDelivery
{
    public required string Id { get; init; }

    public required string EventId { get; init; }

    public required string EventType { get; init; }

    public required string RecordId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required string Status { get; init; }

    public required int Attempts { get; init; }

    public int? LastStatusCode { get; init; }

    public long? LastDurationMs { get; init; }

    public string? LastError { get; init; }

    public DateTimeOffset? LastAttemptAt { get; init; }

    public DateTimeOffset? NextAttemptAt { get; init; }

    public DateTimeOffset? DeliveredAt { get; init; }

    public required bool DeadLettered { get; init; }

    public required int Redeliveries { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Every attempt (the last 30), in the single-delivery view only.</summary>
    public IReadOnlyList<DeliveryAttempt>? AttemptLog { get; init; }
}

public sealed record DeliveryAttempt(int Number, DateTimeOffset At, int? StatusCode, long DurationMs, string? Error);

public sealed record WebhookDeliveryPage(IReadOnlyList<WebhookDelivery> Items, string? ContinuationToken);
