using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Communication;

public sealed class AlertTests(CommunicationFixture fixture) : IClassFixture<CommunicationFixture>
{
    private HttpClient Analyst => fixture.As("analyst", null, "analyst-a1");

    private HttpClient KarachiOfficer => fixture.As("officer", "PKKHI-APFT", "officer-khi");

    private HttpClient LahoreOfficer => fixture.As("officer", "PKLHE", "officer-lhe");

    [Fact]
    public async Task AnAlertReachesItsAudienceAndAnOfficeOutsideItSeesNothing()
    {
        var published = await Analyst.PublishAsync(CommunicationSamples.Alert(title: "Audience check"));
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var id = (await published.ReadObjectAsync())["id"]!.GetValue<string>();

        var inside = await KarachiOfficer.GetAsync($"/api/alerts/{id}");
        var outside = await LahoreOfficer.GetAsync($"/api/alerts/{id}");
        var insideList = await (await KarachiOfficer.GetAsync("/api/alerts")).ReadObjectAsync();
        var outsideList = await (await LahoreOfficer.GetAsync("/api/alerts")).ReadObjectAsync();

        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        Assert.Equal("Audience check", (await inside.ReadObjectAsync())["title"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.Contains(insideList["items"]!.AsArray(), a => a!["id"]!.GetValue<string>() == id);
        Assert.DoesNotContain(outsideList["items"]!.AsArray(), a => a!["id"]!.GetValue<string>() == id);
    }

    [Fact]
    public async Task AlertsListNewestFirstAndTheReadMarkerMarksOlderOnesRead()
    {
        var reader = fixture.As("officer", "PKBQM", "officer-bqm");
        var audience = new JsonObject { ["offices"] = new JsonArray("PKBQM") };
        var first = (await (await Analyst.PublishAsync(CommunicationSamples.Alert("first", audience: audience))).ReadObjectAsync())["id"]!.GetValue<string>();
        var second = (await (await Analyst.PublishAsync(CommunicationSamples.Alert("second", audience: (JsonObject)audience.DeepClone()))).ReadObjectAsync())["id"]!.GetValue<string>();

        var marked = await reader.PutAsJsonAsync("/api/alerts/read-marker", new { upTo = first });
        var list = (await (await reader.GetAsync("/api/alerts")).ReadObjectAsync())["items"]!.AsArray();

        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        Assert.Equal([second, first], list.Select(a => a!["id"]!.GetValue<string>()));
        Assert.False(list[0]!["read"]!.GetValue<bool>());
        Assert.True(list[1]!["read"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AcknowledgementIsRecordedWithAReceiptNamingWhoHasNotYetAcknowledged()
    {
        var audience = new JsonObject { ["offices"] = new JsonArray("PKKHI", "PKLHE") };
        var id = (await (await Analyst.PublishAsync(CommunicationSamples.Alert("ack me", audience: audience, requestAck: true))).ReadObjectAsync())["id"]!.GetValue<string>();

        var ack = await KarachiOfficer.PostAsync($"/api/alerts/{id}/ack", null);
        var receipt = await (await Analyst.GetAsync($"/api/alerts/{id}/receipt")).ReadObjectAsync();

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.Equal("officer-khi", receipt["acknowledgedBy"]![0]!["subject"]!.GetValue<string>());
        Assert.Equal(["office:PKLHE"], receipt["pending"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    [Fact]
    public async Task AcknowledgingAnAlertThatDidNotAskIsUnprocessable()
    {
        var id = (await (await Analyst.PublishAsync(CommunicationSamples.Alert("no ack"))).ReadObjectAsync())["id"]!.GetValue<string>();

        var ack = await KarachiOfficer.PostAsync($"/api/alerts/{id}/ack", null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, ack.StatusCode);
    }

    [Fact]
    public async Task ConcurrentRetriesOfAPublishStoreOneAlert()
    {
        var key = Guid.NewGuid().ToString();
        var body = CommunicationSamples.Alert("retried", audience: new JsonObject { ["offices"] = new JsonArray("PKPQM") });

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Analyst.PublishAsync(body.DeepClone(), key)));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.ReadObjectAsync())["id"]!.GetValue<string>()));
        var listed = (await (await fixture.As("officer", "PKPQM", "officer-pqm").GetAsync("/api/alerts")).ReadObjectAsync())["items"]!.AsArray();

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single(ids.Distinct());
        Assert.Single(listed);
    }

    [Fact]
    public async Task AReusedIdempotencyKeyWithAnotherBodyIsRefused()
    {
        var key = Guid.NewGuid().ToString();
        await Analyst.PublishAsync(CommunicationSamples.Alert("one"), key);

        var response = await Analyst.PublishAsync(CommunicationSamples.Alert("two"), key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task AnH3AlertReachesOnlyItsNamedUsers()
    {
        var audience = new JsonObject { ["offices"] = new JsonArray("PKKHI"), ["users"] = new JsonArray("officer-named") };
        var id = (await (await Analyst.PublishAsync(CommunicationSamples.Alert("restricted", handling: "H3", audience: audience))).ReadObjectAsync())["id"]!.GetValue<string>();

        var named = await fixture.As("officer", "PKKHI", "officer-named").GetAsync($"/api/alerts/{id}");
        var sameOffice = await KarachiOfficer.GetAsync($"/api/alerts/{id}");

        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, sameOffice.StatusCode);
    }

    [Fact]
    public async Task InvalidAlertsNameEveryFieldAndStoreNothing()
    {
        var body = CommunicationSamples.Alert(handling: "H9");
        body["title"] = "";
        body["body"] = new string('x', 8001);
        body["audience"] = new JsonObject();
        body["evaluation"] = new JsonObject { ["source"] = "Z", ["accuracy"] = 5 };
        body["validFrom"] = "2026-11-20T00:00:00Z";
        body["validUntil"] = "2026-11-19T00:00:00Z";
        body["references"] = new JsonArray("SZ-202611-01M835XMJPM47W10JQ");

        var before = (await QueryAllAsync(StorageNames.Tables.Alerts, null)).Count;

        var response = await Analyst.PublishAsync(body);
        var problem = await response.ReadObjectAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["audience", "body", "evaluation.accuracy", "evaluation.source", "handling", "references[0]", "title", "validUntil"],
            problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(before, (await QueryAllAsync(StorageNames.Tables.Alerts, null)).Count);
    }

    [Fact]
    public async Task ARiloPublishesWithinItsRegionOnly()
    {
        var rilo = fixture.As("rilo", "AP", "rilo-ap");

        var own = await rilo.PublishAsync(CommunicationSamples.Alert("region", audience: new JsonObject { ["regions"] = new JsonArray("AP") }));
        var other = await rilo.PublishAsync(CommunicationSamples.Alert("elsewhere", audience: new JsonObject { ["regions"] = new JsonArray("EUR") }));

        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
    }

    [Fact]
    public async Task ReadingAnAlertIsAudited()
    {
        var id = (await (await Analyst.PublishAsync(CommunicationSamples.Alert("audited"))).ReadObjectAsync())["id"]!.GetValue<string>();

        await KarachiOfficer.GetAsync($"/api/alerts/{id}");
        await LahoreOfficer.GetAsync($"/api/alerts/{id}");

        var entries = await QueryAllAsync(StorageNames.Tables.Audit, null);
        Assert.Contains(entries, e => e.GetString("Operation") == "alert.read" && e.GetString("Subject") == "officer-khi" && e.GetString("Outcome") == "read" && (e.GetString("Records") ?? "").Contains(id, StringComparison.Ordinal));
        Assert.Contains(entries, e => e.GetString("Operation") == "alert.read" && e.GetString("Subject") == "officer-lhe" && e.GetString("Outcome") == "out-of-scope");
    }

    private async Task<List<Azure.Data.Tables.TableEntity>> QueryAllAsync(string table, string? filter)
    {
        var rows = new List<Azure.Data.Tables.TableEntity>();
        await foreach (var row in fixture.App.Table(table).QueryAsync<Azure.Data.Tables.TableEntity>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }
}
