using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Enforcement.Functions.Audit;
using Enforcement.Functions.Exhibits;
using Enforcement.Functions.Http;
using Enforcement.Functions.Persons;
using Enforcement.Functions.Photos;
using Enforcement.Functions.Seizures;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Cases.Bundles;

/// <summary>A court bundle, RowKey "b|{bundleId}" in the case's partition: queued, then ready with the ZIP's hash.</summary>
internal sealed class CaseBundleEntity : ITableEntity
{
    public const string Prefix = "b|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Status { get; set; } = "queued";

    public string RequestedBy { get; set; } = string.Empty;

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset? BuiltAt { get; set; }

    public string? Sha256 { get; set; }

    public long? Size { get; set; }

    public int? Files { get; set; }
}

internal sealed record CaseBundleRequest(string CaseId, string BundleId);

/// <summary>
/// Builds a court bundle: the case, journal and timeline (entries marked H1 left out: not for judicial use), exhibits
/// with their custody chains, linked records, photo originals and stage documents (with their SHA-256), and the audit
/// entries of the days the case changed that name any of its ids; a manifest of every file's SHA-256; the ZIP is
/// written once to blob "case-bundles/{caseId}/{bundleId}.zip" with its detached signature beside it (".sig").
/// </summary>
internal sealed class CaseBundleBuilder(
    CaseStore store, SeizureStore seizures, PersonStore persons, PhotoStore photos, Conveyances.ConveyanceStore conveyances, AuditTrail audit, BundleSigner signer,
    BlobServiceClient blobs, StorageNames names, TimeProvider time)
{
    private readonly BlobContainerClient _bundles = blobs.GetBlobContainerClient(names.Container(StorageNames.Containers.CaseBundles));

    public BlobClient Zip(string caseId, string bundleId) => _bundles.GetBlobClient($"{caseId}/{bundleId}.zip");

    public BlobClient Signature(string caseId, string bundleId) => _bundles.GetBlobClient($"{caseId}/{bundleId}.zip.sig");

    public async Task BuildAsync(CaseBundleRequest request, CancellationToken cancellationToken)
    {
        var row = await store.GetRowAsync<CaseBundleEntity>(request.CaseId, CaseBundleEntity.Prefix + request.BundleId, cancellationToken)
                  ?? throw new InvalidOperationException("The bundle was not requested.");
        if (row.Status == "ready")
        {
            return;
        }

        var entity = await store.GetAsync(request.CaseId, cancellationToken) ?? throw new InvalidOperationException("The case does not exist.");
        var caseId = entity.PartitionKey;
        var manifest = new List<JsonObject>();
        var path = Path.Combine(Path.GetTempPath(), $"bundle-{request.BundleId}.zip");
        try
        {
            await using (var file = File.Create(path))
            {
                using var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true);
                async Task AddAsync(string name, Stream content)
                {
                    var zipEntry = zip.CreateEntry(name, CompressionLevel.Optimal);
                    zipEntry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
                    await using var target = await zipEntry.OpenAsync(cancellationToken);
                    using var hashing = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                    var buffer = new byte[81920];
                    long size = 0;
                    int read;
                    while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                    {
                        hashing.AppendData(buffer, 0, read);
                        await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                        size += read;
                    }

                    manifest.Add(new JsonObject { ["path"] = name, ["sha256"] = Convert.ToHexStringLower(hashing.GetHashAndReset()), ["size"] = size });
                }

                Task AddJsonAsync(string name, object value) =>
                    AddAsync(name, new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(value, JsonBody.Options)));

                await AddJsonAsync("case.json", CaseMapping.ToCase(entity));
                var journal = (await store.AllAsync<JournalEntity>(caseId, JournalEntity.Prefix, JournalEntity.RangeEnd, cancellationToken))
                    .Where(j => j.HandlingCode != CaseCodes.NotForJudicialUse).Select(CaseMapping.ToEntry).ToList();
                await AddJsonAsync("journal.json", journal);
                var timeline = (await store.AllAsync<TimelineEntity>(caseId, TimelineEntity.Prefix, TimelineEntity.RangeEnd, cancellationToken))
                    .Where(t => t.HandlingCode != CaseCodes.NotForJudicialUse).ToList();
                await AddJsonAsync("timeline.json", timeline.Select(CaseMapping.ToTimeline).ToList());

                var exhibits = await store.AllAsync<ExhibitEntity>(caseId, ExhibitEntity.Prefix, ExhibitEntity.RangeEnd, cancellationToken);
                var ids = new HashSet<string>(StringComparer.Ordinal) { caseId };
                foreach (var exhibit in exhibits)
                {
                    var exhibitId = exhibit.RowKey[ExhibitEntity.Prefix.Length..];
                    ids.Add(exhibitId);
                    var chain = await ExhibitEndpoints.ChainAsync(store, caseId, exhibitId, cancellationToken);
                    await AddJsonAsync($"exhibits/{exhibitId}.json", new
                    {
                        exhibit = ExhibitEndpoints.ToExhibit(exhibit),
                        custody = chain.Select(ExhibitEndpoints.ToEvent).ToList(),
                        gaps = CustodyRules.Gaps(chain),
                    });
                }

                var links = await store.AllAsync<CaseLinkEntity>(caseId, CaseLinkEntity.Prefix, CaseLinkEntity.RangeEnd, cancellationToken);
                await AddJsonAsync("links.json", links.Select(CaseMapping.ToLink).ToList());
                foreach (var link in links)
                {
                    ids.Add(link.TargetId);
                    switch (link.Kind)
                    {
                        case "seizure" when SeizureId.TryParse(link.TargetId, out var seizureId) && await seizures.GetAsync(seizureId.Value, cancellationToken) is { } seizure:
                            await AddJsonAsync($"records/{link.TargetId}.json", seizure.Seizure);
                            break;
                        case "suspect" or "company" when PersonId.TryParse(link.TargetId, out var personId) && await persons.GetAsync(personId.Value, cancellationToken) is { } person:
                            await AddAsync($"records/{link.TargetId}.json", new MemoryStream(System.Text.Encoding.UTF8.GetBytes(person.Facts)));
                            break;
                        case "conveyance" when await conveyances.GetAsync(link.TargetId, cancellationToken) is { } conveyance:
                            await AddJsonAsync($"records/{link.TargetId}.json", Conveyances.ConveyanceStore.ToConveyance(conveyance, [link.TargetId]));
                            break;
                        case "photo" when link.SeizureId is not null && await photos.GetAsync(link.SeizureId, link.TargetId, cancellationToken) is { } photo:
                            await using (var original = await photos.Original(link.SeizureId, link.TargetId).OpenReadAsync(cancellationToken: cancellationToken))
                            {
                                await AddAsync($"photos/{link.TargetId}{Extension(photo.ContentType)}", original);
                            }

                            break;
                    }
                }

                var documents = await store.AllAsync<CaseDocumentEntity>(caseId, CaseDocumentEntity.Prefix, "d}", cancellationToken);
                await AddJsonAsync("documents.json", documents.Select(CaseMapping.ToDocument).ToList());
                foreach (var document in documents)
                {
                    var documentId = document.RowKey[CaseDocumentEntity.Prefix.Length..];
                    ids.Add(documentId);
                    await using var content = await store.Documents.GetBlobClient($"{caseId}/{documentId}").OpenReadAsync(cancellationToken: cancellationToken);
                    await AddAsync($"documents/{documentId}{Extension(document.ContentType)}", content);
                }

                // The audit slice: one partition per day the case changed, filtered to entries naming one of its ids.
                var slice = new List<AuditEntryEntity>();
                foreach (var day in timeline.Select(t => AuditTrail.DayOf(t.At)).Append(AuditTrail.DayOf(time.GetUtcNow())).Distinct(StringComparer.Ordinal))
                {
                    var (entries, _) = await audit.ReadDayAsync(day, cancellationToken);
                    slice.AddRange(entries.Where(e => e.Records.Split(',').Any(ids.Contains)));
                }

                await AddJsonAsync("audit.json", slice);
                var manifestJson = new JsonObject
                {
                    ["caseId"] = caseId,
                    ["bundleId"] = request.BundleId,
                    ["builtAt"] = time.GetUtcNow(),
                    ["excluded"] = "Journal entries and timeline rows with handling code H1 (not for judicial use without the originator's permission).",
                    ["files"] = new JsonArray([.. manifest]),
                };
                var manifestEntry = zip.CreateEntry("manifest.json", CompressionLevel.Optimal);
                manifestEntry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
                await using (var target = await manifestEntry.OpenAsync(cancellationToken))
                {
                    await target.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(manifestJson, JsonBody.Options), cancellationToken);
                }
            }

            await using var built = File.OpenRead(path);
            var signature = await signer.SignAsync(built, cancellationToken);
            built.Position = 0;
            var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(built, cancellationToken));
            built.Position = 0;
            await UploadOnceAsync(Zip(caseId, request.BundleId), built, "application/zip", cancellationToken);
            await UploadOnceAsync(Signature(caseId, request.BundleId), new MemoryStream(signature), "application/octet-stream", cancellationToken);

            row.Status = "ready";
            row.BuiltAt = time.GetUtcNow();
            row.Sha256 = sha256;
            row.Size = built.Length;
            row.Files = manifest.Count;
            await store.Table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Written once: a retry after a crash between the uploads finds the blob and overwrites nothing.</summary>
    private static async Task UploadOnceAsync(BlobClient blob, Stream content, string contentType, CancellationToken cancellationToken)
    {
        try
        {
            await blob.UploadAsync(content, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status409Conflict)
        {
        }
    }

    private static string Extension(string contentType) => contentType switch
    {
        "application/pdf" => ".pdf",
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "image/webp" => ".webp",
        _ => ".bin",
    };
}
