using System.Text.Json.Nodes;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Hosting;

/// <summary>The standalone queue listener, configured from the [QueueTrigger] declarations and a host.json with fast retries.</summary>
public sealed class LocalQueueTriggerTests(LocalQueueTriggerTests.FastRetryApp fixture) : IClassFixture<LocalQueueTriggerTests.FastRetryApp>
{
    public const int MaxDequeueCount = 3;

    /// <summary>A host.json that retries at once and poisons after three tries.</summary>
    public sealed class FastRetryApp : AppFixture
    {
        private string? _root;

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["FunctionApp:Root"] = _root ??= FastRetryAppRoot(MaxDequeueCount) };

    }

    [Fact]
    public async Task ARecordedSeizureIsProcessedThroughTheQueue()
    {
        var id = (await (await fixture.SupervisorOf("AEJEA").PostSeizureAsync(SeizureSamples.Valid(office: "AEJEA", seizedAt: "2025-07-01T08:00:00Z"))).ReadObjectAsync())["id"]!.GetValue<string>();

        var listed = await SeizureSamples.EventuallyAsync(
            async () => (await (await fixture.Analyst.GetAsync("/api/seizures?month=2025-07&office=AEJEA")).ReadObjectAsync())["items"]!.AsArray(),
            items => items.Count == 1);

        Assert.Equal(id, listed[0]!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"eventId\":\"SZ-202507-000000000000000000.v1\",\"type\":\"seizure.recorded\",\"recordId\":\"SZ-202507-000000000000000000\",\"version\":1,\"occurredAt\":\"2025-07-01T00:00:00Z\"}")]
    [InlineData("this is not json")]
    public async Task AMessageThatKeepsFailingMovesToThePoisonQueueAfterMaxDequeueCount(string text)
    {
        var queue = fixture.App.Queue(StorageNames.Queues.SeizureEvents);
        var poison = fixture.App.Queue(StorageNames.Queues.SeizureEvents + "-poison");
        var marker = Guid.NewGuid().ToString();
        var body = text.Contains("eventId", StringComparison.Ordinal) ? text.Replace("000000000000000000.v1", marker[..8].ToUpperInvariant() + "0000000000.v1", StringComparison.Ordinal) : text + " " + marker;

        await queue.SendMessageAsync(body);

        var poisoned = await SeizureSamples.EventuallyAsync(
            async () => (await poison.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString()).ToList(),
            bodies => bodies.Contains(body),
            TimeSpan.FromSeconds(30));
        Assert.Contains(body, poisoned);
        var remaining = (await queue.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString());
        Assert.DoesNotContain(body, remaining);
    }
}
