using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Enforcement.Functions.Events;
using Enforcement.Functions.Http;
using Enforcement.Functions.Identifiers;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Conveyances;

/// <summary>
/// Conveyance records, their identifier index, clusters and the seizures resolved to them. Every read is a point read
/// or a single-partition query: a record by id, an identifier's index partition, a record's cluster edges, a
/// conveyance's seizures. A cluster is the set of records joined by "same" judgements, walked edge by edge (bounded by
/// <see cref="MaxCluster"/>); its canonical id is its smallest id, so it changes only when the cluster does.
/// </summary>
internal sealed class ConveyanceStore(TableServiceClient tables, StorageNames names, EventOutbox outbox, TimeProvider time)
{
    public const string IdPrefix = "CV-";
    public const string RecordedEvent = "conveyance.recorded";
    public const int MaxCluster = 50;
    public const int MaxRowsPerLookup = 100;

    /// <summary>The seizure links read of one record: one storage page (a conveyance in more seizures than this is
    /// listed with its newest ones).</summary>
    public const int MaxSeizureLinks = 1000;

    private readonly TableClient _records = tables.GetTableClient(names.Table(StorageNames.Tables.Conveyances));
    private readonly TableClient _index = tables.GetTableClient(names.Table(StorageNames.Tables.ConveyanceIndex));
    private readonly TableClient _links = tables.GetTableClient(names.Table(StorageNames.Tables.ConveyanceLinks));

    public TableClient Index => _index;

    public static string IndexPartition(string scheme, string value) => $"{scheme}|{value}";

    public static string SeizureIndexPartition(string scheme, string value) => $"sz|{scheme}|{value}";

    public static bool IsId(string? id) => TimeOrderedKey.IsPrefixed(id, IdPrefix);

    /// <summary>The conveyances already holding one of these strong identifiers (a second record would split history).</summary>
    public async Task<List<string>> HoldersOfStrongIdentifiersAsync(ConveyanceFacts facts, CancellationToken cancellationToken)
    {
        var strong = ConveyanceValidator.Identifiers(facts).Where(i => IdentifierSchemes.IsStrong(i.Scheme)).ToList();
        var found = await Task.WhenAll(strong.Select(i => LookupIdsAsync(i.Scheme, i.Value, cancellationToken)));
        return found.SelectMany(f => f).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Stages the event, writes the record, then its index rows, then publishes (the relay finishes a cut-short write).</summary>
    public async Task<ConveyanceEntity> CreateAsync(ConveyanceFacts facts, IReadOnlyList<string> warnings, string actor, Func<string, Task> beforeWrite, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var id = IdPrefix + TimeOrderedKey.New(now);
        var entity = new ConveyanceEntity
        {
            PartitionKey = id,
            RowKey = ConveyanceEntity.RecordRow,
            Kind = facts.Kind!,
            Facts = JsonSerializer.Serialize(facts, JsonBody.Options),
            RecordedAt = now,
            RecordedBy = actor,
            Warnings = warnings.Count == 0 ? null : string.Join('\n', warnings),
        };
        var recordEvent = new RecordEvent(RecordEvent.IdFor(id, 1), RecordedEvent, id, 1, now);
        var pending = new OutboxEntry
        {
            RowKey = recordEvent.EventId,
            Type = recordEvent.Type,
            RecordId = id,
            Version = 1,
            OccurredAt = now,
            Table = _records.Name,
            EventPartitionKey = id,
            EventRowKey = ConveyanceEntity.RecordRow,
        };
        await beforeWrite(id);
        await outbox.StageAsync(pending, cancellationToken);
        await _records.AddEntityAsync(entity, cancellationToken);
        await Task.WhenAll(ConveyanceValidator.Identifiers(facts).Select(i => _index.UpsertEntityAsync(
            new ConveyanceIndexRow { PartitionKey = IndexPartition(i.Scheme, i.Value), RowKey = id, Kind = facts.Kind! }, TableUpdateMode.Replace, cancellationToken)));
        await outbox.TryPublishAsync(pending, cancellationToken);
        return entity;
    }

    public async Task<ConveyanceEntity?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsId(id))
        {
            return null;
        }

