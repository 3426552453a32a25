using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Azure.Data.Tables;
using Enforcement.BenchKit;
using Enforcement.Functions.Events;
using Enforcement.Functions.Storage;
using Enforcement.Functions.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Enforcement.WebhookBench;

/// <summary>
/// Webhook deliveries per second to a local receiver: (A) the whole pipeline, from a record event on the queue through
/// the fan-out, the delivery queue and the signed POST, against (B) the same signed envelopes POSTed with a raw
/// HttpClient to the same receiver in the same run. The receiver verifies every signature in both phases.
/// </summary>
internal static class WebhookBenchCommand
{
    private const string EventType = RecordEventTypes.FeedPublished;
    private const int IdleEvents = 20;
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(20);

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
        var deliveries = options.Events * options.Subscriptions;
        Console.WriteLine(Invariant($"Webhook delivery benchmark: {options.Events} events x {options.Subscriptions} subscriptions = {deliveries} deliveries per phase, raw concurrency {options.Concurrency}, warm-up {options.WarmUp}"));
        Console.WriteLine(BenchMachine.Describe("before"));

        await using var azurite = await PrivateAzurite.StartAsync("whbench", cancellationToken);
        await using var receiver = await BenchReceiver.StartAsync();
        // Development, because only there may webhooks reach 127.0.0.1 over http (Webhooks:AllowPrivateNetworkTargets).
        await using var app = new BenchWebApp(azurite, "whbench", "Development", new Dictionary<string, string>
        {
            ["Diagnostics:ServerTiming"] = "false",
            ["LocalTriggers:Enabled"] = "true",
            ["LocalTriggers:MaxPollingInterval"] = "00:00:00.100",
            ["Webhooks:AllowPrivateNetworkTargets"] = "true",
        });
        await app.StartAsync(cancellationToken);
        Console.WriteLine(Invariant($"{azurite.Describe()}; app on {app.Address}; receiver on {receiver.BaseAddress}"));

        var store = app.Services.GetRequiredService<WebhookSubscriptionStore>();
        var subscriptions = new List<BenchSubscription>();
        for (var i = 0; i < options.Subscriptions; i++)
        {
            var name = Invariant($"pipeline-{i}");
            var valid = new ValidSubscription(receiver.UrlFor(name), [EventType], [], [], "benchmark", WebhookScopes.NonNominal, Active: true);
            var (entity, secret) = await store.CreateAsync("partner-bench", valid, _ => Task.CompletedTask, cancellationToken);
            receiver.Register(name, secret);
            receiver.Register(Invariant($"raw-{i}"), secret);
            subscriptions.Add(new BenchSubscription(entity, secret, name));
        }

