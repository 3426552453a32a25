using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Enforcement.Functions.Audit;
using Enforcement.Functions.Http;
using Enforcement.Functions.Security;
using Enforcement.Functions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Cases;

/// <summary>
/// Documents of a case (stage proofs, disposal orders and certificates): the body is the document itself (PDF, JPEG or
/// PNG, checked by its first bytes), stored once in blob "case-documents/{caseId}/{documentId}" with its SHA-256.
/// </summary>
internal static class CaseDocuments
{
    public const string Prefix = "DOC-";

    public static bool IsDocumentId(string? id) =>
        CaseStore.IsKey(id, Prefix);

    public static void MapCaseDocuments(this RouteGroupBuilder group, long maxBytes)
    {
        group.MapPost("/{id}/documents", UploadCaseDocument).WithName(nameof(UploadCaseDocument)).RequireAuthorization(Policies.WorkOnCases)
            .WithMetadata(new RequestSizeLimitAttribute(maxBytes))
            .Accepts<byte[]>("application/pdf", "image/jpeg", "image/png")
            .WithSummary("Upload a document to the case (the body is the file; ?title= names it); answers its id and SHA-256");
        group.MapGet("/{id}/documents", ListCaseDocuments).WithName(nameof(ListCaseDocuments)).RequireAuthorization(Policies.WorkOnCases)
            .WithSummary("The documents of the case with their SHA-256");
        group.MapGet("/{id}/documents/{documentId}/content", GetCaseDocumentContent).WithName(nameof(GetCaseDocumentContent)).RequireAuthorization(Policies.WorkOnCases)
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf", additionalContentTypes: ["image/jpeg", "image/png"])
            .WithSummary("The document's bytes, as uploaded");
    }

    public static async Task<Results<Created<CaseDocument>, ValidationProblem, ProblemHttpResult>> UploadCaseDocument(
        string id, HttpContext context, CaseStore store, Auditor auditor, IOptions<CaseOptions> options, TimeProvider time, [FromQuery] string? title, CancellationToken cancellationToken)
    {
        var contentType = context.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (contentType is null || !CaseCodes.DocumentContentTypes.Contains(contentType))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: $"Send the document as {string.Join(", ", CaseCodes.DocumentContentTypes)}.",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["Content-Type"] = [$"Must be one of {string.Join(", ", CaseCodes.DocumentContentTypes)}."] } });
        }

        var errors = new Dictionary<string, string[]>();
        var name = CaseRequests.Text(title, "title", CaseCodes.MaxTitle, errors, required: true);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var caller = context.Caller();
        if (await store.GetAsync(id, cancellationToken) is not { } entity)
        {
            return Problems.NotFound("case");
        }

        if (!CaseAccess.CanRead(caller, entity))
        {
            await auditor.RecordAsync(context, "case.document.add", [entity.PartitionKey], AuditOutcomes.OutOfScope);
            return Problems.NotFound("case");
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > options.Value.MaxDocumentBytes)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Document too large", detail: $"At most {options.Value.MaxDocumentBytes} bytes.");
        }

        var bytes = buffer.ToArray();
        if (bytes.Length == 0 || !MatchesContentType(bytes, contentType))
        {
            return CaseRequests.Invalid("body", $"The body must be a {contentType} file (its first bytes say otherwise, or it is empty).");
        }

        var now = time.GetUtcNow();
        var documentId = Prefix + TimeOrderedKey.New(now);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        await auditor.RecordAsync(context, "case.document.add", [entity.PartitionKey, documentId], AuditOutcomes.Authorized);
        await store.Documents.GetBlobClient($"{entity.PartitionKey}/{documentId}").UploadAsync(new BinaryData(bytes), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Metadata = new Dictionary<string, string> { ["sha256"] = sha256 },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        }, cancellationToken);

        var row = new CaseDocumentEntity
        {
            PartitionKey = entity.PartitionKey,
            RowKey = CaseDocumentEntity.Prefix + documentId,
            Title = name!,
            ContentType = contentType,
            Size = bytes.Length,
            Sha256 = sha256,
            UploadedBy = caller.Subject,
            UploadedAt = now,
        };
        var outcome = await store.ChangeAsync(entity.PartitionKey, current => Task.FromResult<CaseDecision>(!CaseAccess.CanRead(caller, current)
            ? new CaseDecision.Refused(Problems.NotFound("case"))
            : new CaseDecision.Change("document.added", $"Document \"{name}\" ({contentType}, {bytes.Length} bytes)", caller.Subject,
                new JsonObject { ["documentId"] = documentId, ["sha256"] = sha256, ["contentType"] = contentType, ["size"] = bytes.Length },
                [new TableTransactionAction(TableTransactionActionType.Add, row)], SubjectId: documentId)), cancellationToken);
        if (outcome is not CaseChangeOutcome.Committed)
        {
            return Problems.NotFound("case");
        }

        return TypedResults.Created($"/api/cases/{entity.PartitionKey}/documents/{documentId}/content", CaseMapping.ToDocument(row));
    }

    public static async Task<Results<Ok<CaseDocumentPage>, ProblemHttpResult>> ListCaseDocuments(
        string id, HttpContext context, CaseStore store, CaseAccess access, CancellationToken cancellationToken)
    {
        if (await access.ReadAsync(context, id, "case.documents", cancellationToken) is not { } entity)
        {
            return Problems.NotFound("case");
        }

        var rows = await store.AllAsync<CaseDocumentEntity>(entity.PartitionKey, CaseDocumentEntity.Prefix, "d}", cancellationToken);
        return TypedResults.Ok(new CaseDocumentPage(rows.Select(CaseMapping.ToDocument).ToList()));
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetCaseDocumentContent(
        string id, string documentId, HttpContext context, CaseStore store, CaseAccess access, CancellationToken cancellationToken)
    {
        if (!IsDocumentId(documentId) || await access.ReadAsync(context, id, "case.document.read", cancellationToken, documentId) is not { } entity
            || await store.GetRowAsync<CaseDocumentEntity>(entity.PartitionKey, CaseDocumentEntity.Prefix + documentId, cancellationToken) is not { } row)
        {
            return Problems.NotFound("document");
        }

        var stream = await store.Documents.GetBlobClient($"{entity.PartitionKey}/{documentId}").OpenReadAsync(cancellationToken: cancellationToken);
        return TypedResults.Stream(stream, row.ContentType);
    }

    private static bool MatchesContentType(byte[] bytes, string contentType) => contentType switch
    {
        "application/pdf" => bytes.AsSpan().StartsWith("%PDF-"u8),
        "image/jpeg" => bytes.AsSpan().StartsWith((byte[])[0xFF, 0xD8, 0xFF]),
        "image/png" => bytes.AsSpan().StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        _ => false,
    };
}
