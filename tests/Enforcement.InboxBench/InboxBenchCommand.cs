using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Enforcement.BenchKit;
using Enforcement.Functions.Groups;
using Enforcement.Functions.Hosting.DevelopmentStorage;
using Enforcement.Functions.Inbox;
using Enforcement.Functions.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Enforcement.InboxBench;

// dotnet run -c Release --project tests/Enforcement.InboxBench -- [--small 100] [--large 100000] [--calls 200]
// One caller (an officer of PKKHI-APFT) in an operation group of their office. The group is made and its first
// message sent through the API (the app fans it out itself); the rest are written straight to the tables with batch
// transactions, as the same rows the app writes (message + send claim in "groups", inbox row + dedupe marker per
// recipient key in "inbox"). Then, with --small and then --large messages in the group, it times --calls inbox calls
// GET /api/inbox?after=<cursor>&limit=50 (the cursor 50 items before the newest, so every call returns a full page)
// and counts each call's storage requests from the app's own Server-Timing header.
internal static class InboxBenchCommand
{
    public static async Task<int> Main(string[] args)
    {
        var small = BenchFigures.Argument(args, "--small", 100);
        var large = BenchFigures.Argument(args, "--large", 100_000);
        var calls = BenchFigures.Argument(args, "--calls", 200);
        const int Page = 50;
        const int WarmUpCalls = 20;
        const int Concurrency = 8;
        if (small < 2 * Page || large < small)
        {
            Console.Error.WriteLine($"--small must be at least {2 * Page} (the calls read from cursors at least a page deep) and --large at least --small.");
            return 2;
        }

        await using var azurite = await PrivateAzurite.StartAsync("inboxbench", CancellationToken.None);
        // Server-Timing reports the storage requests of each call; the local queue listeners fan the messages out.
        await using var app = new BenchWebApp(azurite, "inboxbench", "Development", new Dictionary<string, string>
        {
            ["Diagnostics:ServerTiming"] = "true",
            ["LocalTriggers:Enabled"] = "true",
            ["LocalTriggers:MaxPollingInterval"] = "00:00:00.200",
        });
        await app.StartAsync(CancellationToken.None);
        var names = app.Services.GetRequiredService<StorageNames>();
        var tableService = app.Services.GetRequiredService<TableServiceClient>();

        var groupsTable = tableService.GetTableClient(names.Table(StorageNames.Tables.Groups));
        var inboxTable = tableService.GetTableClient(names.Table(StorageNames.Tables.Inbox));
        using var owner = app.ClientAs("bench-analyst", "analyst", null, TimeSpan.FromMinutes(10));
        using var officer = app.ClientAs("bench-officer", "officer", "PKKHI-APFT", TimeSpan.FromMinutes(10));
        Say($"Inbox benchmark: {azurite.Describe()}");
        Say(BenchMachine.Describe("before"));

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var created = await owner.PostAsJsonAsync("/api/groups", new JsonObject
        {
            ["name"] = "Operation Inbox Bench", ["purpose"] = "Measures the inbox.", ["startsOn"] = today, ["endsOn"] = DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["defaultHandling"] = "H1", ["languages"] = new JsonArray("en"), ["members"] = new JsonObject { ["offices"] = new JsonArray("PKKHI-APFT") },
        });
        var groupId = (await Created(created))["id"]!.GetValue<string>();
        var sent = await owner.PutAsJsonAsync($"/api/groups/{groupId}/messages/bench-0", new JsonObject
        {
            ["text"] = "Container CSQU3054383 flagged at the terminal; please check the reefer floor.", ["priority"] = "routine",
            ["evaluation"] = new JsonObject { ["source"] = "B", ["accuracy"] = 2 },
        });
        var templateId = (await Created(sent))["id"]!.GetValue<string>();
        var template = (await groupsTable.GetEntityAsync<GroupMessageEntity>(groupId, GroupMessageEntity.Prefix + templateId)).Value;
        var members = new List<GroupMemberEntity>();
        await foreach (var member in groupsTable.QueryAsync<GroupMemberEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {groupId} and RowKey ge {GroupMemberEntity.Prefix} and RowKey lt {"member}"}")))
        {
            members.Add(member);
        }

        var recipients = GroupMessages.RecipientKeysOf(template, members);
        var callerKey = RecipientKeys.Office("PKKHI-APFT");
        var callerCursors = new List<string>();

        // The app's own fan-out (queue "inbox-fanout", local listener) delivers the first message; the inbox's long
        // poll answers as soon as it lands, so no sleep is needed to wait for it.
        using (var firstPage = await officer.GetAsync("/api/inbox?wait=30"))
        {
            var page = await firstPage.Content.ReadFromJsonAsync<JsonObject>();
            if (firstPage.StatusCode != HttpStatusCode.OK || page?["items"] is not JsonArray { Count: > 0 })
            {
                throw new InvalidOperationException($"The first message never reached the inbox ({(int)firstPage.StatusCode}).");
            }
        }

        await foreach (var row in inboxTable.QueryAsync<InboxEntryEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {callerKey} and RowKey lt {"~"}")))
        {
            callerCursors.Add(row.RowKey);
        }

        Say($"Group {groupId}: members {string.Join(", ", members.Select(m => m.Key))}; each message is delivered to {recipients.Count} inbox partitions");
        var results = new List<PhaseResult>();
        var total = 1;
        foreach (var target in new[] { small, large })
        {
            var seeding = Stopwatch.StartNew();
            await SeedAsync(target - total, total);
            Say($"Seeded the group up to {target:N0} messages in {seeding.Elapsed.TotalSeconds:0.0} s ({(target - total) / Math.Max(0.001, seeding.Elapsed.TotalSeconds):N0}/s)");
            total = target;
            results.Add(await MeasureAsync(target));
        }

        Say(string.Empty);
        Say($"{"messages",10} {"calls",6} {"items/call",10} {"storage req/call",17} {"min..max",9} {"p50 ms",8} {"p99 ms",8} {"mean ms",8} {"emulator range ms",18}");
        foreach (var r in results)
        {
            Say($"{r.Messages,10:N0} {r.Calls,6} {r.Items,10:0.0} {r.Requests.Average(),17:0.0} {r.Requests.Min() + ".." + r.Requests.Max(),9} {r.Percentile(50),8:0.0} {r.Percentile(99),8:0.0} {r.Latencies.Average(),8:0.0} {r.Probe.RangeQueryMs,18:0.0}");
        }

        var (first, last) = (results[0], results[^1]);
        Say($"ratio {last.Messages:N0}/{first.Messages:N0}: storage requests per call {last.Requests.Average() / first.Requests.Average():0.00}x, " +
            $"p50 {last.Percentile(50) / first.Percentile(50):0.00}x, p99 {last.Percentile(99) / first.Percentile(99):0.00}x; " +
            $"the emulator's fixed-size range query on the inbox table {BenchFigures.Ratio(last.Probe.RangeQueryMs, first.Probe.RangeQueryMs)}; load average {BenchMachine.LoadAverage()} at the end");
        return 0;

        async Task SeedAsync(int count, int offset)
        {
            var inFlight = new List<Task>();
            for (var done = 0; done < count; done += Page)
            {
                var messageRows = new List<TableTransactionAction>(2 * Page);
                var inboxRows = recipients.ToDictionary(r => r, _ => new List<TableTransactionAction>(2 * Page), StringComparer.Ordinal);
                for (var i = 0; i < Math.Min(Page, count - done); i++)
                {
                    var now = DateTimeOffset.UtcNow;
                    var clientMessageId = $"bench-{offset + done + i}";
                    var message = new GroupMessageEntity
                    {
                        PartitionKey = groupId, RowKey = GroupMessageEntity.Prefix + Cursors.Next(now), ClientMessageId = clientMessageId, Sender = template.Sender,
                        SenderOffice = template.SenderOffice, SentAt = now, Content = template.Content, RequestHash = template.RequestHash, Handling = template.Handling,
                        Priority = template.Priority, RequestAck = template.RequestAck,
                    };
                    var claimKey = $"c|{RecipientKeys.User(template.Sender)}|{Sha256Hex.Of(clientMessageId)[..32]}";
                    messageRows.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(groupId, claimKey) { ["Message"] = message.RowKey }));
                    messageRows.Add(new TableTransactionAction(TableTransactionActionType.Add, message));
                    var itemId = $"{groupId}/{message.MessageId}";
                    var marker = InboxEntryEntity.MarkerPrefix + Sha256Hex.Of(InboxKinds.Message + "|" + itemId)[..32];
                    foreach (var recipient in recipients)
                    {
                        var row = new InboxEntryEntity { PartitionKey = recipient, RowKey = Cursors.Next(now), Kind = InboxKinds.Message, ItemId = itemId, DeliveredAt = now };
                        inboxRows[recipient].Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(recipient, marker) { ["Cursor"] = row.RowKey }));
                        inboxRows[recipient].Add(new TableTransactionAction(TableTransactionActionType.Add, row));
                        if (recipient == callerKey)
                        {
                            callerCursors.Add(row.RowKey);
                        }
                    }
                }

                inFlight.Add(groupsTable.SubmitTransactionAsync(messageRows));
                inFlight.AddRange(inboxRows.Values.Select(rows => inboxTable.SubmitTransactionAsync(rows)));
                while (inFlight.Count >= Concurrency)
                {
                    var finished = await Task.WhenAny(inFlight);
                    await finished;
                    inFlight.Remove(finished);
                }

                if ((done / Page) % 200 == 199)
                {
                    Say($"  … {offset + done + Page:N0} messages");
                }
            }

