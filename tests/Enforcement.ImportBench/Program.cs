using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Enforcement.BenchKit;
using Enforcement.FeedBench;
using Enforcement.ImportBench;
using Enforcement.Functions.BulkImport;
using Enforcement.Functions.Events;
using Enforcement.Functions.Hosting.DevelopmentStorage;
using Enforcement.Functions.Http;
using Enforcement.Functions.Seizures;
using Enforcement.Functions.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

// dotnet run -c Release --project tests/Enforcement.ImportBench -- [--count 100000] [--small 10000] [--max-waiting 4096]
// Imports a JSON Lines file of --small and then of --count seizures (spread over 12 months of 2025, each with its own
// legacy case number, as CEN files have them) through the import processor (validation, case-number claims, the
// seizure write path's transactions, staged outbox copies, result files; the outbox publisher runs alongside, as in
// the app), then writes the very same entities again with raw Table batch transactions (99 entities, one partition,
// one at a time, as the import does) into another table of the same private Azurite, and prints rows per second, the
// ratio, and each import's peak working set and its peak and median live heap (what it holds after a forced full
// collection, taken every 5 seconds: flat when nothing is kept per row). Each phase (file generation, upload, import,
// publishing the events the import left behind, reading the entities back, raw batches) prints its progress every
// 5 seconds as it goes. The services are registered one by one rather than with AddImports, whose validation caps an
// invocation at 8 minutes: here one invocation runs the whole import.
var count = BenchFigures.Argument(args, "--count", 100_000);
var small = BenchFigures.Argument(args, "--small", 10_000);
var maxWaiting = BenchFigures.Argument(args, "--max-waiting", new OutboxOptions().MaxWaiting);

await using var azurite = await PrivateAzurite.StartAsync("importbench", CancellationToken.None);
var connectionString = azurite.ConnectionString;

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var services = builder.Services;
services.AddSingleton(TimeProvider.System);
services.AddSingleton(new StorageNames(string.Empty));
services.AddSingleton(Options.Create(new StorageOptions { ConnectionString = connectionString }));
services.AddSingleton(new TableServiceClient(connectionString));
services.AddSingleton(new BlobServiceClient(connectionString));
services.AddSingleton(new QueueServiceClient(connectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }));
services.AddSingleton(Options.Create(new OutboxOptions { MaxWaiting = maxWaiting }));
services.AddSingleton(Options.Create(new ImportOptions { InvocationBudget = TimeSpan.FromHours(1) }));
services.AddSingleton<EventOutbox>();
services.AddSingleton<OutboxPublisher>();
services.AddHostedService(s => s.GetRequiredService<OutboxPublisher>());
services.AddSingleton<SeizureFilterIndex>();
services.AddSingleton<ICommitFollowUp, SeizureOfficeListing>();
services.AddSingleton<IdempotencyKeys>();
services.AddSingleton<CommitInterruption>();
services.AddSingleton<SeizureStore>();
services.AddSingleton<BlobUploadSas>();
services.AddSingleton<ImportJobStore>();
services.AddSingleton<ImportInterruption>();
services.AddSingleton<ImportCaseNumberClaims>();
services.AddSingleton<ImportProcessor>();
using var host = builder.Build();

var tables = host.Services.GetRequiredService<TableServiceClient>();
foreach (var table in new[] { StorageNames.Tables.Seizures, StorageNames.Tables.SeizureFilters, StorageNames.Tables.Outbox, StorageNames.Tables.ImportJobs, "rawbaseline" })
{
    await tables.CreateTableIfNotExistsAsync(table);
}

await host.Services.GetRequiredService<BlobServiceClient>().CreateBlobContainerAsync(StorageNames.Containers.Imports);
await host.Services.GetRequiredService<QueueServiceClient>().CreateQueueAsync(StorageNames.Queues.SeizureEvents);
await host.StartAsync();

var jobs = host.Services.GetRequiredService<ImportJobStore>();
var processor = host.Services.GetRequiredService<ImportProcessor>();
var publisher = host.Services.GetRequiredService<OutboxPublisher>();
var seizures = tables.GetTableClient(StorageNames.Tables.Seizures);
var raw = tables.GetTableClient("rawbaseline");

ProgressLine.Print($"Import benchmark: {azurite.Describe()}");
ProgressLine.Print(BenchMachine.Describe("before"));
await ImportAsync(500, seed: 1); // warms up the JIT, the connections and Azurite; not reported

