using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Audit;

/// <summary>
/// Anchors audit chain heads outside the table: blob "{day}/{sequence:D12}.json" in container "audit-anchors",
/// written once (If-None-Match: *) and immutable in Azure. Someone able to rewrite the table could re-hash a whole
/// day's chain consistently; an anchored head they cannot change still exposes it. Anchored hourly by the AuditAnchor
/// timer (and on demand by an admin), so at most the last hour's entries rely on the table alone.
/// </summary>
internal sealed class AuditAnchors(BlobServiceClient blobs, StorageNames names, AuditTrail trail, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(names.Container(StorageNames.Containers.AuditAnchors));

    /// <summary>Anchors the day's current head; returns null when the day has no entries yet.</summary>
    public async Task<AuditAnchor?> AnchorAsync(string day, CancellationToken cancellationToken)
    {
        var head = await trail.ReadHeadAsync(day, cancellationToken);
        if (head is null || head.Sequence == 0)
        {
            return null;
        }

        var anchor = new AuditAnchor(day, head.Sequence, head.Hash, time.GetUtcNow());
        try
        {
            await _container.GetBlobClient(BlobName(day, head.Sequence)).UploadAsync(
                BinaryData.FromObjectAsJson(anchor, Json),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // That head is anchored already.
        }

        return anchor;
    }

    public async Task<IReadOnlyList<AuditAnchor>> ListAsync(string day, CancellationToken cancellationToken)
    {
        var anchors = new List<AuditAnchor>();
        await foreach (var item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, day + "/", cancellationToken))
        {
            var content = await _container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken);
            if (content.Value.Content.ToObjectFromJson<AuditAnchor>(Json) is { } anchor)
            {
                anchors.Add(anchor);
            }
        }

        return anchors;
    }

    /// <summary>The first anchor the chain no longer agrees with, or null.</summary>
    public static AuditBreak? Check(IReadOnlyList<AuditEntryEntity> entries, IEnumerable<AuditAnchor> anchors)
    {
        foreach (var anchor in anchors.OrderBy(a => a.Sequence))
        {
            if (entries.Count < anchor.Sequence || entries[(int)anchor.Sequence - 1].Hash != anchor.Hash)
            {
                return new AuditBreak(anchor.Sequence, string.Create(CultureInfo.InvariantCulture,
                    $"The chain no longer matches the head anchored at {anchor.AnchoredAt:O} (entry {anchor.Sequence}): entries up to it were rewritten or removed."));
            }
        }

        return null;
    }

    private static string BlobName(string day, long sequence) => string.Create(CultureInfo.InvariantCulture, $"{day}/{sequence:D12}.json");
}

public sealed record AuditAnchor(string Day, long Sequence, string Hash, DateTimeOffset AnchoredAt);
