using System.Globalization;
using Enforcement.Functions.Audit;
using Enforcement.Functions.Http;
using Enforcement.Functions.Persons;
using Enforcement.Functions.Security;
using Enforcement.Functions.Seizures;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Enforcement.Functions.Links;

internal static class NetworkEndpoints
{
    public const int DefaultDepth = 2;
    public const int MaxDepth = 3;

    public static IEndpointRouteBuilder MapNetwork(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/network", GetNetwork).WithName(nameof(GetNetwork)).WithTags("Links").RequireAuthorization(Policies.ReadPersons)
            .WithSummary("The link network (seizures, suspects, companies) around one of them, up to depth 3, bounded in size");
        return app;
    }

    public static async Task<Results<Ok<LinkNetwork>, ValidationProblem, ProblemHttpResult>> GetNetwork(
        HttpContext context, [FromQuery] string? suspect, [FromQuery] string? company, [FromQuery] string? seizure, [FromQuery] string? depth,
        NetworkQuery query, Auditor auditor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var starts = new[] { ("suspect", suspect), ("company", company), ("seizure", seizure) }.Where(s => s.Item2 is not null).ToList();
        if (starts.Count != 1)
        {
            errors["suspect"] = ["Start from exactly one of suspect, company or seizure (an id)."];
        }

        var levels = DefaultDepth;
        if (depth is not null && (!int.TryParse(depth, NumberStyles.None, CultureInfo.InvariantCulture, out levels) || levels is < 1 or > MaxDepth))
        {
            errors["depth"] = [$"Must be 1, 2 or {MaxDepth}."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var (field, start) = starts[0];
        var valid = field == "seizure" ? SeizureId.TryParse(start, out _) : PersonId.TryParse(start, PersonKind.FromName(field), out _);
        var network = valid ? await query.WalkAsync(context.Caller(), start!, levels, cancellationToken) : null;
        if (network is null)
        {
            if (valid)
            {
                await auditor.RecordAsync(context, "network.read", [start!], AuditOutcomes.OutOfScope);
            }

            return Problems.NotFound(field);
        }

        await auditor.RecordAsync(context, "network.read", network.Nodes.Select(n => n.Id), AuditOutcomes.Read);
        return TypedResults.Ok(network);
    }
}
