using Enforcement.Functions.Inbox;

namespace Enforcement.Functions.Alerts;

/// <summary>An alert's recipients for the inbox fan-out, and its pending acknowledgements for the escalation chain.</summary>
internal sealed class AlertDeliveries(AlertStore store) : IInboxSource, IEscalationSubject
{
    public string Kind => InboxKinds.Alert;

    public bool Handles(string kind) => kind == InboxKinds.Alert;

    public async Task<IReadOnlyList<string>?> RecipientsAsync(string itemId, CancellationToken cancellationToken) =>
        (await store.GetAsync(itemId, cancellationToken))?.Recipients;

    public async Task<IReadOnlyList<string>?> PendingAsync(string itemId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(itemId, cancellationToken) is not { } alert || alert.ValidUntil < now)
        {
            return null;
        }

        return AlertStore.Pending(AlertStore.ContentOf(alert), await store.AcknowledgementsAsync(itemId, cancellationToken));
    }
}
