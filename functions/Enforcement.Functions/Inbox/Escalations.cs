using System.Text.Json;
using Azure.Storage.Queues;
using Enforcement.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Inbox;

/// <summary>One round of the escalation chain of an urgent item that asked for acknowledgement: the queue message is
/// invisible until <see cref="DueAt"/>, then checks the item and, if it is still unacknowledged, notifies the owning
/// office's supervisors and schedules the next round.</summary>
internal sealed record EscalationRequest(string Kind, string ItemId, string Office, int Round, DateTimeOffset DueAt, int WindowSeconds);

/// <summary>What an escalation needs to know about an item: whether it is still live and who has not acknowledged.</summary>
internal interface IEscalationSubject
{
    bool Handles(string kind);

    /// <summary>The recipients who have not acknowledged; null when the item is gone, expired or frozen (the chain stops).</summary>
    Task<IReadOnlyList<string>?> PendingAsync(string itemId, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>Schedules escalation rounds as queue messages with a visibility delay: no polling loop, no timer scan.</summary>
internal sealed class Escalations(QueueServiceClient queues, StorageNames names, TimeProvider time, IOptions<InboxOptions> options)
{
    private readonly QueueClient _queue = queues.GetQueueClient(names.Queue(StorageNames.Queues.Escalations));

    public Task ScheduleFirstAsync(string kind, string itemId, string office, TimeSpan window, CancellationToken cancellationToken) =>
        ScheduleAsync(new EscalationRequest(kind, itemId, office, 1, time.GetUtcNow() + window, (int)window.TotalSeconds), cancellationToken);

    public Task ScheduleAsync(EscalationRequest request, CancellationToken cancellationToken)
    {
        var delay = QueueVisibility.Delay(request.DueAt - time.GetUtcNow(), options.Value.MaxMessageDelay);
        return _queue.SendMessageAsync(Serialize(request), visibilityTimeout: delay, cancellationToken: cancellationToken);
    }

    public static string Serialize(EscalationRequest request) => JsonSerializer.Serialize(request, JsonSerializerOptions.Web);

    public static EscalationRequest? Deserialize(string message) => JsonSerializer.Deserialize<EscalationRequest>(message, JsonSerializerOptions.Web);
}
