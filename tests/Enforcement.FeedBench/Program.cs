using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Enforcement.BenchKit;
using Enforcement.FeedBench;
using Enforcement.Functions.Events;
using Enforcement.Functions.Feeds;
using Enforcement.Functions.Hosting.DevelopmentStorage;
using Enforcement.Functions.Seizures;
using Enforcement.Functions.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

// dotnet run -c Release --project tests/Enforcement.FeedBench -- [--count 100000] [--small 10000]
// Seeds a month of --count seizures (and one of --small, to show memory does not grow with the month) straight
// through the Table SDK into a private in-memory Azurite, then times a raw scan of each partition and the feed build.
var count = BenchFigures.Argument(args, "--count", 100_000);
var small = BenchFigures.Argument(args, "--small", 10_000);
const int Concurrency = 8;

await using var azurite = await PrivateAzurite.StartAsync("feedbench", CancellationToken.None);
var connectionString = azurite.ConnectionString;

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(new StorageNames(string.Empty));
builder.Services.AddSingleton(new TableServiceClient(connectionString));
builder.Services.AddSingleton(new BlobServiceClient(connectionString));
builder.Services.AddSingleton(new QueueServiceClient(connectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }));
builder.Services.AddSingleton(Options.Create(new OutboxOptions()));
builder.Services.AddSingleton<EventOutbox>();
builder.Services.AddSingleton(Options.Create(new FeedOptions { PseudonymKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }));
builder.Services.AddFeedServices();
using var host = builder.Build();

var tables = host.Services.GetRequiredService<TableServiceClient>();
await tables.CreateTableIfNotExistsAsync(StorageNames.Tables.Seizures);
await tables.CreateTableIfNotExistsAsync(StorageNames.Tables.Feeds);
await host.Services.GetRequiredService<BlobServiceClient>().CreateBlobContainerAsync(StorageNames.Containers.Feeds);
await host.Services.GetRequiredService<QueueServiceClient>().CreateQueueAsync(StorageNames.Queues.SeizureEvents);
var seizures = tables.GetTableClient(StorageNames.Tables.Seizures);
var feedBuilder = host.Services.GetRequiredService<FeedBuilder>();

Console.WriteLine($"Feed benchmark: {azurite.Describe()}");
Console.WriteLine(BenchMachine.Describe("before"));
var months = new List<(string Month, int Count)> { ("2024-12", 1_000) };
if (small > 0)
{
    months.Add(("2025-01", small));
}

months.Add(("2025-02", count));
foreach (var (month, seizureCount) in months)
{
    var seeded = await SeedAsync(month, seizureCount);
    Console.WriteLine($"Seeded {seizureCount:N0} seizures into {month} in {seeded.TotalSeconds:0.0} s ({seizureCount / seeded.TotalSeconds:N0}/s, batches of 100)");
}

// The 1,000-seizure month warms up the JIT, the connections and Azurite; it is not reported.
await RawScanAsync("2024-12", parse: true);
await feedBuilder.BuildAsync("2024-12", CancellationToken.None);

// Timed passes first (the build being the month's first, as in production), then the memory passes, where the build is
// a rebuild of the unchanged month: the same scan and uploads, after which its files are removed unpublished.
var results = new List<(string Month, PhaseResult Raw, PhaseResult Parsed, PhaseResult Build)>();
foreach (var (month, _) in months.Skip(1))
{
    var raw = await PhaseMeter.MeasureAsync("raw scan", () => RawScanAsync(month, parse: false));
    var parsed = await PhaseMeter.MeasureAsync("raw scan + parse", () => RawScanAsync(month, parse: true));
    var build = await PhaseMeter.MeasureAsync("feed build", async () =>
    {
        var outcomes = await feedBuilder.BuildAsync(month, CancellationToken.None) ?? throw new InvalidOperationException("The month is locked.");
        return outcomes.Single(o => o.Scope == FeedScopes.National).RecordCount;
    });
    raw.PeakLiveHeap = await PhaseMeter.MeasureLiveAsync(() => RawScanAsync(month, parse: false));
    parsed.PeakLiveHeap = await PhaseMeter.MeasureLiveAsync(() => RawScanAsync(month, parse: true));
    build.PeakLiveHeap = await PhaseMeter.MeasureLiveAsync(async () => (await feedBuilder.BuildAsync(month, CancellationToken.None))!.Count);
    results.Add((month, raw, parsed, build));
}

