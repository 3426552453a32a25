using System.Globalization;
using Azure;
using Azure.Storage.Blobs.Models;
using Enforcement.Functions.Audit;
using Enforcement.Functions.Http;
using Enforcement.Functions.Security;
using Enforcement.Functions.Seizures;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

using Enforcement.Functions.Hosting;

namespace Enforcement.Functions.Photos;

/// <summary>
/// Concealment photos of a seizure: intake (direct, or through an upload session for bad networks), the records,
/// their content (original, sanitized copy, thumbnail) with ranges and digests, and withdrawal. No DELETE: evidence.
/// </summary>
internal static class PhotoEndpoints
{
    public const int MaxWithdrawalReasonLength = 500;
    public const string OriginalVariant = "original";
    public const string SanitizedVariant = "sanitized";
    public const string ThumbnailVariant = "thumbnail";

    internal static readonly string[] Variants = [OriginalVariant, SanitizedVariant, ThumbnailVariant];

    public static RouteGroupBuilder MapPhotos(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<PhotoOptions>>().Value;
        var photoBodyLimit = new RequestSizeLimitAttribute(options.RequestBodyLimit(HostMode.BehindFunctionsProxy(app.ServiceProvider.GetRequiredService<IConfiguration>())));
        var jsonBodyLimit = new RequestSizeLimitAttribute(app.ServiceProvider.GetRequiredService<IOptions<SecurityOptions>>().Value.MaxJsonBodyBytes);
        var group = app.MapGroup("/api/seizures/{id}/photos").WithTags("Photos");
        group.MapPost("/", AddPhoto).WithName(nameof(AddPhoto)).RequireAuthorization(Policies.AddPhotos).WithMetadata(photoBodyLimit)
            .Accepts<IFormFile>("image/jpeg", "image/png", "multipart/form-data")
            .WithSummary("Add a photo: the image as the body (caption, takenAt as query parameters) or multipart/form-data");
        group.MapGet("/", ListPhotos).WithName(nameof(ListPhotos)).RequireAuthorization(Policies.ReadSeizures)
            .WithSummary("The seizure's photo records (GPS coordinates for analysts only)");
        group.MapGet("/{photoId}", GetPhoto).WithName(nameof(GetPhoto)).RequireAuthorization(Policies.ReadSeizures)
            .WithSummary("One photo record");
        group.MapGet("/{photoId}/content", GetPhotoContent).WithName(nameof(GetPhotoContent)).RequireAuthorization(Policies.ReadSeizures)
            .WithSummary("The photo's bytes: variant=original (with Repr-Digest), sanitized or thumbnail; Range and ETag supported");
        group.MapPost("/{photoId}/withdraw", WithdrawPhoto).WithName(nameof(WithdrawPhoto)).RequireAuthorization(Policies.WithdrawPhotos)
            .AcceptsJson<WithdrawPhotoRequest>()
            .WithSummary("Withdraw a photo with a reason (supervisors of the seizure's office); photos are never deleted");
        group.MapPost("/uploads", PhotoUploadEndpoints.OpenUploadSession).WithName(nameof(PhotoUploadEndpoints.OpenUploadSession)).RequireAuthorization(Policies.AddPhotos)
            .WithSummary("Open an upload session: a write-only SAS URL for one blob, for block uploads that resume");
        group.MapPost("/uploads/{uploadId}/complete", PhotoUploadEndpoints.CompleteUploadSession).WithName(nameof(PhotoUploadEndpoints.CompleteUploadSession)).RequireAuthorization(Policies.AddPhotos)
            .WithMetadata(jsonBodyLimit).Accepts<PhotoDetails>("application/json")
            .WithSummary("Check and store the uploaded photo (same checks as a direct upload)");
        return group;
    }

