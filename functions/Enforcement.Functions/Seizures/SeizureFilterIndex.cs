using System.Linq.Expressions;
using Azure;
using Azure.Data.Tables;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Seizures;

/// <summary>
/// Table "seizurefilters", maintained by the SeizureEvents queue function so that filtered month listings are
/// single-partition queries. Filter rows: PartitionKey "{month}|{facet}|{value}" (facet = category, office or
/// country; an office with a unit is indexed under both "PKKHI-APFT" and its port "PKKHI"), RowKey = seizure id,
/// carrying Office, Port and one flag per category for the secondary filters. State rows: PartitionKey
/// "{month}|indexed", RowKey = seizure id, Facets = the filter partitions last written, so that stale rows are removed
/// when a record changes. The index is eventually consistent with the records (seconds, through the queue), except
/// the office rows of a new version: the outbox publisher writes those (<see cref="WriteOfficeRowsAsync"/>) before it
/// clears the record's outbox marker, and listings merge the records whose markers are still there, so an officer's
/// own office listing always shows what they just recorded.
/// </summary>
internal sealed class SeizureFilterIndex(TableServiceClient tables, StorageNames names)
{
    private readonly TableClient _index = tables.GetTableClient(names.Table(StorageNames.Tables.SeizureFilters));

    public async Task IndexAsync(SeizureEntity entity, SeizureFacts facts, CancellationToken cancellationToken)
    {
        var month = entity.PartitionKey;
        var wanted = Facets(facts).Select(f => $"{month}|{f}").ToHashSet(StringComparer.Ordinal);
        var state = await _index.GetEntityIfExistsAsync<SeizureFilterState>(StatePartition(month), entity.RowKey, cancellationToken: cancellationToken);
        var previous = state.HasValue ? state.Value!.Partitions() : [];

        var row = FilterRow(entity, facts);
        await Task.WhenAll(wanted.Select(partition =>
        {
            var copy = row.For(partition);
            return _index.UpsertEntityAsync(copy, TableUpdateMode.Replace, cancellationToken);
        }));
        foreach (var stale in previous.Where(p => !wanted.Contains(p)))
        {
            await _index.DeleteEntityAsync(stale, entity.RowKey, ETag.All, cancellationToken);
        }

        await _index.UpsertEntityAsync(new SeizureFilterState
        {
            PartitionKey = StatePartition(month),
            RowKey = entity.RowKey,
            Facets = string.Join('\n', wanted.Order(StringComparer.Ordinal)),
            IndexedVersion = entity.Version,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The office (and port) rows of each committed version, from its outbox marker: one upsert transaction
    /// per filter partition. Idempotent; rows of an office the record left are removed by <see cref="IndexAsync"/>.</summary>
    public async Task WriteOfficeRowsAsync(IEnumerable<Events.OutboxEntry> markers, CancellationToken cancellationToken)
    {
        var rows = new List<SeizureFilterRow>();
        foreach (var marker in markers.Where(m => m.ListingOffice is not null))
        {
            var office = marker.ListingOffice!;
            var row = new SeizureFilterRow { RowKey = marker.RecordId, Office = office, Port = PortOf(office), Version = marker.Version };
            foreach (var category in (marker.ListingCategories ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Where(CategoryFlags.Categories.Contains))
            {
                CategoryFlags.Set(row, category);
            }

            rows.Add(row.For($"{marker.PartitionKey}|office|{office}"));
            if (row.Port != office)
            {
                rows.Add(row.For($"{marker.PartitionKey}|office|{row.Port}"));
            }
        }

        foreach (var partition in rows.GroupBy(r => r.PartitionKey))
        {
            foreach (var chunk in partition.DistinctBy(r => r.RowKey).Chunk(100))
            {
                await _index.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken);
            }
        }
    }

    /// <summary>Whether the record's facts are in every filter partition the filter asks for (the index trails the
    /// records, so listings check the records themselves).</summary>
    public static bool Matches(SeizureFacts facts, SeizureListFilter filter)
    {
        var facets = Facets(facts).ToHashSet(StringComparer.Ordinal);
        return (filter.Category is null || facets.Contains($"category|{filter.Category}"))
               && (filter.Office is null || facets.Contains($"office|{filter.Office}"))
               && (filter.Country is null || facets.Contains($"country|{filter.Country}"));
    }

    public async Task<(IReadOnlyList<string> Ids, string? ContinuationToken)> QueryAsync(
        string month, SeizureListFilter filter, int limit, string? continuationToken, CancellationToken cancellationToken)
    {
        var (facet, value) = filter.Country is not null ? ("country", filter.Country)
            : filter.Category is not null ? ("category", filter.Category)
            : ("office", filter.Office!);
        var partition = $"{month}|{facet}|{value}";

        Expression<Func<SeizureFilterRow, bool>> query = e => e.PartitionKey == partition;
        if (filter.Office is not null && facet != "office")
        {
            var office = filter.Office;
            query = office.Contains('-', StringComparison.Ordinal)
                ? And(query, e => e.Office == office)
                : And(query, e => e.Port == office);
        }

        if (filter.Category is not null && facet != "category")
        {
            query = And(query, CategoryFlags.Filter(filter.Category));
        }

        var select = new[] { "RowKey" };
        await foreach (var page in _index.QueryAsync<SeizureFilterRow>(TableClient.CreateQueryFilter(query), limit, select, cancellationToken).AsPages(continuationToken, limit))
        {
            return (page.Values.Select(v => v.RowKey).ToList(), page.ContinuationToken);
        }

        return ([], null);
    }

    private static Expression<Func<SeizureFilterRow, bool>> And(Expression<Func<SeizureFilterRow, bool>> left, Expression<Func<SeizureFilterRow, bool>> right)
    {
        var body = Expression.AndAlso(left.Body, Expression.Invoke(right, left.Parameters));
        return Expression.Lambda<Func<SeizureFilterRow, bool>>(new InlineInvocations().Visit(body), left.Parameters);
    }

    internal static IEnumerable<string> Facets(SeizureFacts facts)
    {
        foreach (var category in (facts.Items ?? []).Select(i => i.Category).Distinct())
        {
            yield return $"category|{category}";
        }

        var office = facts.Office!;
        yield return $"office|{office}";
        var port = PortOf(office);
        if (port != office)
        {
            yield return $"office|{port}";
        }

        var route = facts.Route;
        var countries = new[] { route?.DepartureCountry, route?.DestinationCountry }.Concat(route?.TransitCountries ?? []);
        foreach (var country in countries.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            yield return $"country|{country}";
        }
    }

    private static string PortOf(string office) => office.Split('-')[0];

    private static string StatePartition(string month) => $"{month}|indexed";

    private static SeizureFilterRow FilterRow(SeizureEntity entity, SeizureFacts facts)
    {
        var row = new SeizureFilterRow { RowKey = entity.RowKey, Office = facts.Office!, Port = PortOf(facts.Office!), Version = entity.Version };
        foreach (var category in (facts.Items ?? []).Select(i => i.Category!))
        {
            CategoryFlags.Set(row, category);
        }

        return row;
    }

    /// <summary>Expression.Invoke is not translatable to OData; inline the invoked lambda's body instead.</summary>
    private sealed class InlineInvocations : ExpressionVisitor
    {
        protected override Expression VisitInvocation(InvocationExpression node)
        {
            if (node.Expression is LambdaExpression lambda)
            {
                var map = lambda.Parameters.Zip(node.Arguments).ToDictionary(p => p.First, p => p.Second);
                return Visit(new Replace(map).Visit(lambda.Body));
            }

            return base.VisitInvocation(node);
        }

        private sealed class Replace(Dictionary<ParameterExpression, Expression> map) : ExpressionVisitor
        {
            protected override Expression VisitParameter(ParameterExpression node) => map.TryGetValue(node, out var e) ? e : node;
        }
    }
}

internal sealed record SeizureListFilter(string? Category, string? Office, string? Country)
{
    public bool IsEmpty => Category is null && Office is null && Country is null;
}

internal sealed class SeizureFilterState : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Facets { get; set; } = string.Empty;

    public int IndexedVersion { get; set; }

    public IReadOnlyList<string> Partitions() => Facets.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
