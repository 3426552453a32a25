using Azure;
using Azure.Data.Tables;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.BulkImport;

/// <summary>
/// The in-file duplicate check, kept in storage rather than in memory, so that a run's memory does not grow with its
/// file and a resumed run still knows every case number claimed before the crash. Table "importjobs", in the job's
/// own partition: PartitionKey = the job id, RowKey = "claim-{run}-{seizure id}" (the id hashes the month and the
/// legacy case number, so two rows claim the same key exactly when the record checks would call them the same
/// seizure), with the number of the first row that claimed it. A dry run and an import claim under their own run
/// name, so both find the same duplicates. Claims are written in Table transactions of up to 100 (one partition);
/// a conflict names the claim already held, which is read (a point read) for the row that holds it.
/// </summary>
internal sealed class ImportCaseNumberClaims(TableServiceClient tables, StorageNames names)
{
    private const int MaxTransactionSize = 100;

    private readonly TableClient _table = tables.GetTableClient(names.Table(StorageNames.Tables.ImportJobs));

    /// <summary>The chunk with every row whose case number an earlier row of the file holds turned into a
    /// "duplicate-row" error naming that row. Rows are claimed in file order; a row redone after a crash finds its own
    /// claim and stays valid.</summary>
    public async Task<List<CheckedRow>> RejectDuplicatesAsync(ImportJobEntity job, IReadOnlyList<CheckedRow> chunk, CancellationToken cancellationToken)
    {
        var run = ImportJobStore.RunOf(job);
        var firstInChunk = new Dictionary<string, int>(StringComparer.Ordinal);
        var holders = new Dictionary<string, int>(StringComparer.Ordinal);
        var toClaim = new List<ClaimEntity>();
        foreach (var row in chunk)
        {
            if (row.Record is { LegacyCaseNumber: not null } record && firstInChunk.TryAdd(record.Id.Value, row.Row.Number))
            {
                toClaim.Add(new ClaimEntity { PartitionKey = job.PartitionKey, RowKey = RowKeyFor(run, record.Id.Value), Row = row.Row.Number });
            }
        }

        foreach (var batch in toClaim.Chunk(MaxTransactionSize))
        {
            await ClaimAsync(batch.ToList(), holders, cancellationToken);
        }

        var judged = new List<CheckedRow>(chunk.Count);
        foreach (var row in chunk)
        {
            var first = row.Record is { LegacyCaseNumber: not null } record
                ? holders.GetValueOrDefault(RowKeyFor(run, record.Id.Value), firstInChunk[record.Id.Value])
                : row.Row.Number;
            judged.Add(first == row.Row.Number
                ? row
                : new CheckedRow(row.Row, null, [new RowError(RowErrorCodes.DuplicateRow, "legacyCaseNumber", $"The same case number, in the same month, as row {first}.")]));
        }

        return judged;
    }

    private async Task ClaimAsync(List<ClaimEntity> batch, Dictionary<string, int> holders, CancellationToken cancellationToken)
    {
        while (batch.Count > 0)
        {
            try
            {
                await _table.SubmitTransactionAsync(batch.Select(c => new TableTransactionAction(TableTransactionActionType.Add, c)), cancellationToken);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == StatusCodes.Status409Conflict && ex.FailedTransactionActionIndex is { } index && index < batch.Count)
            {
                holders[batch[index].RowKey] = await HolderAsync(batch[index], cancellationToken);
                batch.RemoveAt(index);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == StatusCodes.Status409Conflict)
            {
                // The service did not say which claim conflicted: claim them one by one.
                foreach (var claim in batch)
                {
                    try
                    {
                        await _table.AddEntityAsync(claim, cancellationToken);
                    }
                    catch (RequestFailedException one) when (one.Status == StatusCodes.Status409Conflict)
                    {
                        holders[claim.RowKey] = await HolderAsync(claim, cancellationToken);
                    }
                }

                return;
            }
        }
    }

    private async Task<int> HolderAsync(ClaimEntity claim, CancellationToken cancellationToken) =>
        (await _table.GetEntityAsync<ClaimEntity>(claim.PartitionKey, claim.RowKey, cancellationToken: cancellationToken)).Value.Row;

    private static string RowKeyFor(string run, string seizureId) => $"claim-{run}-{seizureId}";

    private sealed class ClaimEntity : ITableEntity
    {
        public string PartitionKey { get; set; } = string.Empty;

        public string RowKey { get; set; } = string.Empty;

        public DateTimeOffset? Timestamp { get; set; }

        public ETag ETag { get; set; }

        /// <summary>The first row of the file with this case number in this month.</summary>
        public int Row { get; set; }
    }
}
