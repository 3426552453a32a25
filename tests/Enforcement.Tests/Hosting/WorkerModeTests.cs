using System.Text;
using System.Text.Json.Nodes;
using Enforcement.Functions.Http;
using Enforcement.Functions.Photos;
using Enforcement.Tests.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Enforcement.Tests.Hosting;

/// <summary>The catch-all HTTP function in worker mode runs the whole app pipeline: routing, authentication,
/// authorization, problem details and the endpoints, with links under /api.</summary>
public sealed class WorkerModeTests(WorkerApp worker) : IClassFixture<WorkerApp>
{
    private static readonly string Supervisor = TestTokens.Create("supervisor", "PKKHI");

    [Fact]
    public async Task WithoutATokenTheAnswerIs401WithBothChallenges()
    {
        var response = await worker.SendAsync("GET", $"/api/seizures?month={SeizureSamples.Month}");

        Assert.Equal(401, response.Status);
        Assert.Contains("Bearer", response.Header("WWW-Authenticate"), StringComparison.Ordinal);
        Assert.Contains("ApiKey", response.Header("WWW-Authenticate"), StringComparison.Ordinal);
        Assert.True(response.WorkerEndpointRestored);
    }

    [Fact]
    public async Task ARoleWithoutThePolicyIs403()
    {
        var response = await worker.SendAsync("GET", $"/api/seizures?month={SeizureSamples.Month}", TestTokens.Create("partner"));

        Assert.Equal(403, response.Status);
    }

    [Fact]
    public async Task AnUnknownRouteIs404()
    {
        var response = await worker.SendAsync("GET", "/api/nothing-here", Supervisor);

        Assert.Equal(404, response.Status);
    }

    [Fact]
    public async Task RecordingASeizureIs201WithALocationUnderApiAndReadingItIs200()
    {
        var created = await worker.SendAsync("POST", "/api/seizures", Supervisor, Encoding.UTF8.GetBytes(SeizureSamples.Valid().ToJsonString()), "application/json");

        Assert.Equal(201, created.Status);
        var id = JsonNode.Parse(created.Body)!["id"]!.GetValue<string>();
        Assert.Equal($"/api/seizures/{id}", new Uri(new Uri("https://enforcement.example.org"), created.Header("Location")).AbsolutePath);
        Assert.NotNull(created.Header("ETag"));

        var read = await worker.SendAsync("GET", $"/api/seizures/{id}", Supervisor);
        Assert.Equal(200, read.Status);
        Assert.Equal(id, JsonNode.Parse(read.Body)!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnInvalidBodyIsAProblemNamingTheField()
    {
        var body = SeizureSamples.Valid();
        body["category"] = "not-a-category";

        var response = await worker.SendAsync("POST", "/api/seizures", Supervisor, Encoding.UTF8.GetBytes(body.ToJsonString()), "application/json");

        Assert.Equal(400, response.Status);
        Assert.StartsWith("application/problem+json", response.Header("Content-Type"), StringComparison.Ordinal);
        Assert.NotNull(JsonNode.Parse(response.Body)!["errors"]!["category"]);
    }

    [Fact]
    public async Task APhotoLargerThanTheLimitIs413()
    {
        var created = await worker.SendAsync("POST", "/api/seizures", Supervisor, Encoding.UTF8.GetBytes(SeizureSamples.Valid().ToJsonString()), "application/json");
        var id = JsonNode.Parse(created.Body)!["id"]!.GetValue<string>();

        var response = await worker.SendAsync("POST", $"/api/seizures/{id}/photos", Supervisor, new byte[1024], "image/jpeg", contentLength: 26L * 1024 * 1024);

        Assert.Equal(413, response.Status);
        Assert.StartsWith("application/problem+json", response.Header("Content-Type"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOpenApiDocumentIsServedAndDescribesTheApiNotTheCatchAll()
    {
        var response = await worker.SendAsync("GET", "/api/openapi/v1.json");

        Assert.Equal(200, response.Status);
        var paths = JsonNode.Parse(response.Body)!["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/seizures", paths);
        Assert.DoesNotContain(paths, p => p.Contains("{path}", StringComparison.Ordinal));
    }

    [Fact]
    public void TheWorkersKestrelGetsTheAppsBodyLimitsAndDataRates()
    {
        var kestrel = worker.Host.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;
        var limits = worker.Host.Services.GetRequiredService<IOptions<RequestLimitsOptions>>().Value;
        var photos = worker.Host.Services.GetRequiredService<IOptions<PhotoOptions>>().Value;

        Assert.Equal(photos.RequestBodyLimit(behindFunctionsProxy: true), kestrel.Limits.MaxRequestBodySize);
        Assert.Equal(limits.MinBodyBytesPerSecond, kestrel.Limits.MinRequestBodyDataRate!.BytesPerSecond);
        Assert.Equal(limits.BodyIdleTimeout, kestrel.Limits.MinRequestBodyDataRate.GracePeriod);
        Assert.Equal(TimeSpan.FromSeconds(limits.RequestHeadersTimeoutSeconds), kestrel.Limits.RequestHeadersTimeout);
    }

    [Fact]
    public async Task HealthIsAnonymous()
    {
        var response = await worker.SendAsync("GET", "/api/health");

        Assert.Equal(200, response.Status);
    }
}
