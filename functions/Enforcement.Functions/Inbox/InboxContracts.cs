using Enforcement.Functions.Alerts;
using Enforcement.Functions.Groups;

namespace Enforcement.Functions.Inbox;

/// <summary>One page of the caller's inbox, in delivery order; pass <see cref="Cursor"/> as <c>after</c> next time.</summary>
public sealed record InboxPage(IReadOnlyList<InboxItem> Items, string? Cursor);

/// <summary>An alert, a group message or a notice from another feature, as the caller may see it now.</summary>
public sealed record InboxItem
{
    public required string Cursor { get; init; }

    public required string Kind { get; init; }

    public required DateTimeOffset DeliveredAt { get; init; }

    public Alert? Alert { get; init; }

    public GroupMessage? Message { get; init; }

    public Notice? Notice { get; init; }
}

/// <summary>A short non-nominal notice: an escalation, a case assignment, a deadline, a watch-list hit.</summary>
public sealed record Notice(string Id, string Type, string Text, string? RecordId);
