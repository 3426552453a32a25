using Azure;
using Azure.Data.Tables;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Persons;

/// <summary>
/// The person index tables (see <see cref="PersonIndexRow"/>): written after each commit and again by the record's
/// event, read by searches and the duplicate guard. Rows are never trusted alone: every candidate is re-checked
/// against its record, so a stale row costs a read, never a wrong answer.
/// </summary>
internal sealed class PersonIndex(TableServiceClient tables, StorageNames names, IEnumerable<IPersonIndexing> indexings)
{
    /// <summary>The most rows read from one index partition for one lookup (one page).</summary>
    public const int MaxRowsPerPartition = 200;

    private readonly Dictionary<PersonKind, IPersonIndexing> _indexings = indexings.ToDictionary(i => i.Kind);

    public TableClient Table(PersonKind kind) => tables.GetTableClient(names.Table(kind.IndexTable));

    public IReadOnlyList<PersonIndexRow> RowsFor(PersonKind kind, string personId, int version, string factsJson) =>
        _indexings[kind].RowsFor(personId, version, factsJson)
            .DistinctBy(r => (r.PartitionKey, r.RowKey))
            .ToList();

    /// <summary>
    /// Makes the index match <paramref name="current"/> (the record as of <paramref name="version"/>): writes its rows,
    /// and removes rows that earlier versions had and this one does not, unless a newer version has rewritten them.
    /// Idempotent, and safe against a concurrent writer of another version.
    /// </summary>
    public async Task RefreshAsync(PersonKind kind, string personId, int version, string current, IEnumerable<string> earlier, CancellationToken cancellationToken)
    {
        var table = Table(kind);
        var rows = RowsFor(kind, personId, version, current);
        var wanted = rows.Select(r => (r.PartitionKey, r.RowKey)).ToHashSet();
        var stale = earlier
            .SelectMany(facts => RowsFor(kind, personId, version, facts))
            .Select(r => (r.PartitionKey, r.RowKey))
            .Where(k => !wanted.Contains(k))
            .Distinct()
            .ToList();

        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (row, ct) => await table.UpsertEntityAsync(row, TableUpdateMode.Replace, ct));

        foreach (var (partition, rowKey) in stale)
        {
            var existing = await table.GetEntityIfExistsAsync<PersonIndexRow>(partition, rowKey, cancellationToken: cancellationToken);
            if (!existing.HasValue || existing.Value!.Version > version)
            {
                continue;
            }

            try
            {
                await table.DeleteEntityAsync(partition, rowKey, existing.Value.ETag, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is StatusCodes.Status404NotFound or StatusCodes.Status412PreconditionFailed)
            {
                // Deleted meanwhile, or rewritten by another version: either way it is no longer ours to remove.
            }
        }
    }

    /// <summary>One page of one index partition, optionally only the facets from <paramref name="facetFrom"/> to
    /// <paramref name="facetTo"/> (inclusive). <c>Complete</c> is false when the partition held more.</summary>
    public async Task<(IReadOnlyList<PersonIndexRow> Rows, bool Complete)> QueryAsync(
        PersonKind kind, string partition, string? facetFrom, string? facetTo, CancellationToken cancellationToken)
    {
        var filter = facetFrom is null
            ? TableClient.CreateQueryFilter<PersonIndexRow>(r => r.PartitionKey == partition)
            : TableClient.CreateQueryFilter<PersonIndexRow>(r => r.PartitionKey == partition
                && r.RowKey.CompareTo(facetFrom + "|") >= 0 && r.RowKey.CompareTo((facetTo ?? facetFrom) + "}") < 0);
        await foreach (var page in Table(kind).QueryAsync<PersonIndexRow>(filter, MaxRowsPerPartition, cancellationToken: cancellationToken).AsPages(pageSizeHint: MaxRowsPerPartition))
        {
            return (page.Values, page.ContinuationToken is null);
        }

        return ([], true);
    }
}
