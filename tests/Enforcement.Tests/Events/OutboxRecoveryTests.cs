using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Enforcement.Functions.Events;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Events;

/// <summary>A 201 means the event will be processed even if publishing it is cut short: the relay finishes the job.</summary>
public sealed class OutboxRecoveryTests(OutboxRecoveryTests.RelayApp fixture) : IClassFixture<OutboxRecoveryTests.RelayApp>
{
    /// <summary>The relay is invoked by the tests as the Functions host would rather than by the local timer.</summary>
    public sealed class RelayApp : AppFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Outbox:RelayAfter"] = "00:00:00",
            ["Outbox:AbandonAfter"] = "00:00:00",
            ["LocalTriggers:DisabledFunctions:0"] = "OutboxRelay",
        };
    }

    [Fact]
    public async Task AnEventWhosePublishingFailedIsRelayedAndProcessed()
    {
        var queue = fixture.App.Queue(StorageNames.Queues.SeizureEvents);
        var outbox = fixture.App.Table(StorageNames.Tables.Outbox);
        await queue.DeleteAsync();

        var created = await fixture.SupervisorOf("PKLHE").PostSeizureAsync(SeizureSamples.Valid(office: "PKLHE-DRY", seizedAt: "2025-08-01T08:00:00Z"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadObjectAsync())["id"]!.GetValue<string>();
        var pending = await outbox.QueryAsync<OutboxEntry>(e => e.PartitionKey == OutboxEntry.PendingPartition).ToListAsync();
        Assert.Contains(pending, e => e.RecordId == id);

        await queue.CreateAsync();
        var relay = await InvokeRelayAsync();

        Assert.True(relay.Succeeded, relay.ToString());
        var listed = await SeizureSamples.EventuallyAsync(
            async () => (await (await fixture.Analyst.GetAsync("/api/seizures?month=2025-08&office=PKLHE-DRY")).ReadObjectAsync())["items"]!.AsArray(),
            items => items.Count == 1);
        Assert.Equal(id, listed[0]!["id"]!.GetValue<string>());
        var left = await outbox.QueryAsync<OutboxEntry>(e => e.PartitionKey == OutboxEntry.PendingPartition && e.RecordId == id).ToListAsync();
        Assert.Empty(left);
    }

    [Fact]
    public async Task AnEntryWhoseRecordNeverCommittedIsDroppedNotPublished()
    {
        var outbox = fixture.App.Table(StorageNames.Tables.Outbox);
        var ghost = new OutboxEntry
        {
            RowKey = "SZ-202508-GHST0000000000000.v1",
            Type = RecordEventTypes.SeizureRecorded,
            RecordId = "SZ-202508-GHST0000000000000",
            Version = 1,
            OccurredAt = DateTimeOffset.UtcNow,
            Table = fixture.App.Names.Table(StorageNames.Tables.Seizures),
            EventPartitionKey = "2025-08",
            EventRowKey = "~evt|SZ-202508-GHST0000000000000|000001",
        };
        await outbox.UpsertEntityAsync(ghost);

        var relay = await InvokeRelayAsync();

        Assert.True(relay.Succeeded, relay.ToString());
        Assert.False((await outbox.GetEntityIfExistsAsync<OutboxEntry>(ghost.PartitionKey, ghost.RowKey)).HasValue);
    }

    private Task<InvocationOutcome> InvokeRelayAsync() => fixture.App.InvokeTimerFunctionAsync("OutboxRelay");
}
