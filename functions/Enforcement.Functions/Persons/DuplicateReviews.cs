using System.Globalization;
using Azure.Data.Tables;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Persons;

/// <summary>
/// Table "duplicatereviews": records that strongly match a record their author may not read. The author is told
/// nothing (need to know); the record is created and flagged here for a national analyst, who sees every record.
/// PartitionKey = the kind ("suspect", "company"): the analysts' list is a single-partition range. RowKey =
/// "{inverted ticks:D19}|{record id}", newest first; one row per flagged write.
/// </summary>
internal sealed class DuplicateReviewEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public Azure.ETag ETag { get; set; }

    public string RecordId { get; set; } = string.Empty;

    /// <summary>Comma-separated ids of the matching records the author could not read.</summary>
    public string CandidateIds { get; set; } = string.Empty;

    /// <summary>Comma-separated reason codes (e.g. same-document).</summary>
    public string Reasons { get; set; } = string.Empty;

    /// <summary>"record" or "correct".</summary>
    public string Operation { get; set; } = string.Empty;

    public DateTimeOffset FlaggedAt { get; set; }

    public string FlaggedBy { get; set; } = string.Empty;

    public string? FlaggedByOffice { get; set; }
}

public sealed record DuplicateReview(string RecordId, string Kind, string Operation, IReadOnlyList<string> CandidateIds, IReadOnlyList<string> Reasons,
    DateTimeOffset FlaggedAt, string FlaggedBy, string? FlaggedByOffice);

public sealed record DuplicateReviewPage(IReadOnlyList<DuplicateReview> Items, string? ContinuationToken);

internal sealed class DuplicateReviews(TableServiceClient tables, StorageNames names, TimeProvider time)
{
    /// <summary>The most candidates one review names; the strongest come first.</summary>
    public const int MaxCandidates = 20;

    private readonly TableClient _table = tables.GetTableClient(names.Table(StorageNames.Tables.DuplicateReviews));

    public async Task FlagAsync(PersonKind kind, string recordId, string operation, IReadOnlyList<DuplicateCandidate> hidden, Security.Caller caller,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await _table.UpsertEntityAsync(new DuplicateReviewEntity
        {
            PartitionKey = kind.Name,
            RowKey = string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.MaxValue.Ticks - now.Ticks:D19}|{recordId}"),
            RecordId = recordId,
            CandidateIds = string.Join(',', hidden.Take(MaxCandidates).Select(c => c.Id)),
            Reasons = string.Join(',', hidden.SelectMany(c => c.Reasons).Distinct(StringComparer.Ordinal)),
            Operation = operation,
            FlaggedAt = now,
            FlaggedBy = caller.Subject,
            FlaggedByOffice = caller.Office,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<(IReadOnlyList<DuplicateReviewEntity> Rows, string? ContinuationToken)> ListAsync(PersonKind kind, int limit, string? continuationToken,
        CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter<DuplicateReviewEntity>(e => e.PartitionKey == kind.Name);
        await foreach (var page in _table.QueryAsync<DuplicateReviewEntity>(filter, limit, cancellationToken: cancellationToken).AsPages(continuationToken, limit))
        {
            return (page.Values, page.ContinuationToken);
        }

        return ([], null);
    }

    public static DuplicateReview ToContract(DuplicateReviewEntity row) => new(
        row.RecordId, row.PartitionKey, row.Operation,
        row.CandidateIds.Split(',', StringSplitOptions.RemoveEmptyEntries), row.Reasons.Split(',', StringSplitOptions.RemoveEmptyEntries),
        row.FlaggedAt, row.FlaggedBy, row.FlaggedByOffice);
}