            await Task.WhenAll(inFlight);
        }

        async Task<PhaseResult> MeasureAsync(int messages)
        {
            var cursor = callerCursors[^(Page + 1)];
            var url = $"/api/inbox?after={cursor}&limit={Page}";
            for (var i = 0; i < WarmUpCalls; i++)
            {
                await CallAsync(url);
            }

            var result = new PhaseResult(messages, await EmulatorQueryProbe.MeasureAsync(inboxTable, 30, CancellationToken.None));
            for (var i = 0; i < calls; i++)
            {
                var (elapsed, requests, items) = await CallAsync(url);
                result.Latencies.Add(elapsed.TotalMilliseconds);
                result.Requests.Add(requests);
                result.ItemCounts.Add(items);
            }

            Say($"{messages:N0} messages: {calls} calls, {result.Items:0.0} items per call, {result.Requests.Average():0.0} storage requests per call, " +
                $"p50 {result.Percentile(50):0.0} ms, p99 {result.Percentile(99):0.0} ms; inbox table {result.Probe}");
            return result;
        }

        async Task<(TimeSpan Elapsed, int Requests, int Items)> CallAsync(string url)
        {
            var watch = Stopwatch.StartNew();
            using var response = await officer.GetAsync(url);
            var body = await response.Content.ReadFromJsonAsync<JsonObject>();
            watch.Stop();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}: {body}");
            }

            var timing = string.Join(", ", response.Headers.TryGetValues("Server-Timing", out var values) ? values : []);
            var requests = Regex.Match(timing, "storage;[^,]*desc=\"(\\d+) requests\"") is { Success: true } match
                ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
                : throw new InvalidOperationException($"No storage Server-Timing in '{timing}'.");
            return (watch.Elapsed, requests, body!["items"]!.AsArray().Count);
        }

        async Task<JsonObject> Created(HttpResponseMessage response)
        {
            var body = await response.Content.ReadFromJsonAsync<JsonObject>();
            return response.StatusCode == HttpStatusCode.Created ? body! : throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
        }

        static void Say(string line)
        {
            Console.WriteLine(line);
            Console.Out.Flush();
        }
    }
}

/// <summary>One phase's calls: latency (ms), storage requests and items returned per call.</summary>
internal sealed class PhaseResult(int messages, ProbeFigures probe)
{
    public int Messages { get; } = messages;

    /// <summary>The emulator's own price for a fixed-size range query on the inbox table at this size.</summary>
    public ProbeFigures Probe { get; } = probe;

    public List<double> Latencies { get; } = [];

    public List<int> Requests { get; } = [];

    public List<int> ItemCounts { get; } = [];

    public int Calls => Latencies.Count;

    public double Items => ItemCounts.Average();

    public double Percentile(int p)
    {
        var sorted = Latencies.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100d * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
