using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Enforcement.Functions.Audit;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Enforcement.Tests.Audit;

/// <summary>Anchored chain heads catch what the chain alone cannot: a day rewritten with consistent hashes.</summary>
public sealed class AuditAnchorTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly HttpClient _admin = fixture.App.ClientAs("admin", subject: "anchor-admin");

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task AChainRewrittenWithConsistentHashesIsCaughtByItsAnchor()
    {
        for (var i = 0; i < 3; i++)
        {
            await fixture.Client.PostSeizureAsync(SeizureSamples.Valid());
        }

        var anchor = await _admin.PostAsync($"/api/admin/audit/anchor?date={Today}", null);
        Assert.Equal(HttpStatusCode.OK, anchor.StatusCode);
        var anchoredAt = (await anchor.ReadObjectAsync())["sequence"]!.GetValue<long>();

        await RewriteFromSecondEntryAsync();
        var verification = await (await _admin.GetAsync($"/api/admin/audit/verify?date={Today}")).ReadObjectAsync();

        Assert.False(verification["intact"]!.GetValue<bool>(), verification.ToJsonString());
        Assert.True(verification["anchors"]!.GetValue<int>() >= 1);
        Assert.Equal(anchoredAt, verification["firstBroken"]!["sequence"]!.GetValue<long>());
        Assert.Contains("anchored", verification["firstBroken"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAnchorTimerWritesTodaysHeadOnce()
    {
        await fixture.Client.PostSeizureAsync(SeizureSamples.Valid());
        var outcome = await fixture.App.InvokeTimerFunctionAsync("AuditAnchor");

        Assert.True(outcome.Succeeded, outcome.ToString());
        var container = fixture.App.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(fixture.App.Names.Container(StorageNames.Containers.AuditAnchors));
        var anchors = await container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, Today + "/", CancellationToken.None).ToListAsync();
        Assert.NotEmpty(anchors);
    }

    /// <summary>What someone with write access to the table could do: change an entry and re-hash everything after it.</summary>
    private async Task RewriteFromSecondEntryAsync()
    {
        var trail = fixture.App.Services.GetRequiredService<AuditTrail>();
        var table = fixture.App.Table(StorageNames.Tables.Audit);
        var (entries, _) = await trail.ReadDayAsync(Today, CancellationToken.None);
        var previous = entries[0].Hash;
        foreach (var entry in entries.Skip(1))
        {
            if (entry.Sequence == 2)
            {
                entry.Subject = "someone-else";
            }

            entry.PreviousHash = previous;
            entry.Hash = AuditChain.HashOf(entry);
            previous = entry.Hash;
            await table.UpsertEntityAsync(entry, TableUpdateMode.Replace);
        }

        await table.UpsertEntityAsync(new AuditHeadEntity { PartitionKey = Today, Sequence = entries[^1].Sequence, Hash = previous }, TableUpdateMode.Replace);
        var (rewritten, head) = await trail.ReadDayAsync(Today, CancellationToken.None);
        Assert.Null(AuditChain.Verify(rewritten, head));
    }
}
