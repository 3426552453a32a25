using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Enforcement.Functions.Audit;
using Enforcement.Functions.Http;
using Enforcement.Functions.Security;
using Enforcement.Functions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Enforcement.Functions.Cases;

/// <summary>Tasks of a case with assignee, due date and status; a due date schedules a reminder and an overdue mark
/// through queue "case-deadlines" (<see cref="CaseDeadlines"/>).</summary>
internal static class CaseTaskEndpoints
{
    public const string TaskPrefix = "TK-";

    public static void MapCaseTasks(this RouteGroupBuilder group)
    {
        group.MapPost("/{id}/tasks", AddCaseTask).WithName(nameof(AddCaseTask)).RequireAuthorization(Policies.WorkOnCases)
            .AcceptsJson<NewTaskRequest>().WithSummary("Add a task with assignee and due date (a reminder goes out before it is due)");
        group.MapGet("/{id}/tasks", ListCaseTasks).WithName(nameof(ListCaseTasks)).RequireAuthorization(Policies.WorkOnCases).WithSummary("The case's tasks");
        group.MapPatch("/{id}/tasks/{taskId}", UpdateCaseTask).WithName(nameof(UpdateCaseTask)).RequireAuthorization(Policies.WorkOnCases)
            .AcceptsJson<UpdateTaskRequest>().WithSummary("Change a task's status, assignee or due date");
    }

    public static async Task<Results<Created<CaseTask>, ValidationProblem, ProblemHttpResult>> AddCaseTask(
        string id, HttpContext context, CaseStore store, CaseDeadlines deadlines, Auditor auditor, TimeProvider time, CancellationToken cancellationToken)
    {

        var body = await JsonBody.ReadAsync<NewTaskRequest>(context.Request, cancellationToken);
        if (!body.Succeeded)
        {
            return Problems.Invalid(body.Errors);
        }

        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        var title = CaseRequests.Text(body.Value!.Title, "title", CaseCodes.MaxTitle, errors, required: true);
        if (!CaseRequests.IsSubject(body.Value.Assignee))
        {
            errors["assignee"] = [$"Required: a user's subject of 1 to {CaseCodes.MaxSubject} characters."];
        }

        var due = CaseRequests.ParseDueDate(body.Value.DueAt, now, "dueAt", errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var caller = context.Caller();
        var taskId = TaskPrefix + TimeOrderedKey.New(now);
        var task = new TaskEntity { RowKey = TaskEntity.Prefix + taskId, Title = title!, Assignee = body.Value.Assignee!, DueAt = due, CreatedBy = caller.Subject, CreatedAt = now };
        var outcome = await store.ChangeAsync(id, async current =>
        {
            if (await CaseEndpoints.RefuseAsync(context, auditor, caller, current, "case.task.add", steer: false, taskId) is { } refused)
            {
                return refused;
            }

            task.PartitionKey = current.PartitionKey;
            if (due is not null)
            {
                await deadlines.ScheduleTaskAsync(current.PartitionKey, taskId, due.Value, cancellationToken);
            }

            return new CaseDecision.Change("task.added", $"Task \"{title}\" for {task.Assignee}", caller.Subject,
                new JsonObject { ["taskId"] = taskId, ["title"] = title, ["assignee"] = task.Assignee, ["dueAt"] = due },
                [new TableTransactionAction(TableTransactionActionType.Add, task)], SubjectId: taskId);
        }, cancellationToken);
        return outcome switch
        {
            CaseChangeOutcome.Committed committed => TypedResults.Created($"/api/cases/{committed.Case.PartitionKey}/tasks", CaseMapping.ToTask(task)),
            CaseChangeOutcome.Refused refused => (ProblemHttpResult)refused.Result,
            _ => Problems.NotFound("case"),
        };
    }

    public static async Task<Results<Ok<CaseTaskPage>, ProblemHttpResult>> ListCaseTasks(string id, HttpContext context, CaseStore store, CaseAccess access, CancellationToken cancellationToken)
    {
        if (await access.ReadAsync(context, id, "case.tasks", cancellationToken) is not { } entity)
        {
            return Problems.NotFound("case");
        }

        var rows = await store.AllAsync<TaskEntity>(entity.PartitionKey, TaskEntity.Prefix, TaskEntity.RangeEnd, cancellationToken);
        return TypedResults.Ok(new CaseTaskPage(rows.Select(CaseMapping.ToTask).ToList()));
    }

    public static async Task<Results<Ok<CaseTask>, ValidationProblem, ProblemHttpResult>> UpdateCaseTask(
        string id, string taskId, HttpContext context, CaseStore store, CaseDeadlines deadlines, Auditor auditor, TimeProvider time, CancellationToken cancellationToken)
    {

        var body = await JsonBody.ReadAsync<UpdateTaskRequest>(context.Request, cancellationToken);
        if (!body.Succeeded)
        {
            return Problems.Invalid(body.Errors);
        }

        var errors = new Dictionary<string, string[]>();
        var status = CaseRequests.Code(body.Value!.Status, "status", CaseCodes.TaskStatuses, errors, required: false);
        if (body.Value.Assignee is not null && !CaseRequests.IsSubject(body.Value.Assignee))
        {
            errors["assignee"] = [$"Must be a user's subject of 1 to {CaseCodes.MaxSubject} characters."];
        }

        var due = CaseRequests.ParseDueDate(body.Value.DueAt, time.GetUtcNow(), "dueAt", errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var caller = context.Caller();
        TaskEntity? updated = null;
        var outcome = await store.ChangeAsync(id, async current =>
        {
            if (await CaseEndpoints.RefuseAsync(context, auditor, caller, current, "case.task.update", steer: false, taskId) is { } refused)
            {
                return refused;
            }

            if (await store.GetRowAsync<TaskEntity>(current.PartitionKey, TaskEntity.Prefix + taskId, cancellationToken) is not { } task)
            {
                return new CaseDecision.Refused(Problems.NotFound("task"));
            }

            task.Status = status ?? task.Status;
            task.Assignee = body.Value.Assignee ?? task.Assignee;
            if (due is not null && due != task.DueAt)
            {
                task.DueAt = due;
                task.Overdue = false;
                task.Reminded = false;
                await deadlines.ScheduleTaskAsync(current.PartitionKey, taskId, due.Value, cancellationToken);
            }

            updated = task;
            return new CaseDecision.Change("task.updated", $"Task \"{task.Title}\": {task.Status}, {task.Assignee}", caller.Subject,
                new JsonObject { ["taskId"] = taskId, ["status"] = task.Status, ["assignee"] = task.Assignee, ["dueAt"] = task.DueAt },
                [new TableTransactionAction(TableTransactionActionType.UpdateReplace, task, task.ETag)], SubjectId: taskId);
        }, cancellationToken);
        return outcome switch
        {
            CaseChangeOutcome.Committed => TypedResults.Ok(CaseMapping.ToTask(updated!)),
            CaseChangeOutcome.Refused refused => (ProblemHttpResult)refused.Result,
            _ => Problems.NotFound("case"),
        };
    }
}