// Both imports first, then both baselines: a baseline holds all its entities, and the working set it leaves behind
// would count as the next import's peak.
var imports = new List<(int Rows, string JobId, PhaseResult Import, TimeSpan Publish)>();
foreach (var (rows, seed) in new[] { (small, 2), (count, 3) }.Where(r => r.Item1 > 0))
{
    var (jobId, import) = await ImportAsync(rows, seed);
    var publish = await PublishedAsync(rows);
    var job = await jobs.GetAsync(jobId, CancellationToken.None) ?? throw new InvalidOperationException("The job vanished.");
    if (job.State != ImportStates.Completed || job.Imported != rows)
    {
        throw new InvalidOperationException($"Import {jobId} ended {job.State} with {job.Imported} of {rows} imported ({job.Failed} failed): {job.Error}");
    }

    imports.Add((rows, jobId, import, publish));
}

var results = new List<(int Rows, PhaseResult Import, PhaseResult Raw, TimeSpan Publish)>();
foreach (var (rows, jobId, import, publish) in imports)
{
    var entities = await ImportedEntitiesAsync(jobId);
    var baseline = await PhaseMeter.MeasureAsync("raw batches", () => RawInsertAsync(entities));
    results.Add((rows, import, baseline, publish));
}

Console.WriteLine();
Console.WriteLine($"{"rows",9} {"phase",-14} {"elapsed",9} {"rows/s",9} {"CPU",8} {"peak WS",9} {"peak heap",10} {"peak live",10} {"median live",12}");
foreach (var (rows, import, baseline, publish) in results)
{
    foreach (var phase in new[] { import, baseline })
    {
        Console.WriteLine($"{rows,9:N0} {phase.Name,-14} {phase.Elapsed.TotalSeconds,8:0.0}s {rows / phase.Elapsed.TotalSeconds,9:N0} {phase.Cpu.TotalSeconds,7:0.0}s {BenchFigures.Mb(phase.PeakWorkingSet),9} {BenchFigures.Mb(phase.PeakHeap),10} {(phase.PeakLiveHeap > 0 ? BenchFigures.Mb(phase.PeakLiveHeap) : "-"),10} {(phase.MedianLiveHeap > 0 ? BenchFigures.Mb(phase.MedianLiveHeap) : "-"),12}");
    }

    Console.WriteLine($"{rows,9:N0} {"import / raw",-14} {BenchFigures.Ratio(import.Elapsed.TotalSeconds, baseline.Elapsed.TotalSeconds),9} (rows/s: {BenchFigures.Ratio(baseline.Elapsed.TotalSeconds, import.Elapsed.TotalSeconds)} of raw)");
    Console.WriteLine($"{rows,9:N0} {"events after",-14} {publish.TotalSeconds,8:0.0}s (publishing the events still waiting when the import ended; not in the import's time)");
}

Console.WriteLine($"publisher: at most {publisher.PeakWaiting:N0} events waited in memory (limit {maxWaiting:N0}); {publisher.LeftForRelay:N0} left for the relay");

Console.WriteLine(BenchMachine.Describe("after"));
await host.StopAsync();
return 0;

async Task<(string JobId, PhaseResult Result)> ImportAsync(int rows, int seed)
{
    var (job, _) = await jobs.CreateAsync(ImportFormats.JsonLines, "bench-admin", null, CancellationToken.None);
    var generated = 0L;
    var file = Path.GetTempFileName();
    try
    {
        await using (ProgressLine.Start($"{rows:N0}: generate file", rows, () => generated))
        {
            WriteFile(file, rows, seed, ref generated);
        }

        await using (ProgressLine.Start($"{rows:N0}: upload {new FileInfo(file).Length / 1024d / 1024d:0.0} MB", rows, () => 0L))
        {
            await jobs.Upload(job.PartitionKey).UploadAsync(file, overwrite: true);
        }

        var inspected = await jobs.InspectUploadAsync(job.PartitionKey, CancellationToken.None) ?? throw new InvalidOperationException("Nothing uploaded.");
        job = (await jobs.GetAsync(job.PartitionKey, CancellationToken.None))!;
        (job.State, job.FileBytes, job.FileSha256, job.StartedAt) = (ImportStates.InProgress, inspected.Bytes, inspected.Sha256, DateTimeOffset.UtcNow);
        await jobs.TryUpdateAsync(job, CancellationToken.None);
        var jobId = job.PartitionKey;
        PhaseResult result;
        await using (ProgressLine.Start($"{rows:N0}: import", rows, async () => (await jobs.GetAsync(jobId, CancellationToken.None))?.RowsRead ?? 0))
        {
            result = await PhaseMeter.MeasureAsync("import", async () =>
            {
                await processor.RunAsync(jobId, CancellationToken.None);
                return rows;
            }, liveEvery: TimeSpan.FromSeconds(5));
        }

        return (job.PartitionKey, result);
    }
    finally
    {
        File.Delete(file);
    }
}

