using Enforcement.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Enforcement.Tests.Security;

public sealed class EndpointPolicyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly string[] OpenEndpoints = ["/api/health", "/api/openapi/{documentName}.json"];

    [Fact]
    public void EveryEndpointButHealthAndDocsDeclaresAnAuthorizationPolicy()
    {
        var endpoints = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        var undeclared = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Where(e => !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy)))
            .Select(e => e.RoutePattern.RawText)
            .ToList();
        var anonymous = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.RoutePattern.RawText!)
            .Distinct()
            .ToList();

        Assert.Empty(undeclared);
        Assert.All(anonymous, pattern => Assert.True(OpenEndpoints.Contains(pattern) || pattern == "/api/docs" || pattern.StartsWith("/api/docs/", StringComparison.Ordinal), pattern));
        Assert.True(endpoints.Count > 10);
    }
}
