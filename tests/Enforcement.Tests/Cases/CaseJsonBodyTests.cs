using System.Net;
using System.Text;
using Enforcement.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Enforcement.Tests.Cases;

public sealed class CaseJsonBodyTests(CaseApp fixture) : IClassFixture<CaseApp>
{
    private readonly HttpClient _supervisor = fixture.Supervisor;

    [Fact]
    public async Task EveryCaseAndExhibitJsonWriteRefusesAnotherContentTypeWith415AndChangesNothing()
    {
        var (caseId, exhibitId) = await CustodyTests.ExhibitAsync(_supervisor);
        var taskId = (await (await _supervisor.PostJsonAsync($"/api/cases/{caseId}/tasks", new System.Text.Json.Nodes.JsonObject { ["title"] = "Call the lab", ["assignee"] = "officer-a" })).ReadObjectAsync()).Id();
        var before = await (await _supervisor.GetAsync($"/api/cases/{caseId}")).ReadObjectAsync();
        var jsonWrites = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/cases", StringComparison.Ordinal) || e.RoutePattern.RawText!.StartsWith("/api/exhibits", StringComparison.Ordinal))
            .Where(e => e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Contains("application/json") == true)
            .Select(e => (Method: e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single(), Route: e.RoutePattern.RawText!))
            .ToList();

        foreach (var (method, route) in jsonWrites)
        {
            var path = route.Replace("{id}", route.StartsWith("/api/exhibits", StringComparison.Ordinal) ? exhibitId : caseId, StringComparison.Ordinal)
                .Replace("{taskId}", taskId, StringComparison.Ordinal);
            var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{\"title\":\"x\"}", Encoding.UTF8, "text/plain") };

            var response = await _supervisor.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.UnsupportedMediaType, $"{method} {route}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var after = await (await _supervisor.GetAsync($"/api/cases/{caseId}")).ReadObjectAsync();
        Assert.Equal(11, jsonWrites.Count);
        Assert.Equal(before["version"]!.GetValue<int>(), after["version"]!.GetValue<int>());
    }
}
