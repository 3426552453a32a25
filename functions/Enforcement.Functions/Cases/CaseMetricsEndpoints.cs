using System.Globalization;
using Azure.Data.Tables;
using Enforcement.Functions.Audit;
using Enforcement.Functions.Http;
using Enforcement.Functions.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Cases;

public sealed record DurationStats(int Count, double? MedianHours, double? P90Hours);

public sealed record CaseMetricsGroup(string Key, int Cases, DurationStats DetectionToSeizureReport, DurationStats SeizureToShowCause, DurationStats ShowCauseToAdjudication);

public sealed record CaseMetrics(string From, string To, string GroupBy, IReadOnlyList<CaseMetricsGroup> Groups);

/// <summary>Counts and median/p90 durations between stages, from the stored stage dates: one "casemetrics" partition
/// per month of the range (months of detection), never the cases themselves.</summary>
internal static class CaseMetricsEndpoints
{
    public static void MapCaseMetrics(this RouteGroupBuilder group) =>
        group.MapGet("/metrics", GetCaseMetrics).WithName(nameof(GetCaseMetrics)).RequireAuthorization(Policies.ReadCaseMetrics)
            .WithSummary("Case counts and median/p90 hours between stages by office or stage, for months of detection (supervisors: their office)");

    public static async Task<Results<Ok<CaseMetrics>, ValidationProblem>> GetCaseMetrics(
        HttpContext context, CaseIndexes indexes, Auditor auditor, IOptions<CaseOptions> options,
        [FromQuery] string? from, [FromQuery] string? to, [FromQuery] string? groupBy, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var first = Month(from, "from", errors);
        var last = Month(to, "to", errors);
        var by = groupBy ?? "office";
        if (by is not "office" and not "stage")
        {
            errors["groupBy"] = ["Must be office or stage."];
        }

        var months = first is { } f && last is { } l ? (l.Year - f.Year) * 12 + l.Month - f.Month + 1 : 0;
        if (first is not null && last is not null && (months < 1 || months > options.Value.MaxMetricsMonths))
        {
            errors["to"] = [$"Must be from 'from' up to {options.Value.MaxMetricsMonths} months later."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var caller = context.Caller();
        var rows = new List<CaseMetricsEntity>();
        for (var i = 0; i < months; i++)
        {
            var month = first!.Value.AddMonths(i).ToString("yyyy-MM", CultureInfo.InvariantCulture);
            await foreach (var row in indexes.Metrics.QueryAsync<CaseMetricsEntity>(e => e.PartitionKey == month, cancellationToken: cancellationToken))
            {
                if (caller.IsInRole(Roles.Analyst) || caller.CoversOffice(row.Office))
                {
                    rows.Add(row);
                }
            }
        }

        var groups = rows.GroupBy(r => by == "office" ? r.Office : r.Stage, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CaseMetricsGroup(g.Key, g.Count(),
                Stats(g.Select(r => r.SeizureReportedAt - r.DetectedAt)),
                Stats(g.Select(r => r.ShowCauseAt - r.SeizedAt)),
                Stats(g.Select(r => r.AdjudicatedAt - r.ShowCauseAt))))
            .ToList();
        await auditor.RecordAsync(context, "case.metrics", [from!, to!], AuditOutcomes.Read);
        return TypedResults.Ok(new CaseMetrics(from!, to!, by, groups));
    }

    /// <summary>Nearest-rank median and 90th percentile, in hours.</summary>
    private static DurationStats Stats(IEnumerable<TimeSpan?> durations)
    {
        var hours = durations.OfType<TimeSpan>().Where(d => d >= TimeSpan.Zero).Select(d => Math.Round(d.TotalHours, 2)).Order().ToList();
        double? Rank(double p) => hours.Count == 0 ? null : hours[Math.Max(0, (int)Math.Ceiling(p * hours.Count) - 1)];
        return new DurationStats(hours.Count, Rank(0.5), Rank(0.9));
    }

    private static DateTime? Month(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is not null && DateTime.TryParseExact(value, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) && month.Year >= 1990)
        {
            return month;
        }

        errors[field] = ["Required: a month YYYY-MM."];
        return null;
    }
}
