using System.Diagnostics;
using Enforcement.Functions.Audit;
using Microsoft.Azure.Functions.Worker;

namespace Enforcement.Functions.Groups;

/// <summary>
/// Queue "group-purges": deletes a group's content (messages, members, markers, acknowledgements, links, join
/// requests) once its retention has run out, keeping the group row and its final report, and audits the purge. Its
/// inbox rows are pointers and read as nothing once the messages are gone. A group an admin deleted goes entirely
/// (rows, members, report, index rows). Idempotent: a repeat finds nothing left.
/// </summary>
internal sealed class GroupPurgeFunction(GroupStore groups, AuditTrail audit, TimeProvider time, ILogger<GroupPurgeFunction> logger)
{
    [Function("GroupPurge")]
    public async Task RunAsync([QueueTrigger("%GroupPurgesQueue%")] string groupId, CancellationToken cancellationToken)
    {
        if (await groups.GetIncludingDeletedAsync(groupId.Trim(), cancellationToken) is not { } group)
        {
            return;
        }

        if (group.DeletedAt is not null)
        {
            await AuditAsync("group.delete.purge", group.PartitionKey, cancellationToken);
            var deleted = await groups.DeleteGroupAsync(group.PartitionKey, cancellationToken);
            logger.LogInformation("Deleted {Rows} rows of group {GroupId} on an admin's request", deleted, group.PartitionKey);
            return;
        }

        if (time.GetUtcNow() < group.PurgeAfter)
        {
            return;
        }

        await AuditAsync("group.purge", group.PartitionKey, cancellationToken);
        var purged = await groups.PurgeContentAsync(group.PartitionKey, cancellationToken);
        var row = (await groups.AllGroupsAsync(cancellationToken)).FirstOrDefault(r => r.RowKey == group.PartitionKey);
        if (row is not null)
        {
            row.Purged = true;
            await groups.MarkIndexAsync(row, cancellationToken);
        }

        logger.LogInformation("Purged {Rows} rows of group {GroupId} after its retention", purged, group.PartitionKey);
    }

    private Task AuditAsync(string operation, string groupId, CancellationToken cancellationToken) =>
        audit.AppendAsync(new AuditRecord(time.GetUtcNow(), "system", [], null, null, null, "none", operation, [groupId],
            AuditOutcomes.Authorized, null, Activity.Current?.TraceId.ToString()), cancellationToken);
}
