using System.Collections.Concurrent;
using System.Net;
using Azure.Data.Tables;
using Enforcement.Functions.Events;
using Enforcement.Functions.Storage;
using Enforcement.Tests.BulkImport;
using Enforcement.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Enforcement.Tests.Events;

/// <summary>
/// The publisher holds at most Outbox:MaxWaiting events in memory (5 here): an import waits for room, a request's
/// write past the limit leaves its event for the relay. Either way every event is delivered once and nothing is lost.
/// The publisher is held by a gate (a commit follow-up that waits while closed), so "full" is a stored fact, not a race.
/// </summary>
public sealed class OutboxBackpressureTests(OutboxBackpressureTests.GatedApp fixture) : IClassFixture<OutboxBackpressureTests.GatedApp>
{
    private const int Limit = 5;

    public sealed class GatedApp : IAsyncLifetime
    {
        private GatedHost? _app;

        public EnforcementApp App => _app ?? throw new InvalidOperationException("The app has not started.");

        internal PublishGate Gate { get; } = new();

        internal DeliveredEvents Delivered { get; } = new();

        internal OutboxPublisher Publisher => App.Services.GetRequiredService<OutboxPublisher>();

        public async Task InitializeAsync() => _app = await GatedHost.StartAsync(Gate, Delivered);

        public async Task DisposeAsync()
        {
            Gate.Open();
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }
        }

        private sealed class GatedHost : EnforcementApp
        {
            private readonly PublishGate _gate;
            private readonly DeliveredEvents _delivered;

            private GatedHost(TestAzurite.Instance azurite, PublishGate gate, DeliveredEvents delivered)
                : base(azurite, new Dictionary<string, string?>
                {
                    ["Outbox:MaxWaiting"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["Outbox:RelayAfter"] = "00:00:00",
                    ["LocalTriggers:DisabledFunctions:0"] = "OutboxRelay",
                    ["Imports:ChunkRows"] = "50",
                }) => (_gate, _delivered) = (gate, delivered);

            public static async Task<GatedHost> StartAsync(PublishGate gate, DeliveredEvents delivered) =>
                await StartServerAsync(new GatedHost(await TestAzurite.GetAsync(), gate, delivered));

            protected override void ConfigureTestServices(IServiceCollection services)
            {
                services.AddSingleton<ICommitFollowUp>(_gate);
                services.AddSingleton<IRecordEventHandler>(_delivered);
            }
        }
    }

    [Fact]
    public async Task AnImportOfMoreRecordsThanTheLimitWaitsForRoomAndDeliversEveryEventOnce()
    {
        using var supervisor = fixture.App.ClientAs("supervisor", "PKKHI", subject: "sup-backpressure");
        var rows = Enumerable.Range(1, 4 * Limit).Select(i => ImportFiles.CsvRow($"BP-{i:D3}")).ToList();
        var id = await ImportApp.UploadAsync(supervisor, "csv", ImportFiles.Csv(rows));
        fixture.Gate.Close();

        var started = await supervisor.PostAsync($"/api/imports/{id}/start", System.Net.Http.Json.JsonContent.Create(new { dryRun = false }));
        await fixture.Gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        var full = await SeizureSamples.EventuallyAsync(() => Task.FromResult(fixture.Publisher.Waiting), waiting => waiting == Limit);
        var whileFull = await (await supervisor.GetAsync($"/api/imports/{id}")).ReadObjectAsync();
        fixture.Gate.Open();
        var finished = await ImportApp.FinishedAsync(supervisor, id);

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal(Limit, full);
        Assert.Equal("in-progress", whileFull["state"]!.GetValue<string>());
        Assert.Equal("completed", finished["state"]!.GetValue<string>());
        Assert.Equal(rows.Count, finished["progress"]!["imported"]!.GetValue<int>());
        var created = (await ImportApp.ResultLinesAsync(supervisor, id, "created-ids.csv")).Skip(1).Select(l => l.Split(',')[2]).ToList();
        Assert.Equal(rows.Count, created.Count);
        var events = created.Select(r => RecordEvent.IdFor(r, 1)).ToList();
        await SeizureSamples.EventuallyAsync(() => Task.FromResult(events.Count(fixture.Delivered.Has)), n => n == events.Count);
        await fixture.App.QueuesDrainedAsync(StorageNames.Queues.SeizureEvents);
        Assert.All(events, e => Assert.Equal(1, fixture.Delivered.Times(e)));
        Assert.InRange(fixture.Publisher.PeakWaiting, 1, Limit);
        Assert.Empty(await SeizureSamples.EventuallyAsync(() => MarkersAsync("2025-06", created), left => left.Count == 0));
        Assert.Empty(await fixture.App.Table(StorageNames.Tables.Outbox).QueryAsync<TableEntity>().Where(e => events.Contains(e.RowKey)).ToListAsync());
    }

