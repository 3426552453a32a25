using System.Text.Json.Nodes;
using Enforcement.Functions.Audit;
using Enforcement.Functions.Http;
using Enforcement.Functions.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Enforcement.Functions.Seizures;

/// <summary>The seizure database over HTTP: record, read, list by month, correct with optimistic concurrency.</summary>
internal static class SeizureEndpoints
{
    public static RouteGroupBuilder MapSeizures(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/seizures").WithTags("Seizures");
        group.MapPost("/", RecordSeizure).WithName(nameof(RecordSeizure))
            .RequireAuthorization(Policies.RecordSeizures).AcceptsJson<SeizureFacts>()
            .WithSummary("Record a seizure (idempotent with an Idempotency-Key header)");
        group.MapGet("/{id}", GetSeizure).WithName(nameof(GetSeizure)).RequireAuthorization(Policies.ReadSeizures).WithSummary("Read one seizure");
        group.MapGet("/", ListSeizures).WithName(nameof(ListSeizures)).RequireAuthorization(Policies.ReadSeizures)
            .WithSummary("List a month's seizures, optionally filtered (officers and supervisors: their office)");
        group.MapPatch("/{id}", CorrectSeizure).WithName(nameof(CorrectSeizure))
            .RequireAuthorization(Policies.CorrectSeizures).AcceptsJson<SeizureFacts>(MergePatch.MediaType)
            .WithSummary("Correct a seizure with a JSON merge patch and If-Match");
        group.MapGet("/{id}/history", GetSeizureHistory).WithName(nameof(GetSeizureHistory)).RequireAuthorization(Policies.ReadSeizures)
            .WithSummary("Every version of a seizure");
        return group;
    }

