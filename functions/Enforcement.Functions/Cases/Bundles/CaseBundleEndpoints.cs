using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Enforcement.Functions.Audit;
using Enforcement.Functions.Http;
using Enforcement.Functions.Security;
using Enforcement.Functions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Enforcement.Functions.Cases.Bundles;

public sealed record CaseBundle(string Id, string CaseId, string Status, string RequestedBy, DateTimeOffset RequestedAt, DateTimeOffset? BuiltAt, string? Sha256, long? Size, int? Files);

public sealed record BundleVerification(bool SignatureValid, bool ManifestIntact, int Files, IReadOnlyList<string> Mismatches);

/// <summary>Court bundles: request (built in the background), status, download of the ZIP and its detached signature,
/// the public key, and a verification of a downloaded bundle.</summary>
internal static class CaseBundleEndpoints
{
    public const string BundlePrefix = "BN-";
    public const long MaxVerifyBytes = 100 * 1024 * 1024;

    public static void MapCaseBundles(this RouteGroupBuilder group)
    {
        group.MapPost("/{id}/bundle", RequestCaseBundle).WithName(nameof(RequestCaseBundle)).RequireAuthorization(Policies.WorkOnCases)
            .WithSummary("Build a court bundle in the background (202; poll the Location)");
        group.MapGet("/{id}/bundles/{bundleId}", GetCaseBundle).WithName(nameof(GetCaseBundle)).RequireAuthorization(Policies.WorkOnCases)
            .WithSummary("A court bundle's status, SHA-256 and size");
        group.MapGet("/{id}/bundles/{bundleId}/zip", DownloadCaseBundle).WithName(nameof(DownloadCaseBundle)).RequireAuthorization(Policies.WorkOnCases)
            .Produces(StatusCodes.Status200OK, contentType: "application/zip").WithSummary("The bundle's ZIP, as built");
        group.MapGet("/{id}/bundles/{bundleId}/signature", DownloadCaseBundleSignature).WithName(nameof(DownloadCaseBundleSignature)).RequireAuthorization(Policies.WorkOnCases)
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").WithSummary("The detached ECDSA P-256 / SHA-256 signature (DER) of the ZIP");
        group.MapGet("/bundle-signing-key", GetBundleSigningKey).WithName(nameof(GetBundleSigningKey)).RequireAuthorization(Policies.WorkOnCases)
            .Produces(StatusCodes.Status200OK, contentType: "application/x-pem-file").WithSummary("The public key that verifies bundle signatures (PEM)");
        group.MapPost("/bundles/verify", VerifyCaseBundle).WithName(nameof(VerifyCaseBundle)).RequireAuthorization(Policies.WorkOnCases)
            .WithMetadata(new RequestSizeLimitAttribute(MaxVerifyBytes)).Accepts<byte[]>("application/zip")
            .WithSummary("Check a downloaded bundle: its signature (header Bundle-Signature, base64) and every manifest hash");
    }

    public static async Task<Results<Accepted<CaseBundle>, ProblemHttpResult>> RequestCaseBundle(
        string id, HttpContext context, CaseStore store, Auditor auditor, QueueServiceClient queues, StorageNames names, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var now = time.GetUtcNow();
        var bundleId = BundlePrefix + TimeOrderedKey.New(now);
        CaseBundleEntity? row = null;
        var outcome = await store.ChangeAsync(id, async current =>
        {
            if (await CaseEndpoints.RefuseAsync(context, auditor, caller, current, "case.bundle", steer: false, bundleId) is { } refused)
            {
                return refused;
            }

            row = new CaseBundleEntity { PartitionKey = current.PartitionKey, RowKey = CaseBundleEntity.Prefix + bundleId, RequestedBy = caller.Subject, RequestedAt = now };
            return new CaseDecision.Change("bundle.requested", $"Court bundle {bundleId} requested", caller.Subject,
                new JsonObject { ["bundleId"] = bundleId }, [new TableTransactionAction(TableTransactionActionType.Add, row)], SubjectId: bundleId);
        }, cancellationToken);
        if (outcome is CaseChangeOutcome.Refused refusal)
        {
            return (ProblemHttpResult)refusal.Result;
        }

        if (outcome is not CaseChangeOutcome.Committed committed)
        {
            return Problems.NotFound("case");
        }

        await queues.GetQueueClient(names.Queue(StorageNames.Queues.CaseBundles)).SendMessageAsync(
            JsonSerializer.Serialize(new CaseBundleRequest(committed.Case.PartitionKey, bundleId), CaseBundleJsonContext.Default.CaseBundleRequest), cancellationToken);
        return TypedResults.Accepted($"/api/cases/{committed.Case.PartitionKey}/bundles/{bundleId}", ToBundle(row!));
    }