Console.WriteLine();
Console.WriteLine($"{"month",-8} {"phase",-17} {"records",9} {"elapsed",9} {"records/s",10} {"CPU",7} {"peak heap",10} {"live heap",10} {"allocated",10} {"peak WS",9}");
foreach (var (month, raw, parsed, build) in results)
{
    foreach (var phase in new[] { raw, parsed, build })
    {
        Console.WriteLine($"{month,-8} {phase.Name,-17} {phase.Records,9:N0} {phase.Elapsed.TotalSeconds,8:0.00}s {phase.Records / phase.Elapsed.TotalSeconds,10:N0} {phase.Cpu.TotalSeconds,6:0.00}s " +
                          $"{BenchFigures.Mb(phase.PeakHeap),10} {BenchFigures.Mb(phase.PeakLiveHeap),10} {BenchFigures.Mb(phase.Allocated),10} {BenchFigures.Mb(phase.PeakWorkingSet),9}");
    }

    Console.WriteLine($"{month,-8} {"build / raw",-17} {"",9} {BenchFigures.Ratio(build.Elapsed.TotalSeconds, raw.Elapsed.TotalSeconds),9} {"",10} {BenchFigures.Ratio(build.Cpu.TotalSeconds, raw.Cpu.TotalSeconds),7} " +
                      $"{BenchFigures.Ratio(build.PeakHeap, raw.PeakHeap),10} {BenchFigures.Ratio(build.PeakLiveHeap, raw.PeakLiveHeap),10} {BenchFigures.Ratio(build.Allocated, raw.Allocated),10} {BenchFigures.Ratio(build.PeakWorkingSet, raw.PeakWorkingSet),9}");
    Console.WriteLine($"{month,-8} {"build / parse",-17} {"",9} {BenchFigures.Ratio(build.Elapsed.TotalSeconds, parsed.Elapsed.TotalSeconds),9} {"",10} {BenchFigures.Ratio(build.Cpu.TotalSeconds, parsed.Cpu.TotalSeconds),7} " +
                      $"{BenchFigures.Ratio(build.PeakHeap, parsed.PeakHeap),10} {BenchFigures.Ratio(build.PeakLiveHeap, parsed.PeakLiveHeap),10} {BenchFigures.Ratio(build.Allocated, parsed.Allocated),10} {BenchFigures.Ratio(build.PeakWorkingSet, parsed.PeakWorkingSet),9}");
}

var totals = await FeedSizesAsync(months[^1].Month);
Console.WriteLine();
Console.WriteLine($"Feed files of {months[^1].Month}: {totals}");
Console.WriteLine(BenchMachine.Describe("after"));
return 0;

async Task<TimeSpan> SeedAsync(string month, int seizureCount)
{
    var factory = new SeizureFactory(month.GetHashCode(StringComparison.Ordinal));
    var watch = System.Diagnostics.Stopwatch.StartNew();
    var inFlight = new List<Task>();
    for (var done = 0; done < seizureCount; done += 100)
    {
        var batch = new List<TableTransactionAction>(100);
        for (var i = 0; i < Math.Min(100, seizureCount - done); i++)
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Add, Entity(month, factory.Next(month))));
        }

        inFlight.Add(seizures.SubmitTransactionAsync(batch));
        if (inFlight.Count >= Concurrency)
        {
            var finished = await Task.WhenAny(inFlight);
            await finished;
            inFlight.Remove(finished);
        }
    }

    await Task.WhenAll(inFlight);
    return watch.Elapsed;
}

static SeizureEntity Entity(string month, SeizureFacts facts)
{
    var now = DateTimeOffset.UtcNow;
    var seizedAt = DateTimeOffset.Parse(facts.SeizedAt!, CultureInfo.InvariantCulture);
    var id = SeizureId.New(month, now);
    return new SeizureEntity
    {
        PartitionKey = id.PartitionKey,
        RowKey = id.RowKey,
        Facts = SeizureStore.Serialize(facts),
        Version = 1,
        RecordedAt = now,
        UpdatedAt = now,
        SeizedAtUtc = seizedAt.ToUniversalTime(),
        Office = facts.Office!,
        RecordedBy = "officer-" + facts.Office,
        UpdatedBy = "officer-" + facts.Office,
    };
}

// The same query as the build (the month's seizure rows, RowKey and Facts only), doing nothing but reading Facts.
async Task<int> RawScanAsync(string month, bool parse)
{
    var filter = TableClient.CreateQueryFilter<SeizureEntity>(e => e.PartitionKey == month && e.RowKey.CompareTo("SZ-") >= 0 && e.RowKey.CompareTo("SZ.") < 0);
    var records = 0;
    long characters = 0;
    await foreach (var entity in seizures.QueryAsync<SeizureEntity>(filter, 1000, [nameof(SeizureEntity.RowKey), nameof(SeizureEntity.Facts)]))
    {
        characters += parse ? SeizureMapping.ReadFacts(entity).Items!.Count : entity.Facts.Length;
        records++;
    }

    return characters > 0 ? records : 0;
}

async Task<string> FeedSizesAsync(string month)
{
    var container = host.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(StorageNames.Containers.Feeds);
    long json = 0, csv = 0;
    var files = 0;
    await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, null, CancellationToken.None))
    {
        if (blob.Name.Contains($"/{month}/", StringComparison.Ordinal))
        {
            files++;
            json += blob.Name.EndsWith(".json", StringComparison.Ordinal) && blob.Name.Contains("seizures", StringComparison.Ordinal) ? blob.Properties.ContentLength ?? 0 : 0;
            csv += blob.Name.EndsWith(".csv", StringComparison.Ordinal) ? blob.Properties.ContentLength ?? 0 : 0;
        }
    }

    return $"{files} blobs over 7 scopes, seizures.json {BenchFigures.Mb(json)} and seizures.csv {BenchFigures.Mb(csv)} in total";
}
