using System.Net;
using Azure.Storage.Queues.Models;
using Enforcement.Functions.Storage;

namespace Enforcement.Tests.Communication;

public sealed class EscalationSchedulingTests(CommunicationFixture fixture) : IClassFixture<CommunicationFixture>
{
    [Fact]
    public async Task PublishingAnUrgentAlertThatAsksForAcknowledgementQueuesAHiddenEscalation()
    {
        var publisher = fixture.As("supervisor", "PKSIA", "supervisor-sia");
        var queue = fixture.App.Queue(StorageNames.Queues.Escalations);
        QueueProperties before = await queue.GetPropertiesAsync();

        var response = await publisher.PublishAsync(CommunicationSamples.Alert("urgent hidden", priority: "urgent", requestAck: true));
        QueueProperties after = await queue.GetPropertiesAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(after.ApproximateMessagesCount > before.ApproximateMessagesCount);
        Assert.DoesNotContain((await queue.PeekMessagesAsync(32)).Value, m => m.Body.ToString().Contains("urgent hidden", StringComparison.Ordinal));
    }
}
