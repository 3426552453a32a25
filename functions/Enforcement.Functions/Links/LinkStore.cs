using Azure;
using Azure.Data.Tables;
using Enforcement.Functions.Events;
using Enforcement.Functions.Persons;
using Enforcement.Functions.Seizures;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Links;

/// <summary>
/// Links between seizures and persons (see <see cref="LinkEntity"/>). A change commits the seizure-side row and its
/// trail row in one transaction, then writes the mirror; the change's event (through the outbox) writes the mirror
/// again, so a mirror write cut short is repaired. Mirror writes are ordered by version and never go backwards.
/// </summary>
internal sealed class LinkStore(TableServiceClient tables, StorageNames names, EventOutbox outbox, TimeProvider time, ILogger<LinkStore> logger)
{
    public const int MaxLinksPerSeizure = 100;

    /// <summary>The most rows read from one partition for one answer (one page).</summary>
    public const int MaxRowsPerRead = 1000;

    private const int MaxAttempts = 4;

    private readonly TableClient _links = tables.GetTableClient(names.Table(StorageNames.Tables.Links));

    public async Task<LinkEntity?> GetAsync(string seizureId, string personId, CancellationToken cancellationToken)
    {
        var response = await _links.GetEntityIfExistsAsync<LinkEntity>(seizureId, personId, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>The persons linked to a seizure (one partition; the trail rows sort after them and are left out).</summary>
    public async Task<IReadOnlyList<LinkEntity>> ForSeizureAsync(string seizureId, bool includeRemoved, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter<LinkEntity>(l => l.PartitionKey == seizureId && l.RowKey.CompareTo(LinkEventEntity.RowKeyPrefix) < 0);
        var links = new List<LinkEntity>();
        await foreach (var page in _links.QueryAsync<LinkEntity>(filter, MaxRowsPerRead, cancellationToken: cancellationToken).AsPages(pageSizeHint: MaxRowsPerRead))
        {
            links.AddRange(page.Values.Where(l => includeRemoved || !l.Removed));
            break;
        }

        return links;
    }

    /// <summary>The seizures a person is linked to, optionally only those of an office (a port covers its units).</summary>
    public async Task<(IReadOnlyList<LinkEntity> Links, string? ContinuationToken)> ForPersonAsync(
        string personId, string? office, int limit, string? continuationToken, CancellationToken cancellationToken)
    {
        var filter = office is null
            ? TableClient.CreateQueryFilter<LinkEntity>(l => l.PartitionKey == personId && !l.Removed)
            : OfficeFilter(personId, office);
        await foreach (var page in _links.QueryAsync<LinkEntity>(filter, limit, cancellationToken: cancellationToken).AsPages(continuationToken, limit))
        {
            return (page.Values, page.ContinuationToken);
        }

        return ([], null);
    }

    /// <summary>The person's links to seizures of an office, one by one, following the service's continuations (a page
    /// of a filtered query may come back empty before the partition has been read to its end).</summary>
    public IAsyncEnumerable<LinkEntity> InOfficeAsync(string personId, string office, CancellationToken cancellationToken) =>
        _links.QueryAsync<LinkEntity>(OfficeFilter(personId, office), maxPerPage: 10, cancellationToken: cancellationToken);

    /// <summary>Links a person to a seizure with a role, or changes the role and notes of the link.</summary>
    public async Task<LinkOutcome> SetAsync(SeizureEntity seizure, PersonId person, string role, string? notes, string actor,
        Func<Task> beforeWrite, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var existing = await GetAsync(seizure.RowKey, person.Value, cancellationToken);
            if (existing is { Removed: false } && existing.Role == role && existing.Notes == notes)
            {
                return new LinkOutcome.Unchanged(existing);
            }

            if (existing is null or { Removed: true }
                && (await ForSeizureAsync(seizure.RowKey, includeRemoved: false, cancellationToken)).Count >= MaxLinksPerSeizure)
            {
                return new LinkOutcome.TooMany();
            }

            var now = time.GetUtcNow();
            var link = existing is null
                ? new LinkEntity { SeizureId = seizure.RowKey, PersonId = person.Value, Kind = person.Kind.Name, LinkedAt = now, LinkedBy = actor, Version = 0 }.NextVersion(now, actor)
                : existing.NextVersion(now, actor);
            if (existing is { Removed: true })
            {
                (link.LinkedAt, link.LinkedBy) = (now, actor);
            }

            link.PartitionKey = seizure.RowKey;
            link.RowKey = person.Value;
            link.Role = role;
            link.Notes = notes;
            link.Removed = false;
            link.SeizureOffice = seizure.Office;
            link.SeizurePort = PortOf(seizure.Office);
            if (attempt == 0)
            {
                await beforeWrite();
            }

            if (await CommitAsync(existing, link, cancellationToken))
            {
                return existing is null or { Removed: true } ? new LinkOutcome.Created(link) : new LinkOutcome.Updated(link);
            }
        }

        return new LinkOutcome.Contended();
    }

    /// <summary>Removes a link; it stays as a tombstone, and in the trail.</summary>
    public async Task<LinkOutcome> RemoveAsync(string seizureId, PersonId person, string actor, Func<Task> beforeWrite, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var existing = await GetAsync(seizureId, person.Value, cancellationToken);
            if (existing is null or { Removed: true })
            {
                return new LinkOutcome.NotFound();
            }

            var link = existing.NextVersion(time.GetUtcNow(), actor);
            link.Removed = true;
            if (attempt == 0)
            {
                await beforeWrite();
            }

            if (await CommitAsync(existing, link, cancellationToken))
            {
                return new LinkOutcome.Updated(link);
            }
        }

        return new LinkOutcome.Contended();
    }

