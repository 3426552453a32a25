using Azure.Data.Tables;
using Enforcement.Functions.Events;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Seizures;

/// <summary>A validated record an import job brings in, with the id its row's identity gives it.</summary>
internal sealed record ImportedSeizure(SeizureId Id, SeizureFacts Facts, DateTimeOffset SeizedAt, string ImportJob, int Row, string? LegacyCaseNumber);

/// <summary>What became of one imported record: written now, or found already there (by an earlier run or another job).</summary>
internal sealed record ImportWriteOutcome(bool Created, string? ExistingImportJob, int? ExistingRow);

internal sealed partial class SeizureStore
{
    /// <summary>Three rows per record (the record, its history/event row, its outbox marker): 33 records fill a transaction.</summary>
    public const int RecordsPerTransaction = 33;

    /// <summary>
    /// Records imported seizures through the same write as <see cref="CreateAsync"/> (the record, its history/event
    /// row and its outbox marker in one entity-group transaction, then the event to the publisher, waiting for room
    /// there so that a large import does not pile events up in memory), with up to
    /// <see cref="RecordsPerTransaction"/> records of one month per transaction. Ids come from each row's identity
    /// (<see cref="SeizureIds.ForImport"/>), so a record already stored collides instead of being written twice: the
    /// transaction is retried without the records found, which are reported with the job and row that stored them.
    /// </summary>
    public async Task<IReadOnlyList<ImportWriteOutcome>> ImportAsync(IReadOnlyList<ImportedSeizure> records, string actor, CancellationToken cancellationToken)
    {
        var outcomes = new ImportWriteOutcome[records.Count];
        var byMonth = records.Select((r, i) => (Record: r, Index: i)).GroupBy(x => x.Record.Id.PartitionKey);
        foreach (var month in byMonth)
        {
            foreach (var chunk in month.Chunk(RecordsPerTransaction))
            {
                await ImportChunkAsync(month.Key, chunk, outcomes, actor, cancellationToken);
            }
        }

        return outcomes;
    }

    private async Task ImportChunkAsync(string month, (ImportedSeizure Record, int Index)[] chunk, ImportWriteOutcome[] outcomes, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var pending = chunk.ToList();
        while (pending.Count > 0)
        {
            var rows = pending.Select(p => ImportRows(p.Record, actor, now)).ToList();
            if (!outbox.RelayScans(month))
            {
                await outbox.StageCopiesAsync(rows.Select(r => r.Marker).ToList(), cancellationToken);
            }

            try
            {
                await _seizures.SubmitTransactionAsync(
                    rows.SelectMany(r => new TableTransactionAction[]
                    {
                        new(TableTransactionActionType.Add, r.Entity),
                        new(TableTransactionActionType.Add, r.History),
                        new(TableTransactionActionType.Add, r.Marker),
                    }),
                    cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == StatusCodes.Status409Conflict)
            {
                // Some records are there already (an earlier run of this job, or another job with the same rows):
                // report them and write the others.
                var existing = await ExistingAsync(month, pending.Select(p => p.Record.Id.RowKey).ToList(), cancellationToken);
                if (existing.Count == 0)
                {
                    throw new InvalidOperationException($"An import transaction in {month} conflicted but none of its records exists.", ex);
                }

                foreach (var (record, index) in pending.Where(p => existing.ContainsKey(p.Record.Id.RowKey)))
                {
                    var found = existing[record.Id.RowKey];
                    outcomes[index] = new ImportWriteOutcome(false, found.SourceImportJob, found.SourceRow);
                }

                pending = pending.Where(p => !existing.ContainsKey(p.Record.Id.RowKey)).ToList();
                continue;
            }

            foreach (var ((_, index), written) in pending.Zip(rows))
            {
                outcomes[index] = new ImportWriteOutcome(true, null, null);
                await publisher.PublishWhenRoomAsync(written.Marker, cancellationToken);
            }

            return;
        }
    }

    private (SeizureEntity Entity, SeizureHistoryEntity History, OutboxEntry Marker) ImportRows(ImportedSeizure record, string actor, DateTimeOffset now)
    {
        var entity = new SeizureEntity
        {
            PartitionKey = record.Id.PartitionKey,
            RowKey = record.Id.RowKey,
            Facts = Serialize(record.Facts),
            Version = 1,
            RecordedAt = now,
            UpdatedAt = now,
            SeizedAtUtc = record.SeizedAt.ToUniversalTime(),
            Office = record.Facts.Office!,
            RecordedBy = actor,
            UpdatedBy = actor,
            SourceImportJob = record.ImportJob,
            SourceRow = record.Row,
            LegacyCaseNumber = record.LegacyCaseNumber,
        };
        var history = History(entity, RecordEventTypes.SeizureRecorded, now);
        return (entity, history, Marker(history, record.Facts));
    }

    private async Task<Dictionary<string, SeizureEntity>> ExistingAsync(string month, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var filter = $"PartitionKey eq '{month}' and ({string.Join(" or ", ids.Select(id => $"RowKey eq '{id}'"))})";
        var found = new Dictionary<string, SeizureEntity>(StringComparer.Ordinal);
        await foreach (var entity in _seizures.QueryAsync<SeizureEntity>(filter, select: ["PartitionKey", "RowKey", nameof(SeizureEntity.SourceImportJob), nameof(SeizureEntity.SourceRow)], cancellationToken: cancellationToken))
        {
            found[entity.RowKey] = entity;
        }

        return found;
    }
}

/// <summary>Ids of imported records: the month of the seizure, then 18 characters of the SHA-256 of the row's
/// identity ("case:{legacy case number}", or "file:{file SHA-256}:{row}"), so the same row always gets the same id.</summary>
internal static class SeizureIds
{
    public static SeizureId ForImport(string month, string identity)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(identity));
        Span<char> chars = stackalloc char[TimeOrderedKey.Length];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = TimeOrderedKey.Alphabet[hash[i] & 31];
        }

        return new SeizureId($"SZ-{month[..4]}{month[5..7]}-{new string(chars)}");
    }
}

internal sealed partial class SeizureStore
{
    /// <summary>The facts of one version (its history row: a point read), or null when that version does not exist.</summary>
    public async Task<SeizureFacts?> GetVersionFactsAsync(SeizureId id, int version, CancellationToken cancellationToken)
    {
        var row = await _seizures.GetEntityIfExistsAsync<SeizureHistoryEntity>(id.PartitionKey, SeizureHistoryEntity.RowKeyFor(id.Value, version), cancellationToken: cancellationToken);
        return row.HasValue ? System.Text.Json.JsonSerializer.Deserialize<SeizureFacts>(row.Value!.Facts, Http.JsonBody.Options) : null;
    }
}
