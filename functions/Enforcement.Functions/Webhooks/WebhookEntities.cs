using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace Enforcement.Functions.Webhooks;

/// <summary>
/// Table "webhooks", one row per subscription: PartitionKey = the owner's subject (<see cref="WebhookKeys.OwnerPartition"/>),
/// RowKey = subscription id ("wh_" + 16 characters). A partner's "list mine" is one partition query and every read by
/// a partner is a point read in its own partition, so another owner's subscription cannot even be found.
/// The same table holds the index partitions (keys starting with '~', which an owner partition never does):
/// <see cref="WebhookIndexEntity"/> rows and, in Development without a configured key, the generated encryption key.
/// </summary>
internal sealed class WebhookSubscriptionEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>The owner's subject as it is (the partition key may be escaped).</summary>
    public string Owner { get; set; } = string.Empty;

    public string Url { get; set; } = string.Empty;

    /// <summary>Event types, comma-separated.</summary>
    public string Events { get; set; } = string.Empty;

    /// <summary>Item categories the seizure events must include one of (comma-separated); empty = any.</summary>
    public string FilterCategories { get; set; } = string.Empty;

    /// <summary>Countries one of which the seizure's route must touch (comma-separated); empty = any.</summary>
    public string FilterCountries { get; set; } = string.Empty;

    public string? Description { get; set; }

    public string Scope { get; set; } = WebhookScopes.NonNominal;

    public string Status { get; set; } = WebhookStatuses.Active;

    public string? DisabledReason { get; set; }

    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>When deliveries started failing without a success since; cleared by any success.</summary>
    public DateTimeOffset? FailingSince { get; set; }

    /// <summary>The signing secret, encrypted (<see cref="WebhookSecretProtector"/>).</summary>
    public string Secret { get; set; } = string.Empty;

    /// <summary>The secret before the last rotation, encrypted; it signs too until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? PreviousSecret { get; set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }

    public DateTimeOffset? SecretRotatedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    /// <summary>Counts changes made through the API: the HTTP ETag is "{Revision}". Delivery bookkeeping
    /// (FailingSince, automatic disabling) does not count, so it never makes a partner's If-Match stale.</summary>
    public int Revision { get; set; }

    [IgnoreDataMember]
    public IReadOnlyList<string> EventList => Split(Events);

    [IgnoreDataMember]
    public IReadOnlyList<string> CategoryList => Split(FilterCategories);

    [IgnoreDataMember]
    public IReadOnlyList<string> CountryList => Split(FilterCountries);

    [IgnoreDataMember]
    public bool IsActive => Status == WebhookStatuses.Active;

    private static string[] Split(string value) => value.Length == 0 ? [] : value.Split(',');
}

/// <summary>
/// Index rows in table "webhooks": PartitionKey "~all" (every subscription, for admins) or "~event|{type}" (the
/// subscriptions of an event type, for the fan-out), RowKey = subscription id, <see cref="Owner"/> = the partition of
/// the subscription row. Written before the subscription and removed after it, so the index may hold a row too many
/// for a moment but never misses one; readers check the subscription row, which is the truth.
/// </summary>
internal sealed class WebhookIndexEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Owner { get; set; } = string.Empty;
}

/// <summary>
/// Table "deliveries": PartitionKey = subscription id, RowKey = delivery id (<see cref="WebhookKeys.DeliveryId"/>:
/// inverted event time first, so a subscription's delivery log is one partition query, newest first). The delivery
/// id is also the webhook-id header, the same on every attempt. The row keeps the event it carries (a pointer: the
/// body is rebuilt from the record's immutable version), the delivery state and the last attempts.
/// </summary>
internal sealed class WebhookDeliveryEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Owner { get; set; } = string.Empty;

    public string EventId { get; set; } = string.Empty;

    public string EventType { get; set; } = string.Empty;

    public string RecordId { get; set; } = string.Empty;

    public int Version { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public string Status { get; set; } = DeliveryStatuses.Pending;

    /// <summary>Attempts made, over every run (the first and each redelivery).</summary>
    public int Attempts { get; set; }

    /// <summary><see cref="Attempts"/> when the current run began: the retry schedule counts from here.</summary>
    public int RunStartAttempts { get; set; }

    public int Redeliveries { get; set; }

    public int? LastStatusCode { get; set; }

    public long? LastDurationMs { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public bool DeadLettered { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The token of the queue message that made the last attempt (see <see cref="WebhookDeliveryFunction"/>).</summary>
    public string? ClaimToken { get; set; }

    /// <summary>The token of the follow-up message scheduled after a failed attempt.</summary>
    public string? NextToken { get; set; }

    /// <summary>The last attempts as JSON (<see cref="DeliveryAttempt"/>), newest last, at most 30.</summary>
    public string History { get; set; } = "[]";
}

internal static class WebhookScopes
{
    public const string NonNominal = "non-nominal";
    public const string Nominal = "nominal";
}

internal static class WebhookStatuses
{
    public const string Active = "active";
    public const string Disabled = "disabled";
}

internal static class DeliveryStatuses
{
    /// <summary>Waiting for its first attempt (or a redelivery's).</summary>
    public const string Pending = "pending";

    /// <summary>An attempt is in flight.</summary>
    public const string Sending = "sending";

    /// <summary>The last attempt failed; the next is scheduled at NextAttemptAt.</summary>
    public const string Retrying = "retrying";

    public const string Succeeded = "succeeded";

    /// <summary>Every attempt of the schedule failed, or the endpoint answered 410 Gone: kept, can be redelivered.</summary>
    public const string DeadLetter = "dead-letter";

    /// <summary>Not sent: the subscription was disabled or stopped taking this event type before the attempt.</summary>
    public const string Cancelled = "cancelled";
}
