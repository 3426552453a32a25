using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Enforcement.Functions.Events;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;
using Enforcement.Tests.Persons;

namespace Enforcement.Tests.Targeting;

/// <summary>New records matching an active watch-list entry publish exactly one watchlist.hit per match, even under retries.</summary>
public sealed class IntakeHitTests(TargetingFixture fixture) : IClassFixture<TargetingFixture>
{
    private Task<List<TableEntity>> HitRowsAsync(string entryId) =>
        Task.FromResult(fixture.App.Table(StorageNames.Tables.WatchListHits).Query<TableEntity>(e => e.PartitionKey == entryId).ToList());

    [Fact]
    public async Task ASeizureWithAWatchedContainerAlertsTheOwnerOnceEvenWhenItsEventIsRedelivered()
    {
        var list = await fixture.Analyst.CreateWatchListAsync();
        var container = Targets.Container();
        var entry = await fixture.Analyst.AddEntryAsync(list, new JsonObject { ["type"] = "container", ["identifier"] = container, ["owner"] = "analyst-owner-1" });

        var seizure = await fixture.Supervisor.RecordSeizureAsync(s => s["conveyance"] = new JsonObject { ["mode"] = "sea", ["containerNumbers"] = new JsonArray(container) });
        var hitId = $"{entry}|{seizure}";
        await SeizureSamples.EventuallyAsync(() => Task.FromResult(fixture.App.Hits.Deliveries.GetValueOrDefault(hitId)), n => n >= 1);
        var redelivered = JsonSerializer.Serialize(new RecordEvent(RecordEvent.IdFor(seizure, 1), RecordEventTypes.SeizureRecorded, seizure, 1, DateTimeOffset.UtcNow));
        for (var retry = 2; retry <= 4; retry++)
        {
            Assert.True((await fixture.App.InvokeQueueFunctionAsync("SeizureEvents", redelivered, retry)).Succeeded);
        }

        var events = fixture.App.Queue(StorageNames.Queues.SeizureEvents);
        await SeizureSamples.EventuallyAsync(async () => (await events.GetPropertiesAsync()).Value.ApproximateMessagesCount, count => count == 0);
        var row = Assert.Single(await HitRowsAsync(entry));
        Assert.Equal(seizure, row.RowKey);
        Assert.Equal("analyst-owner-1", row.GetString("Owner"));
        Assert.True(row.GetBoolean("Published"));
        Assert.Equal(1, fixture.App.Hits.Deliveries[hitId]);
        var hits = await fixture.Analyst.GetJsonAsync($"/api/watchlists/{list}/entries/{entry}/hits");
        Assert.Equal(seizure, Assert.Single(hits["items"]!.AsArray())!["recordId"]!.GetValue<string>());
    }

    [Fact]
    public async Task NewSuspectsCompaniesAndConveyancesAreCheckedOnIntakeButExpiredEntriesAreNot()
    {
        var word = PersonSamples.UniqueWord();
        var list = await fixture.Analyst.CreateWatchListAsync();
        var person = await fixture.Analyst.AddEntryAsync(list, new JsonObject { ["type"] = "person", ["name"] = $"Rahim {word} Achakzai" });
        var company = await fixture.Analyst.AddEntryAsync(list, new JsonObject { ["type"] = "company", ["name"] = $"{word} Logistics FZE" });
        var imo = Targets.Imo();
        var vessel = await fixture.Analyst.AddEntryAsync(list, new JsonObject { ["type"] = "conveyance", ["scheme"] = "imo", ["identifier"] = imo });

        var suspect = await fixture.Supervisor.RecordSuspectAsync(PersonSamples.Suspect($"Raheem {word} Achakzai"));
        var firm = await fixture.Supervisor.RecordCompanyAsync(PersonSamples.Company($"{word} Logistics LLC"));
        var ship = await fixture.Supervisor.RecordVesselAsync(imo);

        foreach (var (entry, record) in new[] { (person, suspect), (company, firm), (vessel, ship) })
        {
            await SeizureSamples.EventuallyAsync(() => Task.FromResult(fixture.App.Hits.Deliveries.GetValueOrDefault($"{entry}|{record}")), n => n >= 1);
            Assert.Single(await HitRowsAsync(entry));
        }
    }

    [Fact]
    public async Task ASuspectMatchingAnEntryPutsExactlyOneNonNominalNoticeInTheOwnersInboxEvenWhenEventsAreRedelivered()
    {
        var word = PersonSamples.UniqueWord();
        var ownerSubject = "analyst-owner-" + word.ToLowerInvariant();
        using var owner = fixture.App.ClientAs("analyst", subject: ownerSubject);
        using var otherAnalyst = fixture.App.ClientAs("analyst", subject: "analyst-other-" + word.ToLowerInvariant());
        var list = await fixture.Analyst.CreateWatchListAsync();
        var entry = await fixture.Analyst.AddEntryAsync(list, new JsonObject { ["type"] = "person", ["name"] = $"Gul {word} Afridi", ["owner"] = ownerSubject });

        var suspect = await fixture.Supervisor.RecordSuspectAsync(PersonSamples.Suspect($"Gul {word} Afridi", passport: "QX" + Random.Shared.Next(1_000_000, 9_999_999)));
        var hitId = $"{entry}|{suspect}";
        await SeizureSamples.EventuallyAsync(() => Task.FromResult(fixture.App.Hits.Deliveries.GetValueOrDefault(hitId)), n => n >= 1);
        var hitEvent = JsonSerializer.Serialize(new RecordEvent(RecordEvent.IdFor(hitId, 1), "watchlist.hit", hitId, 1, DateTimeOffset.UtcNow));
        var suspectEvent = JsonSerializer.Serialize(new RecordEvent(RecordEvent.IdFor(suspect, 1), RecordEventTypes.SuspectRecorded, suspect, 1, DateTimeOffset.UtcNow));
        for (var retry = 2; retry <= 3; retry++)
        {
            Assert.True((await fixture.App.InvokeQueueFunctionAsync("SeizureEvents", hitEvent, retry)).Succeeded);
            Assert.True((await fixture.App.InvokeQueueFunctionAsync("SeizureEvents", suspectEvent, retry)).Succeeded);
        }

        await fixture.App.QueuesDrainedAsync(StorageNames.Queues.SeizureEvents);
        var inbox = await owner.GetJsonAsync("/api/inbox?limit=100");

        Assert.Equal(200, inbox.Status());
        var notices = inbox["items"]!.AsArray().Select(i => i!["notice"]).OfType<JsonObject>().Where(n => n["id"]!.GetValue<string>() == hitId).ToList();
        var notice = Assert.Single(notices);
        Assert.Equal("watchlist.hit", notice["type"]!.GetValue<string>());
        Assert.Equal(suspect, notice["recordId"]!.GetValue<string>());
        var text = notice["text"]!.GetValue<string>();
        Assert.Contains(entry, text, StringComparison.Ordinal);
        Assert.DoesNotContain(word, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Afridi", text, StringComparison.OrdinalIgnoreCase);
        var others = await otherAnalyst.GetJsonAsync("/api/inbox?limit=100");
        Assert.DoesNotContain(others["items"]!.AsArray(), i => i!["notice"]?["id"]?.GetValue<string>() == hitId);
    }
}
