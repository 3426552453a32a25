using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Communication;

/// <summary>Retention and deletion go through the queued purge: content goes, what must outlive it stays, both audited.</summary>
public sealed class RetentionTests(CommunicationFixture fixture) : IClassFixture<CommunicationFixture>
{
    private HttpClient Owner => fixture.As("analyst", null, "analyst-retention-owner");

    private HttpClient KarachiOfficer => fixture.As("officer", "PKKHI-APFT", "officer-retention-khi");

    private HttpClient Admin => fixture.As("admin", null, "admin-retention");

    [Fact]
    public async Task AfterRetentionTheQueuedPurgeDeletesTheContentButTheOwnerStillReadsTheGroupAndItsReport()
    {
        var today = fixture.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var group = CommunicationSamples.Group(endsOn: today);
        group["retentionDays"] = 30;
        var id = await Owner.CreateGroupAsync(group);
        Assert.Equal(HttpStatusCode.Created, (await Owner.SendAsync(id, "before-purge", CommunicationSamples.Message())).StatusCode);
        var seizure = SeizureSamples.Valid("PKKHI-APFT", "drugs");
        seizure["operationId"] = id;
        Assert.Equal(HttpStatusCode.Created, (await KarachiOfficer.PostSeizureAsync(seizure)).StatusCode);
        await CommunicationSamples.EventuallyAsync(
            async () => await (await Owner.GetAsync($"/api/groups/{id}/report")).ReadObjectAsync(),
            r => r["seizures"]!.GetValue<int>() == 1);
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        Assert.True((await fixture.App.InvokeTimerFunctionAsync("GroupSweep")).Succeeded);

        fixture.Clock.Advance(TimeSpan.FromDays(30));
        var sweep = await fixture.App.InvokeTimerFunctionAsync("GroupSweep");
        await fixture.App.QueuesDrainedAsync(StorageNames.Queues.GroupPurges);

        Assert.True(sweep.Succeeded, sweep.ToString());
        var messages = await CommunicationSamples.EventuallyAsync(
            async () => await (await Owner.GetAsync($"/api/groups/{id}/messages")).ReadObjectAsync(), m => m["items"]!.AsArray().Count == 0);
        Assert.Empty(messages["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, (await Owner.GetAsync($"/api/groups/{id}")).StatusCode);
        var report = await Owner.GetAsync($"/api/groups/{id}/report");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        var body = await report.ReadObjectAsync();
        Assert.True(body["final"]!.GetValue<bool>());
        Assert.Equal(1, body["seizures"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, (await KarachiOfficer.GetAsync($"/api/groups/{id}/report")).StatusCode);
        Assert.Empty(await RowsAsync(StorageNames.Tables.Groups, $"PartitionKey eq '{id}' and RowKey ge 'm|' and RowKey lt 'm}}'"));
        Assert.Contains(await RowsAsync(StorageNames.Tables.Audit, "Operation eq 'group.purge'"),
            e => e.GetString("Records")?.Contains(id, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task AnAdminListsAndDeletesAGroupButCannotReadItsContent()
    {
        var id = await Owner.CreateGroupAsync(CommunicationSamples.Group());
        var sent = await (await Owner.SendAsync(id, "admin-cannot-read", CommunicationSamples.Message())).ReadObjectAsync();
        var messageId = sent["id"]!.GetValue<string>();

        var list = await (await Admin.GetAsync("/api/groups?limit=100")).ReadObjectAsync();
        var content = new[]
        {
            await Admin.GetAsync($"/api/groups/{id}/messages"),
            await Admin.GetAsync($"/api/groups/{id}/messages/{messageId}/receipt"),
            await Admin.GetAsync($"/api/groups/{id}/report"),
            await Admin.SendAsync(id, "admin-send", CommunicationSamples.Message()),
        };
        var read = await Admin.GetAsync($"/api/groups/{id}");
        var deleted = await Admin.DeleteAsync($"/api/groups/{id}");
        var ownerRightAfter = await Owner.GetAsync($"/api/groups/{id}");
        await fixture.App.QueuesDrainedAsync(StorageNames.Queues.GroupPurges);

        Assert.Contains(list["items"]!.AsArray(), g => g!["id"]!.GetValue<string>() == id);
        Assert.All(content, r => Assert.True(r.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{r.RequestMessage!.RequestUri}: {r.StatusCode}"));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Null((await read.ReadObjectAsync())["members"]);
        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, ownerRightAfter.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.DeleteAsync($"/api/groups/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Owner.DeleteAsync($"/api/groups/{id}")).StatusCode);
        await CommunicationSamples.EventuallyAsync(() => RowsAsync(StorageNames.Tables.Groups, $"PartitionKey eq '{id}'"), rows => rows.Count == 0);
        Assert.Empty(await RowsAsync(StorageNames.Tables.GroupMembership, $"RowKey eq '{id}'"));
        Assert.DoesNotContain((await (await Admin.GetAsync("/api/groups?limit=100")).ReadObjectAsync())["items"]!.AsArray(), g => g!["id"]!.GetValue<string>() == id);
        var audit = await RowsAsync(StorageNames.Tables.Audit, null);
        Assert.Contains(audit, e => e.GetString("Operation") == "group.delete" && e.GetString("Subject") == "admin-retention" && e.GetString("Records")?.Contains(id, StringComparison.Ordinal) == true);
        Assert.Contains(audit, e => e.GetString("Operation") == "group.delete.purge" && e.GetString("Records")?.Contains(id, StringComparison.Ordinal) == true);
        Assert.DoesNotContain(audit, e => e.GetString("Operation") == "group.message.list" && e.GetString("Subject") == "admin-retention" && e.GetString("Outcome") == "read");
    }

    private async Task<List<TableEntity>> RowsAsync(string table, string? filter)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in fixture.App.Table(table).QueryAsync<TableEntity>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }
}
