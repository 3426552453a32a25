using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Enforcement.Functions.Events;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Webhooks;

/// <summary>The deliveries table (one row per delivery, kept after success and dead-lettering) and the
/// "webhook-deliveries" queue that carries one pointer message per attempt.</summary>
internal sealed class WebhookDeliveryLog(TableServiceClient tables, QueueServiceClient queues, StorageNames names, TimeProvider time)
{
    public const int MaxHistory = 30;

    /// <summary>Far beyond the longest attempt (the 2-minute timeout limit) plus the host's retries of a failed invocation.</summary>
    private static readonly TimeSpan AbandonedAttemptAge = TimeSpan.FromMinutes(10);

    private readonly TableClient _table = tables.GetTableClient(names.Table(StorageNames.Tables.Deliveries));
    private readonly QueueClient _queue = queues.GetQueueClient(names.Queue(StorageNames.Queues.WebhookDeliveries));

    /// <summary>
    /// Records the delivery of an event to a subscription and queues its first attempt. The delivery id is derived
    /// from the event and the subscription, so a repeated fan-out finds the row it made before: it queues again only
    /// if no attempt has been made yet (the first enqueue may have been lost; a duplicate is harmless).
    /// </summary>
    public async Task<WebhookDeliveryEntity> CreateAndQueueAsync(WebhookSubscriptionEntity subscription, RecordEvent recordEvent, CancellationToken cancellationToken)
    {
        var delivery = new WebhookDeliveryEntity
        {
            PartitionKey = subscription.RowKey,
            RowKey = WebhookKeys.DeliveryId(recordEvent.EventId, recordEvent.OccurredAt, subscription.RowKey),
            Owner = subscription.PartitionKey,
            EventId = recordEvent.EventId,
            EventType = recordEvent.Type,
            RecordId = recordEvent.RecordId,
            Version = recordEvent.Version,
            OccurredAt = recordEvent.OccurredAt,
            CreatedAt = time.GetUtcNow(),
            NextAttemptAt = time.GetUtcNow(),
        };
        try
        {
            var added = await _table.AddEntityAsync(delivery, cancellationToken);
            delivery.ETag = added.Headers.ETag ?? default;
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status409Conflict)
        {
            delivery = (await _table.GetEntityAsync<WebhookDeliveryEntity>(delivery.PartitionKey, delivery.RowKey, cancellationToken: cancellationToken)).Value;
            if (delivery.Status != DeliveryStatuses.Pending || delivery.Attempts > 0)
            {
                return delivery;
            }
        }

        // The message carries the row as written (and its ETag), so the first attempt claims it without reading it.
        await QueueAsync(WebhookDeliveryMessage.First(delivery, NewToken()), TimeSpan.Zero, cancellationToken);
        return delivery;
    }

    public async Task<WebhookDeliveryEntity?> GetAsync(string subscriptionId, string deliveryId, CancellationToken cancellationToken)
    {
        if (!WebhookKeys.IsDeliveryId(deliveryId))
        {
            return null;
        }

        var response = await _table.GetEntityIfExistsAsync<WebhookDeliveryEntity>(subscriptionId, deliveryId, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>A page of a subscription's deliveries, newest first (one partition query).</summary>
    public async Task<(IReadOnlyList<WebhookDeliveryEntity> Items, string? ContinuationToken)> ListAsync(string subscriptionId, int limit, string? continuationToken, CancellationToken cancellationToken)
    {
        await foreach (var page in _table.QueryAsync<WebhookDeliveryEntity>(e => e.PartitionKey == subscriptionId, limit, cancellationToken: cancellationToken)
                           .AsPages(continuationToken, limit))
        {
            return (page.Values, page.ContinuationToken);
        }

        return ([], null);
    }

    /// <summary>Writes the delivery if it is still as read (its ETag is updated). False when another writer won.</summary>
    public async Task<bool> TryUpdateAsync(WebhookDeliveryEntity delivery, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.UpdateEntityAsync(delivery, delivery.ETag, TableUpdateMode.Replace, cancellationToken);
            delivery.ETag = response.Headers.ETag ?? delivery.ETag;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is StatusCodes.Status412PreconditionFailed or StatusCodes.Status404NotFound)
        {
            return false;
        }
    }

    /// <summary>Starts a new run of the retry schedule for a delivery that is not in flight. False when it is, or when
    /// it changed meanwhile. An attempt that has been "in flight" for longer than any attempt can take was cut short
    /// for good (its message went to the poison queue) and no longer blocks a redelivery.</summary>
    public async Task<bool> RedeliverAsync(WebhookDeliveryEntity delivery, CancellationToken cancellationToken)
    {
        if (delivery.Status == DeliveryStatuses.Sending && delivery.LastAttemptAt > time.GetUtcNow() - AbandonedAttemptAge)
        {
            return false;
        }

        delivery.Status = DeliveryStatuses.Pending;
        delivery.RunStartAttempts = delivery.Attempts;
        delivery.Redeliveries++;
        delivery.DeadLettered = false;
        delivery.NextAttemptAt = time.GetUtcNow();
        if (!await TryUpdateAsync(delivery, cancellationToken))
        {
            return false;
        }

        await QueueAsync(WebhookDeliveryMessage.For(delivery, NewToken()), TimeSpan.Zero, cancellationToken);
        return true;
    }

    /// <summary>Removes a deleted subscription's log (one partition, in batches of 100).</summary>
    public async Task DeleteAllAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        var batch = new List<TableTransactionAction>(100);
        await foreach (var row in _table.QueryAsync<TableEntity>(e => e.PartitionKey == subscriptionId, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All));
            if (batch.Count == 100)
            {
                await _table.SubmitTransactionAsync(batch, cancellationToken);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await _table.SubmitTransactionAsync(batch, cancellationToken);
        }
    }