    [Fact]
    public async Task AWriteWhileThePublisherIsFullIsAnsweredAtOnceAndItsEventIsRelayedOnce()
    {
        const string office = "PKLHE-DRY";
        using var supervisor = fixture.App.ClientAs("supervisor", "PKLHE");
        var month = SeizureSamples.SeizedAt[..7];
        var ids = new List<string>();
        async Task PostAsync()
        {
            var response = await supervisor.PostSeizureAsync(SeizureSamples.Valid(office: office));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            ids.Add((await response.ReadObjectAsync())["id"]!.GetValue<string>());
        }

        fixture.Gate.Close();
        await PostAsync();
        await fixture.Gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        for (var i = 0; i < Limit; i++)
        {
            await PostAsync();
        }

        var waiting = fixture.Publisher.Waiting;
        var leftBefore = fixture.Publisher.LeftForRelay;

        await PostAsync();

        Assert.Equal(Limit, waiting);
        Assert.Equal(leftBefore + 1, fixture.Publisher.LeftForRelay);
        fixture.Gate.Open();
        var left = await SeizureSamples.EventuallyAsync(() => MarkersAsync(month, ids), markers => markers.Count == 1);
        Assert.Equal(ids[^1], left.Single().RecordId);
        Assert.False(fixture.Delivered.Has(RecordEvent.IdFor(ids[^1], 1)));

        var relayed = await fixture.App.Services.GetRequiredService<EventOutbox>().RelayPendingAsync(CancellationToken.None);

        Assert.Equal(1, relayed.Published);
        var events = ids.Select(r => RecordEvent.IdFor(r, 1)).ToList();
        await SeizureSamples.EventuallyAsync(() => Task.FromResult(events.Count(fixture.Delivered.Has)), n => n == events.Count);
        await fixture.App.QueuesDrainedAsync(StorageNames.Queues.SeizureEvents);
        Assert.All(events, e => Assert.Equal(1, fixture.Delivered.Times(e)));
        Assert.Empty(await MarkersAsync(month, ids));
        Assert.Equal(Limit, fixture.Publisher.PeakWaiting);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("100001")]
    public async Task TheAppRefusesToStartWithAnOutOfRangeLimit(string limit)
    {
        var failure = await Record.ExceptionAsync(async () =>
            await (await EnforcementApp.StartAsync(new Dictionary<string, string?> { ["Outbox:MaxWaiting"] = limit })).DisposeAsync());

        Assert.NotNull(failure);
        Assert.Contains("Outbox:MaxWaiting", Flatten(failure), StringComparison.Ordinal);
    }

    private async Task<List<OutboxEntry>> MarkersAsync(string month, IReadOnlyCollection<string> recordIds) =>
        await fixture.App.Table(StorageNames.Tables.Seizures)
            .QueryAsync<OutboxEntry>(e => e.PartitionKey == month && e.RowKey.CompareTo(OutboxEntry.MarkerPrefix) >= 0 && e.RowKey.CompareTo("~out}") < 0)
            .Where(e => recordIds.Contains(e.RecordId))
            .ToListAsync();

    private static string Flatten(Exception exception) =>
        exception.InnerException is null ? exception.Message : exception.Message + " | " + Flatten(exception.InnerException);
}

/// <summary>A commit follow-up that, while closed, holds the publisher's batch (as a slow storage call would).</summary>
internal sealed class PublishGate : ICommitFollowUp
{
    private volatile TaskCompletionSource? _closed;
    private TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a batch has reached the closed gate.</summary>
    public Task Entered => _entered.Task;

    public void Close()
    {
        _entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Open() => Interlocked.Exchange(ref _closed, null)?.TrySetResult();

    public bool Handles(string eventType) => eventType == RecordEventTypes.SeizureRecorded;

    public async Task RunAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        if (_closed is { } closed)
        {
            _entered.TrySetResult();
            await closed.Task.WaitAsync(cancellationToken);
        }
    }
}

/// <summary>The last subscriber of the event pipeline: counts how often each seizure event reached it.</summary>
internal sealed class DeliveredEvents : IRecordEventHandler
{
    private readonly ConcurrentDictionary<string, int> _times = new(StringComparer.Ordinal);

    public bool Has(string eventId) => _times.ContainsKey(eventId);

    public int Times(string eventId) => _times.GetValueOrDefault(eventId);

    public bool Handles(string eventType) => eventType == RecordEventTypes.SeizureRecorded;

    public Task HandleAsync(RecordEvent recordEvent, CancellationToken cancellationToken)
    {
        _times.AddOrUpdate(recordEvent.EventId, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}
