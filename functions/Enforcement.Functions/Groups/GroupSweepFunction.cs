using Azure.Storage.Queues;
using Enforcement.Functions.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Enforcement.Functions.Groups;

/// <summary>
/// Hourly: groups past their end date get their final operation report (once); groups past their retention get a
/// purge request on queue "group-purges". Reads the one "all" partition of the membership index (about a hundred
/// groups a year), never the groups' content.
/// </summary>
internal sealed class GroupSweepFunction(GroupStore groups, OperationReports reports, QueueServiceClient queues, StorageNames names, TimeProvider time,
    ILogger<GroupSweepFunction> logger)
{
    [Function("GroupSweep")]
    public async Task RunAsync([TimerTrigger("%GroupSweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var purges = queues.GetQueueClient(names.Queue(StorageNames.Queues.GroupPurges));
        foreach (var row in await groups.AllGroupsAsync(cancellationToken))
        {
            if (row.Purged || await groups.GetAsync(row.RowKey, cancellationToken) is not { } group || !group.IsFrozenAt(now))
            {
                continue;
            }

            if (!row.Reported)
            {
                await groups.SaveFinalReportAsync(await reports.BuildAsync(group, final: true, cancellationToken), cancellationToken);
                row.Reported = true;
                await groups.MarkIndexAsync(row, cancellationToken);
                logger.LogInformation("Group {GroupId} froze; its operation report is final", group.PartitionKey);
            }

            if (now >= group.PurgeAfter)
            {
                await purges.SendMessageAsync(group.PartitionKey, cancellationToken);
            }
        }
    }
}
