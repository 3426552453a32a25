using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Enforcement.Functions.Http;
using Enforcement.Functions.Storage;
using Enforcement.Functions.WatchLists;

namespace Enforcement.Functions.Screening;

/// <summary>Stored decisions (one partition each: the meta row, then every subject's result in one transaction),
/// examination feedback and suppressions.</summary>
internal sealed class ScreeningStore(TableServiceClient tables, StorageNames names)
{
    private readonly TableClient _screenings = tables.GetTableClient(names.Table(StorageNames.Tables.Screenings));
    private readonly TableClient _watchIndex = tables.GetTableClient(names.Table(StorageNames.Tables.WatchListIndex));

    public static bool IsDecisionId(string? id) => TimeOrderedKey.IsPrefixed(id, "DC-");

    public async Task SaveAsync(DecisionEntity decision, IReadOnlyList<SubjectResultEntity> subjects, CancellationToken cancellationToken)
    {
        // Subjects first, in one transaction (at most 100 rows), then the decision row that says the decision is complete.
        await _screenings.SubmitTransactionAsync(subjects.Select(s => new TableTransactionAction(TableTransactionActionType.UpsertReplace, s)), cancellationToken);
        await _screenings.UpsertEntityAsync(decision, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<(DecisionEntity? Decision, List<SubjectResultEntity> Subjects)> LoadAsync(string decisionId, CancellationToken cancellationToken)
    {
        var decision = await _screenings.GetEntityIfExistsAsync<DecisionEntity>(decisionId, DecisionEntity.DecisionRow, cancellationToken: cancellationToken);
        if (!decision.HasValue)
        {
            return (null, []);
        }

        var subjects = new List<SubjectResultEntity>();
        await foreach (var row in _screenings.QueryAsync<SubjectResultEntity>(r => r.PartitionKey == decisionId && r.RowKey.CompareTo("s|") >= 0 && r.RowKey.CompareTo("s}") < 0, cancellationToken: cancellationToken))
        {
            subjects.Add(row);
        }

        return (decision.Value, subjects);
    }

    public async Task<SubjectResultEntity?> SubjectAsync(string decisionId, string key, CancellationToken cancellationToken)
    {
        var row = await _screenings.GetEntityIfExistsAsync<SubjectResultEntity>(decisionId, "s|" + key, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>Stores the examination result once; false when one was already reported.</summary>
    public async Task<bool> AddFeedbackAsync(FeedbackEntity feedback, CancellationToken cancellationToken)
    {
        try
        {
            await _screenings.AddEntityAsync(feedback, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status409Conflict)
        {
            return false;
        }
    }

    public static string SuppressionPartition(string fingerprint) => "sup|" + fingerprint;

    public Task SuppressAsync(SuppressionEntity suppression, CancellationToken cancellationToken) =>
        _watchIndex.UpsertEntityAsync(suppression, TableUpdateMode.Replace, cancellationToken);

    /// <summary>The unexpired suppressions of a subject (one partition).</summary>
    public async Task<Dictionary<string, SuppressionEntity>> SuppressionsAsync(string fingerprint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var partition = SuppressionPartition(fingerprint);
        var found = new Dictionary<string, SuppressionEntity>(StringComparer.Ordinal);
        await foreach (var row in _watchIndex.QueryAsync<SuppressionEntity>(r => r.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            if (row.ExpiresAt > now)
            {
                found[row.RowKey] = row;
            }
        }

        return found;
    }

    public static SubjectResult ReadResult(SubjectResultEntity row) => JsonSerializer.Deserialize<SubjectResult>(row.Result, JsonBody.Options)!;
}
