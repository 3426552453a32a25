using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Enforcement.Functions.Events;
using Enforcement.Functions.Persons;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;
using Enforcement.Tests.Persons;

namespace Enforcement.Tests.Links;

/// <summary>
/// The second write of a link (its mirror) and the index rows of a record are made right after the commit; if that is
/// cut short, the change's event repairs it. Here the trigger listeners are off and the tests hand the events to the
/// SeizureEvents function themselves, as the Functions host would, so that each step is observed in order.
/// </summary>
public sealed class RepairPathTests(RepairPathTests.HostDrivenApp fixture) : IClassFixture<RepairPathTests.HostDrivenApp>
{
    public sealed class HostDrivenApp : AppFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["LocalTriggers:Enabled"] = "false" };
    }

    private readonly HttpClient _officer = fixture.Client;
    private readonly HttpClient _analyst = fixture.Analyst;

    private TableClient LinksTable => fixture.App.Table(StorageNames.Tables.Links);

    [Fact]
    public async Task AMirrorRowLostAfterTheCommitIsRestoredByTheLinksEvent()
    {
        var seizure = await _officer.RecordSeizureAsync();
        var suspect = await _officer.RecordSuspectAsync();
        await _officer.LinkAsync(seizure, suspect, "driver");
        await LinksTable.DeleteEntityAsync(suspect, seizure);
        Assert.Empty(await _analyst.ItemsAsync($"/api/suspects/{suspect}/seizures"));

        var handled = await HandAsync(RecordEventTypes.LinkChanged, $"{seizure}|{suspect}", 1);

        Assert.True(handled.Succeeded);
        Assert.Equal("driver", Assert.Single(await _analyst.ItemsAsync($"/api/suspects/{suspect}/seizures"))!["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task ALateOrRepeatedEventNeverResurrectsARemovedLink()
    {
        var seizure = await _officer.RecordSeizureAsync();
        var suspect = await _officer.RecordSuspectAsync();
        await _officer.LinkAsync(seizure, suspect);
        await _officer.DeleteAsync($"/api/seizures/{seizure}/links/{suspect}");

        await HandAsync(RecordEventTypes.LinkChanged, $"{seizure}|{suspect}", 1);
        await HandAsync(RecordEventTypes.LinkChanged, $"{seizure}|{suspect}", 2);

        Assert.Empty(await _analyst.ItemsAsync($"/api/suspects/{suspect}/seizures"));
        Assert.True((await LinksTable.GetEntityAsync<TableEntity>(suspect, seizure)).Value.GetBoolean("Removed"));
    }

    [Fact]
    public async Task AnIndexRowLostAfterTheCommitIsRestoredByTheRecordsEvent()
    {
        var number = PersonSamples.UniquePassport();
        var suspect = await _officer.RecordSuspectAsync(PersonSamples.Suspect(passport: number));
        await fixture.App.Table(StorageNames.Tables.SuspectIndex).DeleteEntityAsync($"doc|{number}", $"PK|{suspect}");
        Assert.Empty(await _analyst.ItemsAsync($"/api/suspects?document={number}"));

        var handled = await HandAsync(RecordEventTypes.SuspectRecorded, suspect, 1);

        Assert.True(handled.Succeeded);
        Assert.Single(await _analyst.ItemsAsync($"/api/suspects?document={number}"));
    }

    [Fact]
    public async Task AnIndexRowAnEarlierVersionLeftBehindIsRemovedByALaterEvent()
    {
        var oldNumber = PersonSamples.UniquePassport();
        var suspect = await _officer.RecordSuspectAsync(PersonSamples.Suspect(passport: oldNumber));
        var index = fixture.App.Table(StorageNames.Tables.SuspectIndex);
        var oldRow = (await index.GetEntityAsync<PersonIndexRow>($"doc|{oldNumber}", $"PK|{suspect}")).Value;
        await _officer.PatchPersonAsync("suspects", suspect, new JsonObject
        {
            ["documents"] = new JsonArray(new JsonObject { ["type"] = "passport", ["number"] = PersonSamples.UniquePassport(), ["issuingCountry"] = "PK" }),
        }, "\"1\"");
        await index.UpsertEntityAsync(oldRow, TableUpdateMode.Replace);

        await HandAsync(RecordEventTypes.SuspectUpdated, suspect, 2);

        Assert.False((await index.GetEntityIfExistsAsync<PersonIndexRow>($"doc|{oldNumber}", $"PK|{suspect}")).HasValue);
    }

    [Fact]
    public async Task TheLinksOfAMovedSeizureFollowItWhenItsEventIsHandled()
    {
        var seizure = await _officer.RecordSeizureAsync("PKKHI-APFT");
        var company = await _officer.RecordCompanyAsync();
        await _officer.LinkAsync(seizure, company, "consignee");
        await _officer.PatchSeizureAsync(seizure, new JsonObject { ["office"] = "PKKHI-EXP" }, "\"1\"");
        using var exports = fixture.App.ClientAs("officer", "PKKHI-EXP");
        Assert.Equal(HttpStatusCode.NotFound, (await exports.GetAsync($"/api/companies/{company}")).StatusCode);

        await HandAsync(RecordEventTypes.SeizureUpdated, seizure, 2);
        await HandAsync(RecordEventTypes.SeizureUpdated, seizure, 2);

        Assert.Equal(HttpStatusCode.OK, (await exports.GetAsync($"/api/companies/{company}")).StatusCode);
        var mirror = (await LinksTable.GetEntityAsync<TableEntity>(company, seizure)).Value;
        Assert.Equal("PKKHI-EXP", mirror.GetString("SeizureOffice"));
        Assert.Equal(2, mirror.GetInt32("Version"));
    }

    /// <summary>Hands one event to the SeizureEvents function as the Functions host does, and waits for its answer.</summary>
    private async Task<InvocationOutcome> HandAsync(string type, string recordId, int version)
    {
        var message = JsonSerializer.Serialize(new RecordEvent(RecordEvent.IdFor(recordId, version), type, recordId, version, DateTimeOffset.UtcNow), EventJsonContext.Default.RecordEvent);
        var outcome = await fixture.App.InvokeQueueFunctionAsync("SeizureEvents", message);
        Assert.True(outcome.Succeeded, outcome.ToString());
        return outcome;
    }
}
