using Enforcement.Functions.Audit;
using Enforcement.Functions.Http;
using Enforcement.Functions.Identifiers;
using Enforcement.Functions.Security;
using Enforcement.Functions.Seizures;
using Enforcement.Functions.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Enforcement.Functions.Conveyances;

/// <summary>The conveyance database over HTTP: record, read, look up by any identifier (one index partition), judge
/// candidates, and list the seizures of a whole cluster.</summary>
internal static class ConveyanceEndpoints
{
    public const int MaxReasonLength = 500;

    public static readonly string[] Verdicts = [ConveyanceLinkStatus.Same, ConveyanceLinkStatus.Different, ConveyanceLinkStatus.Unsure];

    public static RouteGroupBuilder MapConveyances(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/conveyances").WithTags("Targeting");
        group.MapPost("/", RecordConveyance).WithName(nameof(RecordConveyance)).RequireAuthorization(Policies.UseTargeting)
            .AcceptsJson<ConveyanceFacts>().WithSummary("Record a vessel, aircraft, road vehicle or container");
        group.MapGet("/{id}", GetConveyance).WithName(nameof(GetConveyance)).RequireAuthorization(Policies.UseTargeting)
            .WithSummary("Read one conveyance with its cluster and canonical id");
        group.MapGet("/", LookupConveyances).WithName(nameof(LookupConveyances)).RequireAuthorization(Policies.UseTargeting)
            .WithSummary("Find conveyances by one identifier (scheme and value): one index lookup");
        group.MapGet("/{id}/seizures", ListConveyanceSeizures).WithName(nameof(ListConveyanceSeizures)).RequireAuthorization(Policies.UseTargeting)
            .WithSummary("The seizures of a conveyance's whole cluster (non-nominal)");
        group.MapGet("/{id}/candidates", ListConveyanceCandidates).WithName(nameof(ListConveyanceCandidates)).RequireAuthorization(Policies.AnalyseTargeting)
            .WithSummary("Seizures and records matched by a weak identifier, for an analyst to judge");
        group.MapPost("/{id}/judgements", JudgeConveyance).WithName(nameof(JudgeConveyance)).RequireAuthorization(Policies.AnalyseTargeting)
            .AcceptsJson<JudgementRequest>()
            .WithSummary("Judge a candidate same, different or unsure (reversible, audited)");
        return group;
    }

