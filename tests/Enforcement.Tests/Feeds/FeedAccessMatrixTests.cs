using System.Net.Http.Headers;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Feeds;

/// <summary>Every role against every feed endpoint: RILOs (with a region), analysts and admins read; only admins rebuild.</summary>
public sealed class FeedAccessMatrixTests(FeedAccessMatrixTests.MatrixApp fixture) : IClassFixture<FeedAccessMatrixTests.MatrixApp>
{
    public const string Month = "2025-02";

    public sealed class MatrixApp : AppFixture
    {
        public string RiloKey { get; private set; } = string.Empty;

        protected override IDictionary<string, string?> Settings => FeedTestKit.HostDrivenFeeds();

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await App.RecordAsync(FeedTestKit.Seizure("2025-02-10T10:00:00+05:00", "PK", "AE"));
            await App.BuildAsync(Month);
            using var admin = App.ClientAs("admin");
            var issued = await admin.PostAsync("/api/admin/api-keys", System.Net.Http.Json.JsonContent.Create(new { name = "RILO Asia/Pacific", role = "rilo", region = "AP" }));
            RiloKey = (await issued.ReadObjectAsync())["key"]!.GetValue<string>();
        }
    }

    public static TheoryData<string, string, string, int> Matrix()
    {
        var data = new TheoryData<string, string, string, int>();
        var reads = new[] { "/api/feeds", $"/api/feeds/{Month}", $"/api/feeds/{Month}/seizures", $"/api/feeds/{Month}/seizures?format=csv", $"/api/feeds/{Month}/summary",
            $"/api/feeds/{Month}/summary.svg", $"/api/feeds/{Month}/summary.svg?chart=route", $"/api/feeds/{Month}/summary.html" };
        foreach (var (caller, status) in new[]
                 {
                     ("anonymous", 401), ("officer", 403), ("supervisor", 403), ("analyst", 200), ("rilo", 200), ("rilo-apikey", 200),
                     ("rilo-without-region", 403), ("rilo-unknown-region", 403), ("partner", 403), ("admin", 200),
                 })
        {
            foreach (var path in reads)
            {
                data.Add(caller, "GET", path, status);
            }
        }

        foreach (var (caller, status) in new[]
                 {
                     ("anonymous", 401), ("officer", 403), ("supervisor", 403), ("analyst", 403), ("rilo", 403), ("rilo-apikey", 403),
                     ("rilo-without-region", 403), ("partner", 403), ("admin", 202),
                 })
        {
            data.Add(caller, "POST", $"/api/feeds/{Month}/rebuild", status);
        }

        // Nothing else of the API is open to a RILO.
        foreach (var caller in new[] { "rilo", "rilo-apikey" })
        {
            data.Add(caller, "GET", "/api/seizures?month=2025-02", 403);
            data.Add(caller, "GET", "/api/admin/api-keys", 403);
            data.Add(caller, "GET", "/api/admin/audit?date=2025-02-10", 403);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachRoleGetsExactlyWhatItIsAllowed(string caller, string method, string path, int expected)
    {
        using var client = ClientFor(caller);

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(expected, (int)response.StatusCode);
        if (expected >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    private HttpClient ClientFor(string caller)
    {
        switch (caller)
        {
            case "anonymous":
                return fixture.App.Client();
            case "officer":
                return fixture.App.ClientAs("officer", "PKKHI-APFT");
            case "supervisor":
                return fixture.App.ClientAs("supervisor", "PKKHI");
            case "rilo":
                return fixture.App.ClientAs("rilo", region: "AP");
            case "rilo-without-region":
                return fixture.App.ClientAs("rilo");
            case "rilo-unknown-region":
                return fixture.App.ClientAs("rilo", region: "XX");
            case "rilo-apikey":
                var client = fixture.App.Client();
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", fixture.RiloKey);
                return client;
            default:
                return fixture.App.ClientAs(caller);
        }
    }
}
