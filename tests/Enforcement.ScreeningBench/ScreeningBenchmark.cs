using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Enforcement.BenchKit;
using Enforcement.Functions.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Enforcement.ScreeningBench;

/// <summary>
/// dotnet run -c Release --project tests/Enforcement.ScreeningBench -- [--suspects 100000] [--entries 10000]
///     [--small-suspects 1000] [--small-entries 100] [--rounds 3] [--warm-up 1]
/// Screens a 400-passenger manifest (4 batches of 100 through POST /api/screening) against a small population, then
/// grows the same tables to the large one and screens the same manifest again; prints p50/p99 per batch and the storage
/// requests per subject (from the app's Server-Timing) for both, and their ratio, next to the emulator's own price for a
/// fixed-size range query on the suspect index at each size (<see cref="EmulatorQueryProbe"/>).
/// </summary>
internal static class ScreeningBenchmark
{
    public static async Task<int> Main(string[] args)
    {
        var suspects = BenchFigures.Argument(args, "--suspects", 100_000);
        var entries = BenchFigures.Argument(args, "--entries", 10_000);
        var smallSuspects = BenchFigures.Argument(args, "--small-suspects", 1_000);
        var smallEntries = BenchFigures.Argument(args, "--small-entries", 100);
        var rounds = BenchFigures.Argument(args, "--rounds", 3);
        var warmUp = BenchFigures.Argument(args, "--warm-up", 1);
        const int Passengers = 400;
        const int BatchSize = 100;

        Say($"Screening benchmark: {Environment.ProcessorCount} cores, load average {BenchMachine.LoadAverage()}");
        await using var storage = await PrivateAzurite.StartAsync("screenbench", CancellationToken.None);
        // Server-Timing counts the storage requests of each request; no local queue listeners (intake matching is not
        // what is measured).
        await using var app = new BenchWebApp(storage, "bench", "Production", new Dictionary<string, string>
        {
            ["Diagnostics:ServerTiming"] = "true",
            ["LocalTriggers:Enabled"] = "false",
            ["Screening:RandomSeed"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)),
        });
        await app.StartAsync(CancellationToken.None);
        // A national analyst sees every hit unredacted: the largest response.
        using var client = app.ClientAs("bench-analyst", "analyst", null, TimeSpan.FromMinutes(10));
        Say($"App on {app.Address}, {storage.Describe()}");

        var list = await PostAsync("/api/watchlists", new JsonObject { ["name"] = "Screening benchmark" });
        var population = new Population(app.Services, list["id"]!.GetValue<string>());
        var manifest = Manifest(Passengers, smallSuspects);

        var suspectIndex = app.Services.GetRequiredService<TableServiceClient>()
            .GetTableClient(app.Services.GetRequiredService<StorageNames>().Table(StorageNames.Tables.SuspectIndex));
        var results = new List<(string Label, List<double> Milliseconds, List<double> RequestsPerSubject, int Matches, ProbeFigures Probe)>();
        // A step on the way to the large population is measured too (and its line printed at once): on a shared machine
        // the large seeding may have to be cut short, and the figures of each completed size stand on their own.
        var sizes = new List<(string Label, int Suspects, int Entries)> { ("small", smallSuspects, smallEntries) };
        if (suspects / 4 > smallSuspects)
        {
            sizes.Add(("quarter", suspects / 4, entries / 4));
        }

        sizes.Add(("large", suspects, entries));
        foreach (var (label, suspectCount, entryCount) in sizes)
        {
            var seeding = Stopwatch.StartNew();
            Say($"Seeding the {label} population: {suspectCount:N0} suspects, {entryCount:N0} watch-list entries");
            await population.GrowSuspectsAsync(suspectCount, Say);
            await population.GrowEntriesAsync(entryCount, Say);
            Say($"Seeded in {seeding.Elapsed.TotalSeconds:0} s; load average {BenchMachine.LoadAverage()}");
            var probe = await EmulatorQueryProbe.MeasureAsync(suspectIndex, 30, CancellationToken.None);
            Say($"Suspect index: {probe}");

            Say($"Screening the manifest ({Passengers} passengers, {Passengers / BatchSize} batches of {BatchSize}): {warmUp} warm-up round(s), {rounds} measured");
            var milliseconds = new List<double>();
            var requests = new List<double>();
            var matches = 0;
            for (var round = 1 - warmUp; round <= rounds; round++)
            {
                foreach (var batch in manifest.Chunk(BatchSize))
                {
                    var (elapsed, storageRequests, matched) = await ScreenAsync(batch);
                    if (round >= 1)
                    {
                        milliseconds.Add(elapsed);
                        requests.Add((double)storageRequests / batch.Length);
                        matches = round == 1 ? matches + matched : matches;
                    }
                }

                Say(round < 1 ? "  warm-up done" : $"  round {round}: last batch {milliseconds[^1]:0} ms, {requests[^1]:0.0} storage requests per subject");
            }

            results.Add((label, milliseconds, requests, matches, probe));
            Say($"RESULT {label}: {suspectCount:N0} suspects, {entryCount:N0} entries: p50 {Percentile(milliseconds, 50):0} ms, p99 {Percentile(milliseconds, 99):0} ms per batch, " +
                $"{requests.Average():0.00} storage requests per subject ({requests.Average() / results[0].RequestsPerSubject.Average():0.00} x small), {matches} subjects matched");
        }

