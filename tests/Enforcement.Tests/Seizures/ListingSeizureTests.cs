using System.Net;
using System.Text.Json.Nodes;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Seizures;

public sealed class ListingSeizureTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly HttpClient _client = fixture.Analyst;

    [Fact]
    public async Task AnOfficerSeesEachSeizureTheyRecordInTheirOfficeListingOnTheVeryNextRequest()
    {
        var office = "PKKHI-U" + Random.Shared.Next(1000, 9999);
        using var officer = fixture.App.ClientAs("officer", office);

        for (var i = 0; i < 15; i++)
        {
            var created = await officer.PostSeizureAsync(SeizureSamples.Valid(office: office, seizedAt: SeizureSamples.On(SeizureSamples.Month, 10)), Guid.NewGuid().ToString());
            var listing = await officer.GetAsync($"/api/seizures?month={SeizureSamples.Month}&limit=100");

            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal(HttpStatusCode.OK, listing.StatusCode);
            var id = (await created.ReadObjectAsync())["id"]!.GetValue<string>();
            var items = (await listing.ReadObjectAsync())["items"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).ToList();
            Assert.Contains(id, items);
            Assert.Equal(i + 1, items.Count);
        }
    }

    [Fact]
    public async Task AMonthListsPageByPageWithContinuationTokens()
    {
        var month = "2025-03";
        for (var i = 0; i < 7; i++)
        {
            await fixture.Client.PostSeizureAsync(SeizureSamples.Valid(seizedAt: $"2025-03-{i + 1:00}T10:00:00Z"));
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var url = $"/api/seizures?month={month}&limit=3" + (token is null ? "" : $"&continuationToken={token}");
            var page = await (await _client.GetAsync(url)).ReadObjectAsync();
            seen.AddRange(page["items"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()));
            token = page["continuationToken"]?.GetValue<string>();
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(7, seen.Count);
        Assert.Equal(7, seen.Distinct().Count());
        Assert.True(pages >= 3);
    }

    [Fact]
    public async Task FiltersByCategoryOfficeAndCountryThroughTheIndex()
    {
        var month = "2025-04";
        var tobaccoAtKarachi = await Record(SeizureSamples.Valid(office: "PKKHI-APFT", category: "tobacco", seizedAt: "2025-04-02T10:00:00Z"));
        var drugsAtKarachi = await Record(SeizureSamples.Valid(office: "PKKHI-EXP", category: "drugs", seizedAt: "2025-04-03T10:00:00Z"));
        var drugsAtLahore = SeizureSamples.Valid(office: "PKLHE", category: "drugs", seizedAt: "2025-04-04T10:00:00Z");
        drugsAtLahore["route"] = new JsonObject { ["departureCountry"] = "AF", ["destinationCountry"] = "PK" };
        var lahore = await Record(drugsAtLahore);

        Assert.Equal(Sorted(tobaccoAtKarachi, drugsAtKarachi), await Eventually($"/api/seizures?month={month}&office=PKKHI", 2));
        Assert.Equal(Sorted(drugsAtKarachi), await Eventually($"/api/seizures?month={month}&office=PKKHI-EXP", 1));
        Assert.Equal(Sorted(drugsAtKarachi, lahore), await Eventually($"/api/seizures?month={month}&category=drugs", 2));
        Assert.Equal(Sorted(drugsAtKarachi), await Eventually($"/api/seizures?month={month}&category=drugs&office=PKKHI", 1));
        Assert.Equal(Sorted(lahore), await Eventually($"/api/seizures?month={month}&country=AF", 1));
        Assert.Equal(Sorted(lahore), await Eventually($"/api/seizures?month={month}&country=AF&category=drugs&office=PKLHE", 1));
        Assert.Empty(await Eventually($"/api/seizures?month={month}&country=AF&category=tobacco", 0));
    }

    [Fact]
    public async Task ACorrectionMovesTheRecordBetweenFilters()
    {
        var id = await Record(SeizureSamples.Valid(office: "PKKHI", category: "alcohol", seizedAt: "2025-05-02T10:00:00Z"));
        await Eventually("/api/seizures?month=2025-05&category=alcohol", 1);

        var patch = await fixture.Client.PatchSeizureAsync(id, JsonNode.Parse("""{"items":[{"category":"currency","description":"US dollars","quantity":50000,"unit":"pieces"}]}""")!, "\"1\"");

        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal(Sorted(id), await Eventually("/api/seizures?month=2025-05&category=currency", 1));
        Assert.Empty(await Eventually("/api/seizures?month=2025-05&category=alcohol", 0));
    }

    [Theory]
    [InlineData("", "month")]
    [InlineData("month=2025-13", "month")]
    [InlineData("month=2025-01&category=guns", "category")]
    [InlineData("month=2025-01&country=XX", "country")]
    [InlineData("month=2025-01&limit=101", "limit")]
    [InlineData("month=2025-01&limit=ten", "limit")]
    [InlineData("month=2025-01&continuationToken=%21%21", "continuationToken")]
    public async Task BadListingParametersAreNamed(string query, string field)
    {
        var response = await _client.GetAsync($"/api/seizures?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey(field));
    }

    private static List<string> Sorted(params string[] ids) => ids.Order(StringComparer.Ordinal).ToList();

    private async Task<string> Record(JsonObject body)
    {
        var response = await fixture.SupervisorOf(body["office"]!.GetValue<string>()).PostSeizureAsync(body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadObjectAsync())["id"]!.GetValue<string>();
    }

    private Task<List<string>> Eventually(string url, int expected) =>
        SeizureSamples.EventuallyAsync(
            async () => (await (await _client.GetAsync(url)).ReadObjectAsync())["items"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList(),
            ids => ids.Count == expected);
}
