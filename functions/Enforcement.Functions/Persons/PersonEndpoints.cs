using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Enforcement.Functions.Audit;
using Enforcement.Functions.Http;
using Enforcement.Functions.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Enforcement.Functions.Persons;

/// <summary>
/// Record, read and correct a suspect or company over HTTP, with the seizure API's conventions: Idempotency-Key on
/// POST, ETag and If-None-Match on GET, merge patch with If-Match on PATCH, problems naming each field. A record
/// that strongly matches an existing one the caller may read is refused with 409 and those candidates, unless
/// ?allowDuplicate=true. A match the caller may not read is never revealed: the write goes ahead exactly as if there
/// were none, and is flagged for an analyst's review (<see cref="DuplicateReviews"/>).
/// </summary>
internal static class PersonEndpoints<TFacts, TRecord>
    where TFacts : class
    where TRecord : class
{
    public static async Task<Results<Created<TRecord>, ValidationProblem, ProblemHttpResult>> Record(
        HttpContext context, IdempotencyKey idempotencyKey, [FromQuery] string? allowDuplicate, IPersonProfile<TFacts, TRecord> profile, PersonStore store, DuplicateReviews reviews,
        Auditor auditor, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var allow = ParseAllowDuplicate(allowDuplicate, errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var facts = await JsonBody.ReadAsync<TFacts>(context.Request, cancellationToken);
        if (!facts.Succeeded)
        {
            return Problems.Invalid(facts.Errors);
        }

        var (normalized, invalid) = profile.Validate(facts.Value!, time.GetUtcNow());
        if (invalid.Count > 0)
        {
            return Problems.Invalid(invalid);
        }

        var kind = profile.Kind;
        var caller = context.Caller();
        var factsJson = JsonSerializer.Serialize(normalized, JsonBody.Options);
        var reservation = await store.ReserveAsync(kind, factsJson, idempotencyKey.Value, caller.Subject, cancellationToken);
        if (reservation.KeyReused)
        {
            return Problems.Unprocessable("Idempotency-Key reused",
                $"This Idempotency-Key was already used with a different request body. Use a new key for a new {kind}.", "Idempotency-Key");
        }

        if (reservation.Replay is { } earlier)
        {
            await auditor.RecordAsync(context, $"{kind}.record.replay", [earlier.RowKey], AuditOutcomes.Authorized);
            return Created(context, profile, earlier, replayed: true);
        }

        // The reserved id is this request's own record: a concurrent twin with the same key may have just stored it.
        var candidates = await profile.FindDuplicatesAsync(normalized, reservation.Id.Value, null, caller, cancellationToken);
        if (!allow && await RefuseDuplicateAsync(context, profile, auditor, candidates) is { } conflict)
        {
            return conflict;
        }

        // Flagged before the record is written, under its reserved id: a retry after a failure here replays the id.
        await FlagHiddenMatchesAsync(reviews, kind, reservation.Id.Value, "record", candidates, caller, cancellationToken);
        var (entity, replayed) = await store.CreateAsync(kind, reservation, factsJson, caller.Subject, caller.Office,
            () => auditor.RecordAsync(context, $"{kind}.record", [reservation.Id.Value], AuditOutcomes.Authorized), cancellationToken);
        return Created(context, profile, entity, replayed);
    }

    public static async Task<Results<Ok<TRecord>, StatusCodeHttpResult, ProblemHttpResult>> Read(
        string id, HttpContext context, IPersonProfile<TFacts, TRecord> profile, PersonAccess access, CancellationToken cancellationToken)
    {
        if (EntityTags.Parse(context.Request.Headers.IfNoneMatch) is not { } ifNoneMatch)
        {
            return EntityTags.Malformed("If-None-Match");
        }

        if (await access.ReadInScopeAsync(context, profile.Kind, id, $"{profile.Kind}.read", auditRead: true, cancellationToken) is not { } entity)
        {
            return Problems.NotFound(profile.Kind.Name);
        }

        var etag = ETagFor(entity);
        context.Response.Headers.ETag = etag;
        if (EntityTags.Matches(ifNoneMatch, etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Ok(profile.ToRecord(entity, profile.Read(entity.Facts)));
    }

    public static async Task<Results<Ok<TRecord>, ValidationProblem, ProblemHttpResult>> Correct(
        string id, HttpContext context, [FromQuery] string? allowDuplicate, IPersonProfile<TFacts, TRecord> profile, PersonStore store,
        PersonAccess access, DuplicateReviews reviews, Auditor auditor, TimeProvider time, CancellationToken cancellationToken)
    {
        var kind = profile.Kind;
        if (!PersonId.TryParse(id, kind, out _))
        {
            return Problems.NotFound(kind.Name);
        }

        if (EntityTags.Parse(context.Request.Headers.IfMatch) is not { } ifMatch)
        {
            return EntityTags.Malformed("If-Match");
        }

        if (ifMatch.Count == 0 || ifMatch.Contains("*"))
        {
            return Problems.PreconditionRequired();
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var allow = ParseAllowDuplicate(allowDuplicate, errors);
        var patch = await JsonBody.ReadObjectAsync(context.Request, cancellationToken);
        if (!patch.Succeeded || errors.Count > 0)
        {
            return Problems.Invalid(errors.Count > 0 ? errors : patch.Errors);
        }

        if (await access.ReadInScopeAsync(context, kind, id, $"{kind}.correct", auditRead: false, cancellationToken) is not { } current)
        {
            return Problems.NotFound(kind.Name);
        }

        if (!ifMatch.Contains(ETagFor(current)))
        {
            return Problems.PreconditionFailed();
        }

        var merged = JsonBody.Deserialize<TFacts>(MergePatch.ApplyTo(current.Facts, patch.Value!));
        if (!merged.Succeeded)
        {
            return Problems.Invalid(merged.Errors);
        }

        var (normalized, invalid) = profile.Validate(merged.Value!, time.GetUtcNow());
        if (invalid.Count > 0)
        {
            return Problems.Invalid(invalid);
        }

        var caller = context.Caller();
        var candidates = await profile.FindDuplicatesAsync(normalized, current.RowKey, profile.Read(current.Facts), caller, cancellationToken);
        if (!allow && await RefuseDuplicateAsync(context, profile, auditor, candidates) is { } conflict)
        {
            return conflict;
        }

        var updated = await store.UpdateAsync(kind, current, JsonSerializer.Serialize(normalized, JsonBody.Options), caller.Subject,
            () => auditor.RecordAsync(context, $"{kind}.correct", [current.RowKey], AuditOutcomes.Authorized), cancellationToken);
        if (updated is null)
        {
            return Problems.PreconditionFailed();
        }

        await FlagHiddenMatchesAsync(reviews, kind, updated.RowKey, "correct", candidates, caller, cancellationToken);
        context.Response.Headers.ETag = ETagFor(updated);
        return TypedResults.Ok(profile.ToRecord(updated, normalized));
    }

    public static string ETagFor(PersonEntity entity) => string.Create(CultureInfo.InvariantCulture, $"\"{entity.Version}\"");

    /// <summary>409 with the candidates the caller may read; null when there are none (hidden ones say nothing).</summary>
    private static async Task<ProblemHttpResult?> RefuseDuplicateAsync(HttpContext context, IPersonProfile<TFacts, TRecord> profile, Auditor auditor,
        IReadOnlyList<DuplicateMatch> matches)
    {
        var candidates = matches.Where(m => m.CallerMayRead).Select(m => m.Candidate).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        // The candidates' names are personal data the caller now sees: audited like any read.
        await auditor.RecordAsync(context, $"{profile.Kind}.duplicates", candidates.Select(c => c.Id), AuditOutcomes.Read);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: $"This {profile.Kind} may already be recorded",
            detail: $"An existing {profile.Kind} strongly matches: use it (link it to your seizure), or confirm that this is a different {profile.Kind} with ?allowDuplicate=true.",
            extensions: new Dictionary<string, object?> { ["candidates"] = candidates });
    }

    private static async Task FlagHiddenMatchesAsync(DuplicateReviews reviews, PersonKind kind, string recordId, string operation,
        IReadOnlyList<DuplicateMatch> matches, Caller caller, CancellationToken cancellationToken)
    {
        var hidden = matches.Where(m => !m.CallerMayRead).Select(m => m.Candidate).ToList();
        if (hidden.Count > 0)
        {
            await reviews.FlagAsync(kind, recordId, operation, hidden, caller, cancellationToken);
        }
    }

    private static bool ParseAllowDuplicate(string? value, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return false;
        }

        if (bool.TryParse(value, out var allow))
        {
            return allow;
        }

        errors["allowDuplicate"] = ["Must be true or false."];
        return false;
    }

    private static Created<TRecord> Created(HttpContext context, IPersonProfile<TFacts, TRecord> profile, PersonEntity entity, bool replayed)
    {
        context.Response.Headers.ETag = ETagFor(entity);
        if (replayed)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return TypedResults.Created(context.PathTo($"Get{char.ToUpperInvariant(profile.Kind.Name[0])}{profile.Kind.Name[1..]}", new { id = entity.RowKey }), profile.ToRecord(entity, profile.Read(entity.Facts)));
    }
}
