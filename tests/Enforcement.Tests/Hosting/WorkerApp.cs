using System.Security.Cryptography;
using Enforcement.Functions.Hosting.Worker;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Enforcement.Tests.Hosting;

/// <summary>
/// The app built exactly as Program builds it when the Functions host launches it (FunctionsApplication with
/// ConfigureFunctionsWebApplication), but not started: a test then calls the catch-all HTTP function the way the worker
/// does, with an HttpContext on which the worker's own routing has already matched "api/{*path}".
/// </summary>
public sealed class WorkerApp : IAsyncLifetime
{
    private IHost? _host;

    public IHost Host => _host ?? throw new InvalidOperationException("The worker app has not been built.");

    public async Task InitializeAsync()
    {
        var azurite = await TestAzurite.GetAsync();
        var settings = new Dictionary<string, string?>(TestTokens.AppSettings)
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Storage:NamePrefix"] = "w" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5)),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        _host = WorkerHost.Build([], Program.Composition, builder =>
        {
            builder.Environment.EnvironmentName = Environments.Development;
            builder.Configuration.AddInMemoryCollection(settings);
        });

        // The host is never started (there is no Functions host to talk to), so storage is prepared here as start-up would.
        await ActivatorUtilities.CreateInstance<StorageInitializer>(Host.Services).StartAsync(CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _host?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>One request through <see cref="HttpApiFunction"/>, as the worker hands it over.</summary>
    public async Task<WorkerResponse> SendAsync(string method, string pathAndQuery, string? bearer = null, byte[]? body = null,
        string? contentType = null, long? contentLength = null, IDictionary<string, string>? headers = null)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var request = context.Request;
        request.Method = method;
        request.Scheme = "https";
        request.Host = new HostString("enforcement.example.org");
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        request.Path = query < 0 ? pathAndQuery : pathAndQuery[..query];
        request.QueryString = query < 0 ? QueryString.Empty : new QueryString(pathAndQuery[query..]);
        if (bearer is not null)
        {
            request.Headers.Authorization = "Bearer " + bearer;
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers[name] = value;
        }

        if (body is not null)
        {
            request.ContentType = contentType;
            request.Body = new MemoryStream(body);
            request.ContentLength = contentLength ?? body.Length;
            context.Features.Set<IHttpRequestBodyDetectionFeature>(new HasBody());
        }

        context.Response.Body = new MemoryStream();

        // What the worker's Kestrel pipeline did before calling the function: matched its catch-all and set route values.
        var workerEndpoint = new RouteEndpointBuilder(_ => Task.CompletedTask, RoutePatternFactory.Parse("api/{*path}"), 0) { DisplayName = "HttpApi" }.Build();
        context.SetEndpoint(workerEndpoint);
        request.RouteValues["path"] = request.Path.Value!["/api/".Length..];

        var function = ActivatorUtilities.CreateInstance<HttpApiFunction>(scope.ServiceProvider);
        var result = await function.RunAsync(request);
        await result.ExecuteAsync(context);

        context.Response.Body.Position = 0;
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return new WorkerResponse(context.Response.StatusCode, context.Response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            text, ReferenceEquals(context.GetEndpoint(), workerEndpoint));
    }

    private sealed class HasBody : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }
}

public sealed record WorkerResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body, bool WorkerEndpointRestored)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
