using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Seizures;

public sealed class RecordingSeizureTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly HttpClient _client = fixture.Client;

    [Fact]
    public async Task PostingAValidSeizureReturnsTheStoredRecordWithItsLocationAndETag()
    {
        var response = await _client.PostSeizureAsync(SeizureSamples.Valid());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadObjectAsync();
        var id = body["id"]!.GetValue<string>();
        Assert.StartsWith($"SZ-{SeizureSamples.Month.Replace("-", string.Empty, StringComparison.Ordinal)}-", id, StringComparison.Ordinal);
        Assert.Equal($"/api/seizures/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag!.Tag);
        Assert.Equal("\"1\"", body["etag"]!.GetValue<string>());
        Assert.NotNull(body["recordedAt"]);
        Assert.Equal("CSQU3054383", body["conveyance"]!["containerNumbers"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task ARecordedSeizureReadsBackByIdWithItsETag()
    {
        var created = await (await fixture.SupervisorOf("PKLHE").PostSeizureAsync(SeizureSamples.Valid(office: "PKLHE"))).ReadObjectAsync();

        var response = await fixture.Analyst.GetAsync($"/api/seizures/{created["id"]}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag!.Tag);
        var body = await response.ReadObjectAsync();
        Assert.Equal("PKLHE", body["office"]!.GetValue<string>());
        Assert.Equal(created.ToJsonString(), body.ToJsonString());
    }

    [Fact]
    public async Task ReadingWithTheCurrentETagInIfNoneMatchReturnsNotModified()
    {
        var created = await (await _client.PostSeizureAsync(SeizureSamples.Valid())).ReadObjectAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/seizures/{created["id"]}");
        request.Headers.TryAddWithoutValidation("If-None-Match", "\"1\"");

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Theory]
    [InlineData("SZ-202611-01M835XMJPM47W10JQ")]
    [InlineData("not-an-id")]
    [InlineData("SZ-209913-01M835XMJPM47W10JQ")]
    public async Task UnknownSeizureIdsAreNotFoundProblems(string id)
    {
        var response = await _client.GetAsync($"/api/seizures/{id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task EveryViolationIsReportedInOneProblemNamingEachField()
    {
        var body = SeizureSamples.Valid();
        body["seizedAt"] = "2026-11-20 14:30";
        body["office"] = "XX1";
        body["procedure"] = "smuggling";
        body["items"]![0]!["quantity"] = 0;
        body["items"]![0]!["unit"] = "tonnes";
        body["items"]![0]!["hsCode"] = "29";
        body["items"]![0]!["estimatedValue"]!["currency"] = "XYZ";
        body["conveyance"]!["vesselImo"] = "9074728";
        body["conveyance"]!["containerNumbers"] = new JsonArray("CSQU3054383", "CSQU3054384");
        body["route"]!["departureCountry"] = "ZZ";
        body["route"]!["departurePlace"] = "AEJE1";

        var response = await _client.PostSeizureAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await response.ReadObjectAsync())["errors"]!.AsObject();
        Assert.Equal(
            new[]
            {
                "conveyance.containerNumbers[1]", "conveyance.vesselImo", "items[0].estimatedValue.currency", "items[0].hsCode",
                "items[0].quantity", "items[0].unit", "office", "procedure", "route.departureCountry", "route.departurePlace", "seizedAt",
            },
            errors.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task MissingRequiredFieldsAreEachNamed()
    {
        var response = await _client.PostSeizureAsync(new JsonObject());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadObjectAsync())["errors"]!.AsObject();
        Assert.Equal(new[] { "detectionMethod", "items", "office", "procedure", "seizedAt" }, errors.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ASeizureInTheFutureIsRefused()
    {
        var response = await _client.PostSeizureAsync(SeizureSamples.Valid(seizedAt: DateTimeOffset.UtcNow.AddDays(2).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey("seizedAt"));
    }

    [Theory]
    [InlineData("{\"seizedAt\": ", "$")]
    [InlineData("{\"seizedAt\":\"2026-11-20T10:00:00Z\",\"items\":[{\"quantity\":\"lots\"}]}", "items[0].quantity")]
    [InlineData("{\"seizedAt\":\"2026-11-20T10:00:00Z\",\"officer\":\"A. Khan\"}", "officer")]
    [InlineData("[1,2]", "$")]
    [InlineData("{\"route\":{\"transitCountries\":[null]}}", "route.transitCountries[0]")]
    [InlineData("{\"items\":[null]}", "items[0]")]
    [InlineData("{\"conveyance\":{\"mode\":\"sea\",\"containerNumbers\":[null]}}", "conveyance.containerNumbers[0]")]
    public async Task MalformedJsonIsABadRequestNamingTheField(string json, string field)
    {
        var response = await _client.PostAsync("/api/seizures", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey(field));
    }

    [Fact]
    public async Task ABodyThatIsNotJsonIsUnsupported()
    {
        var response = await _client.PostAsync("/api/seizures", new StringContent("seized=1", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task RepeatingAnIdempotencyKeyWithTheSameBodyReturnsTheSameRecord()
    {
        var key = Guid.NewGuid().ToString();

        var first = await _client.PostSeizureAsync(SeizureSamples.Valid(), key);
        var second = await _client.PostSeizureAsync(SeizureSamples.Valid(), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal((await first.ReadObjectAsync()).ToJsonString(), (await second.ReadObjectAsync()).ToJsonString());
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task ReusingAnIdempotencyKeyWithADifferentBodyIsUnprocessable()
    {
        var key = Guid.NewGuid().ToString();
        await _client.PostSeizureAsync(SeizureSamples.Valid(), key);

        var response = await _client.PostSeizureAsync(SeizureSamples.Valid(office: "PKKHI-EXP"), key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task TwelveConcurrentDuplicatesWithOneIdempotencyKeyStoreOneRecordAndGetTwelveIdenticalAnswers()
    {
        var key = Guid.NewGuid().ToString();
        var office = "PKKHI-D" + Random.Shared.Next(1000, 9999);

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => _client.PostSeizureAsync(SeizureSamples.Valid(office: office), key)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(bodies.Distinct(StringComparer.Ordinal));
        Assert.Single(responses.Select(r => r.Headers.Location!.OriginalString).Distinct(StringComparer.Ordinal));
        Assert.Single(responses, r => !r.Headers.Contains("Idempotent-Replayed"));
        var stored = fixture.App.Table(StorageNames.Tables.Seizures)
            .QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == SeizureSamples.Month && e.GetString("Office") == office);
        Assert.Equal(1, await stored.CountAsync());
    }

    [Fact]
    public async Task ReusingAnIdempotencyKeyWithABodyOfAnotherMonthIsUnprocessable()
    {
        var key = Guid.NewGuid().ToString();
        var november = await _client.PostSeizureAsync(SeizureSamples.Valid(), key);

        var october = await _client.PostSeizureAsync(SeizureSamples.Valid(seizedAt: SeizureSamples.On(SeizureSamples.PreviousMonth, 5)), key);

        Assert.Equal(HttpStatusCode.Created, november.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, october.StatusCode);
        Assert.Equal("Idempotency-Key", (await october.ReadObjectAsync())["errors"]!.AsObject().Single().Key);
    }

    [Fact]
    public async Task ConcurrentRequestsWithOneKeyAndBodiesOfTwoMonthsStoreOneBodyAndRefuseTheOther()
    {
        var key = Guid.NewGuid().ToString();
        var office = "PKKHI-M" + Random.Shared.Next(1000, 9999);
        JsonObject Body(int i) => SeizureSamples.Valid(office: office, seizedAt: SeizureSamples.On(i % 2 == 0 ? SeizureSamples.Month : SeizureSamples.PreviousMonth, 3));

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => _client.PostSeizureAsync(Body(i), key)));

        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.Equal(6, created.Count);
        Assert.All(responses.Except(created), r => Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode));
        var ids = await Task.WhenAll(created.Select(async r => (await r.ReadObjectAsync())["id"]!.GetValue<string>()));
        Assert.Single(ids.Distinct());
        var stored = await fixture.App.Table(StorageNames.Tables.Seizures)
            .QueryAsync<Azure.Data.Tables.TableEntity>(e => (e.PartitionKey == SeizureSamples.PreviousMonth || e.PartitionKey == SeizureSamples.Month) && e.GetString("Office") == office).ToListAsync();
        Assert.Equal(ids[0], Assert.Single(stored).RowKey);
    }

    [Fact]
    public async Task AnOverlongIdempotencyKeyIsABadRequest()
    {
        var response = await _client.PostSeizureAsync(SeizureSamples.Valid(), new string('k', 300));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey("Idempotency-Key"));
    }

    [Fact]
    public async Task EveryResponseReportsItsStorageRequestsInServerTiming()
    {
        var response = await _client.GetAsync($"/api/seizures?month={SeizureSamples.Month}&limit=1");

        var timing = Assert.Single(response.Headers.GetValues("Server-Timing"));
        Assert.Matches("^storage;dur=[0-9.]+;desc=\"[1-9][0-9]* requests\"", timing);
    }

    [Fact]
    public async Task ANewSeizureTakesTwoStorageRequestsAndReportsItsAuditWaitApart()
    {
        var response = await _client.PostSeizureAsync(SeizureSamples.Valid(), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var timing = Assert.Single(response.Headers.GetValues("Server-Timing"));
        Assert.Matches("^storage;dur=[0-9.]+;desc=\"2 requests\", audit;dur=[0-9.]+;desc=\"group commit\"$", timing);
    }
}