    /// <summary>Queues a message that becomes visible after the delay (<see cref="QueueVisibility.Delay"/>: rounded up
    /// to whole seconds, else 0.9 s would be immediate), or at once when there is none.</summary>
    public Task QueueAsync(WebhookDeliveryMessage message, TimeSpan delay, CancellationToken cancellationToken) =>
        _queue.SendMessageAsync(JsonSerializer.Serialize(message, WebhookJsonContext.Default.WebhookDeliveryMessage),
            visibilityTimeout: delay > TimeSpan.Zero ? QueueVisibility.Delay(delay, QueueVisibility.QueueMaximum) : null, cancellationToken: cancellationToken);

    public static string NewToken() => Guid.NewGuid().ToString("N");

    public static IReadOnlyList<DeliveryAttempt> ReadHistory(WebhookDeliveryEntity delivery) =>
        JsonSerializer.Deserialize(delivery.History, WebhookJsonContext.Default.ListDeliveryAttempt) ?? [];

    public static void AppendHistory(WebhookDeliveryEntity delivery, DeliveryAttempt attempt)
    {
        var history = JsonSerializer.Deserialize(delivery.History, WebhookJsonContext.Default.ListDeliveryAttempt) ?? [];
        history.Add(attempt);
        if (history.Count > MaxHistory)
        {
            history.RemoveRange(0, history.Count - MaxHistory);
        }

        delivery.History = JsonSerializer.Serialize(history, WebhookJsonContext.Default.ListDeliveryAttempt);
    }
}

/// <summary>
/// The queue message for one attempt: a pointer to the delivery row. <see cref="Attempts"/> is the row's attempt
/// count when the message was queued and <see cref="Token"/> is unique per message; together they let the function
/// tell a current message from a stale or duplicate one (see <see cref="WebhookDeliveryFunction"/>).
/// </summary>
/// <para>
/// A first attempt's message, queued by the fan-out right after it wrote the row, also carries the row as written
/// (<see cref="Pending"/>, with its ETag): the attempt claims the row with that ETag instead of reading it first. If
/// anything changed the row meanwhile, the claim fails (412) and the message falls back to reading the row.
/// </para>
internal sealed record WebhookDeliveryMessage(string Owner, string SubscriptionId, string DeliveryId, int Attempts, string Token, PendingDelivery? Pending = null)
{
    public static WebhookDeliveryMessage For(WebhookDeliveryEntity delivery, string token) =>
        new(delivery.Owner, delivery.PartitionKey, delivery.RowKey, delivery.Attempts, token);

    public static WebhookDeliveryMessage First(WebhookDeliveryEntity delivery, string token) =>
        For(delivery, token) with
        {
            Pending = new PendingDelivery(delivery.EventId, delivery.EventType, delivery.RecordId, delivery.Version, delivery.OccurredAt, delivery.CreatedAt,
                delivery.NextAttemptAt, delivery.ETag.ToString()),
        };

    /// <summary>The row as the fan-out wrote it, when this message carries it and may claim it blind: only a first
    /// delivery of the message (a redelivered one may have been cut short after its claim, so it reads the row).</summary>
    public WebhookDeliveryEntity? RowAsQueued(long dequeueCount) => Pending is { } p && Attempts == 0 && dequeueCount <= 1 && p.ETag.Length > 0
        ? new WebhookDeliveryEntity
        {
            PartitionKey = SubscriptionId,
            RowKey = DeliveryId,
            ETag = new ETag(p.ETag),
            Owner = Owner,
            EventId = p.EventId,
            EventType = p.EventType,
            RecordId = p.RecordId,
            Version = p.Version,
            OccurredAt = p.OccurredAt,
            CreatedAt = p.CreatedAt,
            NextAttemptAt = p.NextAttemptAt,
        }
        : null;
}

internal sealed record PendingDelivery(string EventId, string EventType, string RecordId, int Version, DateTimeOffset OccurredAt, DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt, string ETag);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(WebhookDeliveryMessage))]
[JsonSerializable(typeof(List<DeliveryAttempt>))]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;