        var outbox = app.Services.GetRequiredService<EventOutbox>();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, UseProxy = false, AllowAutoRedirect = false })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };

        if (options.WarmUp > 0)
        {
            var warmUpEvents = Math.Max(1, options.WarmUp / options.Subscriptions);
            await PipelineAsync("warm-up", warmUpEvents, subscriptions, outbox, receiver, options.Concurrency, cancellationToken);
            await RawAsync("warm-up", warmUpEvents * options.Subscriptions, subscriptions, receiver, http, options.Concurrency, cancellationToken);
        }

        var requestsBefore = StorageRequestCounter.Total;
        var pipeline = await PipelineAsync("A", options.Events, subscriptions, outbox, receiver, options.Concurrency, cancellationToken);
        var warmUpDeliveries = options.WarmUp > 0 ? Math.Max(1, options.WarmUp / options.Subscriptions) * options.Subscriptions : 0;
        var checkRequests = await WaitUntilLoggedAsync(app, subscriptions.Select(s => s.Entity.RowKey).ToList(), warmUpDeliveries + deliveries, cancellationToken);
        var requestsPerDelivery = (double)(StorageRequestCounter.Total - requestsBefore - checkRequests) / pipeline.Count;
        var raw = await RawAsync("B", deliveries, subscriptions, receiver, http, options.Concurrency, cancellationToken);
        var idle = new List<PhaseResult>();
        for (var i = 0; i < IdleEvents; i++)
        {
            idle.Add(await PipelineAsync("C", 1, subscriptions, outbox, receiver, 1, cancellationToken));
        }

        var oneAtATime = new PhaseResult("C  pipeline, one event at a time (latency)", idle.Sum(p => p.Count),
            idle.Aggregate(TimeSpan.Zero, (total, p) => total + p.Elapsed), idle.SelectMany(p => p.Latencies).ToList());

        Console.WriteLine();
        Console.WriteLine(Invariant($"{"phase",-48} {"deliveries",10} {"seconds",8} {"per s",8} {"p50 ms",8} {"p90 ms",8} {"p99 ms",8}"));
        foreach (var phase in new[] { pipeline, raw, oneAtATime })
        {
            Console.WriteLine(Invariant($"{phase.Name,-48} {phase.Count,10} {phase.Seconds,8:0.00} {phase.Rate,8:0.0} {phase.Percentile(50),8:0.0} {phase.Percentile(90),8:0.0} {phase.Percentile(99),8:0.0}"));
        }

        Console.WriteLine();
        Console.WriteLine(Invariant($"Pipeline/raw: {pipeline.Rate / raw.Rate:0.000} of the raw rate ({raw.Rate / pipeline.Rate:0.0}x slower); latency p50 {pipeline.Percentile(50) / raw.Percentile(50):0.0}x"));
        Console.WriteLine(Invariant($"Storage requests per delivery in A: {requestsPerDelivery:0.00} (every Table and Queue request the app sent from the first event queued until every attempt's outcome was logged, idle queue polling included, / {pipeline.Count} deliveries)"));
        Console.WriteLine("Latency of A and C runs from putting the event on the queue to the receiver's first sight of the delivery (A's includes");
        Console.WriteLine("waiting behind the whole burst); B's is one POST. C's rate is not a throughput: it waits for each event before the next.");

        var settled = await CountSucceededAsync(app, subscriptions.Select(s => s.Entity.RowKey), cancellationToken);
        Console.WriteLine(BenchMachine.Describe("after"));
        var expected = deliveries + (IdleEvents * options.Subscriptions) + warmUpDeliveries;
        var ok = receiver.Rejected == 0 && pipeline.Count == deliveries && settled == expected;
        Console.WriteLine(ok
            ? Invariant($"Result: every delivery arrived once, signed correctly, and is logged as succeeded ({settled} rows).")
            : Invariant($"Result: FAILED ({receiver.Rejected} signatures rejected, {settled} of {expected} deliveries logged as succeeded)."));
        return ok ? 0 : 1;
    }

    /// <summary>Waits, from stored state, until every delivery so far is logged as succeeded (outcomes are written after
    /// the POST), and returns how many storage requests the checking itself made, so they are not counted against A.</summary>
    private static async Task<long> WaitUntilLoggedAsync(BenchWebApp app, List<string> subscriptionIds, int expected, CancellationToken cancellationToken)
    {
        var own = 0L;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            var before = StorageRequestCounter.Total;
            var logged = await CountSucceededAsync(app, subscriptionIds, cancellationToken);
            own += StorageRequestCounter.Total - before;
            if (logged >= expected || DateTime.UtcNow > deadline)
            {
                return own;
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Puts the events on the record event queue (as a write's outbox would) and waits until the receiver has
    /// seen every delivery they fan out to.</summary>
    private static async Task<PhaseResult> PipelineAsync(string label, int events, List<BenchSubscription> subscriptions,
        EventOutbox outbox, BenchReceiver receiver, int concurrency, CancellationToken cancellationToken)
    {
        var queuedAt = new System.Collections.Concurrent.ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var runId = Guid.NewGuid().ToString("N")[..8];
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, events), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var recordId = Invariant($"FD-{runId}-{i:D6}");
                var recordEvent = new RecordEvent(RecordEvent.IdFor(recordId, 1), EventType, recordId, 1, DateTimeOffset.UtcNow);
                var at = Stopwatch.GetTimestamp();
                await outbox.EnqueueAsync(recordEvent, ct);
                foreach (var (entity, _, name) in subscriptions)
                {
                    queuedAt[name + "|" + WebhookKeys.DeliveryId(recordEvent.EventId, recordEvent.OccurredAt, entity.RowKey)] = at;
                }
            });

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60 + (queuedAt.Count / 5));
        while (queuedAt.Keys.Any(k => !receiver.Arrivals.ContainsKey(k)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(Invariant($"{label}: {queuedAt.Keys.Count(receiver.Arrivals.ContainsKey)} of {queuedAt.Count} deliveries arrived in time."));
            }

            await Task.Delay(20, cancellationToken);
        }

        var arrivals = queuedAt.Select(q => (Queued: q.Value, Arrived: receiver.Arrivals[q.Key])).ToList();
        var finished = arrivals.Max(a => a.Arrived);
        return new PhaseResult(Invariant($"{label}  pipeline: event queue -> fan-out -> delivery"), arrivals.Count,
            Stopwatch.GetElapsedTime(started, finished), arrivals.Select(a => Stopwatch.GetElapsedTime(a.Queued, a.Arrived).TotalMilliseconds).ToList());
    }

    /// <summary>The same envelopes, signed the same way, POSTed straight to the receiver at a fixed concurrency.</summary>
    private static async Task<PhaseResult> RawAsync(string label, int count, List<BenchSubscription> subscriptions,
        BenchReceiver receiver, HttpClient http, int concurrency, CancellationToken cancellationToken)
    {
        var runId = Guid.NewGuid().ToString("N")[..8];
        var latencies = new double[count];
        var failures = 0;
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var (entity, secret, _) = subscriptions[i % subscriptions.Count];
                var recordId = Invariant($"FD-{runId}-{i:D6}");
                var delivery = new WebhookDeliveryEntity
                {
                    PartitionKey = entity.RowKey,
                    RowKey = WebhookKeys.DeliveryId(RecordEvent.IdFor(recordId, 1), DateTimeOffset.UtcNow, entity.RowKey),
                    EventType = EventType,
                    RecordId = recordId,
                    Version = 1,
                    OccurredAt = DateTimeOffset.UtcNow,
                };
                var body = WebhookPayloads.Envelope(delivery, entity.Scope, null);
                var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                using var request = new HttpRequestMessage(HttpMethod.Post, receiver.UrlFor(Invariant($"raw-{i % subscriptions.Count}"))) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Add("webhook-id", delivery.RowKey);
                request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
                request.Headers.Add("webhook-signature", WebhookSecrets.Sign(delivery.RowKey, timestamp, body, [secret]));
                var at = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                latencies[i] = Stopwatch.GetElapsedTime(at).TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }
            });
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (failures > 0)
        {
            throw new InvalidOperationException(Invariant($"{label}: {failures} raw POSTs failed."));
        }

        return new PhaseResult(Invariant($"{label}  raw HttpClient POST, same signed envelopes"), count, elapsed, latencies);
    }

    private static async Task<int> CountSucceededAsync(BenchWebApp app, IEnumerable<string> subscriptionIds, CancellationToken cancellationToken)
    {
        var names = app.Services.GetRequiredService<StorageNames>();
        var table = app.Services.GetRequiredService<TableServiceClient>().GetTableClient(names.Table(StorageNames.Tables.Deliveries));
        var succeeded = 0;
        foreach (var id in subscriptionIds)
        {
            await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == id, select: ["Status"], cancellationToken: cancellationToken))
            {
                succeeded += row.GetString("Status") == DeliveryStatuses.Succeeded ? 1 : 0;
            }
        }

        return succeeded;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record BenchSubscription(WebhookSubscriptionEntity Entity, string Secret, string Name);

    private sealed record PhaseResult(string Name, int Count, TimeSpan Elapsed, IReadOnlyList<double> Latencies)
    {
        public double Seconds => Elapsed.TotalSeconds;

        public double Rate => Count / Elapsed.TotalSeconds;

        public double Percentile(int p)
        {
            var sorted = Latencies.Order().ToList();
            return sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
        }
    }
}