        var row = await _records.GetEntityIfExistsAsync<ConveyanceEntity>(id, ConveyanceEntity.RecordRow, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    public async Task<List<string>> LookupIdsAsync(string scheme, string value, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        var partition = IndexPartition(scheme, value);
        await foreach (var page in _index.QueryAsync<ConveyanceIndexRow>(r => r.PartitionKey == partition, MaxRowsPerLookup, ["RowKey"], cancellationToken).AsPages(pageSizeHint: MaxRowsPerLookup))
        {
            ids.AddRange(page.Values.Select(r => r.RowKey));
            break;
        }

        return ids;
    }

    public static ConveyanceFacts Facts(ConveyanceEntity entity) => JsonSerializer.Deserialize<ConveyanceFacts>(entity.Facts, JsonBody.Options)!;

    public static Conveyance ToConveyance(ConveyanceEntity entity, IReadOnlyList<string> cluster)
    {
        var facts = Facts(entity);
        return new Conveyance
        {
            Id = entity.PartitionKey,
            CanonicalId = cluster[0],
            Cluster = cluster,
            RecordedAt = entity.RecordedAt,
            Kind = entity.Kind,
            Name = facts.Name, Imo = facts.Imo, Mmsi = facts.Mmsi, CallSign = facts.CallSign, Flag = facts.Flag, History = facts.History,
            Registration = facts.Registration, IcaoAddress = facts.IcaoAddress, Operator = facts.Operator,
            Plate = facts.Plate, RegistrationCountry = facts.RegistrationCountry, Vin = facts.Vin,
            ContainerNumber = facts.ContainerNumber, OwnerCode = facts.ContainerNumber?[..3], Notes = facts.Notes,
            Warnings = entity.Warnings?.Split('\n') ?? [],
        };
    }

    /// <summary>The records joined to <paramref name="id"/> by "same" judgements, sorted (the first is canonical).</summary>
    public async Task<List<string>> ClusterAsync(string id, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { id };
        var frontier = new List<string> { id };
        while (frontier.Count > 0 && seen.Count < MaxCluster)
        {
            var next = await Task.WhenAll(frontier.Select(node => SameEdgesAsync(node, cancellationToken)));
            frontier = next.SelectMany(n => n).Where(seen.Add).ToList();
        }

        return seen.Order(StringComparer.Ordinal).Take(MaxCluster).ToList();
    }

    private async Task<List<string>> SameEdgesAsync(string id, CancellationToken cancellationToken)
    {
        var edges = new List<string>();
        await foreach (var row in _records.QueryAsync<TableEntity>(
            r => r.PartitionKey == id && r.RowKey.CompareTo(ConveyanceEntity.SamePrefix) >= 0 && r.RowKey.CompareTo("same}") < 0, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            edges.Add(row.RowKey[ConveyanceEntity.SamePrefix.Length..]);
        }

        return edges;
    }

    /// <summary>Records a judgement between two conveyances: "same" joins their clusters, anything else separates
    /// them again (reversible); each judgement stays in both records' trails.</summary>
    public async Task JudgeConveyancesAsync(string id, string otherId, string verdict, string? reason, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var (from, to) in new[] { (id, otherId), (otherId, id) })
        {
            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.UpsertReplace, Judgement(from, ConveyanceEntity.JudgementPrefix + to, to, verdict, reason, actor, now)),
                new(TableTransactionActionType.Add, Judgement(from, Trail(to, now), to, verdict, reason, actor, now)),
                verdict == ConveyanceLinkStatus.Same
                    ? new(TableTransactionActionType.UpsertReplace, new TableEntity(from, ConveyanceEntity.SamePrefix + to))
                    : new(TableTransactionActionType.Delete, new TableEntity(from, ConveyanceEntity.SamePrefix + to), ETag.All),
            };
            try
            {
                await _records.SubmitTransactionAsync(actions, cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == StatusCodes.Status404NotFound)
            {
                // No edge to delete: the same transaction without it.
                await _records.SubmitTransactionAsync(actions.Take(2), cancellationToken);
            }
        }
    }

