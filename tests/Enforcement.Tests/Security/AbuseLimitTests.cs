using System.Net;
using System.Text;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Security;

public sealed class AbuseLimitTests(AbuseLimitTests.TightLimitsApp fixture) : IClassFixture<AbuseLimitTests.TightLimitsApp>
{
    public const int PermitsPerMinute = 5;

    public sealed class TightLimitsApp : AppFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Security:PermitsPerMinute"] = PermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Security:MaxJsonBodyBytes"] = "4096",
        };
    }

    [Fact]
    public async Task ACallerOverTheLimitGetsTooManyRequestsWithRetryAfter()
    {
        using var client = fixture.App.ClientAs("analyst", subject: "busy-analyst");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? rejected = null;
        for (var i = 0; i < PermitsPerMinute + 2; i++)
        {
            var response = await client.GetAsync("/api/seizures?month=2025-01");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                rejected ??= response;
            }
        }

        Assert.Equal(PermitsPerMinute, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.NotNull(rejected);
        Assert.True(rejected.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType!.MediaType);
        using var other = fixture.App.ClientAs("analyst", subject: "another-analyst");
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/seizures?month=2025-01")).StatusCode);
    }

    [Fact]
    public async Task AnOversizedJsonBodyIsRefusedWithContentTooLarge()
    {
        using var client = fixture.App.ClientAs("supervisor", "PKKHI", subject: "big-body-supervisor");
        var body = SeizureSamples.Valid();
        body["narrative"] = new string('x', 6000);

        var response = await client.PostAsync("/api/seizures", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}
