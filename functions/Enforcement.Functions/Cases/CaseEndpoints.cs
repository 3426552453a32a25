using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Enforcement.Functions.Alerts;
using Enforcement.Functions.Audit;
using Enforcement.Functions.Http;
using Enforcement.Functions.Security;
using Enforcement.Functions.Seizures;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Enforcement.Functions.Cases;

/// <summary>Cases over HTTP: open from seizures, read, move along the two axes (work status, legal stage), assign.</summary>
internal static class CaseEndpoints
{
    public static RouteGroupBuilder MapCases(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cases").WithTags("Cases");
        group.MapPost("/", OpenCase).WithName(nameof(OpenCase)).RequireAuthorization(Policies.OpenCases)
            .AcceptsJson<OpenCaseRequest>().WithSummary("Open a case from one or more seizures and/or alerts addressed to the caller (supervisors for their office, analysts)");
        group.MapGet("/", ListCasesOfRecord).WithName(nameof(ListCasesOfRecord)).RequireAuthorization(Policies.WorkOnCases)
            .WithSummary("The cases a seizure, suspect, company or photo belongs to (those the caller may see)");
        group.MapGet("/{id}", GetCase).WithName(nameof(GetCase)).RequireAuthorization(Policies.WorkOnCases).WithSummary("Read one case");
        group.MapPost("/{id}/status", ChangeStatus).WithName(nameof(ChangeStatus)).RequireAuthorization(Policies.WorkOnCases)
            .AcceptsJson<ChangeStatusRequest>().WithSummary("Move the work status (new → in-progress → closed; closing needs a resolution and a summary)");
        group.MapPost("/{id}/stage", ChangeStage).WithName(nameof(ChangeStage)).RequireAuthorization(Policies.WorkOnCases)
            .AcceptsJson<ChangeStageRequest>().WithSummary("Move the legal stage, with the uploaded document that proves it and its date");
        group.MapPut("/{id}/assignment", AssignCase).WithName(nameof(AssignCase)).RequireAuthorization(Policies.WorkOnCases)
            .AcceptsJson<AssignCaseRequest>().WithSummary("Set the lead investigator and team (publishes case.assigned)");
        return group;
    }

