using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Enforcement.Functions.Audit;
using Enforcement.Functions.Http;
using Enforcement.Functions.Security;
using Enforcement.Functions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Enforcement.Functions.Cases;

/// <summary>
/// The case journal (append-only: nobody edits or deletes an entry, their own or another's; a correction is a new
/// entry naming the one it corrects) and the case timeline (every change, in commit order, one partition range per page).
/// </summary>
internal static class CaseJournalEndpoints
{
    public const string EntryPrefix = "JE-";

    public static void MapCaseJournal(this RouteGroupBuilder group)
    {
        group.MapPost("/{id}/journal", AddJournalEntry).WithName(nameof(AddJournalEntry)).RequireAuthorization(Policies.WorkOnCases)
            .AcceptsJson<JournalEntryRequest>().WithSummary("Append a journal entry (note, decision, interview, or a correction naming the entry it corrects)");
        group.MapGet("/{id}/journal", ListJournal).WithName(nameof(ListJournal)).RequireAuthorization(Policies.WorkOnCases)
            .WithSummary("The journal, oldest first (pages: limit, continuationToken)");
        group.MapPatch("/{id}/journal/{entryId}", EditJournalEntry).WithName(nameof(EditJournalEntry)).RequireAuthorization(Policies.WorkOnCases)
            .WithSummary("Always refused: journal entries are append-only (403 for another's entry, 409 for your own; post a correction)");
        group.MapDelete("/{id}/journal/{entryId}", DeleteJournalEntry).WithName(nameof(DeleteJournalEntry)).RequireAuthorization(Policies.WorkOnCases)
            .WithSummary("Always refused: journal entries are append-only (403 for another's entry, 409 for your own)");
        group.MapGet("/{id}/timeline", GetTimeline).WithName(nameof(GetTimeline)).RequireAuthorization(Policies.WorkOnCases)
            .WithSummary("Every change of the case (status, stage, assignment, links, journal, tasks, documents, custody) in order, paged");
    }