    /// <summary>Records a judgement of a seizure offered to a conveyance; the link's status becomes the verdict.</summary>
    public async Task<bool> JudgeSeizureAsync(string id, string seizureId, string verdict, string? reason, string actor, CancellationToken cancellationToken)
    {
        var link = await _links.GetEntityIfExistsAsync<ConveyanceLinkEntity>(id, seizureId, cancellationToken: cancellationToken);
        if (!link.HasValue)
        {
            return false;
        }

        var now = time.GetUtcNow();
        await _records.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.UpsertReplace, Judgement(id, ConveyanceEntity.JudgementPrefix + seizureId, seizureId, verdict, reason, actor, now)),
            new(TableTransactionActionType.Add, Judgement(id, Trail(seizureId, now), seizureId, verdict, reason, actor, now)),
        ], cancellationToken);
        var updated = link.Value!;
        updated.Status = verdict;
        await _links.UpsertEntityAsync(updated, TableUpdateMode.Replace, cancellationToken);
        await _links.UpsertEntityAsync(Mirror(updated), TableUpdateMode.Replace, cancellationToken);
        return true;
    }

    public async Task<Dictionary<string, string>> JudgementsAsync(string id, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var row in _records.QueryAsync<JudgementEntity>(
            r => r.PartitionKey == id && r.RowKey.CompareTo(ConveyanceEntity.JudgementPrefix) >= 0 && r.RowKey.CompareTo("judgement}") < 0, cancellationToken: cancellationToken))
        {
            result[row.TargetId] = row.Verdict;
        }

        return result;
    }

    /// <summary>The seizure links of one conveyance (one partition).</summary>
    public async Task<List<ConveyanceLinkEntity>> SeizureLinksAsync(string id, CancellationToken cancellationToken)
    {
        await foreach (var page in _links.QueryAsync<ConveyanceLinkEntity>(l => l.PartitionKey == id, MaxSeizureLinks, cancellationToken: cancellationToken).AsPages(pageSizeHint: MaxSeizureLinks))
        {
            return [.. page.Values];
        }

        return [];
    }

    /// <summary>Makes a seizure's links match what its conveyance fields resolve to now: writes new and changed ones,
    /// removes automatic ones no longer named; judged links are the analysts' and stay.</summary>
    public async Task SetSeizureLinksAsync(string seizureId, IReadOnlyList<ConveyanceLinkEntity> wanted, CancellationToken cancellationToken)
    {
        var existing = await SeizureLinksAsync(seizureId, cancellationToken);
        var judged = existing.Where(e => e.Status is not (ConveyanceLinkStatus.Resolved or ConveyanceLinkStatus.Candidate)).Select(e => e.RowKey).ToHashSet(StringComparer.Ordinal);
        foreach (var link in wanted.Where(w => !judged.Contains(w.PartitionKey)))
        {
            await _links.UpsertEntityAsync(link, TableUpdateMode.Replace, cancellationToken);
            await _links.UpsertEntityAsync(Mirror(link), TableUpdateMode.Replace, cancellationToken);
        }

        var keep = wanted.Select(w => w.PartitionKey).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in existing.Where(e => !judged.Contains(e.RowKey) && !keep.Contains(e.RowKey)))
        {
            await _links.DeleteEntityAsync(stale.RowKey, stale.PartitionKey, ETag.All, cancellationToken);
            await _links.DeleteEntityAsync(stale.PartitionKey, stale.RowKey, ETag.All, cancellationToken);
        }
    }

    /// <summary>Indexes the strong identifiers a seizure named (RowKey = seizure id) with its non-nominal summary.</summary>
    public Task IndexSeizureIdentifiersAsync(string seizureId, IEnumerable<(string Scheme, string Value)> identifiers, ConveyanceLinkEntity summary, CancellationToken cancellationToken) =>
        Task.WhenAll(identifiers.Select(i => _index.UpsertEntityAsync(new ConveyanceIndexRow
        {
            PartitionKey = SeizureIndexPartition(i.Scheme, i.Value),
            RowKey = seizureId,
            Kind = "seizure",
            SeizedAt = summary.SeizedAt,
            Office = summary.Office,
            Categories = summary.Categories,
            Concealment = summary.Concealment,
        }, TableUpdateMode.Replace, cancellationToken)));

    private static ConveyanceLinkEntity Mirror(ConveyanceLinkEntity link) => new()
    {
        PartitionKey = link.RowKey,
        RowKey = link.PartitionKey,
        Status = link.Status,
        Scheme = link.Scheme,
        Identifier = link.Identifier,
        SeizedAt = link.SeizedAt,
        Office = link.Office,
        Categories = link.Categories,
        Concealment = link.Concealment,
    };

    private static string Trail(string target, DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"{ConveyanceEntity.TrailPrefix}{target}|{DateTimeOffset.MaxValue.UtcTicks - now.UtcTicks:D19}");

    private static JudgementEntity Judgement(string partition, string rowKey, string target, string verdict, string? reason, string actor, DateTimeOffset now) => new()
    {
        PartitionKey = partition,
        RowKey = rowKey,
        TargetId = target,
        Verdict = verdict,
        Reason = reason,
        JudgedBy = actor,
        JudgedAt = now,
    };

    public static ConveyanceSeizure ToSeizure(ConveyanceLinkEntity link, string conveyanceId, string seizureId) => new(
        seizureId, conveyanceId, link.Status, link.Scheme, link.Identifier, link.SeizedAt, link.Office,
        link.Categories?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [], link.Concealment);
}
