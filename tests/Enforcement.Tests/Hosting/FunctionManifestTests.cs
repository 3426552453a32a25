using Enforcement.Functions.Hosting.FunctionApp;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Enforcement.Tests.Hosting;

public sealed class FunctionManifestTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private FunctionManifest Manifest => fixture.App.Services.GetRequiredService<FunctionManifest>();

    [Fact]
    public void EveryFunctionJsonHasAHandlerAndEveryHandlerHasAFunctionJson()
    {
        var queueHandlers = fixture.App.Services.GetServices<IQueueFunction>().Select(f => f.Name).ToList();
        var timerHandlers = fixture.App.Services.GetServices<ITimerFunction>().Select(f => f.Name).ToList();

        var mismatches = FunctionHandlerCheck.FindMismatches(Manifest, queueHandlers, timerHandlers);

        Assert.Empty(mismatches);
        Assert.Equal(Manifest.OfKind(TriggerKind.Queue).Select(f => f.Name).Order(), queueHandlers.Order());
        Assert.Equal(Manifest.OfKind(TriggerKind.Timer).Select(f => f.Name).Order(), timerHandlers.Order());
        Assert.NotEmpty(queueHandlers);
        Assert.NotEmpty(timerHandlers);
    }

    [Fact]
    public void AHandlerWithoutFunctionJsonIsReported()
    {
        var mismatches = FunctionHandlerCheck.FindMismatches(Manifest, ["SeizureEvents", "Ghost"], ["OutboxRelay"]);

        Assert.Contains(mismatches, m => m.Contains("Ghost", StringComparison.Ordinal));
    }

    [Fact]
    public void TheAppRootIsWhatTheFunctionsHostExpects()
    {
        var root = Manifest.AppRoot;

        Assert.True(File.Exists(Path.Combine(root, "host.json")));
        var http = Assert.Single(Manifest.OfKind(TriggerKind.Http));
        Assert.Equal("HttpApi", http.Name);
        var hostJson = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "host.json"))).RootElement;
        var handler = hostJson.GetProperty("customHandler");
        Assert.True(handler.GetProperty("enableForwardingHttpRequest").GetBoolean());
        Assert.True(File.Exists(Path.Combine(root, handler.GetProperty("description").GetProperty("defaultExecutablePath").GetString()!)));
        Assert.Equal("api", hostJson.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    [Fact]
    public void QueueNamesInFunctionJsonMatchTheQueuesTheAppWritesTo()
    {
        var queues = Manifest.OfKind(TriggerKind.Queue).Select(f => f.QueueName!).Order().ToList();

        Assert.Equal(StorageNames.Queues.All.Order(), queues);
    }

    [Fact]
    public void HostJsonQueueSettingsAreRead()
    {
        Assert.Equal(5, Manifest.Queues.MaxDequeueCount);
        Assert.Equal(16, Manifest.Queues.BatchSize);
        Assert.Equal(TimeSpan.FromSeconds(10), Manifest.Queues.VisibilityTimeout);
    }
}
