using System.Globalization;
using Enforcement.Functions.Events;
using Enforcement.Functions.Inbox;

namespace Enforcement.Functions.WatchLists;

/// <summary>
/// watchlist.hit → a notice in the entry owner's inbox. The notice id is the hit's id ("{entryId}|{recordId}"), so a
/// redelivered event finds the inbox's dedupe marker and adds nothing. The text names the list, the entry, the kind
/// of record and its id, never the record's personal data: the owner opens the record through the API, where its own
/// access rules and audit apply.
/// </summary>
internal sealed class WatchListHitNotices(WatchListStore watchLists, InboxDelivery inbox) : IRecordEventHandler
{
    public const string NoticeType = WatchListIntake.HitEvent;

    public bool Handles(string eventType) => eventType == WatchListIntake.HitEvent;

    public async Task HandleAsync(RecordEvent recordEvent, CancellationToken cancellationToken)
    {
        if (recordEvent.RecordId.Split('|') is not [var entryId, var recordId])
        {
            return;
        }

        var row = await watchLists.Hits.GetEntityIfExistsAsync<WatchListHitEntity>(entryId, recordId, cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value!.Owner.Length == 0)
        {
            return;
        }

        var hit = row.Value;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Watch-list entry {entryId} (list {hit.ListId}) matched a new or corrected {hit.RecordKind} {recordId} on intake (score {hit.Score:0.00}).");
        await inbox.DeliverNoticeAsync([RecipientKeys.User(hit.Owner)], new InboxNotice(recordEvent.RecordId, NoticeType, text, recordId), cancellationToken);
    }
}
