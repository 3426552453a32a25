using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Persons;

public sealed class RecordingSuspectTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly HttpClient _client = fixture.Client;

    [Fact]
    public async Task PostingAValidSuspectReturnsTheNormalizedRecordWithItsLocationAndETag()
    {
        var body = PersonSamples.Suspect(passport: "ab 123-4567");

        var response = await _client.PostSuspectAsync(body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadObjectAsync();
        var id = created["id"]!.GetValue<string>();
        Assert.Matches("^SU-[0-9A-HJKMNP-TV-Z]{18}$", id);
        Assert.Equal($"/api/suspects/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag!.Tag);
        Assert.Equal("AB1234567", created["documents"]![0]!["number"]!.GetValue<string>());
        Assert.Equal("+923001234567", created["phoneNumbers"]![0]!.GetValue<string>());
        Assert.Equal("PK", created["nationalities"]![0]!.GetValue<string>());
        Assert.DoesNotContain("Imran", id, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ARecordedSuspectReadsBackWithItsETagAndAnswersNotModified()
    {
        var created = await (await _client.PostSuspectAsync(PersonSamples.Suspect(), allowDuplicate: true)).ReadObjectAsync();
        var id = created["id"]!.GetValue<string>();

        var response = await _client.GetAsync($"/api/suspects/{id}");
        var again = new HttpRequestMessage(HttpMethod.Get, $"/api/suspects/{id}");
        again.Headers.TryAddWithoutValidation("If-None-Match", "\"1\"");
        var notModified = await _client.SendAsync(again);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag!.Tag);
        Assert.Equal(created.ToJsonString(), (await response.ReadObjectAsync()).ToJsonString());
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task EveryViolationIsReportedInOneProblemNamingEachField()
    {
        var body = PersonSamples.Suspect();
        body["dateOfBirth"] = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        body["gender"] = "m";
        body["nationalities"] = new JsonArray("PK", "XX");
        body["documents"] = new JsonArray(
            new JsonObject { ["type"] = "visa", ["number"] = "V123456" },
            new JsonObject { ["type"] = "passport", ["number"] = "AB12" },
            new JsonObject { ["type"] = "national-id", ["number"] = "42101-1234567-1", ["issuingCountry"] = "PK", ["expiresOn"] = "31/12/2030" });
        body["addresses"] = new JsonArray(new JsonObject { ["text"] = "Somewhere" });
        body["phoneNumbers"] = new JsonArray("0300 1234567");

        var response = await _client.PostSuspectAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await response.ReadObjectAsync())["errors"]!.AsObject();
        Assert.Equal(
            new[]
            {
                "addresses[0].country", "dateOfBirth", "documents[0].type", "documents[1].issuingCountry", "documents[1].number",
                "documents[2].expiresOn", "gender", "nationalities[1]", "phoneNumbers[0]",
            },
            errors.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("{}", "fullName")]
    [InlineData("{\"fullName\":\"  -- \"}", "fullName")]
    [InlineData("{\"fullName\":\"Imran\",\"passport\":\"AB1234567\"}", "passport")]
    [InlineData("{\"fullName\":\"Imran\",\"documents\":[{\"type\":\"passport\",\"number\":42}]}", "documents[0].number")]
    [InlineData("{\"fullName\":", "$")]
    public async Task MissingOrMalformedFieldsAreNamed(string json, string field)
    {
        var response = await _client.PostAsync("/api/suspects", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey(field));
    }

    [Theory]
    [InlineData("1985", true)]
    [InlineData("1985-03-14", true)]
    [InlineData("2999", false)]
    [InlineData("1899", false)]
    [InlineData("1985-13-01", false)]
    [InlineData("14/03/1985", false)]
    public async Task ADateOfBirthIsAFullDateOrAYearInThePast(string dateOfBirth, bool valid)
    {
        var response = await _client.PostSuspectAsync(PersonSamples.Suspect(dateOfBirth: dateOfBirth), allowDuplicate: true);

        Assert.Equal(valid ? HttpStatusCode.Created : HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(dateOfBirth, valid ? (await response.ReadObjectAsync())["dateOfBirth"]!.GetValue<string>() : dateOfBirth);
    }

    [Theory]
    [InlineData("L898902C<3", null, "L898902C", "3")]
    [InlineData("L898902C", "3", "L898902C", "3")]
    [InlineData("L898902C", null, "L898902C", null)]
    [InlineData("l898902c<4", null, null, null)]
    [InlineData("L898902C", "7", null, null)]
    public async Task AnMrzCheckDigitIsCrossCheckedWhenGivenAndNeverRequired(string number, string? checkDigit, string? storedNumber, string? storedDigit)
    {
        var body = PersonSamples.Suspect();
        body["documents"]![0]!["number"] = number;
        body["documents"]![0]!["mrzCheckDigit"] = checkDigit;

        var response = await _client.PostSuspectAsync(body, allowDuplicate: true);

        if (storedNumber is null)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey("documents[0].mrzCheckDigit"));
            return;
        }

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var document = (await response.ReadObjectAsync())["documents"]![0]!;
        Assert.Equal(storedNumber, document["number"]!.GetValue<string>());
        Assert.Equal(storedDigit, document["mrzCheckDigit"]?.GetValue<string>());
    }

    [Fact]
    public async Task RepeatingAnIdempotencyKeyWithTheSameBodyReturnsTheSameRecord()
    {
        var key = Guid.NewGuid().ToString();
        var body = PersonSamples.Suspect();

        var first = await _client.PostSuspectAsync(body, key);
        var second = await _client.PostSuspectAsync(body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal((await first.ReadObjectAsync()).ToJsonString(), (await second.ReadObjectAsync()).ToJsonString());
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task ReusingAnIdempotencyKeyWithADifferentBodyIsUnprocessable()
    {
        var key = Guid.NewGuid().ToString();
        await _client.PostSuspectAsync(PersonSamples.Suspect(), key);

        var response = await _client.PostSuspectAsync(PersonSamples.Suspect(fullName: "Someone Else"), key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task ConcurrentDuplicatesWithOneIdempotencyKeyStoreOneRecord()
    {
        var key = Guid.NewGuid().ToString();
        var body = PersonSamples.Suspect();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _client.PostSuspectAsync(body, key)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.ReadObjectAsync())["id"]!.GetValue<string>()));
        Assert.Single(ids.Distinct());
        var number = body["documents"]![0]!["number"]!.GetValue<string>();
        var found = await fixture.Analyst.ItemsAsync($"/api/suspects?document={number}");
        Assert.Single(found);
    }

    [Fact]
    public async Task AMergePatchWithTheCurrentETagCorrectsTheRecordAndItsIndex()
    {
        var oldNumber = PersonSamples.UniquePassport();
        var newNumber = PersonSamples.UniquePassport();
        var suspect = PersonSamples.Suspect(passport: oldNumber);
        var id = await _client.RecordSuspectAsync(suspect);

        var response = await _client.PatchPersonAsync("suspects", id, new JsonObject
        {
            ["documents"] = new JsonArray(new JsonObject { ["type"] = "passport", ["number"] = newNumber, ["issuingCountry"] = "PK" }),
            ["notes"] = null,
        }, "\"1\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag!.Tag);
        var body = await response.ReadObjectAsync();
        Assert.False(body.ContainsKey("notes"));
        Assert.Equal(suspect["fullName"]!.GetValue<string>(), body["fullName"]!.GetValue<string>());
        Assert.Single(await fixture.Analyst.ItemsAsync($"/api/suspects?document={newNumber}"));
        Assert.Empty(await fixture.Analyst.ItemsAsync($"/api/suspects?document={oldNumber}"));
    }

    [Fact]
    public async Task PatchingWithoutIfMatchIsPreconditionRequiredAndWithAStaleOneFailed()
    {
        var id = await _client.RecordSuspectAsync();
        await _client.PatchPersonAsync("suspects", id, new JsonObject { ["gender"] = "unknown" }, "\"1\"");

        var missing = await _client.PatchPersonAsync("suspects", id, new JsonObject { ["gender"] = "male" }, ifMatch: null);
        var stale = await _client.PatchPersonAsync("suspects", id, new JsonObject { ["gender"] = "male" }, "\"1\"");

        Assert.Equal((HttpStatusCode)428, missing.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("unknown", (await (await _client.GetAsync($"/api/suspects/{id}")).ReadObjectAsync())["gender"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnInvalidPatchNamesTheFieldAndChangesNothing()
    {
        var id = await _client.RecordSuspectAsync();

        var response = await _client.PatchPersonAsync("suspects", id, new JsonObject { ["phoneNumbers"] = new JsonArray("12345") }, "\"1\"");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey("phoneNumbers[0]"));
        Assert.Equal("\"1\"", (await _client.GetAsync($"/api/suspects/{id}")).Headers.ETag!.Tag);
    }

    [Theory]
    [InlineData("SU-01KAKJ6Q8X00000000")]
    [InlineData("not-an-id")]
    [InlineData("CO-01KAKJ6Q8X00000000")]
    public async Task UnknownSuspectIdsAreNotFoundProblems(string id)
    {
        var response = await fixture.Analyst.GetAsync($"/api/suspects/{id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task EachVersionIsKeptInTheRecordsHistory()
    {
        var id = await _client.RecordSuspectAsync();
        await _client.PatchPersonAsync("suspects", id, new JsonObject { ["gender"] = "unknown" }, "\"1\"");

        var table = fixture.App.Table(StorageNames.Tables.Suspects);
        var rows = await table.QueryAsync<Azure.Data.Tables.TableEntity>(e => e.RowKey.CompareTo($"~evt|{id}|") > 0 && e.RowKey.CompareTo($"~evt|{id}}}") < 0).ToListAsync();

        Assert.Equal(new[] { "suspect.recorded", "suspect.updated" }, rows.OrderBy(r => r.RowKey, StringComparer.Ordinal).Select(r => r.GetString("Type")));
    }
}
