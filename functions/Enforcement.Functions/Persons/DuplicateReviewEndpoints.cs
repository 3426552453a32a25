using Enforcement.Functions.Audit;
using Enforcement.Functions.Http;
using Enforcement.Functions.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Enforcement.Functions.Persons;

/// <summary>The analysts' list of records flagged by the duplicate guard (see <see cref="DuplicateReviews"/>).</summary>
internal static class DuplicateReviewEndpoints
{
    public static RouteHandlerBuilder MapDuplicateReviews(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/duplicate-reviews", ListDuplicateReviews).WithName(nameof(ListDuplicateReviews)).WithTags("Suspects", "Companies")
            .RequireAuthorization(Policies.ReadPersons).RequireAuthorization(policy => policy.RequireRole(Roles.Analyst))
            .WithSummary("Records that strongly match a record their author could not see, newest first (analysts)");

    public static async Task<Results<Ok<DuplicateReviewPage>, ValidationProblem>> ListDuplicateReviews(
        HttpContext context, DuplicateReviews reviews, Auditor auditor, [FromQuery] string? kind, [AsParameters] PageRequest paging,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (PersonKind.FromName(kind) is not { } personKind)
        {
            errors["kind"] = ["Required: suspect or company."];
            personKind = PersonKind.Suspect;
        }

        var (pageSize, token) = paging.Read(errors);

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var (rows, next) = await reviews.ListAsync(personKind, pageSize, token, cancellationToken);
        await auditor.RecordAsync(context, "duplicate-review.list", rows.Select(r => r.RecordId), AuditOutcomes.Read);
        return TypedResults.Ok(new DuplicateReviewPage(rows.Select(DuplicateReviews.ToContract).ToList(), ContinuationToken.Encode(next)));
    }
}
