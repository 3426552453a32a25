using System.Globalization;
using Azure;
using Enforcement.Functions.Audit;
using Enforcement.Functions.Http;
using Enforcement.Functions.Security;
using Enforcement.Functions.Seizures;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Photos;

/// <summary>Upload sessions over HTTP (mapped with the other photo endpoints in <see cref="PhotoEndpoints.MapPhotos"/>):
/// open one for a write-only SAS URL, upload to Blob storage directly, then complete it through the same checks.</summary>
internal static class PhotoUploadEndpoints
{
    public static async Task<Results<Created<PhotoUploadSession>, ProblemHttpResult>> OpenUploadSession(
        string id, HttpContext context, SeizureStore seizures, PhotoUploadSessions sessions, Auditor auditor, IOptions<PhotoOptions> options,
        CancellationToken cancellationToken)
    {
        if (await PhotoEndpoints.SeizureInScopeAsync(id, context, seizures, auditor, "photo.upload.open", cancellationToken) is not { } seizure)
        {
            return Problems.NotFound("seizure");
        }

        await auditor.RecordAsync(context, "photo.upload.open", [seizure.Entity.RowKey], AuditOutcomes.Authorized);
        var (session, url) = await sessions.OpenAsync(seizure.Entity.RowKey, context.Caller().Subject, cancellationToken);
        var completeUrl = $"/api/seizures/{seizure.Entity.RowKey}/photos/uploads/{session.UploadId}/complete";
        return TypedResults.Created((string?)null, new PhotoUploadSession(session.UploadId, url, session.ExpiresAt, options.Value.MaxBytes, completeUrl));
    }

    public static async Task<Results<Accepted<Photo>, Ok<Photo>, ValidationProblem, ProblemHttpResult>> CompleteUploadSession(
        string id, string uploadId, HttpContext context, SeizureStore seizures, PhotoStore photos, PhotoUploadSessions sessions, ImageWorkLimiter limiter, Auditor auditor,
        IOptions<PhotoOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var details = new PhotoDetails();
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            if (!JsonBody.HasJsonContentType(context.Request, "application/json"))
            {
                return Problems.UnsupportedMediaType("application/json (caption and takenAt), or no body");
            }

            var request = await JsonBody.ReadAsync<PhotoDetails>(context.Request, cancellationToken);
            if (!request.Succeeded)
            {
                return Problems.Invalid(request.Errors);
            }

            details = request.Value!;
        }

        if (await PhotoEndpoints.SeizureInScopeAsync(id, context, seizures, auditor, "photo.upload", cancellationToken) is not { } seizure
            || !PhotoId.IsValidUploadId(uploadId)
            || await sessions.GetAsync(seizure.Entity.RowKey, uploadId, cancellationToken) is not { } session
            || session.OpenedBy != context.Caller().Subject)
        {
            return Problems.NotFound("upload session");
        }

        if (session.PhotoId is not null && await photos.GetAsync(seizure.Entity.RowKey, session.PhotoId, cancellationToken) is { } completed)
        {
            await auditor.RecordAsync(context, "photo.upload.replay", [PhotoStore.RecordIdOf(completed)], AuditOutcomes.Authorized);
            context.Response.Headers["Idempotent-Replayed"] = "true";
            return TypedResults.Accepted(PhotoMapping.PathOf(completed.PartitionKey, completed.RowKey), PhotoMapping.ToPhoto(completed, context.Caller().IsInRole(Roles.Analyst)));
        }

        var staging = sessions.Staging(seizure.Entity.RowKey, uploadId);
        ReceivedPhoto? received;
        try
        {
            using var download = (await staging.DownloadStreamingAsync(cancellationToken: cancellationToken)).Value;
            if (download.Details.ContentLength > options.Value.MaxBytes)
            {
                await staging.DeleteIfExistsAsync(cancellationToken: cancellationToken);
                return PhotoEndpoints.BodyProblem(StatusCodes.Status413PayloadTooLarge, PhotoBody.FileField,
                    string.Create(CultureInfo.InvariantCulture, $"A photo may be at most {options.Value.MaxBytes:N0} bytes; upload a smaller one to the same URL."));
            }

            var declared = PhotoFormats.FromMediaType(download.Details.ContentType);
            received = await PhotoBody.ReadCappedAsync(download.Content, options.Value.MaxBytes, declared, cancellationToken, download.Details.ContentLength);
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Nothing uploaded yet",
                detail: "Upload the photo to uploadUrl first (Put Blob, or Put Block for each part and then Put Block List), then complete.");
        }

        if (received is null)
        {
            await staging.DeleteIfExistsAsync(cancellationToken: cancellationToken);
            return PhotoEndpoints.BodyProblem(StatusCodes.Status413PayloadTooLarge, PhotoBody.FileField, "The uploaded photo is too large.");
        }

        var result = await PhotoEndpoints.AcceptAsync(context, seizure, received, details, null, photos, limiter, auditor, options.Value, time, cancellationToken);
        if (result.Result is Accepted<Photo> or Ok<Photo>)
        {
            var photoId = result.Result is Accepted<Photo> accepted ? accepted.Value!.Id : ((Ok<Photo>)result.Result).Value!.Id;
            await sessions.CompleteAsync(session, photoId, cancellationToken);
        }

        // Refused or stored: either way the staged bytes are not kept (the original, if any, is in photos-original).
        if (result.Result is not ValidationProblem)
        {
            await staging.DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }

        return result;
    }
}