    public static async Task<Results<Created<Conveyance>, ValidationProblem, ProblemHttpResult>> RecordConveyance(
        HttpContext context, ConveyanceStore store, Auditor auditor, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<ConveyanceFacts>(context.Request, cancellationToken);
        if (!body.Succeeded)
        {
            return Problems.Invalid(body.Errors);
        }

        var (facts, warnings, errors) = ConveyanceValidator.Validate(body.Value!);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (await store.HoldersOfStrongIdentifiersAsync(facts, cancellationToken) is { Count: > 0 } holders)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "This conveyance is already recorded",
                detail: "A record already holds one of its identifiers (IMO, container number, VIN or ICAO address): use it.",
                extensions: new Dictionary<string, object?> { ["candidates"] = holders });
        }

        var entity = await store.CreateAsync(facts, warnings, context.Caller().Subject,
            id => auditor.RecordAsync(context, "conveyance.record", [id], AuditOutcomes.Authorized), cancellationToken);
        return TypedResults.Created(context.PathTo(nameof(GetConveyance), new { id = entity.PartitionKey }), ConveyanceStore.ToConveyance(entity, [entity.PartitionKey]));
    }

    public static async Task<Results<Ok<Conveyance>, ProblemHttpResult>> GetConveyance(
        string id, HttpContext context, ConveyanceStore store, Auditor auditor, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } entity)
        {
            return Problems.NotFound("conveyance");
        }

        // A plate, an operator or a VIN can identify a person: every read of a record is audited, as for suspects.
        await auditor.RecordAsync(context, "conveyance.read", [id], AuditOutcomes.Read);
        return TypedResults.Ok(ConveyanceStore.ToConveyance(entity, await store.ClusterAsync(id, cancellationToken)));
    }

    public static async Task<Results<Ok<ConveyanceList>, ValidationProblem>> LookupConveyances(
        [FromQuery] string? scheme, [FromQuery] string? value, HttpContext context, ConveyanceStore store, Auditor auditor, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (scheme is null || !IdentifierSchemes.All.Contains(scheme, StringComparer.Ordinal) || scheme == IdentifierSchemes.Mrz)
        {
            errors.Add("scheme", $"Must be one of {string.Join(", ", IdentifierSchemes.All.Where(s => s != IdentifierSchemes.Mrz))}, or name.");
        }

        if (scheme == ConveyanceValidator.VesselName)
        {
            errors = new FieldErrors();
        }

        if (string.IsNullOrWhiteSpace(value) || value.Length > IdentifierEndpoints.MaxValueLength)
        {
            errors.Add("value", $"Must hold 1 to {IdentifierEndpoints.MaxValueLength} characters.");
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        string key;
        if (scheme == ConveyanceValidator.VesselName)
        {
            key = ConveyanceValidator.VesselNameKey(value!);
        }
        else
        {
            var check = IdentifierSchemes.Validate(scheme!, value!);
            if (!check.Valid)
            {
                return Problems.Invalid(new Dictionary<string, string[]> { ["value"] = [.. check.Errors] });
            }

            key = check.Normalized!;
        }

        var ids = await store.LookupIdsAsync(scheme!, key, cancellationToken);
        var entities = await Task.WhenAll(ids.Select(i => store.GetAsync(i, cancellationToken)));
        await auditor.RecordAsync(context, "conveyance.lookup", entities.OfType<ConveyanceEntity>().Select(e => e.PartitionKey), AuditOutcomes.Read);
        return TypedResults.Ok(new ConveyanceList(entities.OfType<ConveyanceEntity>().Select(e => ConveyanceStore.ToConveyance(e, [e.PartitionKey])).ToList()));
    }

    public static async Task<Results<Ok<ConveyanceSeizureList>, ProblemHttpResult>> ListConveyanceSeizures(
        string id, HttpContext context, ConveyanceStore store, Auditor auditor, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is null)
        {
            return Problems.NotFound("conveyance");
        }

        var cluster = await store.ClusterAsync(id, cancellationToken);
        var links = await Task.WhenAll(cluster.Select(member => store.SeizureLinksAsync(member, cancellationToken)));
        var items = cluster.Zip(links)
            .SelectMany(pair => pair.Second.Where(l => l.Confirmed).Select(l => ConveyanceStore.ToSeizure(l, pair.First, l.RowKey)))
            .DistinctBy(s => s.SeizureId)
            .OrderByDescending(s => s.SeizedAt, StringComparer.Ordinal)
            .Take(ConveyanceStore.MaxSeizureLinks)
            .ToList();
        await auditor.RecordAsync(context, "conveyance.seizures.read", [.. cluster, .. items.Select(s => s.SeizureId)], AuditOutcomes.Read);
        return TypedResults.Ok(new ConveyanceSeizureList(cluster[0], cluster, items));
    }

    public static async Task<Results<Ok<ConveyanceCandidates>, ProblemHttpResult>> ListConveyanceCandidates(
        string id, HttpContext context, ConveyanceStore store, Auditor auditor, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } entity)
        {
            return Problems.NotFound("conveyance");
        }

        var judged = await store.JudgementsAsync(id, cancellationToken);
        var seizures = (await store.SeizureLinksAsync(id, cancellationToken))
            .Where(l => l.Status is ConveyanceLinkStatus.Candidate or ConveyanceLinkStatus.Unsure)
            .Select(l => ConveyanceStore.ToSeizure(l, id, l.RowKey)).ToList();
        var identifiers = ConveyanceValidator.Identifiers(ConveyanceStore.Facts(entity)).ToList();
        var holders = await Task.WhenAll(identifiers.Select(i => store.LookupIdsAsync(i.Scheme, i.Value, cancellationToken)));
        var others = identifiers.Zip(holders)
            .SelectMany(pair => pair.Second.Where(h => h != id).Select(h => new ConveyanceCandidate(h, pair.First.Scheme, pair.First.Value, judged.GetValueOrDefault(h))))
            .DistinctBy(c => c.ConveyanceId)
            .Take(ConveyanceStore.MaxRowsPerLookup)
            .ToList();
        await auditor.RecordAsync(context, "conveyance.candidates.read", [id, .. others.Select(c => c.ConveyanceId), .. seizures.Select(s => s.SeizureId)], AuditOutcomes.Read);
        return TypedResults.Ok(new ConveyanceCandidates(seizures, others));
    }

    public static async Task<Results<Ok<Judgement>, ValidationProblem, ProblemHttpResult>> JudgeConveyance(
        string id, HttpContext context, ConveyanceStore store, Auditor auditor, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<JudgementRequest>(context.Request, cancellationToken);
        if (!body.Succeeded)
        {
            return Problems.Invalid(body.Errors);
        }

        var request = body.Value!;
        var errors = new FieldErrors();
        var isSeizure = SeizureId.TryParse(request.TargetId, out _);
        if (!isSeizure && (!ConveyanceStore.IsId(request.TargetId) || request.TargetId == id))
        {
            errors.Add("targetId", "Must be another conveyance id (CV-…) or a seizure id (SZ-…).");
        }

        if (request.Judgement is null || !Verdicts.Contains(request.Judgement, StringComparer.Ordinal))
        {
            errors.Add("judgement", $"Must be one of {string.Join(", ", Verdicts)}.");
        }

        var reason = FactChecks.Text(request.Reason, "reason", MaxReasonLength, errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        if (await store.GetAsync(id, cancellationToken) is null)
        {
            return Problems.NotFound("conveyance");
        }

        var caller = context.Caller();
        if (isSeizure)
        {
            await auditor.RecordAsync(context, "conveyance.judge", [id, request.TargetId!], AuditOutcomes.Authorized);
            if (!await store.JudgeSeizureAsync(id, request.TargetId!, request.Judgement!, reason, caller.Subject, cancellationToken))
            {
                return Problems.Unprocessable("Not a candidate", "That seizure was never offered as a candidate for this conveyance.", "targetId");
            }
        }
        else
        {
            if (await store.GetAsync(request.TargetId!, cancellationToken) is null)
            {
                return Problems.Unprocessable("Unknown conveyance", "No conveyance with that id.", "targetId");
            }

            await auditor.RecordAsync(context, "conveyance.judge", [id, request.TargetId!], AuditOutcomes.Authorized);
            await store.JudgeConveyancesAsync(id, request.TargetId!, request.Judgement!, reason, caller.Subject, cancellationToken);
        }

        var cluster = await store.ClusterAsync(id, cancellationToken);
        return TypedResults.Ok(new Judgement(id, request.TargetId!, request.Judgement!, reason, caller.Subject, time.GetUtcNow(), cluster[0], cluster));
    }
}
