using Enforcement.Functions.Seizures;

namespace Enforcement.Functions.Groups;

/// <summary>Counts the seizures reported into an operation from the seizure records themselves (current versions):
/// the operation report and the national database are the same data.</summary>
internal sealed class OperationReports(GroupStore groups, SeizureStore seizures, TimeProvider time)
{
    public async Task<OperationReport> BuildAsync(GroupEntity group, bool final, CancellationToken cancellationToken)
    {
        var ids = await groups.LinkedSeizuresAsync(group.PartitionKey, cancellationToken);
        var records = new List<Seizure>();
        foreach (var id in ids)
        {
            if (SeizureId.TryParse(id, out var seizureId) && await seizures.GetAsync(seizureId.Value, cancellationToken) is { } stored
                && stored.Seizure is var seizure && OperationIdOf(stored) == group.PartitionKey)
            {
                records.Add(seizure);
            }
        }

        return new OperationReport
        {
            GroupId = group.PartitionKey, Final = final, GeneratedAt = time.GetUtcNow(), Seizures = records.Count,
            ByCategory = Count(records, s => s.Items.Select(i => (i.Category!, i))),
            ByRoute = Count(records, s => s.Route is { } r ? s.Items.Select(i => ($"{r.DepartureCountry ?? "?"}>{r.DestinationCountry ?? "?"}", i)) : []),
            ByConcealment = Count(records, s => s.Items.Select(i => (s.Concealment?.Method ?? "unknown", i))),
            ByOffice = Count(records, s => s.Items.Select(i => (s.Office, i))),
        };
    }

    private static string? OperationIdOf(StoredSeizure stored) => SeizureMapping.ReadFacts(stored.Entity).OperationId;

    private static List<ReportCount> Count(IEnumerable<Seizure> records, Func<Seizure, IEnumerable<(string Key, SeizedItem Item)>> keys) =>
        records.SelectMany(s => keys(s).Select(k => (s.Id, k.Key, k.Item)))
            .GroupBy(x => x.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ReportCount(g.Key, g.Select(x => x.Id).Distinct().Count(),
                g.GroupBy(x => x.Item.Unit!, StringComparer.Ordinal).OrderBy(u => u.Key, StringComparer.Ordinal)
                    .Select(u => new ReportQuantity(u.Key, u.Sum(x => x.Item.Quantity ?? 0))).ToList()))
            .ToList();
}
