using System.Net;
using System.Text.Json.Nodes;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;
using Enforcement.Tests.Persons;

namespace Enforcement.Tests.Cases;

/// <summary>Statutory stage clocks, task reminders and assignments, from the request that sets them through the
/// delayed queue message (the app's own "CaseDeadline" listener) and the record event pipeline to the mark on the case
/// and the notice in the inbox, with <see cref="EnforcementApp.Clock"/> moved forward by the test.</summary>
public sealed class CaseDeadlineTests(CaseDeadlineApp fixture) : IClassFixture<CaseDeadlineApp>
{
    private readonly HttpClient _supervisor = fixture.Supervisor;

    [Fact]
    public async Task AStageDeadlineAndATaskFireThroughTheQueueOnlyWhenTheirTimeHasComeAndReachTheInboxes()
    {
        var opened = await _supervisor.OpenCaseAsync(lead: "lead-d");
        var id = opened.Id();
        var dueAt = opened["deadline"]!["dueAt"]!.GetValue<DateTimeOffset>();
        var warnAt = opened["deadline"]!["warnAt"]!.GetValue<DateTimeOffset>();
        var due = fixture.Clock.GetUtcNow().AddDays(2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        var task = await _supervisor.PostJsonAsync($"/api/cases/{id}/tasks", new JsonObject { ["title"] = "Send samples to the lab", ["assignee"] = "officer-a", ["dueAt"] = due });
        Assert.Equal(HttpStatusCode.Created, task.StatusCode);
        Assert.Equal(DateTimeOffset.Parse($"{SeizureSamples.Month}-20T09:30:00Z").AddDays(180), dueAt);

        // Now: the task's reminder (due in two days, warning five days ahead) is due; the stage clock and the task are not.
        await TimelineReachesAsync(id, "task.reminder");
        Assert.False((await CaseAsync(id))["deadline"]!["warned"]!.GetValue<bool>());
        var assignee = fixture.As("officer", "PKKHI-APFT", "officer-a");
        Assert.Equal(["case.task-reminder"], await NoticeTypesAsync(assignee, id, 1));

        fixture.Clock.Advance(TimeSpan.FromDays(3));
        await TimelineReachesAsync(id, "task.overdue");
        Assert.True(Assert.Single(await _supervisor.ItemsAsync($"/api/cases/{id}/tasks"))!["overdue"]!.GetValue<bool>());
        Assert.False((await CaseAsync(id))["deadline"]!["warned"]!.GetValue<bool>());
        Assert.Equal(["case.task-reminder", "case.task-overdue"], await NoticeTypesAsync(assignee, id, 2));

        fixture.Clock.Advance(warnAt - fixture.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        await TimelineReachesAsync(id, "deadline.warning");
        Assert.False((await CaseAsync(id))["deadline"]!["overdue"]!.GetValue<bool>());

        fixture.Clock.Advance(dueAt - fixture.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        await TimelineReachesAsync(id, "deadline.overdue");
        await fixture.App.QueuesDrainedAsync(StorageNames.Queues.CaseDeadlines, StorageNames.Queues.SeizureEvents);
        var late = await CaseAsync(id);
        Assert.True(late["deadline"]!["warned"]!.GetValue<bool>());
        Assert.True(late["deadline"]!["overdue"]!.GetValue<bool>());
        Assert.Equal(["case.opened", "assignment.changed", "task.added", "task.reminder", "task.overdue", "deadline.warning", "deadline.overdue"], await TimelineTypesAsync(id));

        // The lead and the owning office's supervisors are told of the stage clock; the task's assignee of the task only;
        // a supervisor of another office and an officer off the case hear nothing.
        string[] stageNotices = ["case.deadline-warning", "case.overdue"];
        var leadNotices = await NoticeTypesAsync(fixture.As("officer", "PKLHE", "lead-d"), id, 3);
        Assert.Equal(["case.assigned", "case.deadline-warning", "case.overdue"], leadNotices);
        Assert.Equal(stageNotices, await NoticeTypesAsync(_supervisor, id, 2));
        Assert.Equal(["case.task-reminder", "case.task-overdue"], await NoticeTypesAsync(assignee, id, 2));
        Assert.Empty(await NoticeTypesAsync(fixture.As("supervisor", "PKLHE", "sup-pklhe"), id, 0));
        Assert.Empty(await NoticeTypesAsync(fixture.As("officer", "PKKHI-APFT", "officer-z"), id, 0));

        // Delivered again (at least once): nothing changes on the case, and no second notice.
        var again = new JsonObject { ["caseId"] = id, ["kind"] = "stage-overdue", ["stage"] = "seized", ["at"] = dueAt };
        Assert.True((await fixture.App.InvokeQueueFunctionAsync("CaseDeadline", again.ToJsonString(), 2)).Succeeded);
        var overdueEvent = new JsonObject { ["eventId"] = $"{id}.v{late["version"]}", ["type"] = "case.overdue", ["recordId"] = id, ["version"] = late["version"]!.GetValue<int>(), ["occurredAt"] = fixture.Clock.GetUtcNow() };
        Assert.True((await fixture.App.InvokeQueueFunctionAsync("SeizureEvents", overdueEvent.ToJsonString(), 2)).Succeeded);
        Assert.Equal(late["version"]!.GetValue<int>(), (await CaseAsync(id))["version"]!.GetValue<int>());
        Assert.Equal(stageNotices, await NoticeTypesAsync(_supervisor, id, 2));
    }

    /// <summary>The other test moves the clock past this case's stage clock too: only the assignment notices count here.</summary>
    [Fact]
    public async Task AnAssignmentReachesTheLeadAndEachTeamMemberOnceWithoutPersonalData()
    {
        var id = (await _supervisor.OpenCaseAsync(lead: "lead-n", team: ["member-n"])).Id();
        var lead = fixture.As("officer", "PKKHI-APFT", "lead-n");
        var member = fixture.As("officer", "PKLHE", "member-n");
        var notice = Assert.Single(await AssignmentsAsync(lead, id, 1));
        Assert.Equal("case.assigned", notice["type"]!.GetValue<string>());
        Assert.DoesNotContain("lead-n", notice["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(id, notice["text"]!.GetValue<string>(), StringComparison.Ordinal);

        // A new member is told of the reassignment; the redelivered assignment event adds nothing.
        var reassigned = await _supervisor.PutAsync($"/api/cases/{id}/assignment", System.Net.Http.Json.JsonContent.Create(new JsonObject { ["leadInvestigator"] = "lead-n", ["team"] = new JsonArray("member-n", "member-o") }));
        Assert.Equal(HttpStatusCode.OK, reassigned.StatusCode);
        var newcomer = fixture.As("officer", "PKKHI-APFT", "member-o");
        Assert.Equal(["case.assigned"], await NoticeTypesAsync(newcomer, id, 1));
        await fixture.App.QueuesDrainedAsync(StorageNames.Queues.SeizureEvents);
        var first = notice["id"]!.GetValue<string>();
        var redelivered = new JsonObject { ["eventId"] = first, ["type"] = "case.assigned", ["recordId"] = id, ["version"] = int.Parse(first.Split(".v")[1]), ["occurredAt"] = fixture.Clock.GetUtcNow() };
        Assert.True((await fixture.App.InvokeQueueFunctionAsync("SeizureEvents", redelivered.ToJsonString(), 2)).Succeeded);
        var leadNotices = await AssignmentsAsync(lead, id, 2);
        Assert.Equal(2, leadNotices.Count);
        Assert.Single(leadNotices, n => n["id"]!.GetValue<string>() == first);
        Assert.Equal(2, (await AssignmentsAsync(member, id, 2)).Count);
        Assert.Single(await AssignmentsAsync(newcomer, id, 1));
    }

    private static async Task<List<JsonObject>> AssignmentsAsync(HttpClient reader, string caseId, int atLeast) =>
        [.. (await SeizureSamples.EventuallyAsync(
            async () => (await NoticesAsync(reader, caseId, 0)).Where(n => n["type"]!.GetValue<string>() == "case.assigned").ToList(),
            notices => notices.Count >= atLeast))];

    private async Task TimelineReachesAsync(string id, string type) =>
        await SeizureSamples.EventuallyAsync(() => TimelineTypesAsync(id), types => types.Contains(type));

    private async Task<JsonObject> CaseAsync(string id) => await (await _supervisor.GetAsync($"/api/cases/{id}")).ReadObjectAsync();

    private async Task<string[]> TimelineTypesAsync(string id) =>
        [.. (await _supervisor.ItemsAsync($"/api/cases/{id}/timeline")).Select(t => t!["type"]!.GetValue<string>())];

    private static async Task<string[]> NoticeTypesAsync(HttpClient reader, string caseId, int atLeast) =>
        [.. (await NoticesAsync(reader, caseId, atLeast)).Select(n => n["type"]!.GetValue<string>())];

    /// <summary>The notices about this case in the reader's inbox, once at least <paramref name="atLeast"/> are there.</summary>
    private static async Task<List<JsonObject>> NoticesAsync(HttpClient reader, string caseId, int atLeast) =>
        await SeizureSamples.EventuallyAsync(
            async () =>
            {
                var page = await (await reader.GetAsync("/api/inbox?limit=100")).ReadObjectAsync();
                return page["items"]!.AsArray().Select(i => i!["notice"]).OfType<JsonObject>()
                    .Where(n => n["recordId"]?.GetValue<string>() == caseId).ToList();
            },
            notices => notices.Count >= atLeast);
}
