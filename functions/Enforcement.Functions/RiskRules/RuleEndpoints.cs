using System.Globalization;
using Enforcement.Functions.Audit;
using Enforcement.Functions.Http;
using Enforcement.Functions.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Enforcement.Functions.RiskRules;

/// <summary>Risk rules over HTTP: write (every change a new version), read, back-test a draft, and the hit rate and
/// yield examinations reported.</summary>
internal static class RuleEndpoints
{
    public static RouteGroupBuilder MapRiskRules(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/rules").WithTags("Targeting").RequireAuthorization(Policies.AnalyseTargeting);
        group.MapPost("/", CreateRule).WithName(nameof(CreateRule)).AcceptsJson<RuleFacts>().WithSummary("Write a selectivity rule (draft, active or retired)");
        group.MapGet("/", ListRules).WithName(nameof(ListRules)).WithSummary("Every rule");
        group.MapGet("/{id}", GetRule).WithName(nameof(GetRule)).WithSummary("One rule");
        group.MapPut("/{id}", ReplaceRule).WithName(nameof(ReplaceRule)).AcceptsJson<RuleFacts>()
            .WithSummary("Change a rule (activate, retire, reweigh...): a new version");
        group.MapPost("/{id}/backtest", BacktestRule).WithName(nameof(BacktestRule)).WithSummary("Run a rule over past seizures: hits and yield per month");
        group.MapGet("/{id}/performance", GetRulePerformance).WithName(nameof(GetRulePerformance)).WithSummary("Hit rate and yield per month from screenings and reported examinations");
        return group;
    }

    public static async Task<Results<Created<Rule>, ValidationProblem, ProblemHttpResult>> CreateRule(
        HttpContext context, RuleStore store, Auditor auditor, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(context, cancellationToken);
        if (read.Errors is { } errors)
        {
            return Problems.Invalid(errors);
        }

        if ((await store.AllAsync(cancellationToken)).Count >= RuleStore.MaxRules)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many rules",
                detail: $"At most {RuleStore.MaxRules} rules: retire and replace rules instead of adding more.");
        }

        await auditor.RecordAsync(context, "rule.create", [], AuditOutcomes.Authorized);
        var entity = await store.SaveAsync(null, read.Facts!, context.Caller().Subject, null, cancellationToken);
        return TypedResults.Created(context.PathTo(nameof(GetRule), new { id = entity.RowKey }), RuleStore.ToRule(entity));
    }

    public static async Task<Ok<RuleList>> ListRules(RuleStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(new RuleList((await store.AllAsync(cancellationToken)).Select(RuleStore.ToRule).ToList()));

    public static async Task<Results<Ok<Rule>, ProblemHttpResult>> GetRule(string id, RuleStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } rule ? TypedResults.Ok(RuleStore.ToRule(rule)) : Problems.NotFound("rule");

    public static async Task<Results<Ok<Rule>, ValidationProblem, ProblemHttpResult>> ReplaceRule(
        string id, HttpContext context, RuleStore store, Auditor auditor, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(context, cancellationToken);
        if (read.Errors is { } errors)
        {
            return Problems.Invalid(errors);
        }

        if (await store.GetAsync(id, cancellationToken) is not { } current)
        {
            return Problems.NotFound("rule");
        }

        await auditor.RecordAsync(context, "rule.change", [id], AuditOutcomes.Authorized);
        try
        {
            return TypedResults.Ok(RuleStore.ToRule(await store.SaveAsync(id, read.Facts!, context.Caller().Subject, current, cancellationToken)));
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == StatusCodes.Status412PreconditionFailed)
        {
            return Problems.PreconditionFailed();
        }
    }

    public static async Task<Results<Ok<BacktestReport>, ValidationProblem, ProblemHttpResult>> BacktestRule(
        string id, [FromQuery] string? from, [FromQuery] string? to, HttpContext context, RuleStore store, RuleBacktest backtest, Auditor auditor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var first = Month(from, "from", errors);
        var last = Month(to, "to", errors);
        if (first is not null && last is not null)
        {
            if (last < first)
            {
                errors["to"] = ["Must not be before from."];
            }
            else if ((last.Value.Year - first.Value.Year) * 12 + last.Value.Month - first.Value.Month >= RuleBacktest.MaxMonths)
            {
                errors["to"] = [$"At most {RuleBacktest.MaxMonths} months in one back-test."];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (await store.GetAsync(id, cancellationToken) is not { } rule)
        {
            return Problems.NotFound("rule");
        }

        var months = new List<string>();
        for (var m = first!.Value; m <= last!.Value; m = m.AddMonths(1))
        {
            months.Add(m.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        }

        await auditor.RecordAsync(context, "rule.backtest", [id], AuditOutcomes.Read);
        return TypedResults.Ok(await backtest.RunAsync(id, rule.Version, RuleStore.Facts(rule).Condition!, months, cancellationToken));
    }

    public static async Task<Results<Ok<RulePerformance>, ProblemHttpResult>> GetRulePerformance(string id, RuleStore store, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is null)
        {
            return Problems.NotFound("rule");
        }

        var stats = await store.StatsAsync(id, cancellationToken);
        return TypedResults.Ok(new RulePerformance(id, stats.OrderBy(s => s.RowKey, StringComparer.Ordinal).Select(s => new RulePerformanceMonth(
            s.RowKey, s.Screened, s.Hits, s.Screened == 0 ? 0 : Math.Round((double)s.Hits / s.Screened, 4),
            s.Examined, s.Seizures, s.Discrepancies, s.Examined == 0 ? 0 : Math.Round((double)s.Seizures / s.Examined, 4))).ToList()));
    }

    private static DateOnly? Month(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (value is not null && DateOnly.TryParseExact(value + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) && month.Year is >= 2000 and <= 2200)
        {
            return month;
        }

        errors[name] = ["Required: a month as YYYY-MM."];
        return null;
    }

    private sealed record ReadRule(RuleFacts? Facts, Dictionary<string, string[]>? Errors);

    private static async Task<ReadRule> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<RuleFacts>(context.Request, cancellationToken);
        if (!body.Succeeded)
        {
            return new ReadRule(null, body.Errors);
        }

        var (facts, errors) = RuleValidator.Validate(body.Value!);
        return new ReadRule(facts, errors.Count > 0 ? errors : null);
    }
}
