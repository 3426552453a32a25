using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Cases;

/// <summary>
/// Queue "case-deadlines": a stage clock's warning or overdue mark, a task's reminder or overdue mark. Early
/// messages (longer delays than the queue allows) are sent on; due ones change the case once (flags make repeats
/// no-ops) and publish "case.deadline-warning", "case.overdue", "case.task-reminder" or "case.task-overdue" for the
/// inbox. Throws on failure so the host retries.
/// </summary>
internal sealed class CaseDeadlineFunction(CaseStore store, CaseDeadlines deadlines, IOptions<CaseOptions> options, TimeProvider time, ILogger<CaseDeadlineFunction> logger)
{
    public const string System = "system:case-deadlines";

    [Function("CaseDeadline")]
    public async Task RunAsync([QueueTrigger("%CaseDeadlinesQueue%")] string message, CancellationToken cancellationToken)
    {
        var due = JsonSerializer.Deserialize(message, CaseDeadlineJsonContext.Default.CaseDeadlineMessage)
                  ?? throw new InvalidOperationException("The message is not a case deadline.");
        if (due.At > time.GetUtcNow())
        {
            await deadlines.SendAsync(due, cancellationToken);
            return;
        }

        var outcome = await store.ChangeAsync(due.CaseId, async current => due.Kind switch
        {
            DeadlineKinds.StageWarning or DeadlineKinds.StageOverdue => StageClock(current, due),
            DeadlineKinds.TaskReminder or DeadlineKinds.TaskOverdue => await TaskClockAsync(current, due, cancellationToken),
            _ => Nothing,
        }, cancellationToken);
        if (outcome is CaseChangeOutcome.Committed committed)
        {
            logger.LogInformation("Case {CaseId}: {Kind} marked (version {Version})", due.CaseId, due.Kind, committed.Case.Version);
        }
    }

    private static readonly CaseDecision Nothing = new CaseDecision.Refused(Results.NoContent());

    private static CaseDecision StageClock(CaseEntity current, CaseDeadlineMessage due)
    {
        var deadline = CaseMapping.DeadlineOf(current);
        if (deadline is null || deadline.Stage != due.Stage || current.Stage != due.Stage || current.Status == CaseCodes.Status.Closed)
        {
            return Nothing;
        }

        var overdue = due.Kind == DeadlineKinds.StageOverdue;
        if (overdue ? deadline.Overdue : deadline.Warned)
        {
            return Nothing;
        }

        deadline = overdue ? deadline with { Overdue = true, Warned = true } : deadline with { Warned = true };
        current.Deadline = JsonSerializer.Serialize(deadline);
        return new CaseDecision.Change(
            overdue ? "deadline.overdue" : "deadline.warning",
            overdue ? $"The {due.Stage} stage is past its deadline" : $"The {due.Stage} stage is due by {deadline.DueAt:yyyy-MM-dd}",
            System,
            new JsonObject { ["stage"] = due.Stage, ["dueAt"] = deadline.DueAt, ["team"] = TeamJson(current) },
            EventType: overdue ? CaseEventTypes.Overdue : CaseEventTypes.DeadlineWarning);
    }

    private async Task<CaseDecision> TaskClockAsync(CaseEntity current, CaseDeadlineMessage due, CancellationToken cancellationToken)
    {
        var task = await store.GetRowAsync<TaskEntity>(current.PartitionKey, TaskEntity.Prefix + due.TaskId, cancellationToken);
        var overdue = due.Kind == DeadlineKinds.TaskOverdue;
        if (task is null || task.Status is "done" or "cancelled" || (overdue ? task.Overdue : task.Reminded))
        {
            return Nothing;
        }

        // A due date that moved leaves its old messages behind: they no longer match and do nothing.
        var expected = overdue ? task.DueAt : task.DueAt - options.Value.DeadlineWarning;
        if (expected != due.At)
        {
            return Nothing;
        }

        task.Reminded = true;
        task.Overdue |= overdue;
        return new CaseDecision.Change(
            overdue ? "task.overdue" : "task.reminder",
            overdue ? $"Task \"{task.Title}\" is overdue" : $"Task \"{task.Title}\" is due {task.DueAt:yyyy-MM-dd HH:mm}Z",
            System,
            new JsonObject { ["taskId"] = due.TaskId, ["assignee"] = task.Assignee, ["dueAt"] = task.DueAt },
            [new TableTransactionAction(TableTransactionActionType.UpdateReplace, task, task.ETag)],
            SubjectId: due.TaskId,
            EventType: overdue ? CaseEventTypes.TaskOverdue : CaseEventTypes.TaskReminder);
    }

    private static JsonArray TeamJson(CaseEntity current) =>
        new([.. CaseMapping.TeamOf(current).Prepend(current.LeadInvestigator).OfType<string>().Distinct(StringComparer.Ordinal).Select(s => JsonValue.Create(s))]);
}

/// <summary>Record events of cases (record id = the case id, version = the case version): the inbox subscribes to
/// these for "case.assigned" and the deadline notices.</summary>
internal static class CaseEventTypes
{
    public const string Opened = "case.opened";
    public const string Assigned = "case.assigned";
    public const string StageChanged = "case.stage-changed";
    public const string StatusChanged = "case.status-changed";
    public const string DeadlineWarning = "case.deadline-warning";
    public const string Overdue = "case.overdue";
    public const string TaskReminder = "case.task-reminder";
    public const string TaskOverdue = "case.task-overdue";
    public const string BundleReady = "case.bundle-ready";
}
