using System.Globalization;
using Azure.Data.Tables;
using Enforcement.Functions.Events;
using Enforcement.Functions.Seizures;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Statistics;

/// <summary>
/// Keeps the statistics aggregates (<see cref="StatisticsRows"/>) from seizure.recorded and seizure.updated: a new
/// version adds its facts and takes away the previous version's (both read from the record's history rows, one point
/// read each), so events may arrive in any order. In each scope × period partition the counts change in one
/// transaction with the event's marker: a redelivered event finds its marker and changes nothing; a concurrent writer
/// makes the transaction fail its ETags and it is redone from fresh reads.
/// </summary>
internal sealed class StatisticsAggregator(SeizureStore seizures, TableServiceClient tables, StorageNames names) : IRecordEventHandler
{
    private const int MaxAttempts = 30;

    private readonly TableClient _statistics = tables.GetTableClient(names.Table(StorageNames.Tables.Statistics));

    public bool Handles(string eventType) => eventType is RecordEventTypes.SeizureRecorded or RecordEventTypes.SeizureUpdated;

    public async Task HandleAsync(RecordEvent recordEvent, CancellationToken cancellationToken)
    {
        if (!SeizureId.TryParse(recordEvent.RecordId, out var id))
        {
            throw new InvalidOperationException("The event names no valid seizure id.");
        }

        var deltas = new Dictionary<string, Dictionary<string, RowDelta>>(StringComparer.Ordinal);
        var facts = await seizures.GetVersionFactsAsync(id.Value, recordEvent.Version, cancellationToken)
            ?? throw new InvalidOperationException($"Version {recordEvent.Version} of seizure {id} does not exist.");
        SeizureContribution.Add(deltas, facts, +1);
        if (recordEvent.Version > 1)
        {
            var previous = await seizures.GetVersionFactsAsync(id.Value, recordEvent.Version - 1, cancellationToken)
                ?? throw new InvalidOperationException($"Version {recordEvent.Version - 1} of seizure {id} does not exist.");
            SeizureContribution.Add(deltas, previous, -1);
        }

        var work = from scope in deltas
                   from period in StatisticsPeriod.Containing(id.Value.Month)
                   let rows = scope.Value.Where(r => !r.Value.IsZero).ToList()
                   where rows.Count > 0
                   select ApplyAsync(StatisticsRows.PartitionKey(scope.Key, period.ToString()), rows, recordEvent.EventId, cancellationToken);
        await Task.WhenAll(work);
    }

    private async Task ApplyAsync(string partitionKey, List<KeyValuePair<string, RowDelta>> rows, string eventId, CancellationToken cancellationToken)
    {
        var marker = StatisticsRows.EventMarkerPrefix + eventId;
        var keys = rows.Select(r => r.Key).Append(marker).ToList();
        var filter = $"PartitionKey eq '{Quote(partitionKey)}' and ({string.Join(" or ", keys.Select(k => $"RowKey eq '{Quote(k)}'"))})";
        for (var attempt = 1; ; attempt++)
        {
            var existing = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
            await foreach (var row in _statistics.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                existing[row.RowKey] = row;
            }

            if (existing.ContainsKey(marker))
            {
                return;
            }

            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.Add, new TableEntity(partitionKey, marker)),
            };
            foreach (var (rowKey, delta) in rows)
            {
                var found = existing.TryGetValue(rowKey, out var entity);
                entity ??= new TableEntity(partitionKey, rowKey);
                Apply(entity, delta);
                actions.Add(found
                    ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, entity.ETag)
                    : new TableTransactionAction(TableTransactionActionType.Add, entity));
            }

            try
            {
                await _statistics.SubmitTransactionAsync(actions, cancellationToken);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed && attempt < MaxAttempts)
            {
                // Another event changed these rows first (or this very transaction committed and a retry of it
                // conflicted: the marker tells on the next read). Back off a little: many events share the national rows.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * Math.Min(attempt, 10))), cancellationToken);
            }
        }
    }

    private static void Apply(TableEntity entity, RowDelta delta)
    {
        entity[StatisticsRows.Count] = (entity.GetInt64(StatisticsRows.Count) ?? 0) + delta.Count;
        entity[StatisticsRows.KgEq] = (entity.GetDouble(StatisticsRows.KgEq) ?? 0) + delta.KgEq;
        foreach (var (unit, quantity) in delta.Quantities)
        {
            var name = StatisticsRows.QuantityPrefix + unit;
            entity[name] = (entity.GetDouble(name) ?? 0) + quantity;
        }

        foreach (var (currency, value) in delta.Values)
        {
            var name = StatisticsRows.ValuePrefix + currency;
            entity[name] = (entity.GetDouble(name) ?? 0) + value;
        }
    }

    private static string Quote(string value) => value.Replace("'", "''", StringComparison.Ordinal);
}
