using System.Text.Json;
using Enforcement.Functions.Audit;
using Enforcement.Functions.Events;
using Enforcement.Functions.Http;
using Enforcement.Functions.RiskRules;
using Enforcement.Functions.Security;
using Enforcement.Functions.Seizures;
using Enforcement.Functions.Storage;
using Enforcement.Functions.Validation;
using Enforcement.Functions.WatchLists;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Screening;

/// <summary>Screening over HTTP: a keyed batch in, a stored, audited decision out (nominal hit details only for
/// analysts); the published algorithm; examination feedback; suppression of a false-positive watch-list match.</summary>
internal static class ScreeningEndpoints
{
    public const int MaxIdempotencyKeyLength = 255;
    public const int MaxReasonLength = 500;
    public static readonly string[] FeedbackResults = ["seizure-made", "nothing-found", "documentary-discrepancy"];
    public static readonly TimeSpan MaxSuppression = TimeSpan.FromDays(366);

    public static RouteGroupBuilder MapScreening(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/screening").WithTags("Targeting");
        group.MapPost("/", Screen).WithName(nameof(Screen)).RequireAuthorization(Policies.UseTargeting).AcceptsJson<ScreeningRequest>()
            .WithSummary("Screen 1 to 100 subjects against watch lists and our own records; rules, lane and a decision id (Idempotency-Key honoured)");
        group.MapGet("/algorithm", GetScreeningAlgorithm).WithName(nameof(GetScreeningAlgorithm)).RequireAuthorization(Policies.UseTargeting)
            .WithSummary("The matching features, weights, threshold, lanes and random floor in use");
        group.MapGet("/{decisionId}", GetScreeningDecision).WithName(nameof(GetScreeningDecision)).RequireAuthorization(Policies.UseTargeting)
            .WithSummary("A stored decision, with every random draw as it was made");
        group.MapPost("/{decisionId}/feedback", ReportExamination).WithName(nameof(ReportExamination)).RequireAuthorization(Policies.UseTargeting)
            .AcceptsJson<FeedbackRequest>().WithSummary("Report the examination result of a screened subject (once)");
        group.MapPost("/{decisionId}/suppressions", SuppressMatch).WithName(nameof(SuppressMatch)).RequireAuthorization(Policies.AnalyseTargeting)
            .AcceptsJson<SuppressionRequest>().WithSummary("Suppress a false-positive watch-list match for this subject until it expires");
        return group;
    }

