using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using Enforcement.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Enforcement.Tests.Diagnostics;

/// <summary>With a connection string the app exports request telemetry to Application Insights (here a local
/// ingestion endpoint that records what it receives), and never the query string.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task RequestsAreExportedToApplicationInsightsWithoutTheirQueryStrings()
    {
        var received = new ConcurrentQueue<string>();
        await using var ingestion = await StartIngestionAsync(received);
        var endpoint = ingestion.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        await using var app = await EnforcementApp.StartAsync(new Dictionary<string, string?>
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = $"InstrumentationKey=11111111-2222-3333-4444-555555555555;IngestionEndpoint={endpoint}/",
        });
        using var analyst = app.ClientAs("analyst");

        var response = await analyst.GetAsync("/api/seizures?month=2025-01&office=PKKHISECRETQUERY");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The exporter sends in batches every few seconds; under load a batch can be late, so keep the requests coming.
        var telemetry = string.Empty;
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline && !telemetry.Contains("/api/seizures", StringComparison.Ordinal);)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            await analyst.GetAsync("/api/seizures?month=2025-01&office=PKKHISECRETQUERY");
            telemetry = string.Join('\n', received);
        }

        Assert.Contains("/api/seizures", telemetry, StringComparison.Ordinal);
        Assert.Contains("11111111-2222-3333-4444-555555555555", telemetry, StringComparison.Ordinal);
        Assert.DoesNotContain("PKKHISECRETQUERY", telemetry, StringComparison.Ordinal);
    }

    private static async Task<WebApplication> StartIngestionAsync(ConcurrentQueue<string> received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var ingestion = builder.Build();
        ingestion.Run(async context =>
        {
            Stream body = context.Request.Body;
            if (context.Request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
            {
                body = new GZipStream(body, CompressionMode.Decompress);
            }

            using var reader = new StreamReader(body);
            received.Enqueue(await reader.ReadToEndAsync());
            context.Response.StatusCode = StatusCodes.Status200OK;
            await context.Response.WriteAsync("{\"itemsReceived\":1,\"itemsAccepted\":1,\"errors\":[]}");
        });
        await ingestion.StartAsync();
        return ingestion;
    }
}