    public static async Task<Results<Created<JournalEntry>, ValidationProblem, ProblemHttpResult>> AddJournalEntry(
        string id, HttpContext context, CaseStore store, Auditor auditor, TimeProvider time, CancellationToken cancellationToken)
    {

        var body = await JsonBody.ReadAsync<JournalEntryRequest>(context.Request, cancellationToken);
        if (!body.Succeeded)
        {
            return Problems.Invalid(body.Errors);
        }

        var request = body.Value!;
        var errors = new Dictionary<string, string[]>();
        var kind = CaseRequests.Code(request.Kind, "kind", CaseCodes.JournalKinds, errors, required: true);
        var text = CaseRequests.Text(request.Text, "text", CaseCodes.MaxText, errors, required: true);
        var handling = CaseRequests.Code(request.HandlingCode, "handlingCode", CaseCodes.HandlingCodes, errors, required: true);
        if (kind == "correction" && !IsEntryId(request.Corrects))
        {
            errors["corrects"] = ["Required for a correction: the id of the entry it corrects."];
        }
        else if (kind is not null and not "correction" && request.Corrects is not null)
        {
            errors["corrects"] = ["Only a correction names the entry it corrects."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var caller = context.Caller();
        var now = time.GetUtcNow();
        var entry = new JournalEntity
        {
            RowKey = JournalEntity.Prefix + EntryPrefix + TimeOrderedKey.New(now),
            Kind = kind!,
            Text = text!,
            HandlingCode = handling!,
            Corrects = request.Corrects,
            Author = caller.Subject,
            At = now,
        };
        var entryId = entry.RowKey[JournalEntity.Prefix.Length..];
        var outcome = await store.ChangeAsync(id, async current =>
        {
            if (await CaseEndpoints.RefuseAsync(context, auditor, caller, current, "case.journal.add", steer: false, entryId) is { } refused)
            {
                return refused;
            }

            if (entry.Corrects is not null && await store.GetRowAsync<JournalEntity>(current.PartitionKey, JournalEntity.Prefix + entry.Corrects, cancellationToken) is null)
            {
                return new CaseDecision.Refused(Problems.Unprocessable("Unknown entry", "The case has no journal entry with that id.", "corrects"));
            }

            entry.PartitionKey = current.PartitionKey;
            return new CaseDecision.Change(kind == "correction" ? "journal.corrected" : "journal.added",
                kind == "correction" ? $"Correction of {entry.Corrects}" : $"Journal {kind}", caller.Subject,
                new JsonObject { ["entryId"] = entryId, ["kind"] = kind, ["text"] = text, ["corrects"] = entry.Corrects },
                [new TableTransactionAction(TableTransactionActionType.Add, entry)], SubjectId: entryId, HandlingCode: handling);
        }, cancellationToken);
        return outcome switch
        {
            CaseChangeOutcome.Committed committed => TypedResults.Created($"/api/cases/{committed.Case.PartitionKey}/journal", CaseMapping.ToEntry(entry)),
            CaseChangeOutcome.Refused refused => (ProblemHttpResult)refused.Result,
            _ => Problems.NotFound("case"),
        };
    }

    public static async Task<Results<Ok<JournalPage>, ValidationProblem, ProblemHttpResult>> ListJournal(
        string id, HttpContext context, CaseStore store, CaseAccess access, [AsParameters] PageRequest paging, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var (pageSize, token) = paging.Read(errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (await access.ReadAsync(context, id, "case.journal.read", cancellationToken) is not { } entity)
        {
            return Problems.NotFound("case");
        }

        var (rows, next) = await store.PageAsync<JournalEntity>(entity.PartitionKey, JournalEntity.Prefix, JournalEntity.RangeEnd, pageSize, token, cancellationToken);
        return TypedResults.Ok(new JournalPage(rows.Select(CaseMapping.ToEntry).ToList(), ContinuationToken.Encode(next)));
    }

    public static Task<ProblemHttpResult> EditJournalEntry(string id, string entryId, HttpContext context, CaseStore store, CaseAccess access, CancellationToken cancellationToken) =>
        RefuseEditAsync(id, entryId, context, store, access, "case.journal.edit", cancellationToken);

    public static Task<ProblemHttpResult> DeleteJournalEntry(string id, string entryId, HttpContext context, CaseStore store, CaseAccess access, CancellationToken cancellationToken) =>
        RefuseEditAsync(id, entryId, context, store, access, "case.journal.delete", cancellationToken);

    public static async Task<Results<Ok<TimelinePage>, ValidationProblem, ProblemHttpResult>> GetTimeline(
        string id, HttpContext context, CaseStore store, CaseAccess access, [AsParameters] PageRequest paging, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var (pageSize, token) = paging.Read(errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (await access.ReadAsync(context, id, "case.timeline", cancellationToken) is not { } entity)
        {
            return Problems.NotFound("case");
        }

        var (rows, next) = await store.PageAsync<TimelineEntity>(entity.PartitionKey, TimelineEntity.Prefix, TimelineEntity.RangeEnd, pageSize, token, cancellationToken);
        return TypedResults.Ok(new TimelinePage(rows.Select(CaseMapping.ToTimeline).ToList(), ContinuationToken.Encode(next)));
    }

    private static async Task<ProblemHttpResult> RefuseEditAsync(string id, string entryId, HttpContext context, CaseStore store, CaseAccess access, string operation, CancellationToken cancellationToken)
    {
        if (!IsEntryId(entryId) || await access.ReadAsync(context, id, operation, cancellationToken, entryId) is not { } entity
            || await store.GetRowAsync<JournalEntity>(entity.PartitionKey, JournalEntity.Prefix + entryId, cancellationToken) is not { } entry)
        {
            return Problems.NotFound("journal entry");
        }

        return entry.Author != context.Caller().Subject
            ? Problems.Forbidden("This entry is another user's: nobody changes another's journal entry.")
            : CaseRequests.Conflict("Journal entries are append-only", "Entries are never changed or deleted; post an entry of kind \"correction\" naming this one.", "entryId");
    }

    private static bool IsEntryId(string? id) =>
        CaseStore.IsKey(id, EntryPrefix);
}