    public static async Task<Results<Created<CaseRecord>, ValidationProblem, ProblemHttpResult>> OpenCase(
        HttpContext context, CaseStore store, SeizureStore seizures, AlertStore alerts, CaseDeadlines deadlines, CaseIndexes indexes, Auditor auditor, TimeProvider time, CancellationToken cancellationToken)
    {

        var body = await JsonBody.ReadAsync<OpenCaseRequest>(context.Request, cancellationToken);
        if (!body.Succeeded)
        {
            return Problems.Invalid(body.Errors);
        }

        var request = body.Value!;
        var errors = new Dictionary<string, string[]>();
        var title = CaseRequests.Text(request.Title, "title", CaseCodes.MaxTitle, errors, required: true);
        var summary = CaseRequests.Text(request.Summary, "summary", CaseCodes.MaxText, errors, required: false) ?? string.Empty;
        var office = request.OwningOffice?.Trim().ToUpperInvariant();
        if (!CaseRequests.IsOffice(office))
        {
            errors["owningOffice"] = ["Required: an office code such as PKKHI or PKKHI-APFT."];
        }

        var priority = CaseRequests.Code(request.Priority, "priority", CaseCodes.Priorities, errors, required: false, fallback: "medium");
        var handling = CaseRequests.Code(request.HandlingCode, "handlingCode", CaseCodes.HandlingCodes, errors, required: false, fallback: "H0");
        var team = ValidateTeam(request.LeadInvestigator, request.Team, errors);
        var ids = request.SeizureIds ?? [];
        var alertIds = request.AlertIds ?? [];
        if (ids.Count > CaseCodes.MaxSeizures || (ids.Count == 0 && alertIds.Count == 0))
        {
            errors["seizureIds"] = [$"Required unless alertIds are given: 1 to {CaseCodes.MaxSeizures} seizure ids."];
        }
        else if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
        {
            errors["seizureIds"] = ["Each seizure once."];
        }

        if (alertIds.Count > CaseCodes.MaxAlerts)
        {
            errors["alertIds"] = [$"At most {CaseCodes.MaxAlerts} alert ids."];
        }
        else if (alertIds.Distinct(StringComparer.Ordinal).Count() != alertIds.Count)
        {
            errors["alertIds"] = ["Each alert once."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var caller = context.Caller();
        if (!caller.IsInRole(Roles.Analyst) && !caller.CoversOffice(office!))
        {
            await auditor.RecordAsync(context, "case.open", [office!], AuditOutcomes.Forbidden);
            return Problems.Forbidden($"Supervisors open cases for their own office ({caller.Office}) only.");
        }

        var found = new StoredSeizure?[ids.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Count), cancellationToken, async (i, ct) =>
            found[i] = SeizureId.TryParse(ids[i], out var sid) ? await seizures.GetAsync(sid.Value, ct) : null);
        for (var i = 0; i < ids.Count; i++)
        {
            if (found[i] is not { } s || (!caller.IsInRole(Roles.Analyst) && !caller.CoversOffice(s.Entity.Office)))
            {
                errors[$"seizureIds[{i}]"] = ["No seizure with that id that you may read."];
            }
        }

        // An alert is opened into a case only by someone it was addressed to (or its publisher): others learn nothing of it.
        var keys = Inbox.RecipientKeys.Of(caller);
        var foundAlerts = new AlertEntity?[alertIds.Count];
        for (var i = 0; i < alertIds.Count; i++)
        {
            foundAlerts[i] = AlertStore.IsAlertId(alertIds[i]) && await alerts.GetAsync(alertIds[i], cancellationToken) is { } alert && AlertStore.IsAddressedTo(alert, caller, keys) ? alert : null;
            if (foundAlerts[i] is null)
            {
                errors[$"alertIds[{i}]"] = ["No alert with that id addressed to you."];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Unknown seizures or alerts",
                detail: "Every seizure must exist and be one you may read; every alert must be addressed to you.", extensions: new Dictionary<string, object?> { ["errors"] = errors });
        }

        var now = time.GetUtcNow();
        var caseId = CaseStore.NewCaseId(now);
        var stored = found.OfType<StoredSeizure>().ToList();
        var linkedAlerts = foundAlerts.OfType<AlertEntity>().ToList();

        // Opened from alerts only, the case is at "detected" (as of the earliest alert) until a seizure is staged.
        var seized = stored.Count > 0;
        var seizedAt = seized ? stored.Min(s => s.Entity.SeizedAtUtc) : linkedAlerts.Min(a => a.PublishedAt);
        var stages = new List<StageStep> { new(CaseCodes.Stage.Detected, seizedAt, null, now, caller.Subject) };
        if (seized)
        {
            stages.Add(new(CaseCodes.Stage.Seized, seizedAt, null, now, caller.Subject));
        }

        var stage = seized ? CaseCodes.Stage.Seized : CaseCodes.Stage.Detected;
        var deadline = deadlines.DeadlineFor(stage, seizedAt);
        var entity = new CaseEntity
        {
            PartitionKey = caseId,
            Title = title!,
            Summary = summary,
            OwningOffice = office!,
            Priority = priority!,
            HandlingCode = handling!,
            Stage = stage,
            StageHistory = JsonSerializer.Serialize(stages),
            Deadline = deadline is null ? null : JsonSerializer.Serialize(deadline),
            DetectedAt = seizedAt,
            OpenedAt = now,
            OpenedBy = caller.Subject,
            UpdatedAt = now,
        };
        var links = stored.Select(s => new CaseLinkEntity
        {
            PartitionKey = caseId,
            RowKey = CaseLinkEntity.Prefix + s.Entity.RowKey,
            Kind = "seizure",
            TargetId = s.Entity.RowKey,
            LinkedBy = caller.Subject,
            LinkedAt = now,
        }).Concat(linkedAlerts.Select(a => new CaseLinkEntity
        {
            PartitionKey = caseId,
            RowKey = CaseLinkEntity.Prefix + a.PartitionKey,
            Kind = "alert",
            TargetId = a.PartitionKey,
            LinkedBy = caller.Subject,
            LinkedAt = now,
        })).ToList();

        await auditor.RecordAsync(context, "case.open", [caseId, .. ids, .. alertIds], AuditOutcomes.Authorized);
        if (deadline is not null)
        {
            await deadlines.ScheduleStageAsync(caseId, deadline, cancellationToken);
        }

        await store.CreateAsync(entity, new CaseDecision.Change("case.opened", $"Case opened from {ids.Count} seizure(s) and {alertIds.Count} alert(s)", caller.Subject,
            new JsonObject
            {
                ["seizureIds"] = new JsonArray([.. ids.Select(i => JsonValue.Create(i))]),
                ["alertIds"] = new JsonArray([.. alertIds.Select(i => JsonValue.Create(i))]),
                ["owningOffice"] = office,
            },
            [.. links.Select(l => new TableTransactionAction(TableTransactionActionType.Add, l))], EventType: CaseEventTypes.Opened), cancellationToken);
        await indexes.AfterOpenAsync(entity, links, seizedAt, seized ? stored.Min(s => s.Entity.RecordedAt) : null, cancellationToken);

        if (team.Lead is not null || team.Members.Count > 0)
        {
            var assigned = await store.ChangeAsync(caseId, current => Task.FromResult<CaseDecision>(Assign(current, team.Lead, team.Members, caller.Subject)), cancellationToken);
            if (assigned is CaseChangeOutcome.Committed committed)
            {
                entity = committed.Case;
            }
        }

        context.Response.Headers.ETag = CaseMapping.ETagOf(entity);
        return TypedResults.Created($"/api/cases/{caseId}", CaseMapping.ToCase(entity));
    }

    public static async Task<Results<Ok<CaseRecord>, ProblemHttpResult>> GetCase(string id, HttpContext context, CaseAccess access, CancellationToken cancellationToken)
    {
        if (await access.ReadAsync(context, id, "case.read", cancellationToken) is not { } entity)
        {
            return Problems.NotFound("case");
        }

        context.Response.Headers.ETag = CaseMapping.ETagOf(entity);
        return TypedResults.Ok(CaseMapping.ToCase(entity));
    }

    public static async Task<Results<Ok<CaseSummaryPage>, ValidationProblem>> ListCasesOfRecord(
        HttpContext context, CaseStore store, Auditor auditor, [FromQuery] string? record, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(record) || record.Length > 64 || !record.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return CaseRequests.Invalid("record", "Required: the id of a seizure, suspect, company or photo.");
        }

        var caller = context.Caller();
        var items = new List<CaseSummary>();
        await foreach (var row in store.LinkIndex.QueryAsync<CaseLinkIndexEntity>(e => e.PartitionKey == record, maxPerPage: 100, cancellationToken: cancellationToken))
        {
            // The index trails the case: confirm the link on the case's side and the caller's access on the case itself.
            if (await store.GetAsync(row.RowKey, cancellationToken) is { } entity && CaseAccess.CanRead(caller, entity)
                && await store.GetRowAsync<CaseLinkEntity>(entity.PartitionKey, CaseLinkEntity.Prefix + record, cancellationToken) is not null)
            {
                items.Add(new CaseSummary(entity.PartitionKey, entity.Title, entity.OwningOffice, entity.Status, entity.Stage));
            }

            if (items.Count >= 100)
            {
                break;
            }
        }

        await auditor.RecordAsync(context, "case.list", [record, .. items.Select(i => i.Id)], AuditOutcomes.Read);
        return TypedResults.Ok(new CaseSummaryPage(items));
    }

