using Enforcement.Functions.Audit;
using Enforcement.Functions.Handling;
using Enforcement.Functions.Security;

namespace Enforcement.Functions.Groups;

/// <summary>A group as one caller may reach it: a member (by user, office or port) or nothing. Every refusal is
/// audited and reported as not found, so a group's existence is not revealed to non-members.</summary>
internal sealed record GroupAccess(GroupEntity Group, IReadOnlyList<GroupMemberEntity> Members, Caller Caller)
{
    public bool IsOwner => Group.Owner == Caller.Subject;

    public string UserKey => Inbox.RecipientKeys.User(Caller.Subject);

    public static async Task<GroupAccess?> AsMemberAsync(string id, HttpContext context, GroupStore store, Auditor auditor, string operation, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } group)
        {
            return null;
        }

        var caller = context.Caller();
        var members = await store.MembersAsync(group.PartitionKey, cancellationToken);
        var keys = GroupStore.KeysOf(caller);
        if (!members.Any(m => keys.Contains(m.Key, StringComparer.Ordinal)))
        {
            await auditor.RecordAsync(context, operation, [group.PartitionKey], AuditOutcomes.OutOfScope);
            return null;
        }

        return new GroupAccess(group, members, caller);
    }

    /// <summary>Whether this caller sees a message: H3 messages only their sender and named recipients.</summary>
    public bool MaySee(GroupMessageEntity message) =>
        message.Handling != HandlingCodes.NamedOnly || message.Sender == Caller.Subject || GroupMessages.NamedRecipients(message).Contains(Caller.Subject, StringComparer.Ordinal);
}
