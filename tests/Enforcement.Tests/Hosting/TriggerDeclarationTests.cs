using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Enforcement.Functions.Hosting;
using Enforcement.Functions.Hosting.Standalone;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Hosting.WorkerProcess;
using Enforcement.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Enforcement.Tests.Hosting;

/// <summary>One declaration per function ([Function] with [QueueTrigger("%Setting%")] or [TimerTrigger("%Setting%")])
/// configures both modes: the host reads the functions.metadata the Worker SDK generates from it, the standalone
/// runner reads the attributes, and the Bicep gives the host the settings they name.</summary>
public sealed partial class TriggerDeclarationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public void TheGeneratedFunctionsMetadataDeclaresExactlyWhatTheStandaloneRunnerRuns()
    {
        var metadata = JsonNode.Parse(File.ReadAllText(Path.Combine(WorkerApps.BuildOutput(), "functions.metadata")))!.AsArray();
        var generated = metadata
            .Select(f => f!.AsObject())
            .Select(f => (Name: f["name"]!.GetValue<string>(), Trigger: f["bindings"]!.AsArray().Single(b => b!["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal))!))
            .Where(f => f.Trigger["type"]!.GetValue<string>() != "httpTrigger")
            .Select(f => $"{f.Name} {f.Trigger["type"]} {f.Trigger["queueName"] ?? f.Trigger["schedule"]}")
            .Order(StringComparer.Ordinal);

        var reflected = TriggeredFunctions.All
            .Select(f => f.Queue is not null ? $"{f.Name} queueTrigger {f.Queue.QueueName}" : $"{f.Name} timerTrigger {f.Timer!.Schedule}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(reflected, generated);
        Assert.Single(metadata, f => f!["name"]!.GetValue<string>() == "HttpApi");
    }

    [Fact]
    public void EverySettingATriggerNamesHasADefaultAndEveryQueueIsOneTheAppWritesTo()
    {
        var named = TriggeredFunctions.All.Select(f => f.Queue?.QueueName ?? f.Timer!.Schedule).ToList();

        Assert.All(named, n => Assert.Matches("^%[A-Za-z]+%$", n));
        Assert.Equal(TriggerSettings.Queues.Keys.Concat(TriggerSettings.Schedules.Keys).Order(StringComparer.Ordinal), named.Select(n => n.Trim('%')).Order(StringComparer.Ordinal));
        Assert.Equal(StorageNames.Queues.All.Order(StringComparer.Ordinal), TriggerSettings.Queues.Values.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheBicepGivesTheHostEveryTriggerSettingWithTheAppsValue()
    {
        var bicep = File.ReadAllText(Path.Combine(Repository.Root, "infra", "modules", "function-app.bicep"));
        var settings = BicepSetting().Matches(bicep).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);

        foreach (var (name, value) in TriggerSettings.Queues.Concat(TriggerSettings.Schedules))
        {
            Assert.True(settings.TryGetValue(name, out var configured), $"{name} is not an app setting in the Bicep.");
            Assert.Equal(value, configured);
        }
    }

    [Fact]
    public void AQueueSettingThatNamesAnotherQueueStopsTheApp()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(TriggerSettings.Defaults)
            .AddInMemoryCollection([new(TriggerSettings.SeizureEventsQueue, "somewhere-else")])
            .Build();

        var problem = Assert.Single(TriggerSettings.Validate(configuration));
        Assert.Contains("seizure-events", problem, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => TriggerSettings.EnsureValid(configuration));
    }

    [Fact]
    public void AMissingAppSettingIsAnErrorAsUnderTheHost()
    {
        var functions = fixture.App.Services.GetRequiredService<TriggeredFunctions>();

        Assert.Equal(StorageNames.Queues.SeizureEvents, functions.Resolve("%SeizureEventsQueue%"));
        Assert.Throws<InvalidOperationException>(() => functions.Resolve("%NoSuchSetting%"));
    }

    [Fact]
    public void EveryEndpointIsUnderTheHostsRoutePrefix()
    {
        var hostJson = fixture.App.Services.GetRequiredService<HostJson>();
        var patterns = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Select(e => e.RoutePattern.RawText!).ToList();

        Assert.Equal("api", hostJson.RoutePrefix);
        Assert.NotEmpty(patterns);
        Assert.All(patterns, p => Assert.StartsWith("/api/", p.StartsWith('/') ? p : "/" + p, StringComparison.Ordinal));
    }

    [Fact]
    public void HostJsonQueueSettingsAreRead()
    {
        var hostJson = fixture.App.Services.GetRequiredService<HostJson>();

        Assert.Equal(5, hostJson.Queues.MaxDequeueCount);
        Assert.Equal(16, hostJson.Queues.BatchSize);
        Assert.Equal(TimeSpan.FromSeconds(10), hostJson.Queues.VisibilityTimeout);
    }

    [GeneratedRegex(@"\{\s*name:\s*'([A-Za-z]+)'\s*,?\s*value:\s*'([^']*)'\s*\}")]
    private static partial Regex BicepSetting();
}
