using Azure;
using Azure.Data.Tables;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Events;

/// <summary>
/// What an Idempotency-Key stands for: who sent it (<see cref="Scope"/>, SHA-256 of the caller), the key
/// (<see cref="KeyHash"/>, SHA-256 hex: keys may hold characters Table keys forbid) and the body it came with
/// (<see cref="RequestHash"/>). It is stored twice:
/// <list type="bullet">
/// <item>as a <see cref="IdempotencyMarker"/> in the record's own partition, inside the record's transaction: two
/// concurrent requests with one key and one body fall in the same partition and collide on the marker's RowKey, so
/// exactly one transaction commits and the others replay its record;</item>
/// <item>as the account-wide key row (<see cref="IdempotencyKeyRow"/>, table "idempotency"), written after the commit
/// by the publisher (or the relay, from the outbox marker, if the process died): it lets a later request with the
/// same key find the record from any partition, and refuse another body even when that body falls in another
/// month.</item>
/// </list>
/// </summary>
internal sealed record IdempotencyClaim(string Scope, string KeyHash, string RequestHash)
{
    public const string MarkerPrefix = "~idem|";

    public string MarkerRowKey => $"{MarkerPrefix}{Scope}|{KeyHash}";

    public static IdempotencyClaim For(string actor, string key, string requestBody) =>
        new(Sha256Hex.Of(actor), Sha256Hex.Of(key), Sha256Hex.Of(requestBody));

    public IdempotencyMarker Marker(string partitionKey, string recordId, DateTimeOffset now) => new()
    {
        PartitionKey = partitionKey,
        RowKey = MarkerRowKey,
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

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// Table "idempotency". PartitionKey = the caller's scope (SHA-256 of who sent the key), RowKey = SHA-256 of the
/// Idempotency-Key. Written once, after the record's commit (insert only: the first record to claim a key keeps it).
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

/// <summary>Reads of the two homes of a claim; the write of the key row is the publisher's.</summary>
internal sealed class IdempotencyKeys(TableServiceClient tables, StorageNames names)
{
    private readonly TableClient _keys = tables.GetTableClient(names.Table(StorageNames.Tables.Idempotency));

    public async Task<IdempotencyKeyRow?> FindAsync(IdempotencyClaim claim, CancellationToken cancellationToken)
    {
        var row = await _keys.GetEntityIfExistsAsync<IdempotencyKeyRow>(claim.Scope, claim.KeyHash, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    public static async Task<IdempotencyMarker?> FindMarkerAsync(TableClient table, string partitionKey, IdempotencyClaim claim, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<IdempotencyMarker>(partitionKey, claim.MarkerRowKey, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>Insert only: a key row that exists already (this record's, written by an earlier publish, or another
    /// record's that won a race across months) is left as it is.</summary>
    public async Task WriteAsync(IdempotencyClaim claim, string recordId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await _keys.AddEntityAsync(new IdempotencyKeyRow
            {
                PartitionKey = claim.Scope,
                RowKey = claim.KeyHash,
                RequestHash = claim.RequestHash,
                RecordId = recordId,
                CreatedAt = now,
            }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status409Conflict)
        {
        }
    }
}
