using System.Diagnostics;
using System.Text.Json;
using Enforcement.Functions.Audit;
using Enforcement.Functions.Events;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Webhooks;

/// <summary>
/// Queue "webhook-deliveries": one attempt per message. A partner's failure is not a failure of this function: the
/// next attempt is queued with a visibility delay along the retry schedule (the host's own retries would come at
/// once), and after the last one the delivery is dead-lettered. Only our own failures (storage, audit) throw, so the
/// host retries the message.
/// <para>
/// Each message carries the attempt count it expects and a token of its own. A message is current when the row still
/// has that count and is waiting; it claims the attempt by writing its token with the row's ETag, so of two copies
/// only one sends. A message the host hands over again (dequeue count above 1) whose token is on the row was cut
/// short: it re-sends (same webhook-id, receivers deduplicate) or re-queues the follow-up it had scheduled.
/// </para>
/// <para>
/// Storage requests of a first attempt that succeeds: the claim (with the ETag the message carries, no read), the
/// subscription's point read, the outcome; plus the message's receive (shared by a batch) and delete.
/// </para>
/// </summary>
internal sealed class WebhookDeliveryFunction(
    WebhookDeliveryLog log,
    WebhookSubscriptionStore subscriptions,
    WebhookPayloads payloads,
    WebhookSender sender,
    AuditTrail audit,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookDeliveryFunction> logger)
{
    public const string SystemSubject = "system:webhooks";

    /// <param name="dequeueCount">Bound by name from the trigger's metadata (DequeueCount) in both hosting modes.</param>
    [Function("WebhookDelivery")]
    public async Task RunAsync([QueueTrigger("%WebhookDeliveriesQueue%")] string queueMessage, long dequeueCount, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize(queueMessage, WebhookJsonContext.Default.WebhookDeliveryMessage)
            ?? throw new InvalidOperationException("The message is not a webhook delivery.");
        if (message.RowAsQueued(dequeueCount) is { } queued && WebhookKeys.IsDeliveryId(queued.RowKey))
        {
            // The common case: a first attempt claims the row as the fan-out wrote it, without reading it.
            Claim(queued, message);
            if (await log.TryUpdateAsync(queued, cancellationToken))
            {
                await AttemptAsync(queued, cancellationToken);
                return;
            }
        }

        var delivery = await log.GetAsync(message.SubscriptionId, message.DeliveryId, cancellationToken);
        if (delivery is null)
        {
            return;
        }

        if (delivery.ClaimToken == message.Token)
        {
            if (dequeueCount <= 1)
            {
                return;
            }

            if (delivery.Status == DeliveryStatuses.Retrying)
            {
                await QueueNextAttemptAsync(delivery, cancellationToken);
                return;
            }

            if (delivery.Status != DeliveryStatuses.Sending)
            {
                return;
            }
        }
        else if (delivery.Attempts != message.Attempts || delivery.Status is not (DeliveryStatuses.Pending or DeliveryStatuses.Retrying))
        {
            return;
        }
        else
        {
            Claim(delivery, message);
            if (!await log.TryUpdateAsync(delivery, cancellationToken))
            {
                return;
            }
        }

        await AttemptAsync(delivery, cancellationToken);
    }

    private void Claim(WebhookDeliveryEntity delivery, WebhookDeliveryMessage message)
    {
        delivery.Attempts++;
        delivery.Status = DeliveryStatuses.Sending;
        delivery.ClaimToken = message.Token;
        delivery.NextToken = null;
        delivery.LastAttemptAt = time.GetUtcNow();
    }

    private async Task AttemptAsync(WebhookDeliveryEntity delivery, CancellationToken cancellationToken)
    {
        var subscription = await subscriptions.GetInPartitionAsync(delivery.Owner, delivery.PartitionKey, cancellationToken);
        var cancelled = subscription switch
        {
            null => "The subscription was deleted.",
            { IsActive: false } => "The subscription is disabled.",
            _ when delivery.EventType != RecordEventTypes.WebhookPing && !subscription.EventList.Contains(delivery.EventType, StringComparer.Ordinal)
                => "The subscription no longer takes this event type.",
            _ => null,
        };
        if (cancelled is not null)
        {
            (delivery.Status, delivery.LastError, delivery.NextAttemptAt) = (DeliveryStatuses.Cancelled, cancelled, null);
            await SettleAsync(delivery, cancellationToken);
            return;
        }

        var facts = WebhookEventTypes.IsSeizureEvent(delivery.EventType)
            ? await payloads.SeizureAtAsync(delivery.RecordId, delivery.Version, cancellationToken)
              ?? throw new InvalidOperationException($"Seizure version of event {delivery.EventId} does not exist.")
            : null;
        if (facts is not null && subscription!.Scope == WebhookScopes.Nominal)
        {
            await AuditNominalAsync(subscription, delivery, cancellationToken);
        }

        var alert = delivery.EventType == RecordEventTypes.AlertPublished ? await payloads.PartnerAlertAsync(delivery.RecordId, cancellationToken) : null;
        if (delivery.EventType == RecordEventTypes.AlertPublished && alert is null)
        {
            (delivery.Status, delivery.LastError, delivery.NextAttemptAt) = (DeliveryStatuses.Cancelled, "The alert may not leave (handling H2/H3, nominal, or purged).", null);
            await SettleAsync(delivery, cancellationToken);
            return;
        }

        var body = WebhookPayloads.Envelope(delivery, subscription!.Scope, facts, alert);
        var secrets = await subscriptions.SigningSecretsAsync(subscription, cancellationToken);
        var result = await sender.SendAsync(subscription.Url, delivery.RowKey, body, secrets, cancellationToken);

        var now = time.GetUtcNow();
        (delivery.LastStatusCode, delivery.LastDurationMs, delivery.LastError) = (result.StatusCode, result.DurationMs, result.Error);
        WebhookDeliveryLog.AppendHistory(delivery, new DeliveryAttempt(delivery.Attempts, delivery.LastAttemptAt ?? now, result.StatusCode, result.DurationMs, result.Error));
        if (result.Succeeded)
        {
            (delivery.Status, delivery.DeliveredAt, delivery.NextAttemptAt) = (DeliveryStatuses.Succeeded, now, null);
            await SettleAsync(delivery, cancellationToken);
            await subscriptions.RecordSuccessAsync(subscription, cancellationToken);
            return;
        }

        if (result.Gone)
        {
            // The subscription first: whoever sees the dead letter then also sees the subscription disabled.
            await subscriptions.DisableAsync(subscription, $"The endpoint answered 410 Gone at {now:u}.", cancellationToken);
            DeadLetter(delivery, "The endpoint answered 410 Gone: the subscription was disabled.");
            await SettleAsync(delivery, cancellationToken);
            return;
        }

        var disabled = await subscriptions.RecordFailureAsync(subscription, cancellationToken);
        var schedule = options.Value.Schedule;
        var attemptInRun = delivery.Attempts - delivery.RunStartAttempts;
        if (disabled)
        {
            DeadLetter(delivery, result.Error + " The subscription is disabled.");
        }
        else if (attemptInRun >= schedule.Count)
        {
            DeadLetter(delivery, result.Error + $" Dead-lettered after {attemptInRun} attempts.");
        }
        else
        {
            delivery.Status = DeliveryStatuses.Retrying;
            delivery.NextAttemptAt = now + Jittered(schedule[attemptInRun]);
            delivery.NextToken = WebhookDeliveryLog.NewToken();
            if (await SettleAsync(delivery, cancellationToken))
            {
                await QueueNextAttemptAsync(delivery, cancellationToken);
            }

            return;
        }

        await SettleAsync(delivery, cancellationToken);
    }

    private Task QueueNextAttemptAsync(WebhookDeliveryEntity delivery, CancellationToken cancellationToken)
    {
        var delay = (delivery.NextAttemptAt ?? time.GetUtcNow()) - time.GetUtcNow();
        return log.QueueAsync(new WebhookDeliveryMessage(delivery.Owner, delivery.PartitionKey, delivery.RowKey, delivery.Attempts, delivery.NextToken!),
            delay > TimeSpan.Zero ? delay : TimeSpan.Zero, cancellationToken);
    }

    private async Task<bool> SettleAsync(WebhookDeliveryEntity delivery, CancellationToken cancellationToken)
    {
        if (await log.TryUpdateAsync(delivery, cancellationToken))
        {
            logger.LogInformation("Webhook delivery {DeliveryId} of subscription {SubscriptionId}: attempt {Attempt} {Status} ({StatusCode})",
                delivery.RowKey, delivery.PartitionKey, delivery.Attempts, delivery.Status, delivery.LastStatusCode);
            return true;
        }

        logger.LogWarning("Webhook delivery {DeliveryId} changed or vanished during its attempt; its outcome was not recorded", delivery.RowKey);
        return false;
    }

    private static void DeadLetter(WebhookDeliveryEntity delivery, string why) =>
        (delivery.Status, delivery.DeadLettered, delivery.NextAttemptAt, delivery.LastError) = (DeliveryStatuses.DeadLetter, true, null, why.Trim());

    /// <summary>The delay, spread by up to the configured jitter either way.</summary>
    private TimeSpan Jittered(TimeSpan delay) =>
        delay * (1 + ((Random.Shared.NextDouble() * 2) - 1) * options.Value.RetryJitter);

    /// <summary>Nominal data leaving the system is audited one delivery attempt at a time, before it is sent; if the
    /// entry cannot be stored this throws and nothing is sent.</summary>
    private Task AuditNominalAsync(WebhookSubscriptionEntity subscription, WebhookDeliveryEntity delivery, CancellationToken cancellationToken) =>
        audit.AppendAsync(new AuditRecord(
            time.GetUtcNow(),
            SystemSubject,
            [],
            null,
            null,
            null,
            "system",
            "webhook.deliver.nominal",
            [delivery.RecordId, subscription.RowKey, delivery.RowKey],
            AuditOutcomes.Authorized,
            new Uri(subscription.Url).Host,
            Activity.Current?.TraceId.ToString()), cancellationToken);
}
