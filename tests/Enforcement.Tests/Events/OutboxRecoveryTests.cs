using System.Globalization;
using System.Net;
using Azure.Data.Tables;
using Enforcement.Functions.Events;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Enforcement.Tests.Events;

/// <summary>
/// A 201 means the event will be processed even if the process dies right after the commit: the relay finishes the
/// job. A process that dies before the commit has stored nothing, and the client's resend succeeds.
/// </summary>
public sealed class OutboxRecoveryTests(OutboxRecoveryTests.InterruptibleApp fixture) : IClassFixture<OutboxRecoveryTests.InterruptibleApp>
{
    /// <summary>An app whose write path can be made to die just before or just after a record's transaction; the
    /// relay runs when a test calls it, not on the local timer.</summary>
    public sealed class InterruptibleApp : IAsyncLifetime
    {
        private readonly Interruptions _interruptions = new();
        private InterruptibleHost? _app;

        public EnforcementApp App => _app ?? throw new InvalidOperationException("The app has not started.");

        public HttpClient Analyst { get; private set; } = null!;

        private readonly Dictionary<string, HttpClient> _supervisors = new(StringComparer.Ordinal);

        /// <summary>One supervisor per port: a resend must come from the same caller.</summary>
        public HttpClient SupervisorOf(string office)
        {
            var port = office.Split('-')[0];
            if (!_supervisors.TryGetValue(port, out var client))
            {
                _supervisors[port] = client = App.ClientAs("supervisor", port);
            }

            return client;
        }

        /// <summary>The next write of a record dies at this point (once).</summary>
        public void DieNext(bool beforeCommit) => _interruptions.Arm(beforeCommit);

        /// <summary>The relay's handler, as its timer function calls it; how many events it published and dropped.</summary>
        public async Task<(int Published, int Abandoned)> RelayAsync()
        {
            var result = await App.Services.GetRequiredService<EventOutbox>().RelayPendingAsync(CancellationToken.None);
            return (result.Published, result.Abandoned);
        }

        public async Task InitializeAsync()
        {
            _app = await InterruptibleHost.StartAsync(_interruptions);
            Analyst = _app.ClientAs("analyst");
        }

        public async Task DisposeAsync()
        {
            Analyst.Dispose();
            foreach (var client in _supervisors.Values)
            {
                client.Dispose();
            }

            if (_app is not null)
            {
                await _app.DisposeAsync();
            }
        }

        private sealed class InterruptibleHost : EnforcementApp
        {
            private readonly Interruptions _interruptions;

            private InterruptibleHost(TestAzurite.Instance azurite, Interruptions interruptions)
                : base(azurite, new Dictionary<string, string?>
                {
                    ["Outbox:RelayAfter"] = "00:00:00",
                    ["Outbox:AbandonAfter"] = "00:00:00",
                    ["LocalTriggers:DisabledFunctions:0"] = "OutboxRelay",
                }) => _interruptions = interruptions;

            public static async Task<InterruptibleHost> StartAsync(Interruptions interruptions) =>
                await StartServerAsync(new InterruptibleHost(await TestAzurite.GetAsync(), interruptions));

            protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<CommitInterruption>(_interruptions);
        }
    }

    /// <summary>Throws (as a dying process would stop) at the armed point of the next write.</summary>
    private sealed class Interruptions : CommitInterruption
    {
        private int _armed; // 0 off, 1 before the commit, 2 after it

        public void Arm(bool beforeCommit) => Volatile.Write(ref _armed, beforeCommit ? 1 : 2);

        public override void BeforeCommit(string recordId)
        {
            if (Interlocked.CompareExchange(ref _armed, 0, 1) == 1)
            {
                throw new InvalidOperationException($"Test: the process died before committing {recordId}.");
            }
        }

        public override void AfterCommit(string recordId)
        {
            if (Interlocked.CompareExchange(ref _armed, 0, 2) == 2)
            {
                throw new InvalidOperationException($"Test: the process died after committing {recordId}.");
            }
        }
    }