    public static async Task<Results<Ok<CaseBundle>, ProblemHttpResult>> GetCaseBundle(
        string id, string bundleId, HttpContext context, CaseStore store, CaseAccess access, CancellationToken cancellationToken) =>
        await ReadAsync(id, bundleId, context, store, access, "case.bundle.read", cancellationToken) is { } row ? TypedResults.Ok(ToBundle(row)) : Problems.NotFound("bundle");

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadCaseBundle(
        string id, string bundleId, HttpContext context, CaseStore store, CaseAccess access, CaseBundleBuilder builder, CancellationToken cancellationToken)
    {
        if (await ReadAsync(id, bundleId, context, store, access, "case.bundle.download", cancellationToken) is not { Status: "ready" } row)
        {
            return Problems.NotFound("bundle");
        }

        var stream = await builder.Zip(row.PartitionKey, bundleId).OpenReadAsync(cancellationToken: cancellationToken);
        return TypedResults.Stream(stream, "application/zip", $"{bundleId}.zip");
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadCaseBundleSignature(
        string id, string bundleId, HttpContext context, CaseStore store, CaseAccess access, CaseBundleBuilder builder, CancellationToken cancellationToken)
    {
        if (await ReadAsync(id, bundleId, context, store, access, "case.bundle.download", cancellationToken) is not { Status: "ready" } row)
        {
            return Problems.NotFound("bundle");
        }

        var stream = await builder.Signature(row.PartitionKey, bundleId).OpenReadAsync(cancellationToken: cancellationToken);
        return TypedResults.Stream(stream, "application/octet-stream", $"{bundleId}.zip.sig");
    }

    public static async Task<ContentHttpResult> GetBundleSigningKey(BundleSigner signer, CancellationToken cancellationToken) =>
        TypedResults.Text(await signer.PublicKeyPemAsync(cancellationToken), "application/x-pem-file");

    public static async Task<Results<Ok<BundleVerification>, ValidationProblem, ProblemHttpResult>> VerifyCaseBundle(HttpContext context, BundleSigner signer, CancellationToken cancellationToken)
    {
        if (!JsonBody.HasJsonContentType(context.Request, "application/zip"))
        {
            return Problems.UnsupportedMediaType("application/zip");
        }

        var header = context.Request.Headers["Bundle-Signature"].ToString();
        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(header);
        }
        catch (FormatException)
        {
            signature = [];
        }

        if (signature.Length is 0 or > 512)
        {
            return CaseRequests.Invalid("Bundle-Signature", "Required: the bundle's .sig file, base64-encoded.");
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        var signatureValid = await signer.VerifyAsync(bytes, signature, cancellationToken);
        var mismatches = new List<string>();
        var files = 0;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            var manifestEntry = zip.GetEntry("manifest.json");
            if (manifestEntry is null)
            {
                mismatches.Add("manifest.json");
            }
            else
            {
                JsonNode? manifest;
                await using (var manifestStream = await manifestEntry.OpenAsync(cancellationToken))
                {
                    manifest = await JsonNode.ParseAsync(manifestStream, cancellationToken: cancellationToken);
                }

                foreach (var file in manifest?["files"]?.AsArray() ?? [])
                {
                    files++;
                    var name = file?["path"]?.GetValue<string>() ?? string.Empty;
                    var entry = zip.GetEntry(name);
                    if (entry is null)
                    {
                        mismatches.Add(name);
                        continue;
                    }

                    await using var content = await entry.OpenAsync(cancellationToken);
                    var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));
                    if (hash != file?["sha256"]?.GetValue<string>())
                    {
                        mismatches.Add(name);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException or InvalidOperationException)
        {
            return TypedResults.Ok(new BundleVerification(signatureValid, false, files, ["(not a readable bundle ZIP)"]));
        }

        return TypedResults.Ok(new BundleVerification(signatureValid, mismatches.Count == 0, files, mismatches));
    }

    private static async Task<CaseBundleEntity?> ReadAsync(string id, string bundleId, HttpContext context, CaseStore store, CaseAccess access, string operation, CancellationToken cancellationToken) =>
        CaseStore.IsKey(bundleId, BundlePrefix) && await access.ReadAsync(context, id, operation, cancellationToken, bundleId) is { } entity
            ? await store.GetRowAsync<CaseBundleEntity>(entity.PartitionKey, CaseBundleEntity.Prefix + bundleId, cancellationToken)
            : null;

    private static CaseBundle ToBundle(CaseBundleEntity b) =>
        new(b.RowKey[CaseBundleEntity.Prefix.Length..], b.PartitionKey, b.Status, b.RequestedBy, b.RequestedAt, b.BuiltAt, b.Sha256, b.Size, b.Files);
}
