using System.Text;
using System.Text.Json.Nodes;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Feeds;

/// <summary>What a month's feed holds: every seizure of the month in scope, nothing else, and nothing nominal.</summary>
public sealed class FeedContentTests(FeedContentTests.SeededMonth fixture) : IClassFixture<FeedContentTests.SeededMonth>
{
    public const string Month = "2025-03";
    public const string Key = "feed-content-tests-pseudonym-key-0123456789";

    /// <summary>Personal data planted in the seeded records; none of it may appear in any feed byte.</summary>
    public static readonly string[] PersonalData =
    [
        "Imran", "Baloch", "AB1234567", "Farooq", "Nadeem", "Siddiqui", "LEB4471", "KHI2291", "03001234567", "Mehwish",
        "Gulberg", "ZX9876543", "Hassan Traders", "HTRD", "Qureshi", "officer-ayesha-siddiqui", "officer-zahid-qureshi",
        "SparetyreNadeem", "1985-04-12",
    ];

    /// <summary>Seeds a month (and a neighbouring one that must stay out) through the API, then builds the month.</summary>
    public sealed class SeededMonth : AppFixture
    {
        public List<(string Id, string[] Scopes, int Items)> Seizures { get; } = [];

        public string OtherMonthId { get; private set; } = string.Empty;

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(FeedTestKit.HostDrivenFeeds()) { ["Feeds:PseudonymKey"] = Key };

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await Seed(FeedTestKit.Seizure("2025-03-02T09:00:00+05:00", "PK", "AE"), ["ALL", "AP", "MENA"], subject: "officer-ayesha-siddiqui",
                narrative: "Passenger Imran Baloch, passport AB1234567, born 1985-04-12, phone 03001234567, declared nothing.",
                concealment: "Sewn into the lining of Mr Baloch's jacket", itemDescription: "Heroin carried for Farooq");
            await Seed(FeedTestKit.Seizure("2025-03-05T11:00:00+05:00", "AE", "PK", "OM"), ["ALL", "MENA", "AP"], subject: "officer-zahid-qureshi",
                narrative: "Consignee Hassan Traders (HTRD), contact Mehwish at Gulberg office.", plate: "LEB4471", transportDocument: "BL HTRD Hassan Traders 0042");
            await Seed(FeedTestKit.Seizure("2025-03-09T22:15:00+05:00", "DE", "PK"), ["ALL", "EUR", "AP"], subject: "officer-zahid-qureshi",
                narrative: "Driver Nadeem Siddiqui, ID ZX9876543, vehicle KHI2291.", plate: "KHI2291", concealment: "Spare tyre (SparetyreNadeem)", items: 2);
            await Seed(FeedTestKit.Seizure("2025-03-14T03:00:00+05:00", "CN", "US", "NL"), ["ALL", "AP", "AMC", "EUR"], subject: "officer-ayesha-siddiqui");
            await Seed(FeedTestKit.Seizure("2025-03-20T16:45:00+05:00", "BR", "NG"), ["ALL", "AMC", "WCA"], subject: "officer-ayesha-siddiqui");
            await Seed(FeedTestKit.Seizure("2025-03-31T23:30:00+05:00", null, null), ["ALL"], subject: "officer-zahid-qureshi", narrative: "Qureshi found it.");
            OtherMonthId = await App.RecordAsync(FeedTestKit.Seizure("2025-04-01T00:30:00+05:00", "PK", "AE"));
            await App.BuildAsync(Month);
        }