    [Theory]
    [InlineData("PKLHE-DRY", "IR", null)] // the sample month: one the relay scans
    [InlineData("PKLHE-AIR", "AF", "2024-02-10T08:00:00Z")] // a month the relay does not scan: found through its staged copy
    public async Task AnEventWhosePublishingWasCutShortByADyingProcessIsRelayedAndProcessed(string office, string country, string? sampleSeizedAt)
    {
        var seizedAt = sampleSeizedAt ?? SeizureSamples.SeizedAt;
        var key = Guid.NewGuid().ToString();
        var body = SeizureSamples.Valid(office: office, seizedAt: seizedAt);
        body["route"]!["departureCountry"] = country;
        var month = seizedAt[..7];
        fixture.DieNext(beforeCommit: false);

        var died = await fixture.SupervisorOf(office).PostSeizureAsync(body, key);

        Assert.Equal(HttpStatusCode.InternalServerError, died.StatusCode);
        var seizures = fixture.App.Table(StorageNames.Tables.Seizures);
        var marker = Assert.Single(await seizures.QueryAsync<OutboxEntry>(e => e.PartitionKey == month && e.RowKey.CompareTo("~out|") >= 0 && e.RowKey.CompareTo("~out}") < 0 && e.ListingOffice == office).ToListAsync());
        var id = marker.RecordId;

        var relayed = await fixture.RelayAsync();

        Assert.True(relayed.Published >= 1);
        var listed = await SeizureSamples.EventuallyAsync(
            async () => (await (await fixture.Analyst.GetAsync($"/api/seizures?month={month}&country={country}")).ReadObjectAsync())["items"]!.AsArray(),
            items => items.Count == 1);
        Assert.Equal(id, listed[0]!["id"]!.GetValue<string>());
        Assert.False((await seizures.GetEntityIfExistsAsync<OutboxEntry>(month, marker.RowKey)).HasValue);
        Assert.Empty(await fixture.App.Table(StorageNames.Tables.Outbox).QueryAsync<TableEntity>(e => e.RowKey == marker.EventId).ToListAsync());
        var resent = await fixture.SupervisorOf(office).PostSeizureAsync(body, key);
        Assert.Equal(HttpStatusCode.Created, resent.StatusCode);
        Assert.True(resent.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(id, (await resent.ReadObjectAsync())["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task AWriteCutShortBeforeItsCommitStoresNoRecordAndItsResendSucceeds()
    {
        var key = Guid.NewGuid().ToString();
        var office = "PKLHE-D" + Random.Shared.Next(1000, 9999);
        var body = SeizureSamples.Valid(office: office);
        fixture.DieNext(beforeCommit: true);

        var died = await fixture.SupervisorOf(office).PostSeizureAsync(body, key);

        Assert.Equal(HttpStatusCode.InternalServerError, died.StatusCode);
        var seizures = fixture.App.Table(StorageNames.Tables.Seizures);
        Assert.Empty(await seizures.QueryAsync<TableEntity>(e => e.PartitionKey == SeizureSamples.Month && e.GetString("Office") == office).ToListAsync());
        Assert.DoesNotContain(await seizures.QueryAsync<TableEntity>(e => e.PartitionKey == SeizureSamples.Month && e.RowKey.CompareTo("~idem|") >= 0 && e.RowKey.CompareTo("~idem}") < 0).ToListAsync(),
            row => row.RowKey.EndsWith("|" + Sha256Hex.Of(key), StringComparison.Ordinal));
        var reservation = Assert.Single(await fixture.App.Table(StorageNames.Tables.Idempotency).QueryAsync<TableEntity>(e => e.RowKey == Sha256Hex.Of(key)).ToListAsync());
        var reservedId = reservation.GetString("RecordId");
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Analyst.GetAsync($"/api/seizures/{reservedId}")).StatusCode);
        var resent = await fixture.SupervisorOf(office).PostSeizureAsync(body, key);
        Assert.Equal(HttpStatusCode.Created, resent.StatusCode);
        Assert.False(resent.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(reservedId, (await resent.ReadObjectAsync())["id"]!.GetValue<string>());
        Assert.Single(await seizures.QueryAsync<TableEntity>(e => e.PartitionKey == SeizureSamples.Month && e.GetString("Office") == office).ToListAsync());
    }

    [Fact]
    public async Task AStagedEntryWhoseRecordNeverCommittedIsDroppedNotPublished()
    {
        var outbox = fixture.App.Table(StorageNames.Tables.Outbox);
        var ghost = new OutboxEntry
        {
            PartitionKey = DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            RowKey = "SZ-202402-GHST0000000000000.v1",
            Type = "seizure.recorded",
            RecordId = "SZ-202402-GHST0000000000000",
            Version = 1,
            OccurredAt = DateTimeOffset.UtcNow,
            Table = fixture.App.Names.Table(StorageNames.Tables.Seizures),
            EventPartitionKey = "2024-02",
            EventRowKey = "~out|SZ-202402-GHST0000000000000.v1",
        };
        await outbox.UpsertEntityAsync(ghost);

        var relayed = await fixture.RelayAsync();

        Assert.True(relayed.Abandoned >= 1);
        Assert.False((await outbox.GetEntityIfExistsAsync<OutboxEntry>(ghost.PartitionKey, ghost.RowKey)).HasValue);
    }
}
