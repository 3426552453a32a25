using Azure;
using Azure.Data.Tables;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Events;

/// <summary>
/// What an Idempotency-Key stands for: who sent it (<see cref="Scope"/>, SHA-256 of the caller), the key
/// (<see cref="KeyHash"/>, SHA-256 hex: keys may hold characters Table keys forbid) and the body it came with
/// (<see cref="RequestHash"/>). It is stored twice:
/// <list type="bullet">
/// <item>as the account-wide key row (<see cref="IdempotencyKeyRow"/>, table "idempotency"), inserted before the
/// record's transaction: it reserves the record id for the key, answers a retry, and refuses the key with another
/// body whatever month that body falls in (no window in which two bodies could both commit under one key);</item>
/// <item>as a <see cref="IdempotencyMarker"/> in the record's own partition, inside the record's transaction:
/// concurrent requests with one key race to the reserved id and collide on the record and the marker, so exactly one
/// transaction commits; the others read the marker and replay the winner's record.</item>
/// </list>
/// A process that dies between the two leaves a reservation without a record: a retry with the same body commits
/// under the reserved id; one with another body is refused, as the key was used.
/// </summary>
internal sealed record IdempotencyClaim(string Scope, string KeyHash, string RequestHash)
{
    public const string MarkerPrefix = "~idem|";

    /// <summary>Unique per request: tells this request's own commit (an SDK retry of a transaction that did succeed
    /// reports a conflict) from a twin's.</summary>
    public string Attempt { get; } = Guid.NewGuid().ToString("N");

    public string MarkerRowKey => $"{MarkerPrefix}{Scope}|{KeyHash}";

    public static IdempotencyClaim For(string actor, string key, string requestBody) =>
        new(Sha256Hex.Of(actor), Sha256Hex.Of(key), Sha256Hex.Of(requestBody));

    public IdempotencyMarker Marker(string partitionKey, string recordId, DateTimeOffset now) => new()
    {
        PartitionKey = partitionKey,
        RowKey = MarkerRowKey,
        RequestHash = RequestHash,
        RecordId = recordId,
        Attempt = Attempt,
        CreatedAt = now,
    };

    public IdempotencyKeyRow KeyRow(string recordId, DateTimeOffset now) => new()
    {
        PartitionKey = Scope,
        RowKey = KeyHash,
        RequestHash = RequestHash,
        RecordId = recordId,
        CreatedAt = now,
    };
}

/// <summary>In the record's partition: RowKey "~idem|{scope}|{keyHash}" ('~' sorts after every record id).</summary>
internal sealed class IdempotencyMarker : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string RequestHash { get; set; } = string.Empty;

    public string RecordId { get; set; } = string.Empty;

    public string Attempt { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// Table "idempotency". PartitionKey = the caller's scope (SHA-256 of who sent the key), RowKey = SHA-256 of the
/// Idempotency-Key (for persons, of "{kind}\n{key}"). Inserted once, before the first attempt's transaction.
/// </summary>
internal sealed class IdempotencyKeyRow : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string RequestHash { get; set; } = string.Empty;

    public string RecordId { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The reservation of a key and the reads of its marker.</summary>
internal sealed class IdempotencyKeys(TableServiceClient tables, StorageNames names)
{
    private readonly TableClient _keys = tables.GetTableClient(names.Table(StorageNames.Tables.Idempotency));

    /// <summary>Reserves the record id for the claim's key: null when this request's reservation was stored (one
    /// storage request), else the key row an earlier request stored.</summary>
    public async Task<IdempotencyKeyRow?> ReserveAsync(IdempotencyClaim claim, string recordId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await _keys.AddEntityAsync(claim.KeyRow(recordId, now), cancellationToken);
            return null;
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status409Conflict)
        {
            var existing = await _keys.GetEntityIfExistsAsync<IdempotencyKeyRow>(claim.Scope, claim.KeyHash, cancellationToken: cancellationToken);
            return existing.HasValue ? existing.Value : throw new InvalidOperationException("An Idempotency-Key row conflicted but cannot be read.", ex);
        }
    }

    public static async Task<IdempotencyMarker?> FindMarkerAsync(TableClient table, string partitionKey, IdempotencyClaim claim, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<IdempotencyMarker>(partitionKey, claim.MarkerRowKey, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }
}
