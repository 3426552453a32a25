using Enforcement.Functions.Http;
using Enforcement.Functions.Security;
using Enforcement.Functions.Seizures;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Enforcement.Functions.Audit;

internal static class AuditEndpoints
{
    /// <summary>An audit day is read in long pages: auditors export whole days.</summary>
    public const int MaxPageSize = 1000;

    public static RouteGroupBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/audit").WithTags("Audit").RequireAuthorization(Policies.Administer);
        group.MapGet("/", ListAuditEntries).WithName(nameof(ListAuditEntries)).WithSummary("A day's audit entries, in chain order");
        group.MapGet("/verify", VerifyAuditChain).WithName(nameof(VerifyAuditChain)).WithSummary("Re-compute a day's hash chain and report the first broken link");
        group.MapPost("/anchor", AnchorAuditChain).WithName(nameof(AnchorAuditChain)).WithSummary("Anchor a day's chain head in write-once storage now");
        return group;
    }

    public static async Task<Results<Ok<AuditPage>, ValidationProblem>> ListAuditEntries(
        HttpContext context, AuditTrail trail, Auditor auditor,
        [FromQuery] string? date, [AsParameters] PageRequest paging, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!TryParseDay(date, out var day))
        {
            errors["date"] = ["Required: the UTC day as YYYY-MM-DD."];
        }

        var (pageSize, token) = paging.Read(errors, defaultSize: 100, maxSize: MaxPageSize);

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        await auditor.RecordAsync(context, "audit.list", [day!], AuditOutcomes.Read);
        var (entries, next) = await trail.PageAsync(day!, pageSize, token, cancellationToken);
        return TypedResults.Ok(new AuditPage(entries.Select(ToView).ToList(), ContinuationToken.Encode(next)));
    }

    public static async Task<Results<Ok<AuditVerification>, ValidationProblem>> VerifyAuditChain(
        HttpContext context, AuditTrail trail, AuditAnchors anchors, Auditor auditor, [FromQuery] string? date, CancellationToken cancellationToken)
    {
        if (!TryParseDay(date, out var day))
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["date"] = ["Required: the UTC day as YYYY-MM-DD."] });
        }

        var (entries, head) = await trail.ReadDayAsync(day, cancellationToken);
        var anchored = await anchors.ListAsync(day, cancellationToken);
        var broken = AuditChain.Verify(entries, head) ?? AuditAnchors.Check(entries, anchored);
        await auditor.RecordAsync(context, "audit.verify", [day], broken is null ? "chain-intact" : "chain-broken");
        return TypedResults.Ok(new AuditVerification(day, entries.Count, anchored.Count, broken is null, broken));
    }

    public static async Task<Results<Ok<AuditAnchor>, ValidationProblem, ProblemHttpResult>> AnchorAuditChain(
        HttpContext context, AuditAnchors anchors, Auditor auditor, [FromQuery] string? date, CancellationToken cancellationToken)
    {
        if (!TryParseDay(date, out var day))
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["date"] = ["Required: the UTC day as YYYY-MM-DD."] });
        }

        await auditor.RecordAsync(context, "audit.anchor", [day], AuditOutcomes.Authorized);
        var anchor = await anchors.AnchorAsync(day, cancellationToken);
        return anchor is null ? Problems.NotFound("audit chain for that day") : TypedResults.Ok(anchor);
    }

    private static bool TryParseDay(string? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? day)
    {
        day = null;
        if (value is null || !DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        day = parsed.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }

    private static AuditEntryView ToView(AuditEntryEntity e) => new(
        e.Sequence, e.At, e.Subject, e.Roles.Length == 0 ? [] : e.Roles.Split(','), e.Office, e.Region, e.ApiKeyId, e.AuthMethod,
        e.Operation, e.Records.Length == 0 ? [] : e.Records.Split(','), e.Outcome, e.Client, e.TraceId, e.PreviousHash, e.Hash);
}

public sealed record AuditEntryView(long Sequence, string At, string Subject, IReadOnlyList<string> Roles, string? Office, string? Region, string? ApiKeyId,
    string AuthMethod, string Operation, IReadOnlyList<string> Records, string Outcome, string? Client, string? TraceId, string PreviousHash, string Hash);

public sealed record AuditPage(IReadOnlyList<AuditEntryView> Items, string? ContinuationToken);

public sealed record AuditVerification(string Date, int Entries, int Anchors, bool Intact, AuditBreak? FirstBroken);
