using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Storage.Queues;
using Enforcement.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Cases;

/// <summary>A reminder or statutory clock that is due at <see cref="At"/>: kinds "stage-warning", "stage-overdue"
/// (with the stage it was set for), "task-reminder", "task-overdue" (with the task).</summary>
internal sealed record CaseDeadlineMessage(string CaseId, string Kind, string? Stage, string? TaskId, DateTimeOffset At);

internal static class DeadlineKinds
{
    public const string StageWarning = "stage-warning";
    public const string StageOverdue = "stage-overdue";
    public const string TaskReminder = "task-reminder";
    public const string TaskOverdue = "task-overdue";
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CaseDeadlineMessage))]
internal sealed partial class CaseDeadlineJsonContext : JsonSerializerContext;

/// <summary>
/// Schedules deadline messages on queue "case-deadlines" with a visibility delay, so nothing scans for due cases.
/// A message is sent before the change that needs it commits: one whose change never committed, or whose stage or task
/// moved on, finds nothing to do when it arrives. Delays are capped at <see cref="CaseOptions.MaxMessageDelay"/>
/// (the queue allows 7 days); a message that arrives early is sent again with the rest.
/// </summary>
internal sealed class CaseDeadlines(QueueServiceClient queues, StorageNames names, IOptions<CaseOptions> options, TimeProvider time)
{
    private readonly QueueClient _queue = queues.GetQueueClient(names.Queue(StorageNames.Queues.CaseDeadlines));

    public StageDeadline? DeadlineFor(string stage, DateTimeOffset stageDate)
    {
        if (!options.Value.StageDeadlineDays.TryGetValue(stage, out var days))
        {
            return null;
        }

        var due = stageDate.AddDays(days);
        return new StageDeadline(stage, due, due - options.Value.DeadlineWarning, false, false);
    }

    public Task ScheduleStageAsync(string caseId, StageDeadline deadline, CancellationToken cancellationToken) =>
        Task.WhenAll(
            SendAsync(new CaseDeadlineMessage(caseId, DeadlineKinds.StageWarning, deadline.Stage, null, deadline.WarnAt), cancellationToken),
            SendAsync(new CaseDeadlineMessage(caseId, DeadlineKinds.StageOverdue, deadline.Stage, null, deadline.DueAt), cancellationToken));

    public Task ScheduleTaskAsync(string caseId, string taskId, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        Task.WhenAll(
            SendAsync(new CaseDeadlineMessage(caseId, DeadlineKinds.TaskReminder, null, taskId, dueAt - options.Value.DeadlineWarning), cancellationToken),
            SendAsync(new CaseDeadlineMessage(caseId, DeadlineKinds.TaskOverdue, null, taskId, dueAt), cancellationToken));

    public async Task SendAsync(CaseDeadlineMessage message, CancellationToken cancellationToken)
    {
        var seconds = QueueVisibility.Delay(message.At - time.GetUtcNow(), options.Value.MaxMessageDelay);
        await _queue.SendMessageAsync(JsonSerializer.Serialize(message, CaseDeadlineJsonContext.Default.CaseDeadlineMessage),
            visibilityTimeout: seconds, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: cancellationToken);
    }
}
