using System.Text.Json;
using Enforcement.Functions.Events;
using Enforcement.Functions.Handling;
using Enforcement.Functions.Http;
using Enforcement.Functions.Inbox;
using Enforcement.Functions.Seizures;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Groups;

/// <summary>
/// seizure.recorded / seizure.updated with an operationId → the seizure is linked to the operation group and appears
/// in it as a system message citing it (rendered per reader like any reference). Idempotent: the link row and the
/// system message's claim ("seizure-{id}") make a repeated event a no-op.
/// </summary>
internal sealed class OperationSeizureLinker(SeizureStore seizures, GroupStore groups, InboxDelivery inbox, TimeProvider time) : IRecordEventHandler
{
    public const string SystemSender = "system";

    public bool Handles(string eventType) => eventType is RecordEventTypes.SeizureRecorded or RecordEventTypes.SeizureUpdated;

    public async Task HandleAsync(RecordEvent recordEvent, CancellationToken cancellationToken)
    {
        if (!SeizureId.TryParse(recordEvent.RecordId, out var id) || await seizures.GetAsync(id.Value, cancellationToken) is not { } stored
            || stored.Seizure.OperationId is not { } operationId || await groups.GetAsync(operationId, cancellationToken) is not { } group)
        {
            return;
        }

        await groups.LinkSeizureAsync(group.PartitionKey, stored.Seizure.Id, cancellationToken);
        var categories = string.Join(", ", stored.Seizure.Items.Select(i => i.Category).Distinct());
        var content = new MessageRequest
        {
            Text = $"Seizure {stored.Seizure.Id} reported into the operation by {stored.Seizure.Office}: {categories}.",
            References = [stored.Seizure.Id], Priority = Priorities.Routine, RequestAck = false, Handling = group.DefaultHandling,
        };
        var json = JsonSerializer.Serialize(content, JsonBody.Options);
        var message = new GroupMessageEntity
        {
            ClientMessageId = "seizure-" + stored.Seizure.Id, Sender = SystemSender, SenderOffice = stored.Seizure.Office, SentAt = time.GetUtcNow(),
            Content = json, RequestHash = Sha256Hex.Of(json), Handling = group.DefaultHandling == HandlingCodes.NamedOnly ? HandlingCodes.NoDissemination : group.DefaultHandling,
            Priority = Priorities.Routine, System = true,
        };
        var sent = await groups.SendAsync(group.PartitionKey, "system|" + stored.Seizure.Id, message, cancellationToken);
        if (sent is { } s)
        {
            await inbox.RequestFanOutAsync(InboxKinds.Message, $"{group.PartitionKey}/{s.Message.MessageId}", cancellationToken);
        }
    }
}
