using Enforcement.Functions.Alerts;
using Enforcement.Functions.Groups;
using Enforcement.Functions.Handling;
using Enforcement.Functions.Security;

namespace Enforcement.Functions.Inbox;

/// <summary>
/// Turns a page of inbox rows into what the caller may see. Each group on the page is read once (its row, members and
/// the caller's read marker), the alert read marker once, and every alert and message with one point read, all in
/// parallel: a page of 50 messages from one group costs 53 reads, whatever the size of the history.
/// </summary>
internal static class InboxItemReader
{
    public static async Task<List<InboxItem>> ReadAsync(
        IReadOnlyList<InboxEntryEntity> rows, Caller caller, IReadOnlyList<string> keys, AlertStore alerts, GroupStore groups,
        RecordReferences references, CancellationToken cancellationToken)
    {
        var views = rows.Where(r => r.Kind == InboxKinds.Message).Select(r => MessageAddress.Parse(r.ItemId)?.GroupId).OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(id => id, id => GroupViewAsync(id, caller, groups, cancellationToken), StringComparer.Ordinal);
        var alertMarker = rows.Any(r => r.Kind == InboxKinds.Alert)
            ? new Lazy<Task<string?>>(() => alerts.ReadMarkerAsync(caller.Subject, cancellationToken))
            : null;

        var items = await Task.WhenAll(rows.Select(async row =>
        {
            var item = new InboxItem { Cursor = row.RowKey, Kind = row.Kind, DeliveredAt = row.DeliveredAt };
            switch (row.Kind)
            {
                case InboxKinds.Alert when await alerts.GetAsync(row.ItemId, cancellationToken) is { } alert && AlertStore.IsAddressedTo(alert, caller, keys):
                    var marker = await alertMarker!.Value ?? string.Empty;
                    return item with { Alert = await AlertViews.ToAlertAsync(alert, caller, marker, references, cancellationToken) };
                case InboxKinds.Message when MessageAddress.Parse(row.ItemId) is { } address && await views[address.GroupId] is { } view
                    && await groups.GetMessageAsync(address.GroupId, address.MessageId, cancellationToken) is { } message && view.Access.MaySee(message):
                    return item with { Message = await GroupMessages.ToMessageAsync(message, caller, view.ReadUpTo, references, cancellationToken) };
                case InboxKinds.Notice:
                    return item with { Notice = new Notice(row.ItemId, row.NoticeType ?? "notice", row.NoticeText ?? string.Empty, row.RecordId) };
                default:
                    return null;
            }
        }));
        return items.OfType<InboxItem>().ToList();
    }

    /// <summary>The caller's view of a group, or null when the group is gone or the caller is no longer a member.</summary>
    private static async Task<GroupView?> GroupViewAsync(string groupId, Caller caller, GroupStore groups, CancellationToken cancellationToken)
    {
        var group = groups.GetAsync(groupId, cancellationToken);
        var members = groups.MembersAsync(groupId, cancellationToken);
        var marker = groups.ReadMarkerAsync(groupId, caller.Subject, cancellationToken);
        var (found, list, readUpTo) = (await group, await members, await marker);
        var memberKeys = GroupStore.KeysOf(caller);
        return found is not null && list.Any(m => memberKeys.Contains(m.Key, StringComparer.Ordinal))
            ? new GroupView(new GroupAccess(found, list, caller), readUpTo)
            : null;
    }

    private sealed record GroupView(GroupAccess Access, string? ReadUpTo);

    private sealed record MessageAddress(string GroupId, string MessageId)
    {
        public static MessageAddress? Parse(string itemId) => itemId.Split('/') is [var group, var message] ? new MessageAddress(group, message) : null;
    }
}