        Console.WriteLine();
        Console.WriteLine($"{"population",-12} {"suspects",9} {"entries",8} {"batches",8} {"p50 ms",8} {"p99 ms",8} {"max ms",8} {"storage req/subject",20} {"subjects matched",17} {"emulator range ms",18}");
        foreach (var ((label, ms, perSubject, matched, probe), (_, suspectCount, entryCount)) in results.Zip(sizes))
        {
            Console.WriteLine($"{label,-12} {suspectCount,9:N0} {entryCount,8:N0} {ms.Count,8} {Percentile(ms, 50),8:0} {Percentile(ms, 99),8:0} {ms.Max(),8:0} " +
                              $"{perSubject.Average(),20:0.00} {matched,17} {probe.RangeQueryMs,18:0.0}");
        }

        var ratio = results[^1].RequestsPerSubject.Average() / results[0].RequestsPerSubject.Average();
        Console.WriteLine();
        Console.WriteLine($"Storage requests per subject, large / small population: {ratio:0.00} ({suspects / (double)smallSuspects:0}x the suspects, {entries / (double)smallEntries:0}x the entries)");
        Console.WriteLine($"p50 latency per batch, large / small: {Percentile(results[^1].Milliseconds, 50) / Percentile(results[0].Milliseconds, 50):0.00}; " +
                          $"the emulator's fixed-size range query on the suspect index, large / small: {BenchFigures.Ratio(results[^1].Probe.RangeQueryMs, results[0].Probe.RangeQueryMs)}; " +
                          $"load average {BenchMachine.LoadAverage()} at the end");
        return ratio <= 1.10 ? 0 : 1;

        async Task<(double Milliseconds, long StorageRequests, int Matched)> ScreenAsync(JsonObject[] batch)
        {
            var body = new JsonObject
            {
                ["context"] = new JsonObject { ["flight"] = "PK301", ["direction"] = "inbound", ["port"] = "PKKHI" },
                ["subjects"] = new JsonArray(batch.Select(s => (JsonNode)s.DeepClone()).ToArray()),
            };
            var watch = Stopwatch.StartNew();
            using var response = await client.PostAsync(new Uri("/api/screening", UriKind.Relative), new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            watch.Stop();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"POST /api/screening answered {(int)response.StatusCode}: {text}");
            }

            var decision = JsonNode.Parse(text)!;
            var matched = decision["results"]!.AsArray().Count(r => r!["hits"]!.AsArray().Any(h => h!["match"]!.GetValue<bool>()));
            return (watch.Elapsed.TotalMilliseconds, StorageRequests(response), matched);
        }

        // Server-Timing: storage;dur=12.3;desc="57 requests" (the app counts every storage request of the request).
        static long StorageRequests(HttpResponseMessage response)
        {
            foreach (var metric in response.Headers.GetValues("Server-Timing").SelectMany(v => v.Split(',')).Select(m => m.Trim()))
            {
                if (metric.StartsWith("storage;", StringComparison.Ordinal) && metric.Split("desc=\"")[^1].Split(' ')[0] is var n
                    && long.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var requests))
                {
                    return requests;
                }
            }

            throw new InvalidOperationException("No storage metric in Server-Timing.");
        }

        async Task<JsonObject> PostAsync(string path, JsonObject body)
        {
            using var response = await client.PostAsync(new Uri(path, UriKind.Relative), new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            return response.IsSuccessStatusCode ? JsonNode.Parse(text)!.AsObject() : throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        }

        // 400 passengers with names from the same pools as the suspects (so every name lookup lands in populated index
        // partitions); every 40th is a seeded suspect of the small population (same name, date of birth and passport).
        static JsonObject[] Manifest(int count, int smallSuspects) => Enumerable.Range(0, count).Select(j =>
        {
            var suspect = j % 40 == 0 ? (j / 40 * 97) % smallSuspects : -1;
            var n = suspect >= 0 ? suspect : 1_000_003 + (j * 7_907);
            return new JsonObject
            {
                ["key"] = string.Create(CultureInfo.InvariantCulture, $"pax-{j:D3}"),
                ["type"] = "person",
                ["name"] = Population.NameOf(n),
                ["dateOfBirth"] = Population.BirthDateOf(n),
                ["nationality"] = "PK",
                ["documentNumber"] = suspect >= 0 ? Population.DocumentOf(suspect) : string.Create(CultureInfo.InvariantCulture, $"PX{j:D7}"),
            };
        }).ToArray();

        static double Percentile(List<double> values, int percentile)
        {
            var sorted = values.Order().ToList();
            var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
            return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
        }

        static void Say(string line)
        {
            Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");
            Console.Out.Flush();
        }

    }
}
