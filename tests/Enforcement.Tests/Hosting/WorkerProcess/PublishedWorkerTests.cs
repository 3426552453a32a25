using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Enforcement.Tests.Hosting.WorkerProcess.Rpc;
using Enforcement.Tests.Infrastructure;
using Enforcement.Tests.Packaging;

namespace Enforcement.Tests.Hosting.WorkerProcess;

/// <summary>The deployment package's publish output, launched and driven as the Functions host would on Azure.</summary>
[Collection(FunctionPackageTestGroup.Name)]
public sealed class PublishedWorkerTests(FunctionPackage package)
{
    [Fact]
    public async Task ThePublishedAppStartsAsAWorkerServesHttpAndRunsQueueFunctions()
    {
        await using var host = new FunctionsHostStandIn();
        await host.StartAsync(package.PublishFolder, await WorkerApps.SettingsAsync());
        using var client = new HttpClient { BaseAddress = host.FrontDoor };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/seizures")
        {
            Content = new StringContent(SeizureSamples.Valid().ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create("supervisor", "PKKHI"));

        var created = await client.SendAsync(request);
        var failed = await host.InvokeQueueAsync("SeizureEvents", "not an event");

        Assert.Contains("HttpApi", host.Functions.Select(f => f.Name));
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"{created.StatusCode}\n{host.Output}");
        Assert.Equal(StatusResult.Types.Status.Failure, failed.Result.Status);
    }
}
