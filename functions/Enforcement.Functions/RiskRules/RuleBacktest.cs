using System.Globalization;
using Enforcement.Functions.Conveyances;
using Enforcement.Functions.Links;
using Enforcement.Functions.Screening;
using Enforcement.Functions.Seizures;

namespace Enforcement.Functions.RiskRules;

/// <summary>
/// Runs a rule over the seizures of past months, as if each had been screened as a consignment when it happened: one
/// month partition at a time (an analyst's batch job over history, not a user-facing read), plus, for history
/// conditions only, the seizure's own link partitions. Watch-list matches are not back-tested (lists change).
/// </summary>
internal sealed class RuleBacktest(SeizureStore seizures, ConveyanceStore conveyances, LinkStore links)
{
    public const int MaxMonths = 24;
    private const int PageSize = 1000;

    public async Task<BacktestReport> RunAsync(string ruleId, int version, RuleCondition condition, IReadOnlyList<string> months, CancellationToken cancellationToken)
    {
        var report = new List<BacktestMonth>();
        foreach (var month in months)
        {
            int total = 0, hits = 0;
            string? token = null;
            do
            {
                var (entities, next) = await seizures.ListMonthAsync(month, PageSize, token, cancellationToken);
                token = next;
                foreach (var entity in entities)
                {
                    total++;
                    var seizure = SeizureMapping.ToSeizure(entity);
                    if (RuleEvaluation.Evaluate(condition, await SubjectOfAsync(seizure, condition, cancellationToken)).Hit)
                    {
                        hits++;
                    }
                }
            }
            while (token is not null);

            report.Add(new BacktestMonth(month, total, hits, total == 0 ? 0 : Math.Round((double)hits / total, 4)));
        }

        return new BacktestReport(ruleId, version, months[0], months[^1], report.Sum(m => m.Seizures), report.Sum(m => m.Hits), report);
    }

    private async Task<RuleSubject> SubjectOfAsync(Seizure seizure, RuleCondition condition, CancellationToken cancellationToken)
    {
        var route = seizure.Route;
        var countries = new[] { route?.DepartureCountry }.Concat(route?.TransitCountries ?? []).Append(route?.DestinationCountry).OfType<string>().Distinct().ToList();
        var at = DateTimeOffset.Parse(seizure.SeizedAt, CultureInfo.InvariantCulture);
        var self = new PriorSeizure(seizure.Id, seizure.SeizedAt, seizure.Office, seizure.Items.Select(i => i.Category).OfType<string>().ToList(), seizure.Concealment?.Method);
        var conveyanceSeizures = new List<PriorSeizure>();
        if (condition.Kind == "conveyance-seizures")
        {
            foreach (var link in (await conveyances.SeizureLinksAsync(seizure.Id, cancellationToken)).Where(l => l.Confirmed))
            {
                conveyanceSeizures.AddRange((await conveyances.SeizureLinksAsync(link.RowKey, cancellationToken)).Where(l => l.Confirmed)
                    .Select(l => new PriorSeizure(l.RowKey, l.SeizedAt, l.Office, [], l.Concealment)));
            }
        }

        var companyLinked = condition.Kind == "company-linked-to-seizure"
            && (await links.ForSeizureAsync(seizure.Id, includeRemoved: false, cancellationToken)).Any(l => l.Kind == "company");
        return new RuleSubject("consignment", countries, seizure.Items.Select(i => i.HsCode?.Replace(".", string.Empty, StringComparison.Ordinal)).OfType<string>().ToList(),
            null, conveyanceSeizures, [self], companyLinked, false, at);
    }
}
