using Azure;
using Azure.Data.Tables;
using Enforcement.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Webhooks;

/// <summary>
/// Subscriptions and their indexes in table "webhooks". The index rows ("~all", "~event|{type}") are written before
/// the subscription row and removed after it, so they may briefly list a subscription that is gone but never miss
/// one; every reader checks the subscription row itself.
/// </summary>
internal sealed class WebhookSubscriptionStore(
    TableServiceClient tables,
    StorageNames names,
    WebhookSecretProtector protector,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookSubscriptionStore> logger)
{
    private const int MaxConcurrentReads = 16;
    private const int MaxBookkeepingAttempts = 5;
    private const string PausedByOwner = "Paused by its owner.";

    /// <summary>An index row this old whose subscription no longer needs it is removed by the reader that finds it.</summary>
    private static readonly TimeSpan DanglingIndexAge = TimeSpan.FromMinutes(1);

    private readonly TableClient _table = tables.GetTableClient(names.Table(StorageNames.Tables.Webhooks));

    /// <summary>Creates a subscription with a new secret. <paramref name="beforeWrite"/> runs once the id is known and
    /// before anything is written (the audit entry): if it throws, nothing is.</summary>
    public async Task<(WebhookSubscriptionEntity Subscription, string Secret)> CreateAsync(string owner, ValidSubscription valid,
        Func<string, Task> beforeWrite, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var id = WebhookKeys.NewSubscriptionId();
        var secret = WebhookSecrets.NewSecret();
        var entity = new WebhookSubscriptionEntity
        {
            PartitionKey = WebhookKeys.OwnerPartition(owner),
            RowKey = id,
            Owner = owner,
            Secret = await protector.ProtectAsync(secret, id, cancellationToken),
            CreatedAt = now,
            CreatedBy = owner,
            Revision = 1,
        };
        Apply(entity, valid, now);
        if (!valid.Active)
        {
            Disable(entity, PausedByOwner, now);
        }

        await beforeWrite(id);
        await WriteIndexAsync(entity, [WebhookKeys.AllPartition, .. entity.EventList.Select(WebhookKeys.EventPartition)], cancellationToken);
        await _table.AddEntityAsync(entity, cancellationToken);
        return (entity, secret);
    }

    public async Task<int> CountOwnedAsync(string owner, CancellationToken cancellationToken)
    {
        var partition = WebhookKeys.OwnerPartition(owner);
        var count = 0;
        await foreach (var _ in _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }

    public async Task<IReadOnlyList<WebhookSubscriptionEntity>> ListOwnedAsync(string owner, CancellationToken cancellationToken)
    {
        var partition = WebhookKeys.OwnerPartition(owner);
        var list = new List<WebhookSubscriptionEntity>();
        await foreach (var entity in _table.QueryAsync<WebhookSubscriptionEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            list.Add(entity);
        }

        return list;
    }

    /// <summary>Every subscription, a page of the "~all" index plus point reads (for admins).</summary>
    public async Task<(IReadOnlyList<WebhookSubscriptionEntity> Items, string? ContinuationToken)> ListAllAsync(int limit, string? continuationToken, CancellationToken cancellationToken)
    {
        await foreach (var page in _table.QueryAsync<WebhookIndexEntity>(e => e.PartitionKey == WebhookKeys.AllPartition, limit, cancellationToken: cancellationToken)
                           .AsPages(continuationToken, limit))
        {
            var found = await ReadIndexedAsync(page.Values, s => true, cancellationToken);
            return (found, page.ContinuationToken);
        }

        return ([], null);
    }

    public Task<WebhookSubscriptionEntity?> GetOwnedAsync(string owner, string id, CancellationToken cancellationToken) =>
        GetInPartitionAsync(WebhookKeys.OwnerPartition(owner), id, cancellationToken);

    /// <summary>A point read by the row's own keys (the partition as stored, i.e. already escaped).</summary>
    public async Task<WebhookSubscriptionEntity?> GetInPartitionAsync(string partition, string id, CancellationToken cancellationToken)
    {
        if (!WebhookKeys.IsSubscriptionId(id) || partition.StartsWith('~'))
        {
            return null;
        }

        var response = await _table.GetEntityIfExistsAsync<WebhookSubscriptionEntity>(partition, id, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Any owner's subscription by id: the "~all" index names its partition.</summary>
    public async Task<WebhookSubscriptionEntity?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!WebhookKeys.IsSubscriptionId(id))
        {
            return null;
        }

        var index = await _table.GetEntityIfExistsAsync<WebhookIndexEntity>(WebhookKeys.AllPartition, id, cancellationToken: cancellationToken);
        if (!index.HasValue)
        {
            return null;
        }

        return await GetInPartitionAsync(index.Value!.Owner, id, cancellationToken);
    }

    /// <summary>The subscriptions to an event type (active or not): one index partition query plus point reads.</summary>
    public Task<IReadOnlyList<WebhookSubscriptionEntity>> SubscribersAsync(string eventType, CancellationToken cancellationToken) =>
        QueryIndexAsync(WebhookKeys.EventPartition(eventType), s => s.EventList.Contains(eventType, StringComparer.Ordinal), cancellationToken);

    /// <summary>Replaces the subscription's settings, if it is still as read. False when someone changed it meanwhile.</summary>
    public async Task<bool> UpdateAsync(WebhookSubscriptionEntity current, ValidSubscription valid, CancellationToken cancellationToken)
    {
        var previousEvents = current.EventList;
        var urlChanged = current.Url != valid.Url;
        var now = time.GetUtcNow();
        Apply(current, valid, now);
        if (urlChanged || (valid.Active && current.Status == WebhookStatuses.Disabled))
        {
            current.FailingSince = null;
        }

        if (valid.Active)
        {
            (current.Status, current.DisabledReason, current.DisabledAt) = (WebhookStatuses.Active, null, null);
        }
        else if (current.Status == WebhookStatuses.Active)
        {
            Disable(current, PausedByOwner, now);
        }

        current.Revision++;
        var added = current.EventList.Except(previousEvents).Select(WebhookKeys.EventPartition).ToList();
        await WriteIndexAsync(current, added, cancellationToken);
        try
        {
            await _table.UpdateEntityAsync(current, current.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status412PreconditionFailed)
        {
            return false;
        }

        await DeleteIndexAsync(current.RowKey, previousEvents.Except(current.EventList).Select(WebhookKeys.EventPartition), cancellationToken);
        return true;
    }

    public async Task DeleteAsync(WebhookSubscriptionEntity subscription, CancellationToken cancellationToken)
    {
        await _table.DeleteEntityAsync(subscription.PartitionKey, subscription.RowKey, ETag.All, cancellationToken);
        await DeleteIndexAsync(subscription.RowKey, [.. subscription.EventList.Select(WebhookKeys.EventPartition), WebhookKeys.AllPartition], cancellationToken);
    }

    /// <summary>A new secret; the current one keeps signing beside it for the overlap (a previous one is dropped).
    /// Null when someone changed the subscription meanwhile.</summary>
    public async Task<string?> RotateSecretAsync(WebhookSubscriptionEntity subscription, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var secret = WebhookSecrets.NewSecret();
        subscription.PreviousSecret = subscription.Secret;
        subscription.PreviousSecretExpiresAt = now + options.Value.PreviousSecretOverlap;
        subscription.Secret = await protector.ProtectAsync(secret, subscription.RowKey, cancellationToken);
        subscription.SecretRotatedAt = now;
        subscription.UpdatedAt = now;
        subscription.Revision++;
        try
        {
            await _table.UpdateEntityAsync(subscription, subscription.ETag, TableUpdateMode.Replace, cancellationToken);
            return secret;
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status412PreconditionFailed)
        {
            return null;
        }
    }

    /// <summary>The secrets that sign a delivery now: the current one, and the previous one during its overlap.</summary>
    public async Task<IReadOnlyList<string>> SigningSecretsAsync(WebhookSubscriptionEntity subscription, CancellationToken cancellationToken)
    {
        var secrets = new List<string> { await protector.UnprotectAsync(subscription.Secret, subscription.RowKey, cancellationToken) };
        if (subscription.PreviousSecret is not null && subscription.PreviousSecretExpiresAt > time.GetUtcNow())
        {
            secrets.Add(await protector.UnprotectAsync(subscription.PreviousSecret, subscription.RowKey, cancellationToken));
        }

        return secrets;
    }

    /// <summary>A delivery succeeded: the subscription is no longer failing.</summary>
    public Task RecordSuccessAsync(WebhookSubscriptionEntity subscription, CancellationToken cancellationToken) =>
        ChangeAsync(subscription, s =>
        {
            if (s.FailingSince is null)
            {
                return false;
            }

            s.FailingSince = null;
            return true;
        }, cancellationToken);

    /// <summary>A delivery attempt failed: start the failure clock, or disable the subscription once it has run
    /// for <see cref="WebhookOptions.DisableAfterFailingFor"/>. True when the subscription is (now) disabled.</summary>
    public async Task<bool> RecordFailureAsync(WebhookSubscriptionEntity subscription, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var limit = options.Value.DisableAfterFailingFor;
        var result = await ChangeAsync(subscription, s =>
        {
            if (s.FailingSince is null)
            {
                s.FailingSince = now;
                return true;
            }

            if (s.IsActive && now - s.FailingSince >= limit)
            {
                Disable(s, $"Deliveries failed continuously from {s.FailingSince:u} for {Describe(limit)}, without a single success.", now);
                return true;
            }

            return false;
        }, cancellationToken);
        return result is null || !result.IsActive;
    }

    /// <summary>The endpoint answered 410 Gone: the partner has retired it.</summary>
    public Task DisableAsync(WebhookSubscriptionEntity subscription, string reason, CancellationToken cancellationToken) =>
        ChangeAsync(subscription, s =>
        {
            if (!s.IsActive)
            {
                return false;
            }

            Disable(s, reason, time.GetUtcNow());
            return true;
        }, cancellationToken);

    private static void Disable(WebhookSubscriptionEntity s, string reason, DateTimeOffset now) =>
        (s.Status, s.DisabledReason, s.DisabledAt) = (WebhookStatuses.Disabled, reason, now);

    /// <summary>Applies a bookkeeping change to the current row (re-read on a lost race). Null when the row is gone.</summary>
    private async Task<WebhookSubscriptionEntity?> ChangeAsync(WebhookSubscriptionEntity read, Func<WebhookSubscriptionEntity, bool> change, CancellationToken cancellationToken)
    {
        var subscription = read;
        for (var attempt = 1; ; attempt++)
        {
            if (!change(subscription))
            {
                return subscription;
            }

            try
            {
                await _table.UpdateEntityAsync(subscription, subscription.ETag, TableUpdateMode.Replace, cancellationToken);
                return subscription;
            }
            catch (RequestFailedException ex) when (ex.Status is StatusCodes.Status412PreconditionFailed or StatusCodes.Status404NotFound && attempt < MaxBookkeepingAttempts)
            {
                var fresh = await _table.GetEntityIfExistsAsync<WebhookSubscriptionEntity>(read.PartitionKey, read.RowKey, cancellationToken: cancellationToken);
                if (!fresh.HasValue)
                {
                    return null;
                }

                subscription = fresh.Value!;
            }
        }
    }

    private static void Apply(WebhookSubscriptionEntity entity, ValidSubscription valid, DateTimeOffset now)
    {
        entity.Url = valid.Url;
        entity.Events = string.Join(',', valid.Events);
        entity.FilterCategories = string.Join(',', valid.Categories);
        entity.FilterCountries = string.Join(',', valid.Countries);
        entity.Description = valid.Description;
        entity.Scope = valid.Scope;
        entity.UpdatedAt = now;
    }

    private async Task<IReadOnlyList<WebhookSubscriptionEntity>> QueryIndexAsync(string partition, Func<WebhookSubscriptionEntity, bool> stillIndexed, CancellationToken cancellationToken)
    {
        var rows = new List<WebhookIndexEntity>();
        await foreach (var row in _table.QueryAsync<WebhookIndexEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return await ReadIndexedAsync(rows, stillIndexed, cancellationToken);
    }

    private async Task<IReadOnlyList<WebhookSubscriptionEntity>> ReadIndexedAsync(IReadOnlyList<WebhookIndexEntity> rows, Func<WebhookSubscriptionEntity, bool> stillIndexed, CancellationToken cancellationToken)
    {
        var found = new WebhookSubscriptionEntity?[rows.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, rows.Count), new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentReads, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var row = rows[i];
                var response = await _table.GetEntityIfExistsAsync<WebhookSubscriptionEntity>(row.Owner, row.RowKey, cancellationToken: ct);
                if (response.HasValue && stillIndexed(response.Value!))
                {
                    found[i] = response.Value;
                }
                else if (time.GetUtcNow() - (row.Timestamp ?? DateTimeOffset.MaxValue) > DanglingIndexAge)
                {
                    // Left by a create or delete that stopped half-way: nobody else will ever remove it.
                    await DeleteIndexAsync(row.RowKey, [row.PartitionKey], ct);
                    logger.LogInformation("Removed index row {Partition} for subscription {SubscriptionId}", row.PartitionKey, row.RowKey);
                }
            });
        return found.OfType<WebhookSubscriptionEntity>().ToList();
    }

    private async Task WriteIndexAsync(WebhookSubscriptionEntity subscription, IEnumerable<string> partitions, CancellationToken cancellationToken) =>
        await Task.WhenAll(partitions.Select(p => _table.UpsertEntityAsync(
            new WebhookIndexEntity { PartitionKey = p, RowKey = subscription.RowKey, Owner = subscription.PartitionKey }, TableUpdateMode.Replace, cancellationToken)));

    private Task DeleteIndexAsync(string subscriptionId, IEnumerable<string> partitions, CancellationToken cancellationToken) =>
        Task.WhenAll(partitions.Select(async p =>
        {
            try
            {
                await _table.DeleteEntityAsync(p, subscriptionId, ETag.All, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status404NotFound)
            {
                // Already gone.
            }
        }));

    private static string Describe(TimeSpan span) =>
        span.TotalDays >= 1 ? $"{span.TotalDays:0.#} days" : span.TotalHours >= 1 ? $"{span.TotalHours:0.#} hours" : $"{span.TotalSeconds:0.#} seconds";
}
