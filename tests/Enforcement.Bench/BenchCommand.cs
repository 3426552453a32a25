using Enforcement.BenchKit;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Enforcement.Functions.Storage;

namespace Enforcement.Bench;

/// <summary>
/// Recording seizures through the API against writing the same entities straight to Table storage, on one in-memory
/// Azurite: how much the API's idempotency, outbox and HTTP cost per record.
/// </summary>
internal static class BenchCommand
{
    private const string SeizuresPath = "/api/seizures";
    private const string NamePrefix = "bench";
    private const string RawTable = "benchrawseizures";
    private const string ApiPhase = "A  API POST /api/seizures";
    private const string RawPhase = "B  raw AddEntityAsync";
    private const string ReplayPhase = "C  A's requests, direct";
    private const string MarkerRange = "RowKey ge '~out|' and RowKey lt '~out}'";

    /// <summary>A bound on the whole run, so that a stuck Azurite cannot keep the benchmark alive.</summary>
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(30);

    public static async Task<int> Main(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }

        using var cancellation = new CancellationTokenSource(RunLimit);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        try
        {
            return await RunAsync(options, cancellation.Token);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Cancelled.");
            return 3;
        }
    }

    private static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Seizure write benchmark: {options.Count} records per phase and round, concurrency {options.Concurrency}, " +
            $"{options.Rounds} round(s), warm-up laps of {options.WarmUp} per phase for at least {options.WarmUpSeconds} s, local triggers {(options.LocalTriggers ? "on" : "off")}"));

        Console.WriteLine(BenchMachine.Describe("before"));
        var samples = new SeizureSamples(options.Seed).Create(options.Rounds * options.Count);

        await using var storage = await PrivateAzurite.StartAsync("bench", cancellationToken);
        Console.WriteLine(storage.Describe());

        await storage.Tables.CreateTableIfNotExistsAsync(RawTable, cancellationToken);
        var raw = storage.Tables.GetTableClient(RawTable);

        await using var app = new BenchWebApp(storage, NamePrefix, "Production", new Dictionary<string, string>
        {
            ["Diagnostics:ServerTiming"] = options.ServerTiming ? "true" : "false",
            ["LocalTriggers:Enabled"] = options.LocalTriggers ? "true" : "false",
        });
        await app.StartAsync(cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"App on {app.Address} ({BuildConfiguration} build)"));

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency })
        {
            BaseAddress = app.Address,
            Timeout = TimeSpan.FromSeconds(60),
        };

        var cpu = new CpuMeter();
        var timing = options.ServerTiming ? new StorageTiming() : null;
        var phases = new List<Phase>
        {
            new(ApiPhase, (batch, offset) => (i, ct) => PostSeizureAsync(http, batch[offset + i], i, timing, ct)),
            new(RawPhase, (batch, offset) => (i, ct) => InsertEntityAsync(raw, batch[offset + i], i, ct)),
        };
        var replay = options.Breakdown ? await WritePathReplay.CreateAsync(storage, Math.Max(options.Count, options.WarmUp), cancellationToken) : null;
        if (replay is not null)
        {
            phases.Add(new(ReplayPhase, (batch, offset) => (i, ct) => replay.WriteAsync(batch[offset + i], i, ct)));
        }

        var (warmUps, warmedUp) = await WarmUpAsync(phases, options, cpu, storage, cancellationToken);

        var results = phases.ToDictionary(p => p.Name, _ => new List<PhaseResult>());
        var publishing = TimeSpan.Zero;
        var replaySteps = WritePathReplay.Steps.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < options.Rounds; round++)
        {
            var offset = round * options.Count;
            // Alternate the order, so that no phase always runs on a fuller Azurite.
            foreach (var phase in round % 2 == 0 ? phases : Enumerable.Reverse(phases))
            {
                results[phase.Name].Add(await LoadPhase.RunAsync(phase.Name, options.Count, options.Concurrency, phase.OperationAt(samples, offset), cpu, cancellationToken));
                if (phase.Name == ApiPhase)
                {
                    publishing += await WaitForPublishingAsync(storage, cancellationToken);
                }
                if (phase.Name == ReplayPhase)
                {
                    for (var step = 0; step < replaySteps.Length; step++)
                    {
                        replaySteps[step].AddRange(replay!.StepLatencies(step, options.Count));
                    }
                }
            }
        }

        var rows = new List<PhaseSummary>();
        if (options.Rounds > 1)
        {
            for (var round = 0; round < options.Rounds; round++)
            {
                rows.AddRange(phases.Select(p => PhaseSummary.Of(string.Create(CultureInfo.InvariantCulture, $"{p.Name[..2]} round {round + 1}"), [results[p.Name][round]])));
            }
        }

        var summaries = phases.Select(p => PhaseSummary.Of(p.Name, results[p.Name])).ToList();
        rows.AddRange(summaries);
        Console.WriteLine();
        BenchReport.PrintTable(rows, cpu.SeesAzurite);
        Console.WriteLine();
        BenchReport.PrintRatios(summaries[0], summaries[1], publishing);
        if (replay is not null)
        {
            Console.WriteLine();
            BenchReport.PrintBreakdown(summaries[0], summaries[2], WritePathReplay.Steps.Zip(replaySteps, (name, latencies) => (name, (IReadOnlyList<double>)latencies)).ToList());
        }

        if (timing is not null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Server-Timing (warm-up included): {timing.RequestsPerResponse:0.00} storage requests and {timing.MillisecondsPerResponse:0.0} ms in storage per record on the request path, " +
                $"plus {timing.AuditMillisecondsPerResponse:0.0} ms waiting for the audit group commit ({timing.Responses} responses)"));
        }

        var all = warmUps.Concat(results.Values.SelectMany(r => r)).ToList();
        var failures = all.Sum(r => r.Failures.Count);
        foreach (var phase in all)
        {
            BenchReport.PrintFailures(phase.Name, phase.Failures);
        }

        Console.WriteLine(BenchMachine.Describe("after"));
        var consistent = await CheckStoredRecordsAsync(storage, raw, samples.Count + warmedUp, options.LocalTriggers, cancellationToken);
        Console.WriteLine(failures == 0 && consistent
            ? "Result: all requests succeeded."
            : string.Create(CultureInfo.InvariantCulture, $"Result: FAILED ({failures} failed requests{(consistent ? string.Empty : ", stored counts differ from what was acknowledged")})."));
        return failures == 0 && consistent ? 0 : 1;
    }

    /// <summary>Laps of every phase until the warm-up time has passed. Warm-up records are fresh ones (idempotency keys
    /// and row keys must not repeat); they are counted in the final checks.</summary>
    private static async Task<(List<PhaseResult> Results, int PerPhase)> WarmUpAsync(
        IReadOnlyList<Phase> phases, BenchOptions options, CpuMeter cpu, PrivateAzurite storage, CancellationToken cancellationToken)
    {
        var results = new List<PhaseResult>();
        var samples = new SeizureSamples(options.Seed + 1);
        var clock = Stopwatch.StartNew();
        var perPhase = 0;
        while (options.WarmUp > 0 && (perPhase == 0 || clock.Elapsed < TimeSpan.FromSeconds(options.WarmUpSeconds)))
        {
            var batch = samples.Create(options.WarmUp);
            foreach (var phase in phases)
            {
                results.Add(await LoadPhase.RunAsync("warm-up " + phase.Name, options.WarmUp, options.Concurrency, phase.OperationAt(batch, 0), cpu, cancellationToken));
                if (phase.Name == ApiPhase)
                {
                    await WaitForPublishingAsync(storage, cancellationToken);
                }
            }

            perPhase += options.WarmUp;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Warm-up: {perPhase} operations per phase in {clock.Elapsed.TotalSeconds:0.0} s"));
        return (results, perPhase);
    }

    /// <summary>A measured phase: given its samples and the index of its first one, the operation to run for each index.</summary>
    private sealed record Phase(string Name, Func<IReadOnlyList<SeizureSample>, int, Func<int, CancellationToken, Task<OperationFailure?>>> OperationAt);

    private static async Task<OperationFailure?> PostSeizureAsync(HttpClient http, SeizureSample sample, int index, StorageTiming? timing, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(SeizuresPath, UriKind.Relative))
        {
            Content = new ByteArrayContent(sample.Body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("Idempotency-Key", sample.IdempotencyKey);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", sample.Token);
        using var response = await http.SendAsync(request, cancellationToken);
        timing?.Add(response);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            return null;
        }

        return new OperationFailure(index, (int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private static async Task<OperationFailure?> InsertEntityAsync(TableClient table, SeizureSample sample, int index, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(sample.Entity, cancellationToken);
            return null;
        }
        catch (RequestFailedException ex)
        {
            return new OperationFailure(index, ex.Status, $"{ex.ErrorCode}: {ex.Message}");
        }
    }

    /// <summary>The app publishes events after its responses: how long after the last 201 its outbox markers are all
    /// cleared (the next phase must not share Azurite with that work, and the time counts against the API).</summary>
    private static async Task<TimeSpan> WaitForPublishingAsync(PrivateAzurite storage, CancellationToken cancellationToken)
    {
        var seizures = storage.Tables.GetTableClient(new StorageNames(NamePrefix).Table(StorageNames.Tables.Seizures));
        var clock = Stopwatch.StartNew();
        while (await CountAsync(seizures, MarkerRange, cancellationToken) > 0 && clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(20, cancellationToken);
        }

        return clock.Elapsed;
    }

    /// <summary>Every 201 must have left exactly one record (no duplicates, none lost), its idempotency marker and
    /// key row, and no outbox marker or entry behind.</summary>
    private static async Task<bool> CheckStoredRecordsAsync(PrivateAzurite storage, TableClient raw, int expected, bool localTriggers, CancellationToken cancellationToken)
    {
        var names = new StorageNames(NamePrefix);
        var records = await CountAsync(storage.Tables.GetTableClient(names.Table(StorageNames.Tables.Seizures)), "RowKey ge 'SZ-' and RowKey lt 'SZ.'", cancellationToken);
        var history = await CountAsync(storage.Tables.GetTableClient(names.Table(StorageNames.Tables.Seizures)), "RowKey ge '~evt|' and RowKey lt '~evt}'", cancellationToken);
        var markers = await CountAsync(storage.Tables.GetTableClient(names.Table(StorageNames.Tables.Seizures)), "RowKey ge '~idem|' and RowKey lt '~idem}'", cancellationToken);
        var unpublished = await CountAsync(storage.Tables.GetTableClient(names.Table(StorageNames.Tables.Seizures)), MarkerRange, cancellationToken);
        var reservations = await CountAsync(storage.Tables.GetTableClient(names.Table(StorageNames.Tables.Idempotency)), null, cancellationToken);
        var pending = await CountAsync(storage.Tables.GetTableClient(names.Table(StorageNames.Tables.Outbox)), null, cancellationToken);
        var rawRows = await CountAsync(raw, null, cancellationToken);
        var queue = new QueueServiceClient(storage.ConnectionString).GetQueueClient(names.Queue(StorageNames.Queues.SeizureEvents));
        var queued = (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Stored (warm-up included, {expected} expected): API records {records}, history rows {history}, idempotency markers {markers}, idempotency key rows {reservations}, " +
            $"outbox markers left {unpublished}, staged outbox entries left {pending}, queued events {queued}{(localTriggers ? " (being consumed)" : string.Empty)}; raw rows {rawRows}"));
        return records == expected && history == expected && markers == expected && reservations == expected && rawRows == expected && pending == 0 && unpublished == 0;
    }

    private static async Task<int> CountAsync(TableClient table, string? filter, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }

#if DEBUG
    private const string BuildConfiguration = "Debug: figures not representative";
#else
    private const string BuildConfiguration = "Release";
#endif
}