    public static async Task<Results<Ok<ScreeningDecision>, ValidationProblem, ProblemHttpResult>> Screen(
        HttpContext context, ScreeningService screening, ScreeningStore store, IdempotencyKeys keys, Auditor auditor, TimeProvider time, CancellationToken cancellationToken)
    {
        var idempotencyKey = context.Request.Headers["Idempotency-Key"].ToString();
        if (idempotencyKey.Length > MaxIdempotencyKeyLength || idempotencyKey.Any(c => c < 0x20 || c > 0x7e))
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["Idempotency-Key"] = [$"Must be 1 to {MaxIdempotencyKeyLength} printable ASCII characters (a UUID is ideal)."] });
        }

        var body = await JsonBody.ReadAsync<ScreeningRequest>(context.Request, cancellationToken);
        if (!body.Succeeded)
        {
            return Problems.Invalid(body.Errors);
        }

        var (subjects, errors) = ScreeningValidator.Validate(body.Value!);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var caller = context.Caller();
        var now = time.GetUtcNow();
        var decisionId = "DC-" + TimeOrderedKey.New(now);
        if (idempotencyKey.Length > 0)
        {
            var claim = IdempotencyClaim.For(caller.Subject, "screening|" + idempotencyKey,
                JsonSerializer.Serialize(new ScreeningRequest { Context = body.Value!.Context, Subjects = subjects }, JsonBody.Options));
            if (await keys.ReserveAsync(claim, decisionId, now, cancellationToken) is { } earlier)
            {
                if (earlier.RequestHash != claim.RequestHash)
                {
                    return Problems.Unprocessable("Idempotency-Key reused",
                        "This Idempotency-Key was already used with a different request body. Use a new key for a new batch.", "Idempotency-Key");
                }

                decisionId = earlier.RecordId;
                var (stored, rows) = await store.LoadAsync(decisionId, cancellationToken);
                if (stored is not null)
                {
                    var replay = ScreeningService.Rebuild(stored, rows);
                    await auditor.RecordAsync(context, "screening.screen.replay", AuditedRecords(replay), AuditOutcomes.Read);
                    context.Response.Headers["Idempotent-Replayed"] = "true";
                    return TypedResults.Ok(ForCaller(replay, caller));
                }

                // The first attempt reserved the id but never completed: screen again under the same id (same draws).
            }
        }

        var (decision, _) = await screening.ScreenAsync(decisionId, body.Value!.Context, subjects, caller.Subject, cancellationToken);
        await auditor.RecordAsync(context, "screening.screen", AuditedRecords(decision), AuditOutcomes.Read);
        return TypedResults.Ok(ForCaller(decision, caller));
    }

    public static Ok<ScreeningAlgorithmDescription> GetScreeningAlgorithm(IOptions<ScreeningOptions> options) => TypedResults.Ok(new ScreeningAlgorithmDescription(
        ScreeningAlgorithm.Version,
        ScreeningAlgorithm.MatchThreshold,
        "Weighted mean of the features both sides hold; a decisive feature (weight 1) that agrees makes the score 1. A hit is a match at the threshold or above, unless suppressed for the subject.",
        ScreeningAlgorithm.PersonFeatures,
        ScreeningAlgorithm.CompanyFeatures,
        ScreeningAlgorithm.ConveyanceFeatures,
        options.Value.YellowFromWeight,
        options.Value.RedFromWeight,
        options.Value.MinimumRandomRate,
        "draw = first 8 bytes of HMAC-SHA256(seed, \"{decisionId}|{subjectKey}\") as an unsigned big-endian integer / 2^64; red when draw < minimumRandomRate. The seed id is the first 12 hex digits of SHA-256(seed)."));

    public static async Task<Results<Ok<ScreeningDecision>, ProblemHttpResult>> GetScreeningDecision(
        string decisionId, HttpContext context, ScreeningStore store, Auditor auditor, CancellationToken cancellationToken)
    {
        if (!ScreeningStore.IsDecisionId(decisionId) || await store.LoadAsync(decisionId, cancellationToken) is not ({ } entity, var rows))
        {
            return Problems.NotFound("decision");
        }

        var decision = ScreeningService.Rebuild(entity, rows);
        await auditor.RecordAsync(context, "screening.read", AuditedRecords(decision), AuditOutcomes.Read);
        return TypedResults.Ok(ForCaller(decision, context.Caller()));
    }

    public static async Task<Results<Created<Feedback>, ValidationProblem, ProblemHttpResult>> ReportExamination(
        string decisionId, HttpContext context, ScreeningStore store, RuleStore rules, Auditor auditor, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<FeedbackRequest>(context.Request, cancellationToken);
        if (!body.Succeeded)
        {
            return Problems.Invalid(body.Errors);
        }

        var request = body.Value!;
        var errors = new FieldErrors();
        if (request.SubjectKey is not { Length: >= 1 and <= ScreeningValidator.MaxKeyLength })
        {
            errors.Add("subjectKey", "Required: the key of a subject of the decision.");
        }

        if (request.Result is null || !FeedbackResults.Contains(request.Result, StringComparer.Ordinal))
        {
            errors.Add("result", $"Must be one of {string.Join(", ", FeedbackResults)}.");
        }

        if (request.Result == "seizure-made" && !SeizureId.TryParse(request.SeizureId, out _))
        {
            errors.Add("seizureId", "A seizure made needs the seizure's id (SZ-…).");
        }
        else if (request.Result != "seizure-made" && request.SeizureId is not null)
        {
            errors.Add("seizureId", "Only with seizure-made.");
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        if (!ScreeningStore.IsDecisionId(decisionId) || await store.SubjectAsync(decisionId, request.SubjectKey!, cancellationToken) is not { } subject)
        {
            return Problems.NotFound("screened subject");
        }

        var caller = context.Caller();
        var now = time.GetUtcNow();
        await auditor.RecordAsync(context, "screening.feedback", [decisionId, .. request.SeizureId is null ? Array.Empty<string>() : [request.SeizureId]], AuditOutcomes.Authorized);
        var feedback = new FeedbackEntity
        {
            PartitionKey = decisionId,
            RowKey = "f|" + request.SubjectKey,
            Result = request.Result!,
            SeizureId = request.SeizureId,
            ReportedBy = caller.Subject,
            ReportedAt = now,
        };
        if (!await store.AddFeedbackAsync(feedback, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already reported",
                detail: "An examination result was already reported for this subject of this decision.");
        }

        var month = now.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var ruleId in subject.RuleIds.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            await rules.CountAsync(ruleId, month, 0, 0, 1, request.Result == "seizure-made" ? 1 : 0, request.Result == "documentary-discrepancy" ? 1 : 0, cancellationToken);
        }

        return TypedResults.Created($"/api/screening/{decisionId}", new Feedback(decisionId, request.SubjectKey!, request.Result!, request.SeizureId, caller.Subject, now));
    }

    public static async Task<Results<Created<Suppression>, ValidationProblem, ProblemHttpResult>> SuppressMatch(
        string decisionId, HttpContext context, ScreeningStore store, Auditor auditor, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<SuppressionRequest>(context.Request, cancellationToken);
        if (!body.Succeeded)
        {
            return Problems.Invalid(body.Errors);
        }

        var request = body.Value!;
        var now = time.GetUtcNow();
        var errors = new FieldErrors();
        if (request.SubjectKey is not { Length: >= 1 and <= ScreeningValidator.MaxKeyLength })
        {
            errors.Add("subjectKey", "Required: the key of a subject of the decision.");
        }

        if (!WatchListStore.IsEntryId(request.EntryId))
        {
            errors.Add("entryId", "Required: the watch-list entry (WE-…) of the false-positive match.");
        }

        var reason = FactChecks.Text(request.Reason, "reason", MaxReasonLength, errors, required: true);
        if (request.ExpiresAt is not { } expiresAt || expiresAt <= now || expiresAt - now > MaxSuppression)
        {
            errors.Add("expiresAt", "Required: a time in the next 366 days.");
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        if (!ScreeningStore.IsDecisionId(decisionId) || await store.SubjectAsync(decisionId, request.SubjectKey!, cancellationToken) is not { } subject)
        {
            return Problems.NotFound("screened subject");
        }

        if (!ScreeningStore.ReadResult(subject).Hits.Any(h => h.Source == "watchlist" && h.EntryId == request.EntryId))
        {
            return Problems.Unprocessable("Not a hit", "That entry was not a hit of this subject in this decision.", "entryId");
        }

        var caller = context.Caller();
        await auditor.RecordAsync(context, "screening.suppress", [decisionId, request.EntryId!], AuditOutcomes.Authorized);
        await store.SuppressAsync(new SuppressionEntity
        {
            PartitionKey = ScreeningStore.SuppressionPartition(subject.Fingerprint),
            RowKey = request.EntryId!,
            Reviewer = caller.Subject,
            Reason = reason!,
            ExpiresAt = request.ExpiresAt!.Value,
            DecisionId = decisionId,
        }, cancellationToken);
        return TypedResults.Created($"/api/screening/{decisionId}",
            new Suppression(decisionId, request.SubjectKey!, request.EntryId!, caller.Subject, reason!, request.ExpiresAt!.Value));
    }

    /// <summary>Who was screened against what: the decision and every record or entry that matched.</summary>
    private static IEnumerable<string> AuditedRecords(ScreeningDecision decision) =>
        new[] { decision.DecisionId }.Concat(decision.Results.SelectMany(r => r.Hits).Where(h => h.Match).Select(h => h.RecordId ?? h.EntryId).OfType<string>()).Distinct();

    /// <summary>Analysts see everything; other roles see scores, features and non-nominal history, without the
    /// nominal side of a hit (record ids, candidate values, reasons of person, company, phone and document entries).</summary>
    public static ScreeningDecision ForCaller(ScreeningDecision decision, Caller caller) =>
        caller.IsInRole(Roles.Analyst) ? decision : decision with
        {
            Results = decision.Results.Select(r => r with { Hits = r.Hits.Select(Redact).ToList() }).ToList(),
        };

    private static ScreeningHit Redact(ScreeningHit hit) => IsNominal(hit)
        ? hit with
        {
            Restricted = true,
            RecordId = null,
            Reason = null,
            Suppressed = hit.Suppressed is null ? null : hit.Suppressed with { Reviewer = "restricted", Reason = "restricted" },
            Explanations = hit.Explanations.Select(e => e with { CandidateValue = null }).ToList(),
        }
        : hit;

    private static bool IsNominal(ScreeningHit hit) =>
        hit.Source is "suspect" or "company"
        || (hit.Source == "watchlist" && hit.Explanations.Any(e => e.Feature is "name" or "dateOfBirth" or "documentNumber" or "phone" or "nationality" or "registrationNumber" or "country" or "identifier:plate"));
}
