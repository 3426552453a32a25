using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Feeds;

/// <summary>Pulling a feed: scopes, conditional requests, compression, listing, and refusals.</summary>
public sealed class FeedPullTests(FeedPullTests.BuiltMonth fixture) : IClassFixture<FeedPullTests.BuiltMonth>
{
    public const string Month = "2025-05";

    public sealed class BuiltMonth : AppFixture
    {
        protected override IDictionary<string, string?> Settings => FeedTestKit.HostDrivenFeeds();

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await App.RecordAsync(FeedTestKit.Seizure("2025-05-03T10:00:00+05:00", "PK", "AE"));
            await App.RecordAsync(FeedTestKit.Seizure("2025-05-04T10:00:00+05:00", "DE", "GB"));
            await App.BuildAsync(Month);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("/seizures")]
    [InlineData("/seizures?format=csv")]
    [InlineData("/summary")]
    public async Task IfNoneMatchWithTheCurrentETagIsAnsweredWithNotModifiedFromThePointerAlone(string path)
    {
        var first = await fixture.Analyst.GetAsync($"/api/feeds/{Month}{path}");
        var etag = first.Headers.ETag!;

        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/feeds/{Month}{path}");
        request.Headers.IfNoneMatch.Add(etag);
        var second = await fixture.Analyst.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(etag, second.Headers.ETag);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        // One storage request: the month's pointer blob. No table, no file, no audit entry.
        Assert.Contains("desc=\"1 requests\"", Assert.Single(second.Headers.GetValues("Server-Timing")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnETagOfAnotherScopeOrFileIsNotAMatch()
    {
        var europe = (await fixture.Analyst.GetAsync($"/api/feeds/{Month}/summary?scope=EUR")).Headers.ETag!;
        var manifest = (await fixture.Analyst.GetAsync($"/api/feeds/{Month}")).Headers.ETag!;

        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/feeds/{Month}/summary");
        request.Headers.IfNoneMatch.Add(europe);
        request.Headers.IfNoneMatch.Add(manifest);
        var response = await fixture.Analyst.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task GzipIsHonouredWithItsOwnETagAndTheSameContent()
    {
        var plain = await fixture.Analyst.GetAsync($"/api/feeds/{Month}/seizures?format=csv");
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/feeds/{Month}/seizures?format=csv");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        var compressed = await fixture.Analyst.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        Assert.Equal(["gzip"], compressed.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        Assert.NotEqual(plain.Headers.ETag, compressed.Headers.ETag);
        Assert.Equal(await plain.Content.ReadAsByteArrayAsync(), await FeedTestKit.GunzipAsync(await compressed.Content.ReadAsByteArrayAsync()));
        var refusing = new HttpRequestMessage(HttpMethod.Get, $"/api/feeds/{Month}/seizures?format=csv");
        refusing.Headers.AcceptEncoding.ParseAdd("gzip;q=0");
        Assert.Empty((await fixture.Analyst.SendAsync(refusing)).Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task ARiloPullsItsOwnRegionWithoutAskingAndNothingElse()
    {
        using var rilo = fixture.App.ClientAs("rilo", region: "eur");

        var own = JsonNode.Parse(await rilo.GetStringAsync($"/api/feeds/{Month}"))!;
        var explicitOwn = await rilo.GetAsync($"/api/feeds/{Month}/summary?scope=EUR");
        var national = await rilo.GetAsync($"/api/feeds/{Month}/seizures?scope=ALL");
        var other = await rilo.GetAsync($"/api/feeds/{Month}?scope=AP");
        var listing = JsonNode.Parse(await rilo.GetStringAsync("/api/feeds"))!;

        Assert.Equal("EUR", own["scope"]!.GetValue<string>());
        Assert.Equal(1, own["recordCount"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, explicitOwn.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, national.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.Equal("EUR", listing["scope"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnalystsPullTheNationalFeedByDefaultAndAnyRegionOnRequest()
    {
        var national = JsonNode.Parse(await fixture.Analyst.GetStringAsync($"/api/feeds/{Month}"))!;
        var africa = JsonNode.Parse(await fixture.Analyst.GetStringAsync($"/api/feeds/{Month}?scope=wca"))!;

        Assert.Equal("ALL", national["scope"]!.GetValue<string>());
        Assert.Equal(2, national["recordCount"]!.GetValue<int>());
        Assert.Equal("WCA", africa["scope"]!.GetValue<string>());
        Assert.Equal(0, africa["recordCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task TheListingNamesEachBuiltMonthWithItsVersion()
    {
        var listing = JsonNode.Parse(await fixture.App.ClientAs("admin").GetStringAsync("/api/feeds?scope=AP"))!;

        Assert.Equal("AP", listing["scope"]!.GetValue<string>());
        var month = Assert.Single(listing["months"]!.AsArray())!;
        Assert.Equal(Month, month["month"]!.GetValue<string>());
        Assert.Equal(1, month["version"]!.GetValue<int>());
        Assert.Equal(1, month["recordCount"]!.GetValue<int>());
        Assert.Equal($"/api/feeds/{Month}?scope=AP", month["manifest"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/api/feeds/2025-13", "month")]
    [InlineData("/api/feeds/May-2025/summary", "month")]
    [InlineData("/api/feeds/2025-05?scope=EU", "scope")]
    [InlineData("/api/feeds?scope=europe", "scope")]
    [InlineData("/api/feeds/2025-05/seizures?format=xml", "format")]
    public async Task ABadParameterIsAProblemNamingIt(string path, string field)
    {
        var response = await fixture.Analyst.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey(field));
    }

    [Fact]
    public async Task AMonthWithoutAFeedIsNotFound()
    {
        var response = await fixture.Analyst.GetAsync("/api/feeds/2025-06/summary");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PullsAreAuditedAsReadsOfTheScopeAndMonth()
    {
        using var rilo = fixture.App.ClientAs("rilo", region: "AP", subject: "rilo-ap-audited");
        await rilo.GetStringAsync($"/api/feeds/{Month}/seizures");

        var admin = fixture.App.ClientAs("admin");
        var day = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var entries = (await (await admin.GetAsync($"/api/admin/audit?date={day}&limit=1000")).ReadObjectAsync())["items"]!.AsArray();

        Assert.Contains(entries, e => e!["subject"]!.GetValue<string>() == "rilo-ap-audited"
            && e["operation"]!.GetValue<string>() == "feed.seizures"
            && e["outcome"]!.GetValue<string>() == "read"
            && e["records"]![0]!.GetValue<string>() == $"AP/{Month}");
    }
}
