using System.Text.Json;
using Microsoft.Azure.Functions.Worker;

namespace Enforcement.Functions.Inbox;

/// <summary>Where the fan-out finds an item's recipients: alerts (their audience) and group messages (the members).</summary>
internal interface IInboxSource
{
    string Kind { get; }

    /// <summary>The recipient keys of the item, or null when it no longer exists (purged): nothing to deliver.</summary>
    Task<IReadOnlyList<string>?> RecipientsAsync(string itemId, CancellationToken cancellationToken);
}

/// <summary>
/// Queue "inbox-fanout": writes one inbox row per recipient key of a new alert or message (fan-out on write), so each
/// inbox call reads its own few partitions whatever the history size. Idempotent (<see cref="InboxDelivery"/>).
/// </summary>
internal sealed class InboxFanOutFunction(IEnumerable<IInboxSource> sources, InboxDelivery inbox, ILogger<InboxFanOutFunction> logger)
{
    [Function("InboxFanOut")]
    public async Task RunAsync([QueueTrigger("%InboxFanOutQueue%")] string message, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Deserialize<InboxFanOutRequest>(message, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("The message is not an inbox fan-out request.");
        var source = sources.FirstOrDefault(s => s.Kind == request.Kind) ?? throw new InvalidOperationException($"No inbox source for '{request.Kind}'.");
        var recipients = await source.RecipientsAsync(request.ItemId, cancellationToken);
        if (recipients is null)
        {
            return;
        }

        await inbox.DeliverAsync(recipients, request.Kind, request.ItemId, null, cancellationToken);
        logger.LogInformation("Delivered {Kind} {ItemId} to {Recipients} inbox partitions", request.Kind, request.ItemId, recipients.Count);
    }
}
