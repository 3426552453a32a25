using System.Security.Claims;
using System.Text.RegularExpressions;
using Enforcement.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Enforcement.Tests.HostileInput.Fuzzing;

/// <summary>
/// Who may call each operation, derived from the endpoint's own authorization metadata: the policy the app would
/// apply is evaluated for each candidate caller in turn (a supervisor of PKKHI, an analyst, an admin, a partner, a
/// RILO of Asia/Pacific); the first it admits calls the operation. Anonymous endpoints are called anonymously.
/// </summary>
public sealed partial class FuzzCallers(EnforcementApp app) : IDisposable
{
    public const string Anonymous = "anonymous";

    private static readonly (string Name, string Role, string? Office, string? Region)[] Candidates =
    [
        ("supervisor", "supervisor", "PKKHI", null),
        ("analyst", "analyst", null, null),
        ("admin", "admin", null, null),
        ("partner", "partner", null, null),
        ("rilo", "rilo", null, "AP"),
    ];

    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    public HttpClient Client(string caller)
    {
        lock (_clients)
        {
            if (!_clients.TryGetValue(caller, out var client))
            {
                var candidate = Candidates.SingleOrDefault(c => c.Name == caller);
                client = caller == Anonymous ? app.Client() : app.ClientAs(candidate.Role, candidate.Office, candidate.Region);
                client.Timeout = TimeSpan.FromSeconds(60);
                _clients[caller] = client;
            }

            return client;
        }
    }

    /// <summary>The caller for the operation, or null when no candidate may call it.</summary>
    public async Task<string?> CallerForAsync(OpenApiOperation operation)
    {
        var endpoint = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .FirstOrDefault(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(operation.Method) == true
                && Normalize(e.RoutePattern.RawText) == Normalize(operation.Path))
            ?? throw new InvalidOperationException($"No endpoint serves {operation}.");
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return Anonymous;
        }

        var provider = app.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var policy = await AuthorizationPolicy.CombineAsync(provider, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(),
            endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>()) ?? await provider.GetFallbackPolicyAsync();
        if (policy is null)
        {
            return Anonymous;
        }

        var authorization = app.Services.GetRequiredService<IAuthorizationService>();
        foreach (var (name, role, office, region) in Candidates)
        {
            var claims = new List<Claim> { new("sub", "fuzz-" + name), new("role", role) };
            if (office is not null)
            {
                claims.Add(new Claim("office", office));
            }

            if (region is not null)
            {
                claims.Add(new Claim("region", region));
            }

            var user = new ClaimsPrincipal(new ClaimsIdentity(claims, "Bearer", "sub", "role"));
            if ((await authorization.AuthorizeAsync(user, new DefaultHttpContext { User = user }, policy)).Succeeded)
            {
                return name;
            }
        }

        return null;
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    private static string Normalize(string? route) => "/" + RouteParameter().Replace(route ?? string.Empty, "{$1}").Trim('/');

    [GeneratedRegex(@"\{\*?([^}:=?]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
