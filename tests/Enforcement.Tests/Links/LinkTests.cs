using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;
using Enforcement.Tests.Persons;

namespace Enforcement.Tests.Links;

public sealed class LinkTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly HttpClient _officer = fixture.Client;
    private readonly HttpClient _analyst = fixture.Analyst;

    private TableClient LinksTable => fixture.App.Table(StorageNames.Tables.Links);

    [Fact]
    public async Task ALinkIsVisibleFromTheSeizureAndFromTheSuspectAndTheCompany()
    {
        var seizure = await _officer.RecordSeizureAsync();
        var suspect = await _officer.RecordSuspectAsync();
        var company = await _officer.RecordCompanyAsync();

        var linked = await _officer.LinkAsync(seizure, suspect, "courier", "Carried the bricks in a false bottom");
        await _officer.LinkAsync(seizure, company, "consignee");

        Assert.Equal(HttpStatusCode.Created, linked.StatusCode);
        Assert.Equal($"/api/seizures/{seizure}/links/{suspect}", linked.Headers.Location!.OriginalString);
        var links = await _analyst.ItemsAsync($"/api/seizures/{seizure}/links");
        Assert.Equal(new[] { (suspect, "suspect", "courier"), (company, "company", "consignee") },
            links.Select(l => (l!["targetId"]!.GetValue<string>(), l["kind"]!.GetValue<string>(), l["role"]!.GetValue<string>())));
        var fromSuspect = Assert.Single(await _analyst.ItemsAsync($"/api/suspects/{suspect}/seizures"))!;
        Assert.Equal(seizure, fromSuspect["seizureId"]!.GetValue<string>());
        Assert.Equal("courier", fromSuspect["role"]!.GetValue<string>());
        Assert.Equal("PKKHI-APFT", fromSuspect["seizureOffice"]!.GetValue<string>());
        Assert.Equal(seizure, Assert.Single(await _analyst.ItemsAsync($"/api/companies/{company}/seizures"))!["seizureId"]!.GetValue<string>());
    }

    [Fact]
    public async Task LinkingAgainIsIdempotentAndANewRoleUpdatesTheLinkOnBothSides()
    {
        var seizure = await _officer.RecordSeizureAsync();
        var suspect = await _officer.RecordSuspectAsync();
        await _officer.LinkAsync(seizure, suspect, "passenger");

        var again = await _officer.LinkAsync(seizure, suspect, "passenger");
        var changed = await _officer.LinkAsync(seizure, suspect, "organiser");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, (await again.ReadObjectAsync())["version"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(2, (await changed.ReadObjectAsync())["version"]!.GetValue<int>());
        Assert.Equal("organiser", Assert.Single(await _analyst.ItemsAsync($"/api/suspects/{suspect}/seizures"))!["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnlinkingRemovesTheLinkFromBothSidesAndLeavesATrail()
    {
        var seizure = await _officer.RecordSeizureAsync();
        var suspect = await _officer.RecordSuspectAsync();
        await _officer.LinkAsync(seizure, suspect);

        var removed = await _officer.DeleteAsync($"/api/seizures/{seizure}/links/{suspect}");
        var again = await _officer.DeleteAsync($"/api/seizures/{seizure}/links/{suspect}");

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Empty(await _analyst.ItemsAsync($"/api/seizures/{seizure}/links"));
        Assert.Empty(await _analyst.ItemsAsync($"/api/suspects/{suspect}/seizures"));
        var trail = await LinksTable.QueryAsync<TableEntity>(e => e.PartitionKey == seizure && e.RowKey.CompareTo("~evt|") >= 0).ToListAsync();
        Assert.Equal(new bool?[] { false, true }, trail.OrderBy(t => t.RowKey, StringComparer.Ordinal).Select(t => t.GetBoolean("Removed")));
    }

    [Fact]
    public async Task ARelinkAfterRemovalIsANewLink()
    {
        var seizure = await _officer.RecordSeizureAsync();
        var company = await _officer.RecordCompanyAsync();
        await _officer.LinkAsync(seizure, company, "importer");
        await _officer.DeleteAsync($"/api/seizures/{seizure}/links/{company}");

        var relinked = await _officer.LinkAsync(seizure, company, "carrier");

        Assert.Equal(HttpStatusCode.Created, relinked.StatusCode);
        Assert.Equal(3, (await relinked.ReadObjectAsync())["version"]!.GetValue<int>());
        Assert.Equal("carrier", Assert.Single(await _analyst.ItemsAsync($"/api/companies/{company}/seizures"))!["role"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"kind\":\"person\",\"targetId\":\"{suspect}\",\"role\":\"driver\"}", "kind")]
    [InlineData("{\"kind\":\"suspect\",\"role\":\"driver\"}", "targetId")]
    [InlineData("{\"kind\":\"company\",\"targetId\":\"{suspect}\",\"role\":\"importer\"}", "targetId")]
    [InlineData("{\"kind\":\"suspect\",\"targetId\":\"{suspect}\",\"role\":\"freight-forwarder\"}", "role")]
    [InlineData("{\"kind\":\"suspect\",\"targetId\":\"{suspect}\",\"role\":\"driver\",\"since\":\"2020\"}", "since")]
    public async Task AnInvalidLinkNamesTheField(string json, string field)
    {
        var seizure = await _officer.RecordSeizureAsync();
        var suspect = await _officer.RecordSuspectAsync();

        var response = await _officer.PostAsync($"/api/seizures/{seizure}/links",
            new StringContent(json.Replace("{suspect}", suspect, StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey(field));
    }

    [Fact]
    public async Task LinkingAPersonThatDoesNotExistIsUnprocessable()
    {
        var seizure = await _officer.RecordSeizureAsync();

        var response = await _officer.LinkAsync(seizure, "SU-01KAKJ6Q8X00000000");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey("targetId"));
    }

    [Fact]
    public async Task AnOfficerCannotLinkToASeizureOfAnotherOffice()
    {
        var seizure = await fixture.SupervisorOf("PKLHE").RecordSeizureAsync("PKLHE");
        var suspect = await _officer.RecordSuspectAsync();

        var response = await _officer.LinkAsync(seizure, suspect);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await _analyst.ItemsAsync($"/api/seizures/{seizure}/links"));
    }

    [Fact]
    public async Task AnOfficeSeesAPersonItRecordedOrLinkedToOneOfItsSeizuresAndNoLongerOnceUnlinked()
    {
        var portQasim = fixture.SupervisorOf("PKBQM");
        var suspect = await portQasim.RecordSuspectAsync();
        var seizure = await _officer.RecordSeizureAsync();
        var before = await _officer.GetAsync($"/api/suspects/{suspect}");

        var linked = await _officer.LinkAsync(seizure, suspect, "recipient");
        var whileLinked = await _officer.GetAsync($"/api/suspects/{suspect}");
        await _officer.DeleteAsync($"/api/seizures/{seizure}/links/{suspect}");
        var after = await _officer.GetAsync($"/api/suspects/{suspect}");

        Assert.Equal(HttpStatusCode.OK, (await portQasim.GetAsync($"/api/suspects/{suspect}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal(HttpStatusCode.Created, linked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, whileLinked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task AnOfficerSeesOnlyTheLinksToSeizuresOfTheirOffice()
    {
        var lahore = fixture.SupervisorOf("PKLHE");
        var suspect = await _officer.RecordSuspectAsync();
        var ours = await _officer.RecordSeizureAsync();
        var theirs = await lahore.RecordSeizureAsync("PKLHE");
        await _officer.LinkAsync(ours, suspect, "driver");
        await lahore.LinkAsync(theirs, suspect, "organiser");

        var officerSees = await _officer.ItemsAsync($"/api/suspects/{suspect}/seizures");
        var analystSees = await _analyst.ItemsAsync($"/api/suspects/{suspect}/seizures");

        Assert.Equal(ours, Assert.Single(officerSees)!["seizureId"]!.GetValue<string>());
        Assert.Equal(2, analystSees.Count);
    }

    [Fact]
    public async Task WhenACorrectionMovesASeizureAccessToItsPersonsFollows()
    {
        var seizure = await _officer.RecordSeizureAsync("PKKHI-APFT");
        var suspect = await _officer.RecordSuspectAsync();
        await _officer.LinkAsync(seizure, suspect);
        using var airport = fixture.App.ClientAs("officer", "PKKHI-APFT");
        using var exports = fixture.App.ClientAs("officer", "PKKHI-EXP");
        Assert.Equal(HttpStatusCode.OK, (await airport.GetAsync($"/api/suspects/{suspect}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await exports.GetAsync($"/api/suspects/{suspect}")).StatusCode);

        var moved = await _officer.PatchSeizureAsync(seizure, new JsonObject { ["office"] = "PKKHI-EXP" }, "\"1\"");

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await airport.GetAsync($"/api/suspects/{suspect}")).StatusCode);
        await SeizureSamples.EventuallyAsync(async () => (await exports.GetAsync($"/api/suspects/{suspect}")).StatusCode, s => s == HttpStatusCode.OK);
        Assert.Equal("PKKHI-EXP", Assert.Single(await _analyst.ItemsAsync($"/api/suspects/{suspect}/seizures"))!["seizureOffice"]!.GetValue<string>());
    }
}
