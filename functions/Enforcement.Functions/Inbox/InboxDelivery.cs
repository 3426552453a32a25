using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Inbox;

/// <summary>A short, non-nominal notice another feature puts in inboxes (case.assigned, a deadline, watchlist.hit):
/// <paramref name="Id"/> is stable per notice so that a repeated delivery is a no-op.</summary>
internal sealed record InboxNotice(string Id, string Type, string Text, string? RecordId);

/// <summary>The queue message that asks for an item to be fanned out to its recipients' inboxes.</summary>
internal sealed record InboxFanOutRequest(string Kind, string ItemId);

/// <summary>
/// Writes inbox rows: one per recipient key, each with its dedupe marker in the same transaction, so the fan-out is
/// idempotent under at-least-once delivery. <see cref="DeliverNoticeAsync"/> is the entry point for other features.
/// </summary>
internal sealed class InboxDelivery(TableServiceClient tables, QueueServiceClient queues, StorageNames names, InboxSignal signal, TimeProvider time)
{
    private readonly TableClient _inbox = tables.GetTableClient(names.Table(StorageNames.Tables.Inbox));
    private readonly QueueClient _fanOut = queues.GetQueueClient(names.Queue(StorageNames.Queues.InboxFanOut));

    /// <summary>Puts a notice in the inboxes of these recipient keys (<see cref="RecipientKeys"/>: a user, an office,
    /// the supervisors of an office, a role, a region).</summary>
    public Task DeliverNoticeAsync(IReadOnlyList<string> recipients, InboxNotice notice, CancellationToken cancellationToken) =>
        DeliverAsync(recipients, InboxKinds.Notice, notice.Id, e =>
        {
            e.NoticeType = notice.Type;
            e.NoticeText = notice.Text.Length > 500 ? notice.Text[..500] : notice.Text;
            e.RecordId = notice.RecordId;
        }, cancellationToken);

    /// <summary>Asks the fan-out function to deliver an item (after the item is stored: a lost request is re-sent by the
    /// client's retry of the same idempotent write).</summary>
    public Task RequestFanOutAsync(string kind, string itemId, CancellationToken cancellationToken) =>
        _fanOut.SendMessageAsync(JsonSerializer.Serialize(new InboxFanOutRequest(kind, itemId), JsonSerializerOptions.Web), cancellationToken);

    public async Task DeliverAsync(IReadOnlyList<string> recipients, string kind, string itemId, Action<InboxEntryEntity>? fill, CancellationToken cancellationToken)
    {
        var marker = InboxEntryEntity.MarkerPrefix + Sha256Hex.Of(kind + "|" + itemId)[..32];
        await Parallel.ForEachAsync(recipients.Distinct(StringComparer.Ordinal), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (recipient, ct) =>
            {
                var now = time.GetUtcNow();
                var row = new InboxEntryEntity { PartitionKey = recipient, RowKey = Cursors.Next(now), Kind = kind, ItemId = itemId, DeliveredAt = now };
                fill?.Invoke(row);
                var seen = new TableEntity(recipient, marker) { ["Cursor"] = row.RowKey };
                try
                {
                    await _inbox.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, seen), new TableTransactionAction(TableTransactionActionType.Add, row)], ct);
                }
                catch (TableTransactionFailedException ex) when (ex.Status == 409)
                {
                    // Delivered before: the marker exists.
                }
            });
        signal.Notify(recipients);
    }

}
