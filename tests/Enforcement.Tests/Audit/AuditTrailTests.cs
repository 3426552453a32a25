using System.Net;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Audit;

public sealed class AuditTrailTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly HttpClient _admin = fixture.App.ClientAs("admin", subject: "audit-admin");

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private TableClient AuditTable => fixture.App.Table(StorageNames.Tables.Audit);

    [Fact]
    public async Task WritesReadsAndRefusalsAreAuditedWithWhoWhatAndOutcome()
    {
        using var officer = fixture.App.ClientAs("officer", "PKKHI-APFT", subject: "officer-audited");
        var id = (await (await officer.PostSeizureAsync(SeizureSamples.Valid())).ReadObjectAsync())["id"]!.GetValue<string>();
        await fixture.Analyst.GetAsync($"/api/seizures/{id}");
        await fixture.App.Client().GetAsync($"/api/seizures/{id}");
        await fixture.App.ClientAs("rilo", region: "AP").GetAsync($"/api/seizures/{id}");

        var entries = await AllEntriesAsync();

        var recorded = Assert.Single(entries, e => e["operation"]!.GetValue<string>() == "seizure.record" && e["subject"]!.GetValue<string>() == "officer-audited");
        Assert.Equal(id, recorded["records"]![0]!.GetValue<string>());
        Assert.Equal("officer", recorded["roles"]![0]!.GetValue<string>());
        Assert.Equal("PKKHI-APFT", recorded["office"]!.GetValue<string>());
        Assert.Equal("authorized", recorded["outcome"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(recorded["client"]?.GetValue<string>()));
        Assert.Contains(entries, e => e["operation"]!.GetValue<string>() == "seizure.read" && e["outcome"]!.GetValue<string>() == "read" && e["records"]![0]!.GetValue<string>() == id);
        Assert.Contains(entries, e => e["outcome"]!.GetValue<string>() == "unauthenticated");
        Assert.Contains(entries, e => e["outcome"]!.GetValue<string>() == "forbidden" && e["roles"]![0]!.GetValue<string>() == "rilo");
        Assert.DoesNotContain(entries, e => e.ToJsonString().Contains("eyJ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUntouchedChainVerifies()
    {
        await fixture.Client.PostSeizureAsync(SeizureSamples.Valid());

        var verification = await (await _admin.GetAsync($"/api/admin/audit/verify?date={Today}")).ReadObjectAsync();

        Assert.True(verification["intact"]!.GetValue<bool>(), verification.ToJsonString());
        Assert.True(verification["entries"]!.GetValue<int>() > 0);
    }

    [Theory]
    [InlineData("edit")]
    [InlineData("delete-middle")]
    [InlineData("delete-newest")]
    [InlineData("reorder")]
    [InlineData("insert")]
    [InlineData("relink")]
    public async Task VerificationFindsEachKindOfTampering(string tampering)
    {
        for (var i = 0; i < 4; i++)
        {
            await fixture.Client.PostSeizureAsync(SeizureSamples.Valid());
        }

        var intact = await (await _admin.GetAsync($"/api/admin/audit/verify?date={Today}")).ReadObjectAsync();
        Assert.True(intact["intact"]!.GetValue<bool>(), intact.ToJsonString());

        var rows = await AuditTable.QueryAsync<TableEntity>(e => e.PartitionKey == Today).ToListAsync();
        var entries = rows.Where(r => r.RowKey != "head").OrderBy(r => r.RowKey, StringComparer.Ordinal).ToList();
        var (a, b) = (entries[1], entries[2]);
        long expectedBreak;
        switch (tampering)
        {
            case "edit":
                var edited = Copy(a);
                edited["Subject"] = "someone-else";
                await AuditTable.UpdateEntityAsync(edited, ETag.All, TableUpdateMode.Replace);
                expectedBreak = 2;
                break;
            case "delete-middle":
                await AuditTable.DeleteEntityAsync(a.PartitionKey, a.RowKey);
                expectedBreak = 2;
                break;
            case "delete-newest":
                var newest = entries[^1];
                await AuditTable.DeleteEntityAsync(newest.PartitionKey, newest.RowKey);
                expectedBreak = entries.Count;
                break;
            case "reorder":
                var swappedA = Copy(b);
                swappedA.RowKey = a.RowKey;
                var swappedB = Copy(a);
                swappedB.RowKey = b.RowKey;
                await AuditTable.UpdateEntityAsync(swappedA, ETag.All, TableUpdateMode.Replace);
                await AuditTable.UpdateEntityAsync(swappedB, ETag.All, TableUpdateMode.Replace);
                expectedBreak = 2;
                break;
            case "insert":
                var forged = Copy(a);
                forged.RowKey = a.RowKey + "5";
                await AuditTable.AddEntityAsync(forged);
                expectedBreak = 3;
                break;
            default:
                // Edit an entry and re-hash it, without knowing how to fix the next link.
                var relinked = Copy(a);
                relinked["Outcome"] = "read";
                relinked["Hash"] = new string('a', 64);
                await AuditTable.UpdateEntityAsync(relinked, ETag.All, TableUpdateMode.Replace);
                expectedBreak = 2;
                break;
        }

        var verification = await (await _admin.GetAsync($"/api/admin/audit/verify?date={Today}")).ReadObjectAsync();

        Assert.False(verification["intact"]!.GetValue<bool>());
        Assert.Equal(expectedBreak, verification["firstBroken"]!["sequence"]!.GetValue<long>());
        Assert.False(string.IsNullOrEmpty(verification["firstBroken"]!["reason"]!.GetValue<string>()));

        await RestoreAsync(rows);
    }

    private async Task RestoreAsync(List<TableEntity> original)
    {
        var now = await AuditTable.QueryAsync<TableEntity>(e => e.PartitionKey == Today).ToListAsync();
        foreach (var extra in now.Where(n => original.All(o => o.RowKey != n.RowKey)))
        {
            await AuditTable.DeleteEntityAsync(extra.PartitionKey, extra.RowKey);
        }

        // The head too: the audit of the verification of the tampered chain was appended after the snapshot.
        foreach (var row in original)
        {
            await AuditTable.UpsertEntityAsync(Copy(row), TableUpdateMode.Replace);
        }

        var verification = await (await _admin.GetAsync($"/api/admin/audit/verify?date={Today}")).ReadObjectAsync();
        Assert.True(verification["intact"]!.GetValue<bool>(), "restoring the tampered rows should make the chain whole: " + verification.ToJsonString());
    }

    private static TableEntity Copy(TableEntity row)
    {
        var copy = new TableEntity(row.PartitionKey, row.RowKey);
        foreach (var (key, value) in row.Where(p => p.Key is not ("odata.etag" or "PartitionKey" or "RowKey" or "Timestamp")))
        {
            copy[key] = value;
        }

        return copy;
    }

    private async Task<List<JsonObject>> AllEntriesAsync()
    {
        var entries = new List<JsonObject>();
        string? token = null;
        do
        {
            var page = await (await _admin.GetAsync($"/api/admin/audit?date={Today}&limit=500" + (token is null ? "" : $"&continuationToken={token}"))).ReadObjectAsync();
            entries.AddRange(page["items"]!.AsArray().Select(e => e!.AsObject()));
            token = page["continuationToken"]?.GetValue<string>();
        }
        while (token is not null);

        return entries;
    }
}

/// <summary>If the audit entry cannot be written, the operation does not happen.</summary>
public sealed class AuditUnavailableTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task ARecordingIsRefusedAndNothingStoredWhenTheAuditTrailCannotBeWritten()
    {
        var audit = fixture.App.Table(StorageNames.Tables.Audit);
        await audit.DeleteAsync();
        var office = "PKKHI-NOAUD";

        var response = await fixture.Client.PostSeizureAsync(SeizureSamples.Valid(office: office));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var stored = fixture.App.Table(StorageNames.Tables.Seizures).QueryAsync<TableEntity>(e => e.PartitionKey == SeizureSamples.Month && e.GetString("Office") == office);
        Assert.Equal(0, await stored.CountAsync());
    }
}