static void WriteFile(string path, int rows, int seed, ref long generated)
{
    var factory = new SeizureFactory(seed);
    using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
    for (var i = 0; i < rows; i++)
    {
        var month = string.Create(CultureInfo.InvariantCulture, $"2025-{1 + (i % 12):D2}");
        var line = JsonSerializer.SerializeToNode(factory.Next(month), JsonBody.Options)!.AsObject();
        line["legacyCaseNumber"] = string.Create(CultureInfo.InvariantCulture, $"BENCH/{seed}/{i:D7}");
        writer.Write(line.ToJsonString(JsonBody.Options));
        writer.Write('\n');
        generated = i + 1;
    }
}

// Waits until the publisher has taken every event the import handed over (it runs alongside the import, as in the
// app, and may lag behind it), so that it does not compete with the raw baseline.
async Task<TimeSpan> PublishedAsync(int rows)
{
    var clock = System.Diagnostics.Stopwatch.StartNew();
    await using (ProgressLine.Start($"{rows:N0}: events left to publish", publisher.Waiting, () => (long)publisher.Waiting))
    {
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (publisher.Waiting > 0 && await poll.WaitForNextTickAsync())
        {
        }

        await poll.WaitForNextTickAsync(); // the last batch taken is still being written
    }

    return clock.Elapsed;
}

// The rows the import wrote for the job (records, history rows; markers are deleted once published, so they are
// rebuilt as entities of the same shape): read back once, outside the timed phase, by one paged query per month
// (not a point read per record).
async Task<List<TableEntity>> ImportedEntitiesAsync(string jobId)
{
    var records = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
    var entities = new List<TableEntity>();
    await using (ProgressLine.Start("read the imported entities back", 0, () => (long)entities.Count))
    {
        await foreach (var record in seizures.QueryAsync<TableEntity>($"SourceImportJob eq '{jobId}'"))
        {
            records[SeizureHistoryEntity.RowKeyFor(record.RowKey, 1)] = record;
        }

        foreach (var month in records.Values.Select(r => r.PartitionKey).Distinct())
        {
            await foreach (var row in seizures.QueryAsync<TableEntity>($"PartitionKey eq '{month}'"))
            {
                if (!records.TryGetValue(row.RowKey, out var record))
                {
                    continue;
                }

                var marker = new TableEntity(record.PartitionKey, OutboxEntry.MarkerPrefix + RecordEvent.IdFor(record.RowKey, 1))
                {
                    ["Type"] = RecordEventTypes.SeizureRecorded, ["RecordId"] = record.RowKey, ["Version"] = 1, ["OccurredAt"] = DateTimeOffset.UtcNow,
                    ["Table"] = StorageNames.Tables.Seizures, ["EventPartitionKey"] = record.PartitionKey, ["EventRowKey"] = row.RowKey,
                    ["ListingOffice"] = record.GetString("Office"),
                };
                entities.AddRange([record, row, marker]);
            }
        }
    }

    if (entities.Count != records.Count * 3)
    {
        throw new InvalidOperationException($"Found {entities.Count / 3} history rows for {records.Count} imported records.");
    }

    foreach (var entity in entities)
    {
        entity.ETag = default;
    }

    return entities;
}

async Task<int> RawInsertAsync(List<TableEntity> entities)
{
    var written = 0L;
    await using var progress = ProgressLine.Start("raw batches", entities.Count / 3, () => written / 3);
    foreach (var partition in entities.GroupBy(e => e.PartitionKey))
    {
        foreach (var chunk in partition.Chunk(99))
        {
            await raw.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)));
            written += chunk.Length;
        }
    }

    return entities.Count / 3;
}
