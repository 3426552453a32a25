using System.Net;
using System.Text.Json.Nodes;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Health;

public sealed class HealthAndDocsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task HealthReportsTablesBlobsAndQueues()
    {
        var response = await fixture.App.Client().GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadObjectAsync();
        Assert.Equal("ok", body["status"]!.GetValue<string>());
        Assert.Equal(new[] { "blobs", "queues", "tables" }, body["storage"]!.AsObject().Select(p => p.Key).Order());
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheSeizureEndpoints()
    {
        var response = await fixture.App.Client().GetAsync("/api/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/api/seizures"));
        Assert.True(paths.ContainsKey("/api/seizures/{id}"));
        Assert.DoesNotContain(paths, p => p.Key.StartsWith("/Seizure", StringComparison.Ordinal) || p.Key.StartsWith("/Outbox", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InteractiveDocsAreServed()
    {
        var response = await fixture.App.Client().GetAsync("/api/docs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRoutesAreNotFoundProblemsForCallersAndUnauthorizedForStrangers()
    {
        var known = await fixture.Client.GetAsync("/api/nothing-here");
        var stranger = await fixture.App.Client().GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, known.StatusCode);
        Assert.Equal("application/problem+json", known.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, stranger.StatusCode);
    }
}
