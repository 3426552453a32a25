using Azure;
using Azure.Data.Tables;

namespace Enforcement.Functions.Audit;

/// <summary>
/// Table "audit". PartitionKey = the UTC day "YYYY-MM-DD" (one hash chain per day), RowKey = the sequence number in
/// that chain, zero-padded to 12 digits. Each entry carries the hash of the previous one; the row "head" (which sorts
/// after every number) holds the chain's last sequence and hash, so deleting the newest entries is detected too.
/// Every value is a string or number so that the hash re-computes byte for byte.
/// </summary>
internal sealed class AuditEntryEntity : ITableEntity
{
    public const string HeadRowKey = "head";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public long Sequence { get; set; }

    public string At { get; set; } = string.Empty;

    public string Subject { get; set; } = string.Empty;

    public string Roles { get; set; } = string.Empty;

    public string? Office { get; set; }

    public string? Region { get; set; }

    public string? ApiKeyId { get; set; }

    public string AuthMethod { get; set; } = string.Empty;

    public string Operation { get; set; } = string.Empty;

    public string Records { get; set; } = string.Empty;

    public string Outcome { get; set; } = string.Empty;

    public string? Client { get; set; }

    public string? TraceId { get; set; }

    public string PreviousHash { get; set; } = string.Empty;

    public string Hash { get; set; } = string.Empty;

    public static string RowKeyFor(long sequence) => sequence.ToString("D12", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The chain head of a day: the last sequence number and its hash.</summary>
internal sealed class AuditHeadEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = AuditEntryEntity.HeadRowKey;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public long Sequence { get; set; }

    public string Hash { get; set; } = string.Empty;
}