        private async Task Seed(JsonObject seizure, string[] scopes, string subject, string? narrative = null, string? concealment = null,
            string? itemDescription = null, string? plate = null, string? transportDocument = null, int items = 1)
        {
            seizure["narrative"] = narrative ?? "Nothing personal.";
            seizure["concealment"]!["description"] = concealment ?? "Under the floor";
            seizure["items"]![0]!["description"] = itemDescription ?? "Brown powder";
            seizure["conveyance"]!["vehicleRegistration"] = plate;
            seizure["conveyance"]!["transportDocument"] = transportDocument;
            if (items == 2)
            {
                seizure["items"]!.AsArray().Add(new JsonObject
                {
                    ["category"] = "currency", ["description"] = "Cash, \"undeclared\", in USD", ["quantity"] = 52000, ["unit"] = "pieces",
                });
            }

            Seizures.Add((await App.RecordAsync(seizure, subject), scopes, items));
        }
    }

    [Theory]
    [InlineData("ALL")]
    [InlineData("AP")]
    [InlineData("EUR")]
    [InlineData("MENA")]
    [InlineData("WCA")]
    [InlineData("ESA")]
    [InlineData("AMC")]
    public async Task AScopesFeedHoldsEverySeizureOfTheMonthInScopeAndNoOther(string scope)
    {
        var expected = fixture.Seizures.Where(s => s.Scopes.Contains(scope)).Select(s => FeedTestKit.PseudonymOf(Key, s.Id)).Order().ToList();

        var response = await fixture.Analyst.GetAsync($"/api/feeds/{Month}/seizures?scope={scope}");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var ids = FeedTestKit.JsonLines(await response.Content.ReadAsStringAsync()).Select(r => r["id"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(expected, ids);
        Assert.DoesNotContain(FeedTestKit.PseudonymOf(Key, fixture.OtherMonthId), ids);
    }

    [Fact]
    public async Task ASeizureFromPakistanToTheEmiratesIsInAsiaPacificAndMenaButNotEurope()
    {
        var id = FeedTestKit.PseudonymOf(Key, fixture.Seizures[0].Id);

        var ap = await fixture.Analyst.GetStringAsync($"/api/feeds/{Month}/seizures?scope=AP");
        var mena = await fixture.Analyst.GetStringAsync($"/api/feeds/{Month}/seizures?scope=MENA");
        var eur = await fixture.Analyst.GetStringAsync($"/api/feeds/{Month}/seizures?scope=EUR");

        Assert.Contains(id, ap, StringComparison.Ordinal);
        Assert.Contains(id, mena, StringComparison.Ordinal);
        Assert.DoesNotContain(id, eur, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoPersonalDataOrNationalIdAppearsInAnyByteOfAnyFeedFile()
    {
        var blobs = await fixture.App.AllFeedBlobsAsync();
        var forbidden = PersonalData.Concat(fixture.Seizures.Select(s => s.Id)).Append(fixture.OtherMonthId).ToList();

        Assert.Equal(7 * 5, blobs.Count(b => !b.Name.StartsWith("_locks/", StringComparison.Ordinal)));
        Assert.All(blobs.Where(b => b.Name.Contains("/seizures.", StringComparison.Ordinal)), b => Assert.Equal("gzip", b.Encoding));
        Assert.Contains(blobs, b => b.Name.EndsWith("AP/2025-03/v1/seizures.json", StringComparison.Ordinal) && b.Bytes.Length > 1000);
        foreach (var (name, _, bytes) in blobs)
        {
            foreach (var secret in forbidden)
            {
                Assert.True(IndexOf(bytes, Encoding.UTF8.GetBytes(secret)) < 0, $"{name} contains '{secret}'");
                Assert.DoesNotContain(secret, Encoding.UTF8.GetString(bytes), StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public async Task EveryFileServedToARiloIsFreeOfPersonalDataGzippedOrNot()
    {
        foreach (var region in new[] { "AP", "EUR", "MENA", "WCA", "ESA", "AMC" })
        {
            using var rilo = fixture.App.ClientAs("rilo", region: region);
            foreach (var path in new[] { "", "/seizures", "/seizures?format=csv", "/summary" })
            {
                var plain = await rilo.GetByteArrayAsync($"/api/feeds/{Month}{path}");
                var request = new HttpRequestMessage(HttpMethod.Get, $"/api/feeds/{Month}{path}");
                request.Headers.AcceptEncoding.ParseAdd("gzip");
                var gzipped = await FeedTestKit.GunzipAsync(await (await rilo.SendAsync(request)).Content.ReadAsByteArrayAsync());

                Assert.Equal(plain, gzipped);
                foreach (var secret in PersonalData.Concat(fixture.Seizures.Select(s => s.Id)))
                {
                    Assert.True(IndexOf(plain, Encoding.UTF8.GetBytes(secret)) < 0, $"{region}{path} contains '{secret}'");
                }
            }
        }
    }

    [Fact]
    public async Task ARecordCarriesTheAnalyticalFactsUnderAPseudonymousId()
    {
        var record = FeedTestKit.JsonLines(await fixture.Analyst.GetStringAsync($"/api/feeds/{Month}/seizures"))
            .Single(r => r["id"]!.GetValue<string>() == FeedTestKit.PseudonymOf(Key, fixture.Seizures[1].Id));

        Assert.Equal("2025-03-05T11:00:00+05:00", record["seizedAt"]!.GetValue<string>());
        Assert.Equal("PKKHI-APFT", record["office"]!.GetValue<string>());
        Assert.Equal("import", record["procedure"]!.GetValue<string>());
        Assert.Equal("nii-scan", record["detectionMethod"]!.GetValue<string>());
        Assert.Equal("container-structure", record["concealmentMethod"]!.GetValue<string>());
        var item = Assert.Single(record["items"]!.AsArray())!.AsObject();
        Assert.Equal(["category", "hsCode", "quantity", "unit", "estimatedValue"], item.Select(p => p.Key));
        Assert.Equal(24.5m, item["quantity"]!.GetValue<decimal>());
        Assert.Equal("USD", item["estimatedValue"]!["currency"]!.GetValue<string>());
        var conveyance = record["conveyance"]!.AsObject();
        Assert.Equal(["mode", "vesselImo", "containerNumbers"], conveyance.Select(p => p.Key));
        Assert.Equal("CSQU3054383", conveyance["containerNumbers"]![0]!.GetValue<string>());
        Assert.Equal("OM", record["route"]!["transitCountries"]![0]!.GetValue<string>());
        Assert.Equal(["id", "seizedAt", "office", "procedure", "detectionMethod", "items", "concealmentMethod", "conveyance", "route"], record.Select(p => p.Key));
    }

    [Fact]
    public async Task TheCsvIsRfc4180WithAHeaderAndOneRowPerSeizedItem()
    {
        var response = await fixture.Analyst.GetAsync($"/api/feeds/{Month}/seizures?format=csv&scope=EUR");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.DispositionType, StringComparison.Ordinal);
        var rows = FeedTestKit.ParseCsv(await response.Content.ReadAsStringAsync());
        Assert.Equal(Enforcement.Functions.Feeds.FeedCsv.Columns, rows[0]);
        var inEurope = fixture.Seizures.Where(s => s.Scopes.Contains("EUR")).ToList();
        Assert.Equal(inEurope.Sum(s => s.Items), rows.Count - 1);
        Assert.All(rows.Skip(1), row => Assert.Equal(rows[0].Count, row.Count));
        var twoItems = rows.Skip(1).Where(r => r[0] == FeedTestKit.PseudonymOf(Key, inEurope.Single(s => s.Items == 2).Id)).ToList();
        Assert.Equal(["1", "2"], twoItems.Select(r => r[5]));
        Assert.Equal(["drugs", "currency"], twoItems.Select(r => r[6]));
        Assert.Equal("CN", rows.Skip(1).Single(r => r[17] == "CN")[17]);
        Assert.Equal("NL", rows.Skip(1).Single(r => r[17] == "CN")[18]);
    }

    [Fact]
    public async Task TheManifestDescribesEachFileBySizeAndHash()
    {
        var manifest = JsonNode.Parse(await fixture.Analyst.GetStringAsync($"/api/feeds/{Month}?scope=AP"))!.AsObject();

        Assert.Equal("AP", manifest["scope"]!.GetValue<string>());
        Assert.Equal(Month, manifest["month"]!.GetValue<string>());
        Assert.Equal(1, manifest["version"]!.GetValue<int>());
        Assert.Equal(4, manifest["recordCount"]!.GetValue<int>());
        Assert.Equal(5, manifest["itemCount"]!.GetValue<int>());
        var files = manifest["files"]!.AsArray().Select(f => f!.AsObject()).ToList();
        Assert.Equal(["seizures.json", "seizures.csv", "summary.json"], files.Select(f => f["name"]!.GetValue<string>()));
        foreach (var (file, path) in files.Zip(new[] { "/seizures?scope=AP", "/seizures?format=csv&scope=AP", "/summary?scope=AP" }))
        {
            var bytes = await fixture.Analyst.GetByteArrayAsync($"/api/feeds/{Month}{path}");
            Assert.Equal(file["size"]!.GetValue<long>(), bytes.LongLength);
            Assert.Equal(file["sha256"]!.GetValue<string>(), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        }
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
