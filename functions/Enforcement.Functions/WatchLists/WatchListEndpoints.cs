using Enforcement.Functions.Audit;
using Enforcement.Functions.Http;
using Enforcement.Functions.Security;
using Enforcement.Functions.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Enforcement.Functions.WatchLists;

/// <summary>Analysts' watch lists over HTTP: lists, entries that expire by themselves, and the intake hits of an entry.</summary>
internal static class WatchListEndpoints
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 2000;

    public static RouteGroupBuilder MapWatchLists(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/watchlists").WithTags("Targeting").RequireAuthorization(Policies.AnalyseTargeting);
        group.MapPost("/", CreateWatchList).WithName(nameof(CreateWatchList)).AcceptsJson<WatchListFacts>().WithSummary("Create a watch list");
        group.MapGet("/", ListWatchLists).WithName(nameof(ListWatchLists)).WithSummary("Every watch list with its version");
        group.MapGet("/{id}", GetWatchList).WithName(nameof(GetWatchList)).WithSummary("One watch list");
        group.MapPost("/{id}/entries", AddWatchListEntry).WithName(nameof(AddWatchListEntry)).AcceptsJson<WatchListEntryFacts>()
            .WithSummary("Add an entry (person, company, conveyance, container, phone, document or route) valid until validTo");
        group.MapGet("/{id}/entries", ListWatchListEntries).WithName(nameof(ListWatchListEntries)).WithSummary("A list's entries, expired ones flagged");
        group.MapDelete("/{id}/entries/{entryId}", RemoveWatchListEntry).WithName(nameof(RemoveWatchListEntry)).WithSummary("Remove an entry");
        group.MapGet("/{id}/entries/{entryId}/hits", ListWatchListHits).WithName(nameof(ListWatchListHits))
            .WithSummary("Records found matching an entry on intake");
        return group;
    }

    public static async Task<Results<Created<WatchList>, ValidationProblem, ProblemHttpResult>> CreateWatchList(
        HttpContext context, WatchListStore store, Auditor auditor, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<WatchListFacts>(context.Request, cancellationToken);
        if (!body.Succeeded)
        {
            return Problems.Invalid(body.Errors);
        }

        var errors = new FieldErrors();
        var name = FactChecks.Text(body.Value!.Name, "name", MaxNameLength, errors, required: true);
        var description = FactChecks.Text(body.Value.Description, "description", MaxDescriptionLength, errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        if ((await store.ListsAsync(cancellationToken)).Count >= WatchListStore.MaxLists)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many watch lists",
                detail: $"At most {WatchListStore.MaxLists} watch lists: add entries to an existing list.");
        }

        await auditor.RecordAsync(context, "watchlist.create", [], AuditOutcomes.Authorized);
        var list = await store.CreateListAsync(name!, description, context.Caller().Subject, cancellationToken);
        return TypedResults.Created(context.PathTo(nameof(GetWatchList), new { id = list.RowKey }), WatchListStore.ToList(list));
    }

    public static async Task<Ok<WatchListList>> ListWatchLists(WatchListStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(new WatchListList((await store.ListsAsync(cancellationToken)).Select(WatchListStore.ToList).ToList()));

    public static async Task<Results<Ok<WatchList>, ProblemHttpResult>> GetWatchList(string id, WatchListStore store, CancellationToken cancellationToken) =>
        await store.GetListAsync(id, cancellationToken) is { } list ? TypedResults.Ok(WatchListStore.ToList(list)) : Problems.NotFound("watch list");

    public static async Task<Results<Created<WatchListEntry>, ValidationProblem, ProblemHttpResult>> AddWatchListEntry(
        string id, HttpContext context, WatchListStore store, Auditor auditor, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<WatchListEntryFacts>(context.Request, cancellationToken);
        if (!body.Succeeded)
        {
            return Problems.Invalid(body.Errors);
        }

        var caller = context.Caller();
        var (facts, partitions, errors) = WatchListValidator.Validate(body.Value!, caller.Subject, time.GetUtcNow());
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (await store.GetListAsync(id, cancellationToken) is null)
        {
            return Problems.NotFound("watch list");
        }

        await auditor.RecordAsync(context, "watchlist.entry.add", [id], AuditOutcomes.Authorized);
        var entry = await store.AddEntryAsync(id, facts, partitions, cancellationToken);
        return TypedResults.Created($"/api/watchlists/{id}/entries/{entry.RowKey}", store.ToEntry(entry));
    }

    public static async Task<Results<Ok<WatchListEntryList>, ValidationProblem, ProblemHttpResult>> ListWatchListEntries(
        string id, [AsParameters] PageRequest paging, HttpContext context, WatchListStore store, Auditor auditor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var page = paging.Read(errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (await store.GetListAsync(id, cancellationToken) is null)
        {
            return Problems.NotFound("watch list");
        }

        var (entries, next) = await store.EntriesAsync(id, page, cancellationToken);
        await auditor.RecordAsync(context, "watchlist.entries.read", [id, .. entries.Select(e => e.RowKey)], AuditOutcomes.Read);
        return TypedResults.Ok(new WatchListEntryList(entries.Select(store.ToEntry).ToList(), ContinuationToken.Encode(next)));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveWatchListEntry(
        string id, string entryId, HttpContext context, WatchListStore store, Auditor auditor, CancellationToken cancellationToken)
    {
        if (!WatchListStore.IsListId(id) || !WatchListStore.IsEntryId(entryId))
        {
            return Problems.NotFound("watch-list entry");
        }

        await auditor.RecordAsync(context, "watchlist.entry.remove", [id, entryId], AuditOutcomes.Authorized);
        return await store.RemoveEntryAsync(id, entryId, cancellationToken) ? TypedResults.NoContent() : Problems.NotFound("watch-list entry");
    }

    public static async Task<Results<Ok<WatchListHitList>, ValidationProblem, ProblemHttpResult>> ListWatchListHits(
        string id, string entryId, [AsParameters] PageRequest paging, HttpContext context, WatchListStore store, Auditor auditor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var page = paging.Read(errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (!WatchListStore.IsListId(id) || !WatchListStore.IsEntryId(entryId))
        {
            return Problems.NotFound("watch-list entry");
        }

        var (rows, next) = await store.HitsAsync(entryId, page, cancellationToken);
        var hits = rows.Where(h => h.ListId == id).ToList();
        await auditor.RecordAsync(context, "watchlist.hits.read", [entryId, .. hits.Select(h => h.RowKey)], AuditOutcomes.Read);
        return TypedResults.Ok(new WatchListHitList(hits.Select(h => new WatchListHit(h.PartitionKey, h.ListId, h.RowKey, h.RecordKind, h.Score, h.Owner, h.FoundAt)).ToList(),
            ContinuationToken.Encode(next)));
    }
}
