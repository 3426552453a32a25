using Enforcement.BenchKit;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Enforcement.Functions.Events;
using Enforcement.Functions.Seizures;

namespace Enforcement.Bench;

/// <summary>
/// With --breakdown: the storage requests of SeizureStore.CreateAsync (the key row insert and the transaction) and of
/// its publishing after the response (queue send, marker delete; the office listing rows and batching left out),
/// sent straight from the benchmark in the same order with the same entities, into tables and a queue of their own.
/// Against phase A it shows what HTTP and the app add; its per-request latencies show which step costs most.
/// </summary>
internal sealed class WritePathReplay
{
    public static readonly string[] Steps = ["key row insert", "transaction (4 rows)", "after: queue send", "after: marker delete"];

    private const string Scope = "anonymous";

    private readonly TableClient _idempotency;
    private readonly TableClient _seizures;
    private readonly QueueClient _events;
    private readonly double[][] _stepLatencies;

    private WritePathReplay(TableClient idempotency, TableClient seizures, QueueClient events, int count)
    {
        _idempotency = idempotency;
        _seizures = seizures;
        _events = events;
        _stepLatencies = Steps.Select(_ => new double[count]).ToArray();
    }

    /// <param name="count">The most operations a phase runs.</param>
    public static async Task<WritePathReplay> CreateAsync(PrivateAzurite storage, int count, CancellationToken cancellationToken)
    {
        var tables = storage.Tables;
        var names = new[] { "benchreplayidempotency", "benchreplayseizures" };
        foreach (var name in names)
        {
            await tables.CreateTableIfNotExistsAsync(name, cancellationToken);
        }

        // As the app sends it: base64, which the Functions queue trigger expects.
        var events = new QueueServiceClient(storage.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 })
            .GetQueueClient("bench-replay-events");
        await events.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        return new WritePathReplay(tables.GetTableClient(names[0]), tables.GetTableClient(names[1]), events, count);
    }

    /// <summary>A copy of one step's latencies in the last phase run, which had <paramref name="count"/> operations.</summary>
    public double[] StepLatencies(int step, int count) => _stepLatencies[step][..count];

    public async Task<OperationFailure?> WriteAsync(SeizureSample sample, int index, CancellationToken cancellationToken)
    {
        // A copy: the sample's entity belongs to the raw phase's table.
        var entity = new SeizureEntity
        {
            PartitionKey = sample.Entity.PartitionKey,
            RowKey = sample.Entity.RowKey,
            Facts = sample.Entity.Facts,
            Version = 1,
            RecordedAt = sample.Entity.RecordedAt,
            UpdatedAt = sample.Entity.UpdatedAt,
            SeizedAtUtc = sample.Entity.SeizedAtUtc,
            Office = sample.Entity.Office,
        };
        var eventId = RecordEvent.IdFor(entity.RowKey, entity.Version);
        var history = new SeizureHistoryEntity
        {
            PartitionKey = entity.PartitionKey,
            RowKey = SeizureHistoryEntity.RowKeyFor(entity.RowKey, entity.Version),
            EventId = eventId,
            Type = RecordEventTypes.SeizureRecorded,
            SeizureId = entity.RowKey,
            Version = entity.Version,
            OccurredAt = entity.RecordedAt,
            Facts = entity.Facts,
        };
        var claim = new IdempotencyClaim(Sha256Hex(Scope), Sha256Hex(sample.IdempotencyKey), Sha256Hex(entity.Facts));
        var marker = OutboxEntry.Marker(_seizures.Name, entity.PartitionKey, history.RowKey,
            new RecordEvent(eventId, history.Type, entity.RowKey, entity.Version, entity.RecordedAt));

        try
        {
            await Timed(0, index, () => _idempotency.AddEntityAsync(claim.KeyRow(entity.RowKey, entity.RecordedAt), cancellationToken));
            await Timed(1, index, () => _seizures.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Add, entity),
                    new TableTransactionAction(TableTransactionActionType.Add, history),
                    new TableTransactionAction(TableTransactionActionType.Add, marker),
                    new TableTransactionAction(TableTransactionActionType.Add, claim.Marker(entity.PartitionKey, entity.RowKey, entity.RecordedAt)),
                ],
                cancellationToken));
            await Timed(2, index, () => _events.SendMessageAsync(JsonSerializer.Serialize(marker.ToEvent(), EventJsonContext.Default.RecordEvent), cancellationToken));
            await Timed(3, index, () => _seizures.DeleteEntityAsync(marker.PartitionKey, marker.RowKey, ETag.All, cancellationToken));
            return null;
        }
        catch (RequestFailedException ex)
        {
            return new OperationFailure(index, ex.Status, $"{ex.ErrorCode}: {ex.Message}");
        }
    }

    private async Task Timed<T>(int step, int index, Func<Task<T>> request)
    {
        var started = Stopwatch.GetTimestamp();
        await request();
        _stepLatencies[step][index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static string Sha256Hex(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
