using Enforcement.Functions.Inbox;

namespace Enforcement.Functions.Groups;

/// <summary>A message's recipients for the inbox fan-out (item id "{groupId}/{messageId}"), and its pending
/// acknowledgements for the escalation chain (which stops when the group freezes).</summary>
internal sealed class GroupDeliveries(GroupStore store) : IInboxSource, IEscalationSubject
{
    public string Kind => InboxKinds.Message;

    public bool Handles(string kind) => kind == InboxKinds.Message;

    public async Task<IReadOnlyList<string>?> RecipientsAsync(string itemId, CancellationToken cancellationToken)
    {
        if (await FindAsync(itemId, cancellationToken) is not { } found)
        {
            return null;
        }

        return GroupMessages.RecipientKeysOf(found.Message, await store.MembersAsync(found.Group.PartitionKey, cancellationToken));
    }

    public async Task<IReadOnlyList<string>?> PendingAsync(string itemId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await FindAsync(itemId, cancellationToken) is not { } found || found.Group.IsFrozenAt(now))
        {
            return null;
        }

        var acks = (await store.AcknowledgementsAsync(found.Group.PartitionKey, found.Message.MessageId, cancellationToken))
            .Select(a => (a.GetString("Subject"), (string?)a.GetString("Office"))).ToList();
        return GroupMessages.Pending(found.Message, await store.MembersAsync(found.Group.PartitionKey, cancellationToken), acks);
    }

    public async Task<(GroupEntity Group, GroupMessageEntity Message)?> FindAsync(string itemId, CancellationToken cancellationToken)
    {
        var parts = itemId.Split('/');
        if (parts.Length != 2 || await store.GetAsync(parts[0], cancellationToken) is not { } group
            || await store.GetMessageAsync(group.PartitionKey, parts[1], cancellationToken) is not { } message)
        {
            return null;
        }

        return (group, message);
    }
}