    public static async Task<Results<Accepted<Photo>, Ok<Photo>, ValidationProblem, ProblemHttpResult>> AddPhoto(
        string id, HttpContext context, IdempotencyKey idempotencyKey, SeizureStore seizures, PhotoStore photos, ImageWorkLimiter limiter, Auditor auditor, IOptions<PhotoOptions> options,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (await SeizureInScopeAsync(id, context, seizures, auditor, "photo.upload", cancellationToken) is not { } seizure)
        {
            return Problems.NotFound("seizure");
        }

        var body = await PhotoBody.ReadAsync(context.Request, options.Value, cancellationToken);
        if (body.Photo is null)
        {
            if (body.Status == StatusCodes.Status413PayloadTooLarge)
            {
                await UnreadBody.SettleAsync(context);
            }

            return BodyProblem(body.Status, body.Field!, body.Detail!);
        }

        return await AcceptAsync(context, seizure, body.Photo, body.Details, idempotencyKey.Value, photos, limiter, auditor, options.Value, time, cancellationToken);
    }

    public static async Task<Results<Ok<PhotoList>, ProblemHttpResult>> ListPhotos(
        string id, HttpContext context, SeizureStore seizures, PhotoStore photos, Auditor auditor, CancellationToken cancellationToken)
    {
        if (await SeizureInScopeAsync(id, context, seizures, auditor, "photo.list", cancellationToken) is not { } seizure)
        {
            return Problems.NotFound("seizure");
        }

        var entities = await photos.ListAsync(seizure.Entity.RowKey, cancellationToken);
        await auditor.RecordAsync(context, "photo.list", [seizure.Entity.RowKey, .. entities.Select(PhotoStore.RecordIdOf)], AuditOutcomes.Read);
        var analyst = context.Caller().IsInRole(Roles.Analyst);
        return TypedResults.Ok(new PhotoList(entities.Select(e => PhotoMapping.ToPhoto(e, analyst)).ToList()));
    }

    public static async Task<Results<Ok<Photo>, ProblemHttpResult>> GetPhoto(
        string id, string photoId, HttpContext context, SeizureStore seizures, PhotoStore photos, Auditor auditor, CancellationToken cancellationToken)
    {
        if (await SeizureInScopeAsync(id, context, seizures, auditor, "photo.read", cancellationToken) is not { } seizure
            || !PhotoId.IsValid(photoId)
            || await photos.GetAsync(seizure.Entity.RowKey, photoId, cancellationToken) is not { } photo)
        {
            return Problems.NotFound("photo");
        }

        await auditor.RecordAsync(context, "photo.read", [PhotoStore.RecordIdOf(photo)], AuditOutcomes.Read);
        return TypedResults.Ok(PhotoMapping.ToPhoto(photo, context.Caller().IsInRole(Roles.Analyst)));
    }

