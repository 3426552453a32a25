using System.Text.Json;
using Enforcement.Functions.Handling;
using Enforcement.Functions.Http;
using Enforcement.Functions.Inbox;
using Enforcement.Functions.Security;

namespace Enforcement.Functions.Groups;

/// <summary>Messages as readers see them, and who receives them.</summary>
internal static class GroupMessages
{
    public static MessageRequest ContentOf(GroupMessageEntity message) => JsonSerializer.Deserialize<MessageRequest>(message.Content, JsonBody.Options)!;

    public static IReadOnlyList<string> NamedRecipients(GroupMessageEntity message) => ContentOf(message).Recipients ?? [];

    /// <summary>The inbox keys of a message: every member, or for H3 only the named recipients and the sender.</summary>
    public static IReadOnlyList<string> RecipientKeysOf(GroupMessageEntity message, IReadOnlyList<GroupMemberEntity> members) =>
        message.Handling == HandlingCodes.NamedOnly
            ? NamedRecipients(message).Append(message.Sender).Select(RecipientKeys.User).Distinct(StringComparer.Ordinal).ToList()
            : members.Select(m => m.Key).ToList();

    public static async Task<GroupMessage> ToMessageAsync(GroupMessageEntity entity, Caller reader, string? marker, RecordReferences references, CancellationToken cancellationToken)
    {
        var content = ContentOf(entity);
        return new GroupMessage
        {
            Id = entity.MessageId, GroupId = entity.PartitionKey, ClientMessageId = entity.ClientMessageId, Sender = entity.Sender, SenderOffice = entity.SenderOffice,
            SentAt = entity.SentAt, Text = content.Text!, References = await references.RenderAllAsync(reader, content.References ?? [], cancellationToken),
            RequestAck = entity.RequestAck, Priority = entity.Priority, Handling = entity.Handling, Evaluation = content.Evaluation,
            Recipients = content.Recipients, System = entity.System, Read = marker is not null && string.CompareOrdinal(entity.MessageId, marker) <= 0,
        };
    }

    /// <summary>Named users who have not acknowledged, and member offices from which no one has.</summary>
    public static IReadOnlyList<string> Pending(GroupMessageEntity message, IReadOnlyList<GroupMemberEntity> members, IReadOnlyList<(string Subject, string? Office)> acks)
    {
        if (message.Handling == HandlingCodes.NamedOnly)
        {
            return NamedRecipients(message).Where(u => acks.All(a => a.Subject != u)).Select(u => "user:" + u).ToList();
        }

        return members.Where(m => m.Value != message.Sender)
            .Where(m => m.Kind == "user"
                ? acks.All(a => a.Subject != m.Value)
                : acks.All(a => a.Office is null || !(a.Office == m.Value || a.Office.StartsWith(m.Value + "-", StringComparison.Ordinal))))
            .Select(m => $"{m.Kind}:{m.Value}").ToList();
    }
}