    public static async Task<Results<Ok<CaseRecord>, ValidationProblem, ProblemHttpResult>> ChangeStatus(
        string id, HttpContext context, CaseStore store, CaseIndexes indexes, Auditor auditor, TimeProvider time, CancellationToken cancellationToken)
    {

        var body = await JsonBody.ReadAsync<ChangeStatusRequest>(context.Request, cancellationToken);
        if (!body.Succeeded)
        {
            return Problems.Invalid(body.Errors);
        }

        var errors = new Dictionary<string, string[]>();
        var status = CaseRequests.Code(body.Value!.Status, "status", CaseCodes.Statuses, errors, required: true);
        var closing = status == CaseCodes.Status.Closed;
        var resolution = CaseRequests.Code(body.Value.Resolution, "resolution", CaseCodes.Resolutions, errors, required: closing);
        var closingSummary = CaseRequests.Text(body.Value.ClosingSummary, "closingSummary", CaseCodes.MaxText, errors, required: closing);
        if (!closing && (body.Value.Resolution is not null || body.Value.ClosingSummary is not null))
        {
            errors[body.Value.Resolution is not null ? "resolution" : "closingSummary"] = ["Only when closing the case."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var caller = context.Caller();
        var outcome = await store.ChangeAsync(id, async current =>
        {
            if (await RefuseAsync(context, auditor, caller, current, "case.status", steer: true) is { } refused)
            {
                return refused;
            }

            var allowed = CaseCodes.StatusMoves[current.Status];
            if (!allowed.Contains(status!))
            {
                return new CaseDecision.Refused(CaseRequests.TransitionRefused("status", current.Status, status!, allowed));
            }

            var from = current.Status;
            current.Status = status!;
            if (closing)
            {
                current.Resolution = resolution;
                current.ClosingSummary = closingSummary;
                current.ClosedAt = time.GetUtcNow();
            }

            return new CaseDecision.Change("status.changed", $"Status {from} → {status}" + (closing ? $" ({resolution})" : string.Empty), caller.Subject,
                new JsonObject { ["from"] = from, ["to"] = status, ["resolution"] = resolution, ["closingSummary"] = closingSummary },
                EventType: CaseEventTypes.StatusChanged);
        }, cancellationToken);
        return await AnswerAsync(context, outcome, indexes, cancellationToken);
    }

    public static async Task<Results<Ok<CaseRecord>, ValidationProblem, ProblemHttpResult>> ChangeStage(
        string id, HttpContext context, CaseStore store, CaseDeadlines deadlines, CaseIndexes indexes, Auditor auditor, TimeProvider time, CancellationToken cancellationToken)
    {

        var body = await JsonBody.ReadAsync<ChangeStageRequest>(context.Request, cancellationToken);
        if (!body.Succeeded)
        {
            return Problems.Invalid(body.Errors);
        }

        var errors = new Dictionary<string, string[]>();
        var stage = CaseRequests.Code(body.Value!.Stage, "stage", CaseCodes.Stages, errors, required: true);
        var date = CaseRequests.ParsePastDate(body.Value.Date, time.GetUtcNow(), "date", errors);
        var documentId = body.Value.DocumentId;
        if (!CaseDocuments.IsDocumentId(documentId))
        {
            errors["documentId"] = ["Required: the id of a document uploaded to this case (POST /api/cases/{id}/documents)."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var caller = context.Caller();
        var outcome = await store.ChangeAsync(id, async current =>
        {
            if (await RefuseAsync(context, auditor, caller, current, "case.stage", steer: true) is { } refused)
            {
                return refused;
            }

            var allowed = CaseCodes.StageMoves[current.Stage];
            if (!allowed.Contains(stage!))
            {
                return new CaseDecision.Refused(CaseRequests.TransitionRefused("stage", current.Stage, stage!, allowed));
            }

            if (await store.GetRowAsync<CaseDocumentEntity>(current.PartitionKey, CaseDocumentEntity.Prefix + documentId, cancellationToken) is null)
            {
                return new CaseDecision.Refused(Problems.Unprocessable("Unknown document", "No document with that id was uploaded to this case.", "documentId"));
            }

            var history = CaseMapping.StagesOf(current);
            if (history.Count > 0 && date < history[^1].Date)
            {
                return new CaseDecision.Refused(Problems.Unprocessable("Date before the previous stage",
                    $"The {current.Stage} stage is dated {history[^1].Date:yyyy-MM-dd}; the next stage cannot be earlier.", "date"));
            }

            var from = current.Stage;
            history.Add(new StageStep(stage!, date!.Value, documentId, time.GetUtcNow(), caller.Subject));
            current.Stage = stage!;
            current.StageHistory = JsonSerializer.Serialize(history);
            var deadline = deadlines.DeadlineFor(stage!, date.Value);
            current.Deadline = deadline is null ? null : JsonSerializer.Serialize(deadline);
            if (deadline is not null)
            {
                await deadlines.ScheduleStageAsync(current.PartitionKey, deadline, cancellationToken);
            }

            return new CaseDecision.Change("stage.changed", $"Stage {from} → {stage}", caller.Subject,
                new JsonObject { ["from"] = from, ["to"] = stage, ["date"] = date, ["documentId"] = documentId },
                SubjectId: documentId, EventType: CaseEventTypes.StageChanged);
        }, cancellationToken);
        return await AnswerAsync(context, outcome, indexes, cancellationToken);
    }

    public static async Task<Results<Ok<CaseRecord>, ValidationProblem, ProblemHttpResult>> AssignCase(
        string id, HttpContext context, CaseStore store, CaseIndexes indexes, Auditor auditor, CancellationToken cancellationToken)
    {

        var body = await JsonBody.ReadAsync<AssignCaseRequest>(context.Request, cancellationToken);
        if (!body.Succeeded)
        {
            return Problems.Invalid(body.Errors);
        }

        var errors = new Dictionary<string, string[]>();
        var team = ValidateTeam(body.Value!.LeadInvestigator, body.Value.Team, errors);
        if (team.Lead is null)
        {
            errors["leadInvestigator"] = ["Required: the subject of the lead investigator."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var caller = context.Caller();
        var outcome = await store.ChangeAsync(id, async current =>
            (CaseDecision?)await RefuseAsync(context, auditor, caller, current, "case.assign", steer: true) ?? Assign(current, team.Lead, team.Members, caller.Subject), cancellationToken);
        return await AnswerAsync(context, outcome, indexes, cancellationToken);
    }

    private static CaseDecision.Change Assign(CaseEntity current, string? lead, IReadOnlyList<string> members, string actor)
    {
        var before = CaseMapping.TeamOf(current).Append(current.LeadInvestigator).OfType<string>().ToHashSet(StringComparer.Ordinal);
        current.LeadInvestigator = lead;
        current.Team = JsonSerializer.Serialize(members);
        var added = members.Append(lead).OfType<string>().Distinct(StringComparer.Ordinal).Where(s => !before.Contains(s)).ToList();
        return new CaseDecision.Change("assignment.changed", $"Lead {lead ?? "none"}, team of {members.Count}", actor,
            new JsonObject
            {
                ["leadInvestigator"] = lead,
                ["team"] = new JsonArray([.. members.Select(m => JsonValue.Create(m))]),
                ["added"] = new JsonArray([.. added.Select(m => JsonValue.Create(m))]),
            },
            EventType: CaseEventTypes.Assigned);
    }

    private static (string? Lead, IReadOnlyList<string> Members) ValidateTeam(string? lead, IReadOnlyList<string>? team, Dictionary<string, string[]> errors)
    {
        if (lead is not null && !CaseRequests.IsSubject(lead))
        {
            errors["leadInvestigator"] = [$"Must be a user's subject of 1 to {CaseCodes.MaxSubject} characters."];
        }

        var members = team ?? [];
        if (members.Count > CaseCodes.MaxTeam)
        {
            errors["team"] = [$"At most {CaseCodes.MaxTeam} members."];
        }

        for (var i = 0; i < Math.Min(members.Count, CaseCodes.MaxTeam); i++)
        {
            if (!CaseRequests.IsSubject(members[i]))
            {
                errors[$"team[{i}]"] = [$"Must be a user's subject of 1 to {CaseCodes.MaxSubject} characters."];
            }
        }

        return (lead, members.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>The access checks of a change, against the case's current state: not visible → 404, visible but not
    /// allowed to steer → 403. Both audited.</summary>
    internal static async Task<CaseDecision.Refused?> RefuseAsync(HttpContext context, Auditor auditor, Caller caller, CaseEntity current, string operation, bool steer, params string[] more)
    {
        if (!CaseAccess.CanRead(caller, current))
        {
            await auditor.RecordAsync(context, operation, [current.PartitionKey, .. more], AuditOutcomes.OutOfScope);
            return new CaseDecision.Refused(Problems.NotFound("case"));
        }

        if (steer && !CaseAccess.CanSteer(caller, current))
        {
            await auditor.RecordAsync(context, operation, [current.PartitionKey, .. more], AuditOutcomes.Forbidden);
            return new CaseDecision.Refused(Problems.Forbidden("Only a supervisor of the owning office, an analyst or the lead investigator can do this."));
        }

        await auditor.RecordAsync(context, operation, [current.PartitionKey, .. more], AuditOutcomes.Authorized);
        return null;
    }

    private static async Task<Results<Ok<CaseRecord>, ValidationProblem, ProblemHttpResult>> AnswerAsync(HttpContext context, CaseChangeOutcome outcome, CaseIndexes indexes, CancellationToken cancellationToken)
    {
        switch (outcome)
        {
            case CaseChangeOutcome.Committed committed:
                await indexes.AfterChangeAsync(committed.Case, cancellationToken);
                context.Response.Headers.ETag = CaseMapping.ETagOf(committed.Case);
                return TypedResults.Ok(CaseMapping.ToCase(committed.Case));
            case CaseChangeOutcome.Refused refused:
                return (ProblemHttpResult)refused.Result;
            default:
                return Problems.NotFound("case");
        }
    }
}