    public static async Task<Results<FileStreamHttpResult, ValidationProblem, ProblemHttpResult>> GetPhotoContent(
        string id, string photoId, [FromQuery] string? variant, HttpContext context, SeizureStore seizures, PhotoStore photos, Auditor auditor,
        CancellationToken cancellationToken)
    {
        variant = variant?.Trim().ToLowerInvariant() ?? SanitizedVariant;
        if (!Variants.Contains(variant))
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["variant"] = [$"Must be one of {string.Join(", ", Variants)}."] });
        }

        if (await SeizureInScopeAsync(id, context, seizures, auditor, $"photo.{variant}.read", cancellationToken) is not { } seizure
            || !PhotoId.IsValid(photoId)
            || await photos.GetAsync(seizure.Entity.RowKey, photoId, cancellationToken) is not { } photo)
        {
            return Problems.NotFound("photo");
        }

        var caller = context.Caller();
        var operation = $"photo.{variant}.read";
        if (variant == OriginalVariant && !CanReadOriginal(caller, seizure))
        {
            await auditor.RecordAsync(context, operation, [PhotoStore.RecordIdOf(photo)], AuditOutcomes.Forbidden);
            return Problems.Forbidden("Originals are for analysts and for officers and supervisors of the seizure's office; ask for the sanitized copy.");
        }

        if (variant != OriginalVariant && photo.Status != PhotoStatus.Ready)
        {
            return NotAvailable(photo, context);
        }

        var format = PhotoFormats.FromMediaType(photo.ContentType) ?? PhotoFormat.Jpeg;
        var (blob, contentType, fileName) = variant switch
        {
            OriginalVariant => (photos.Original(photo.PartitionKey, photo.RowKey), photo.ContentType, $"{photo.RowKey}.{format.Extension()}"),
            SanitizedVariant => (photos.Derived(photo.PartitionKey, photo.RowKey, PhotoProcessingFunction.SanitizedName(format)), photo.ContentType, $"{photo.RowKey}-sanitized.{format.Extension()}"),
            _ => (photos.Derived(photo.PartitionKey, photo.RowKey, PhotoProcessingFunction.Thumbnail), PhotoFormats.JpegMediaType, $"{photo.RowKey}-thumbnail.jpg"),
        };

        BlobProperties properties;
        try
        {
            properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            return Problems.NotFound("photo content");
        }

        await auditor.RecordAsync(context, operation, [PhotoStore.RecordIdOf(photo)], AuditOutcomes.Read);
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "private, no-cache";
        if (variant == OriginalVariant)
        {
            // RFC 9530: the digest of the whole stored representation, also on 206 partial responses.
            var digest = Convert.ToBase64String(Convert.FromHexString(photo.Sha256));
            headers["Repr-Digest"] = $"sha-256=:{digest}:";
            headers["Digest"] = $"sha-256={digest}";
        }

        return TypedResults.Stream(new BlobRangeStream(blob, properties.ContentLength, properties.ETag), contentType, fileName,
            properties.LastModified, new EntityTagHeaderValue(properties.ETag.ToString("H")), enableRangeProcessing: true);
    }

    public static async Task<Results<Ok<Photo>, ValidationProblem, ProblemHttpResult>> WithdrawPhoto(
        string id, string photoId, HttpContext context, SeizureStore seizures, PhotoStore photos, Auditor auditor, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<WithdrawPhotoRequest>(context.Request, cancellationToken);
        if (!request.Succeeded)
        {
            return Problems.Invalid(request.Errors);
        }

        var reason = request.Value!.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxWithdrawalReasonLength)
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["reason"] = ["Required: 1 to 500 characters saying why the photo is withdrawn."] });
        }

        if (await SeizureInScopeAsync(id, context, seizures, auditor, "photo.withdraw", cancellationToken) is not { } seizure || !PhotoId.IsValid(photoId))
        {
            return Problems.NotFound("photo");
        }

        var caller = context.Caller();
        var outcome = await photos.WithdrawAsync(seizure.Entity.RowKey, photoId, reason, caller.Subject,
            () => auditor.RecordAsync(context, "photo.withdraw", [$"{seizure.Entity.RowKey}/{photoId}"], AuditOutcomes.Authorized), cancellationToken);
        return outcome switch
        {
            WithdrawOutcome.Withdrawn withdrawn => TypedResults.Ok(PhotoMapping.ToPhoto(withdrawn.Photo, caller.IsInRole(Roles.Analyst))),
            WithdrawOutcome.AlreadyWithdrawn already => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already withdrawn",
                detail: string.Create(CultureInfo.InvariantCulture, $"This photo was withdrawn at {already.Photo.WithdrawnAt:O} for another reason.")),
            _ => Problems.NotFound("photo"),
        };
    }

    /// <summary>The checks every photo passes, whichever way it came in, then the store.</summary>
    internal static async Task<Results<Accepted<Photo>, Ok<Photo>, ValidationProblem, ProblemHttpResult>> AcceptAsync(
        HttpContext context, StoredSeizure seizure, ReceivedPhoto received, PhotoDetails details, string? idempotencyKey, PhotoStore photos,
        ImageWorkLimiter limiter, Auditor auditor, PhotoOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var (caption, takenAt, errors) = PhotoDetailsValidator.Validate(details, options, time.GetUtcNow());
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var inspection = await limiter.RunAsync(() => ImageInspection.Inspect(received.Bytes.Span, options.MaxPixels), cancellationToken);
        if (inspection.Image is not { } image)
        {
            return inspection.IsTooLarge
                ? BodyProblem(StatusCodes.Status422UnprocessableEntity, PhotoBody.FileField, inspection.Problem!)
                : BodyProblem(StatusCodes.Status415UnsupportedMediaType, PhotoBody.FileField, inspection.Problem!);
        }

        if (received.DeclaredFormat is { } declared && declared != image.Format)
        {
            return BodyProblem(StatusCodes.Status415UnsupportedMediaType, "Content-Type",
                $"The content is declared as {declared.MediaType()} but the bytes are {image.Format.MediaType()}.");
        }

        var seizureId = seizure.Entity.RowKey;
        var caller = context.Caller();
        var outcome = await photos.AddAsync(new NewPhoto(seizureId, received, image, caption, takenAt, caller.Subject), idempotencyKey,
            (photoId, operation) => auditor.RecordAsync(context, operation, [seizureId, $"{seizureId}/{photoId}"], AuditOutcomes.Authorized),
            cancellationToken);
        var analyst = caller.IsInRole(Roles.Analyst);
        switch (outcome)
        {
            case IntakeOutcome.Accepted accepted:
                if (accepted.Replayed)
                {
                    context.Response.Headers["Idempotent-Replayed"] = "true";
                }

                return TypedResults.Accepted(PhotoMapping.PathOf(seizureId, accepted.Photo.RowKey), PhotoMapping.ToPhoto(accepted.Photo, analyst));
            case IntakeOutcome.Duplicate duplicate:
                context.Response.Headers.Location = PhotoMapping.PathOf(seizureId, duplicate.Photo.RowKey);
                return TypedResults.Ok(PhotoMapping.ToPhoto(duplicate.Photo, analyst));
            default:
                return Problems.Unprocessable("Idempotency-Key reused",
                    "This Idempotency-Key was already used with a different photo. Use a new key for a new photo.", "Idempotency-Key");
        }
    }

    /// <summary>The seizure if the caller may see it (analysts: any; officers and supervisors: their office's). A seizure
    /// outside the caller's office is audited and reported as not found, so that its existence is not revealed.</summary>
    internal static async Task<StoredSeizure?> SeizureInScopeAsync(string id, HttpContext context, SeizureStore seizures, Auditor auditor, string operation, CancellationToken cancellationToken)
    {
        if (!SeizureId.TryParse(id, out var seizureId) || await seizures.GetAsync(seizureId.Value, cancellationToken) is not { } seizure)
        {
            return null;
        }

        var caller = context.Caller();
        if (caller.IsInRole(Roles.Analyst) || caller.CoversOffice(seizure.Entity.Office))
        {
            return seizure;
        }

        await auditor.RecordAsync(context, operation, [seizure.Entity.RowKey], AuditOutcomes.OutOfScope);
        return null;
    }

    /// <summary>Originals are for analysts and for officers and supervisors of the seizure's office. Every role that can
    /// see a seizure today is one of those; the rule is kept apart because copies will reach roles that originals must not.</summary>
    private static bool CanReadOriginal(Caller caller, StoredSeizure seizure) =>
        caller.IsInRole(Roles.Analyst) || (caller.IsInRole(Roles.Officer, Roles.Supervisor) && caller.CoversOffice(seizure.Entity.Office));

    private static ProblemHttpResult NotAvailable(PhotoEntity photo, HttpContext context)
    {
        if (photo.Status == PhotoStatus.Withdrawn)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "Photo withdrawn",
                detail: "This photo was withdrawn; its copies are no longer served. Analysts and the seizure's office can still read the original.");
        }

        if (photo.Status == PhotoStatus.Failed)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Photo processing failed",
                detail: $"No copies could be made: {photo.FailureReason}");
        }

        context.Response.Headers.RetryAfter = "2";
        return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Photo still processing",
            detail: "The sanitized copy and thumbnail are being made; retry after the seconds in Retry-After, or wait for the photo.ready event.");
    }

    internal static ProblemHttpResult BodyProblem(int status, string field, string detail) =>
        TypedResults.Problem(statusCode: status,
            title: status switch
            {
                StatusCodes.Status413PayloadTooLarge => "Photo too large",
                StatusCodes.Status415UnsupportedMediaType => "Not an accepted image",
                StatusCodes.Status422UnprocessableEntity => "Image too large",
                _ => "The request is not valid",
            },
            detail: detail,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });
}