    public static async Task<Results<Created<Seizure>, ValidationProblem, ProblemHttpResult>> RecordSeizure(
        HttpContext context, IdempotencyKey idempotencyKey, SeizureStore store, Auditor auditor, Groups.OperationMembership operations, TimeProvider time, CancellationToken cancellationToken)
    {
        var facts = await JsonBody.ReadAsync<SeizureFacts>(context.Request, cancellationToken);
        if (!facts.Succeeded)
        {
            return Problems.Invalid(facts.Errors);
        }

        var (normalized, seizedAt, errors) = SeizureValidator.Validate(facts.Value!, time.GetUtcNow());
        await operations.CheckAsync(context.Caller(), normalized.OperationId, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var caller = context.Caller();
        if (!caller.CoversOffice(normalized.Office!))
        {
            await auditor.RecordAsync(context, "seizure.record", [normalized.Office!], AuditOutcomes.Forbidden);
            return Problems.Forbidden($"You can record seizures for your own office ({caller.Office}) only.");
        }

        var outcome = await store.CreateAsync(normalized, seizedAt, idempotencyKey.Value, caller.Subject,
            (id, replay) => auditor.RecordAsync(context, replay ? "seizure.record.replay" : "seizure.record", [id.Value], AuditOutcomes.Authorized),
            cancellationToken);
        switch (outcome)
        {
            case CreateOutcome.Created created:
                context.Response.Headers.ETag = created.Seizure.ETag;
                if (created.Replayed)
                {
                    context.Response.Headers["Idempotent-Replayed"] = "true";
                }

                return TypedResults.Created(context.PathTo(nameof(GetSeizure), new { id = created.Seizure.Id }), created.Seizure);
            default:
                return Problems.Unprocessable("Idempotency-Key reused",
                    "This Idempotency-Key was already used with a different request body. Use a new key for a new seizure.", "Idempotency-Key");
        }
    }

    public static async Task<Results<Ok<Seizure>, StatusCodeHttpResult, ProblemHttpResult>> GetSeizure(
        string id, HttpContext context, SeizureStore store, Auditor auditor, CancellationToken cancellationToken)
    {
        if (EntityTags.Parse(context.Request.Headers.IfNoneMatch) is not { } ifNoneMatch)
        {
            return EntityTags.Malformed("If-None-Match");
        }

        if (await ReadInScopeAsync(id, context, store, auditor, "seizure.read", cancellationToken) is not { } stored)
        {
            return Problems.NotFound("seizure");
        }

        context.Response.Headers.ETag = stored.Seizure.ETag;
        if (EntityTags.Matches(ifNoneMatch, stored.Seizure.ETag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Ok(stored.Seizure);
    }

    public static async Task<Results<Ok<SeizurePage>, ValidationProblem, ProblemHttpResult>> ListSeizures(
        HttpContext context,
        SeizureStore store,
        SeizureFilterIndex index,
        Auditor auditor,
        [FromQuery] string? month,
        [FromQuery] string? category,
        [FromQuery] string? office,
        [FromQuery] string? country,
        [AsParameters] PageRequest paging,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!SeizureMonth.TryParse(month, out var partition))
        {
            errors["month"] = ["Required: the month as YYYY-MM, e.g. 2026-11."];
        }

        var filter = new SeizureListFilter(
            category?.Trim().ToLowerInvariant(),
            office?.Trim().ToUpperInvariant(),
            country?.Trim().ToUpperInvariant());
        if (filter.Category is not null && !SeizureCodes.Categories.Contains(filter.Category))
        {
            errors["category"] = [$"Must be one of {string.Join(", ", SeizureCodes.Categories.Order(StringComparer.Ordinal))}."];
        }

        if (filter.Office is not null && (filter.Office.Length is < 5 or > 16 || filter.Office.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-')))
        {
            errors["office"] = ["Must be an office code such as PKKHI or PKKHI-APFT."];
        }

        if (filter.Country is not null && !ReferenceData.CountryCodes.IsAssigned(filter.Country))
        {
            errors["country"] = ["Must be an ISO 3166-1 alpha-2 country code."];
        }

        var (pageSize, token) = paging.Read(errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        // Officers and supervisors list their own office (a port-level office also sees its units).
        var caller = context.Caller();
        if (!caller.IsInRole(Roles.Analyst))
        {
            if (filter.Office is not null && !caller.CoversOffice(filter.Office))
            {
                await auditor.RecordAsync(context, "seizure.list", [filter.Office], AuditOutcomes.Forbidden);
                return Problems.Forbidden($"You can list seizures of your own office ({caller.Office}) only.");
            }

            filter = filter with { Office = filter.Office ?? caller.Office };
        }

        SeizurePage page;
        if (filter.IsEmpty)
        {
            var (entities, next) = await store.ListMonthAsync(partition!, pageSize, token, cancellationToken);
            page = new SeizurePage(entities.Select(SeizureMapping.ToSeizure).ToList(), ContinuationToken.Encode(next));
        }
        else
        {
            var (indexed, nextFiltered) = await index.QueryAsync(partition!, filter, pageSize, token, cancellationToken);
            var ids = indexed.ToList();
            if (token is null)
            {
                // Read-your-writes: records whose outbox markers are still there may not be in the index yet (the
                // first page shows them; later pages come from the index alone).
                var unpublished = await store.UnpublishedAsync(partition!, cancellationToken);
                ids = ids.Union(unpublished
                        .Where(m => filter.Office is null || m.ListingOffice is null || m.ListingOffice == filter.Office || m.ListingOffice.StartsWith(filter.Office + "-", StringComparison.Ordinal))
                        .Select(m => m.RecordId), StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal).ToList();
            }

            var records = new StoredSeizure?[ids.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, ids.Count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
                async (i, ct) => records[i] = SeizureId.TryParse(ids[i], out var id) ? await store.GetAsync(id.Value, ct) : null);

            // The index trails the records: re-check the filter and the office scope on the records themselves.
            var visible = records.OfType<StoredSeizure>()
                .Where(r => SeizureFilterIndex.Matches(SeizureMapping.ReadFacts(r.Entity), filter))
                .Where(r => caller.IsInRole(Roles.Analyst) || caller.CoversOffice(r.Entity.Office));
            page = new SeizurePage(visible.Select(r => r.Seizure).ToList(), ContinuationToken.Encode(nextFiltered));
        }

        await auditor.RecordAsync(context, "seizure.list", page.Items.Select(s => s.Id), AuditOutcomes.Read);
        return TypedResults.Ok(page);
    }

    public static async Task<Results<Ok<Seizure>, ValidationProblem, ProblemHttpResult>> CorrectSeizure(
        string id, HttpContext context, SeizureStore store, Auditor auditor, Groups.OperationMembership operations, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!SeizureId.TryParse(id, out var seizureId))
        {
            return Problems.NotFound("seizure");
        }

        if (EntityTags.Parse(context.Request.Headers.IfMatch) is not { } ifMatch)
        {
            return EntityTags.Malformed("If-Match");
        }

        if (ifMatch.Count == 0 || ifMatch.Contains("*"))
        {
            return Problems.PreconditionRequired();
        }

        var patch = await JsonBody.ReadObjectAsync(context.Request, cancellationToken);
        if (!patch.Succeeded)
        {
            return Problems.Invalid(patch.Errors);
        }

        if (await store.GetAsync(seizureId.Value, cancellationToken) is not { } current)
        {
            return Problems.NotFound("seizure");
        }

        var caller = context.Caller();
        if (!caller.CoversOffice(current.Entity.Office))
        {
            await auditor.RecordAsync(context, "seizure.correct", [current.Entity.RowKey], AuditOutcomes.OutOfScope);
            return Problems.NotFound("seizure");
        }

        if (!caller.IsInRole(Roles.Supervisor) && current.Entity.RecordedBy != caller.Subject)
        {
            await auditor.RecordAsync(context, "seizure.correct", [current.Entity.RowKey], AuditOutcomes.Forbidden);
            return Problems.Forbidden("Officers correct the seizures they recorded; ask a supervisor of your office to correct this one.");
        }

        if (!ifMatch.Contains(current.Seizure.ETag))
        {
            return Problems.PreconditionFailed();
        }

        var facts = JsonBody.Deserialize<SeizureFacts>(MergePatch.ApplyTo(current.Entity.Facts, patch.Value!));
        if (!facts.Succeeded)
        {
            return Problems.Invalid(facts.Errors);
        }

        var (normalized, seizedAt, errors) = SeizureValidator.Validate(facts.Value!, time.GetUtcNow());
        if (normalized.OperationId != SeizureMapping.ReadFacts(current.Entity).OperationId)
        {
            await operations.CheckAsync(caller, normalized.OperationId, errors, cancellationToken);
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (SeizureMonth.Of(seizedAt) != seizureId.Value.Month)
        {
            return Problems.Unprocessable("Seizure month cannot change",
                $"This record belongs to {seizureId.Value.Month}; seizedAt can be corrected within that month only. Record a new seizure and reference this id in its narrative.",
                "seizedAt");
        }

        if (!caller.CoversOffice(normalized.Office!))
        {
            await auditor.RecordAsync(context, "seizure.correct", [current.Entity.RowKey, normalized.Office!], AuditOutcomes.Forbidden);
            return Problems.Forbidden($"A seizure can be moved to an office within yours ({caller.Office}) only.");
        }

        var outcome = await store.UpdateAsync(current, normalized, seizedAt, caller.Subject,
            () => auditor.RecordAsync(context, "seizure.correct", [current.Entity.RowKey], AuditOutcomes.Authorized), cancellationToken);
        if (outcome is not UpdateOutcome.Updated updated)
        {
            return Problems.PreconditionFailed();
        }

        context.Response.Headers.ETag = updated.Seizure.ETag;
        return TypedResults.Ok(updated.Seizure);
    }

    public static async Task<Results<Ok<IReadOnlyList<SeizureVersion>>, ProblemHttpResult>> GetSeizureHistory(
        string id, HttpContext context, SeizureStore store, Auditor auditor, CancellationToken cancellationToken)
    {
        if (await ReadInScopeAsync(id, context, store, auditor, "seizure.history", cancellationToken) is not { } stored)
        {
            return Problems.NotFound("seizure");
        }

        var rows = await store.HistoryAsync(new SeizureId(stored.Entity.RowKey), cancellationToken);
        if (rows.Count == 0)
        {
            return Problems.NotFound("seizure");
        }

        IReadOnlyList<SeizureVersion> versions = rows
            .Select(r => new SeizureVersion(r.Version, r.Type, r.EventId, r.OccurredAt, System.Text.Json.JsonSerializer.Deserialize<SeizureFacts>(r.Facts, JsonBody.Options)!))
            .ToList();
        return TypedResults.Ok(versions);
    }

    /// <summary>Reads a record the caller may see, auditing the read; a record outside the caller's office is audited
    /// and reported as not found, so that its existence is not revealed.</summary>
    private static async Task<StoredSeizure?> ReadInScopeAsync(string id, HttpContext context, SeizureStore store, Auditor auditor, string operation, CancellationToken cancellationToken)
    {
        if (!SeizureId.TryParse(id, out var seizureId) || await store.GetAsync(seizureId.Value, cancellationToken) is not { } stored)
        {
            return null;
        }

        var caller = context.Caller();
        if (!caller.IsInRole(Roles.Analyst) && !caller.CoversOffice(stored.Entity.Office))
        {
            await auditor.RecordAsync(context, operation, [stored.Entity.RowKey], AuditOutcomes.OutOfScope);
            return null;
        }

        await auditor.RecordAsync(context, operation, [stored.Entity.RowKey], AuditOutcomes.Read);
        return stored;
    }
}

public sealed record SeizureVersion(int Version, string Type, string EventId, DateTimeOffset OccurredAt, SeizureFacts Facts);
