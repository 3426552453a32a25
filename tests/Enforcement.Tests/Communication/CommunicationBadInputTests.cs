using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Communication;

/// <summary>Bad input to alerts, groups and messages: a problem naming each field, and nothing stored.</summary>
public sealed class CommunicationBadInputTests(CommunicationFixture fixture) : IClassFixture<CommunicationFixture>
{
    private HttpClient Owner => fixture.As("analyst", null, "analyst-bad-input");

    private HttpClient LahoreSupervisor => fixture.As("supervisor", "PKLHE", "supervisor-bad-input-lhe");

    private HttpClient LahoreOfficer => fixture.As("officer", "PKLHE", "officer-bad-input-lhe");

    [Fact]
    public async Task AnAlertCitingARecordOutsideThePublishersScopeIsRefusedAndNothingIsStored()
    {
        var seizureId = await KarachiSeizureAsync();
        var alert = CommunicationSamples.Alert("cites Karachi", audience: new JsonObject { ["offices"] = new JsonArray("PKLHE") });
        alert["references"] = new JsonArray(seizureId, "SZ-202601-01M835XMJPM47W10JQ");
        var before = await CountAsync(StorageNames.Tables.Alerts);

        var response = await LahoreSupervisor.PublishAsync(alert);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["references[0]", "references[1]"], (await response.ReadObjectAsync())["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(before, await CountAsync(StorageNames.Tables.Alerts));
    }

    [Fact]
    public async Task AMessageCitingARecordOutsideTheSendersScopeOrNamingANonMemberIsRefusedAndNothingIsStored()
    {
        var seizureId = await KarachiSeizureAsync();
        var id = await Owner.CreateGroupAsync(CommunicationSamples.Group(members: new JsonObject { ["offices"] = new JsonArray("PKLHE") }));

        var outOfScope = await LahoreOfficer.SendAsync(id, "bad-scope", CommunicationSamples.Message(references: new JsonArray(seizureId)));
        var h3ToOutsider = await Owner.SendAsync(id, "bad-h3", CommunicationSamples.Message(handling: "H3", recipients: new JsonArray("someone-not-a-member")));
        var h3ToNoOne = await Owner.SendAsync(id, "bad-h3-none", CommunicationSamples.Message(handling: "H3"));
        var badClientId = await Owner.SendAsync(id, "bad%20id", CommunicationSamples.Message());
        var listed = (await (await Owner.GetAsync($"/api/groups/{id}/messages")).ReadObjectAsync())["items"]!.AsArray();

        Assert.Equal(HttpStatusCode.BadRequest, outOfScope.StatusCode);
        Assert.Equal(["references[0]"], (await outOfScope.ReadObjectAsync())["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(HttpStatusCode.BadRequest, h3ToOutsider.StatusCode);
        Assert.Equal(["recipients"], (await h3ToOutsider.ReadObjectAsync())["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(HttpStatusCode.BadRequest, h3ToNoOne.StatusCode);
        Assert.Equal(["recipients"], (await h3ToNoOne.ReadObjectAsync())["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(HttpStatusCode.BadRequest, badClientId.StatusCode);
        Assert.Contains("clientMessageId", (await badClientId.ReadObjectAsync())["errors"]!.AsObject().Select(e => e.Key));
        Assert.Empty(listed);
        Assert.Empty(await RowsAsync(StorageNames.Tables.Groups, $"PartitionKey eq '{id}' and RowKey ge 'c|' and RowKey lt 'c}}'"));
    }

    [Fact]
    public async Task AGroupEndingBeforeItStartsWithRetentionOutOfBoundsAndAnOversizedNameIsRefusedAndNothingIsStored()
    {
        var group = CommunicationSamples.Group(endsOn: "2025-12-31");
        group["name"] = new string('n', 201);
        group["retentionDays"] = 5;
        var groupsBefore = await CountAsync(StorageNames.Tables.Groups);
        var indexBefore = await CountAsync(StorageNames.Tables.GroupMembership);

        var response = await Owner.PostAsJsonAsync("/api/groups", group);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["endsOn", "name", "retentionDays"], (await response.ReadObjectAsync())["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(groupsBefore, await CountAsync(StorageNames.Tables.Groups));
        Assert.Equal(indexBefore, await CountAsync(StorageNames.Tables.GroupMembership));
    }

    [Fact]
    public async Task AnAlertWithAnOversizedTitleAnAudienceNamingNoOneAndAnH3WithoutNamedUsersNamesEachField()
    {
        var oversized = CommunicationSamples.Alert(new string('t', 201), audience: new JsonObject { ["offices"] = new JsonArray(), ["users"] = new JsonArray() });
        var h3 = CommunicationSamples.Alert("named only", handling: "H3");
        var before = await CountAsync(StorageNames.Tables.Alerts);

        var first = await Owner.PublishAsync(oversized);
        var second = await Owner.PublishAsync(h3);

        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal(["audience", "title"], (await first.ReadObjectAsync())["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal(["audience.users"], (await second.ReadObjectAsync())["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(before, await CountAsync(StorageNames.Tables.Alerts));
    }

    private async Task<string> KarachiSeizureAsync()
    {
        var created = await fixture.As("supervisor", "PKKHI", "supervisor-bad-input-khi").PostSeizureAsync(SeizureSamples.Valid("PKKHI-APFT", "drugs"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.ReadObjectAsync())["id"]!.GetValue<string>();
    }

    private async Task<int> CountAsync(string table) => (await RowsAsync(table, null)).Count;

    private async Task<List<TableEntity>> RowsAsync(string table, string? filter)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in fixture.App.Table(table).QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"]))
        {
            rows.Add(row);
        }

        return rows;
    }
}
