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
/// With --breakdown: the five storage requests of SeizureStore.CreateAsync, sent straight from the benchmark in the
/// same order with the same entities, into tables and a queue of their own. Against phase A it shows what HTTP and
/// the app add; its per-request latencies show which of the five costs most.
/// </summary>
internal sealed class WritePathReplay
{
    public static readonly string[] Steps = ["idempotency add", "outbox upsert", "transaction (2 rows)", "queue send", "outbox delete"];

    private const string Scope = "anonymous";

    private readonly TableClient _idempotency;
    private readonly TableClient _outbox;
    private readonly TableClient _seizures;
    private readonly QueueClient _events;
    private readonly double[][] _stepLatencies;

    private WritePathReplay(TableClient idempotency, TableClient outbox, TableClient seizures, QueueClient events, int count)
    {
        _idempotency = idempotency;
        _outbox = outbox;
        _seizures = seizures;
        _events = events;
        _stepLatencies = Steps.Select(_ => new double[count]).ToArray();
    }

    /// <param name="count">The most operations a phase runs.</param>
    public static async Task<WritePathReplay> CreateAsync(BenchStorage storage, int count, CancellationToken cancellationToken)
    {
        var tables = storage.Tables;
        var names = new[] { "benchreplayidempotency", "benchreplayoutbox", "benchreplayseizures" };
        foreach (var name in names)
        {
            await tables.CreateTableIfNotExistsAsync(name, cancellationToken);
        }

        // As the app sends it: base64, which the Functions queue trigger expects.
        var events = new QueueServiceClient(storage.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 })
            .GetQueueClient("bench-replay-events");
        await events.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        return new WritePathReplay(tables.GetTableClient(names[0]), tables.GetTableClient(names[1]), tables.GetTableClient(names[2]), events, count);
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
        var pending = new OutboxEntry
        {
            RowKey = eventId,
            Type = history.Type,
            RecordId = entity.RowKey,
            Version = entity.Version,
            OccurredAt = entity.RecordedAt,
            Table = _seizures.Name,
            EventPartitionKey = history.PartitionKey,
            EventRowKey = history.RowKey,
        };
        var reservation = new IdempotencyEntity
        {
            PartitionKey = Sha256Hex(Scope),
            RowKey = Sha256Hex(sample.IdempotencyKey),
            RequestHash = Sha256Hex(entity.Facts),
            RecordId = entity.RowKey,
            CreatedAt = entity.RecordedAt,
        };

        try
        {
            await Timed(0, index, () => _idempotency.AddEntityAsync(reservation, cancellationToken));
            await Timed(1, index, () => _outbox.UpsertEntityAsync(pending, TableUpdateMode.Replace, cancellationToken));
            await Timed(2, index, () => _seizures.SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.Add, entity), new TableTransactionAction(TableTransactionActionType.Add, history)],
                cancellationToken));
            await Timed(3, index, () => _events.SendMessageAsync(JsonSerializer.Serialize(pending.ToEvent(), EventJsonContext.Default.RecordEvent), cancellationToken));
            await Timed(4, index, () => _outbox.DeleteEntityAsync(pending.PartitionKey, pending.RowKey, ETag.All, cancellationToken));
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
