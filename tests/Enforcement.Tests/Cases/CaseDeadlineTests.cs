using System.Net;
using System.Text.Json.Nodes;
using Azure.Storage.Queues.Models;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;
using Enforcement.Tests.Persons;

namespace Enforcement.Tests.Cases;

/// <summary>Statutory stage clocks and task reminders, from the request that sets them through the delayed queue
/// message to the mark on the case, with the clock moved forward by the test.</summary>
public sealed class CaseDeadlineTests(CaseApp fixture) : IClassFixture<CaseApp>
{
    private readonly HttpClient _supervisor = fixture.Supervisor;

    [Fact]
    public async Task AStageDeadlineAndATaskFireThroughTheQueueOnlyWhenTheirTimeHasCome()
    {
        var opened = await _supervisor.OpenCaseAsync();
        var id = opened.Id();
        var dueAt = opened["deadline"]!["dueAt"]!.GetValue<DateTimeOffset>();
        var due = fixture.Clock.GetUtcNow().AddDays(2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        var task = await _supervisor.PostJsonAsync($"/api/cases/{id}/tasks", new JsonObject { ["title"] = "Send samples to the lab", ["assignee"] = "officer-a", ["dueAt"] = due });
        Assert.Equal(HttpStatusCode.Created, task.StatusCode);
        Assert.Equal(DateTimeOffset.Parse($"{SeizureSamples.Month}-20T09:30:00Z").AddDays(180), dueAt);

        // Now: the task's reminder (due in two days, warning five days ahead) is due; the stage clock and the task are not.
        await DeliverAsync(4);
        var early = await CaseAsync(id);
        Assert.False(early["deadline"]!["warned"]!.GetValue<bool>());
        Assert.Equal(["case.opened", "task.added", "task.reminder"], await TimelineTypesAsync(id));

        fixture.Clock.Advance(TimeSpan.FromDays(3));
        await DeliverAsync(3);
        Assert.True(Assert.Single(await _supervisor.ItemsAsync($"/api/cases/{id}/tasks"))!["overdue"]!.GetValue<bool>());
        Assert.False((await CaseAsync(id))["deadline"]!["overdue"]!.GetValue<bool>());

        fixture.Clock.Advance(dueAt - fixture.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        await DeliverAsync(2);
        var late = await CaseAsync(id);
        Assert.True(late["deadline"]!["warned"]!.GetValue<bool>());
        Assert.True(late["deadline"]!["overdue"]!.GetValue<bool>());
        Assert.Equal(["case.opened", "task.added", "task.reminder", "task.overdue", "deadline.warning", "deadline.overdue"], await TimelineTypesAsync(id));

        // Delivered again (at least once): nothing changes.
        await DeliverAsync(0);
        Assert.Equal(late["version"]!.GetValue<int>(), (await CaseAsync(id))["version"]!.GetValue<int>());
    }

    /// <summary>Plays the host: takes every message that becomes visible (waiting for at least <paramref name="atLeast"/>)
    /// and invokes the function with it, deleting it on success.</summary>
    private async Task DeliverAsync(int atLeast)
    {
        var queue = fixture.App.Queue(StorageNames.Queues.CaseDeadlines);
        var delivered = 0;
        var quietUntil = DateTime.UtcNow.AddSeconds(2.5);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && (delivered < atLeast || DateTime.UtcNow < quietUntil))
        {
            QueueMessage[] messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30))).Value;
            foreach (var message in messages)
            {
                var outcome = await fixture.App.InvokeQueueFunctionAsync("CaseDeadline", message.MessageText, message.DequeueCount);
                Assert.True(outcome.Succeeded, outcome.ToString());
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                delivered++;
            }

            if (messages.Length == 0)
            {
                await Task.Delay(100);
            }
        }

        Assert.True(delivered >= atLeast, $"{delivered} messages delivered");
    }

    private async Task<JsonObject> CaseAsync(string id) => await (await _supervisor.GetAsync($"/api/cases/{id}")).ReadObjectAsync();

    private async Task<string[]> TimelineTypesAsync(string id) =>
        [.. (await _supervisor.ItemsAsync($"/api/cases/{id}/timeline")).Select(t => t!["type"]!.GetValue<string>())];
}