    /// <summary>After a correction moved a seizure to another office, its links (both sides) follow. Idempotent.</summary>
    public async Task FollowSeizureOfficeAsync(string seizureId, string office, CancellationToken cancellationToken)
    {
        foreach (var link in await ForSeizureAsync(seizureId, includeRemoved: true, cancellationToken))
        {
            var current = link;
            for (var attempt = 0; current.SeizureOffice != office; attempt++)
            {
                var moved = current.NextVersion(time.GetUtcNow(), "system");
                moved.SeizureOffice = office;
                moved.SeizurePort = PortOf(office);
                if (await CommitAsync(current, moved, cancellationToken))
                {
                    current = moved;
                    break;
                }

                current = await GetAsync(seizureId, link.PersonId, cancellationToken) ?? throw new InvalidOperationException($"Link {seizureId}|{link.PersonId} vanished.");
                if (attempt >= MaxAttempts)
                {
                    throw new InvalidOperationException($"Link {seizureId}|{link.PersonId} keeps changing; the event will be retried.");
                }
            }

            await MirrorAsync(current, cancellationToken);
        }
    }

    /// <summary>Writes the person-side row from the seizure-side row, unless the mirror already holds this version or a
    /// newer one. Idempotent; a concurrent writer of another version makes it re-read and decide again.</summary>
    public async Task MirrorAsync(LinkEntity link, CancellationToken cancellationToken)
    {
        var mirror = link.Mirror();
        for (var attempt = 0; ; attempt++)
        {
            var existing = await _links.GetEntityIfExistsAsync<LinkEntity>(mirror.PartitionKey, mirror.RowKey, cancellationToken: cancellationToken);
            if (existing.HasValue && existing.Value!.Version >= mirror.Version)
            {
                return;
            }

            try
            {
                if (existing.HasValue)
                {
                    await _links.UpdateEntityAsync(mirror, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await _links.AddEntityAsync(mirror, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException ex) when (ex.Status is StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed && attempt < MaxAttempts)
            {
            }
        }
    }

    /// <summary>Commits one version of a link with its trail row, writes the mirror and publishes the change. False when
    /// another writer changed the link since <paramref name="read"/>.</summary>
    private async Task<bool> CommitAsync(LinkEntity? read, LinkEntity link, CancellationToken cancellationToken)
    {
        var trail = LinkEventEntity.For(link);
        var pending = new OutboxEntry
        {
            RowKey = trail.EventId,
            Type = trail.Type,
            RecordId = LinkEventEntity.LinkRecordId(link.SeizureId, link.PersonId),
            Version = link.Version,
            OccurredAt = trail.OccurredAt,
            Table = _links.Name,
            EventPartitionKey = trail.PartitionKey,
            EventRowKey = trail.RowKey,
        };
        await outbox.StageAsync(pending, cancellationToken);
        try
        {
            var write = read is null
                ? new TableTransactionAction(TableTransactionActionType.Add, link)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, link, read.ETag);
            var response = await _links.SubmitTransactionAsync([write, new TableTransactionAction(TableTransactionActionType.Add, trail)], cancellationToken);
            link.ETag = response.Value[0].Headers.ETag ?? default;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed)
        {
            // A retried transaction that did succeed also reports 409/412: it did if this very version is stored.
            var now = await GetAsync(link.SeizureId, link.PersonId, cancellationToken);
            if (now is null || now.Version != link.Version || now.UpdatedBy != link.UpdatedBy || now.Role != link.Role
                || now.Notes != link.Notes || now.Removed != link.Removed || now.SeizureOffice != link.SeizureOffice)
            {
                return false;
            }
        }

        try
        {
            await MirrorAsync(link, cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            logger.LogWarning("Mirroring link {SeizureId}|{PersonId} v{Version} failed with {Status}; its event will repair it", link.SeizureId, link.PersonId, link.Version, ex.Status);
        }

        await outbox.TryPublishAsync(pending, cancellationToken);
        return true;
    }

    public static string PortOf(string office) => office.Split('-')[0];

    /// <summary>Active links to seizures of the office; a port ("PKKHI") covers its units, a unit only itself.</summary>
    private static string OfficeFilter(string personId, string office) => office.Contains('-', StringComparison.Ordinal)
        ? TableClient.CreateQueryFilter<LinkEntity>(l => l.PartitionKey == personId && !l.Removed && l.SeizureOffice == office)
        : TableClient.CreateQueryFilter<LinkEntity>(l => l.PartitionKey == personId && !l.Removed && l.SeizurePort == office);
}

internal abstract record LinkOutcome
{
    public sealed record Created(LinkEntity Link) : LinkOutcome;

    public sealed record Updated(LinkEntity Link) : LinkOutcome;

    public sealed record Unchanged(LinkEntity Link) : LinkOutcome;

    public sealed record NotFound : LinkOutcome;

    public sealed record TooMany : LinkOutcome;

    /// <summary>Other writers kept changing the same link; the client should retry.</summary>
    public sealed record Contended : LinkOutcome;
}
