using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using Enforcement.Functions.Events;
using Enforcement.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Photos;

/// <summary>
/// Queue "photo-processing": reads the EXIF facts of a new photo, stores its sanitized copy and thumbnail in
/// "photos-derived/{seizure id}/{photo id}/", marks the record ready and publishes photo.ready. Idempotent: a
/// redelivered message for a ready photo only publishes the event again. A failure throws, so the host retries; on
/// the last attempt the record is first marked failed with the reason, and the message still goes to
/// "photo-processing-poison", so nothing is lost silently.
/// </summary>
internal sealed class PhotoProcessingFunction(
    PhotoStore store,
    ImageWorkLimiter limiter,
    HostJson hostJson,
    IOptions<PhotoOptions> options,
    TimeProvider time,
    ILogger<PhotoProcessingFunction> logger)
{
    public const string SanitizedJpeg = "sanitized.jpg";
    public const string SanitizedPng = "sanitized.png";
    public const string Thumbnail = "thumbnail.jpg";

    /// <param name="dequeueCount">Bound by name from the trigger's metadata (DequeueCount) in both hosting modes.</param>
    [Function("PhotoProcessing")]
    public async Task RunAsync([QueueTrigger("%PhotoProcessingQueue%")] string queueMessage, long dequeueCount, CancellationToken cancellationToken)
    {
        var message = Read(queueMessage);
        try
        {
            await ProcessAsync(message, cancellationToken);
        }
        catch (Exception ex) when (dequeueCount >= hostJson.Queues.MaxDequeueCount && ex is not OperationCanceledException)
        {
            await MarkFailedAsync(message, ReasonFor(ex), cancellationToken);
            throw;
        }
    }

    private async Task ProcessAsync(PhotoProcessingMessage message, CancellationToken cancellationToken)
    {
        var photo = await store.GetAsync(message.SeizureId, message.PhotoId, cancellationToken)
            ?? throw new PhotoProcessingException("The photo record does not exist.");
        if (photo.Status == PhotoStatus.Ready)
        {
            // Already done; the event may not have gone out if the last run died right after the update.
            await store.PublishAsync(photo, RecordEventTypes.PhotoReady, cancellationToken);
            return;
        }

        if (photo.Status == PhotoStatus.Withdrawn)
        {
            return;
        }

        var format = PhotoFormats.FromMediaType(photo.ContentType) ?? throw new PhotoProcessingException($"Photos of type {photo.ContentType} are not processed.");
        var original = (await store.Original(photo.PartitionKey, photo.RowKey).DownloadContentAsync(cancellationToken)).Value.Content.ToMemory();
        if (Convert.ToHexStringLower(SHA256.HashData(original.Span)) != photo.Sha256)
        {
            throw new PhotoProcessingException("The stored original does not match its recorded SHA-256.");
        }

        var rendered = await limiter.RunAsync(() => PhotoRendering.Render(original, format, options.Value), cancellationToken);
        await Task.WhenAll(
            Upload(SanitizedName(format), rendered.Sanitized, format.MediaType()),
            Upload(Thumbnail, rendered.Thumbnail, PhotoFormats.JpegMediaType));

        photo.Status = PhotoStatus.Ready;
        photo.Version++;
        photo.FailureReason = null;
        photo.ProcessedAt = time.GetUtcNow();
        photo.CaptureTime = rendered.Exif.CaptureTime;
        photo.CameraMake = rendered.Exif.CameraMake;
        photo.CameraModel = rendered.Exif.CameraModel;
        photo.HasGps = rendered.Exif.HasGps;
        photo.GpsLatitude = rendered.Exif.Latitude;
        photo.GpsLongitude = rendered.Exif.Longitude;
        photo.SanitizedSize = rendered.Sanitized.Length;
        photo.ThumbnailSize = rendered.Thumbnail.Length;
        if (!await store.TryReplaceAsync(photo, cancellationToken))
        {
            // Someone else changed the record: a concurrent run finished it, or a supervisor withdrew it.
            var now = await store.GetAsync(message.SeizureId, message.PhotoId, cancellationToken);
            if (now?.Status is PhotoStatus.Ready or PhotoStatus.Withdrawn)
            {
                return;
            }

            throw new PhotoProcessingException("The photo record changed while it was being processed.");
        }

        await store.PublishAsync(photo, RecordEventTypes.PhotoReady, cancellationToken);
        logger.LogInformation("Photo {PhotoId} of seizure {SeizureId} is ready", message.PhotoId, message.SeizureId);

        Task Upload(string name, byte[] bytes, string contentType) =>
            store.Derived(photo.PartitionKey, photo.RowKey, name).UploadAsync(BinaryData.FromBytes(bytes),
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancellationToken);
    }

    private async Task MarkFailedAsync(PhotoProcessingMessage message, string reason, CancellationToken cancellationToken)
    {
        try
        {
            for (var attempt = 0; attempt < 3; attempt++)
            {
                if (await store.GetAsync(message.SeizureId, message.PhotoId, cancellationToken) is not { Status: PhotoStatus.Processing } photo)
                {
                    return;
                }

                photo.Status = PhotoStatus.Failed;
                photo.Version++;
                photo.FailureReason = reason;
                photo.ProcessedAt = time.GetUtcNow();
                if (await store.TryReplaceAsync(photo, cancellationToken))
                {
                    logger.LogWarning("Photo {PhotoId} of seizure {SeizureId} failed after the last retry: {Reason}", message.PhotoId, message.SeizureId, reason);
                    return;
                }
            }
        }
        catch (RequestFailedException ex)
        {
            // The message still goes to the poison queue, which is where the failure is not lost.
            logger.LogError(ex, "Photo {PhotoId} could not be marked failed", message.PhotoId);
        }
    }

    public static string SanitizedName(PhotoFormat format) => format == PhotoFormat.Jpeg ? SanitizedJpeg : SanitizedPng;

    private static string ReasonFor(Exception ex) => ex switch
    {
        PhotoProcessingException => ex.Message,
        RequestFailedException storage => $"Storage failed ({storage.Status} {storage.ErrorCode}).",
        _ => $"Processing failed ({ex.GetType().Name}).",
    };

    private static PhotoProcessingMessage Read(string text)
    {
        try
        {
            var message = JsonSerializer.Deserialize(text, PhotoJsonContext.Default.PhotoProcessingMessage);
            if (message is { SeizureId.Length: > 0 } && PhotoId.IsValid(message.PhotoId))
            {
                return message;
            }
        }
        catch (JsonException)
        {
            // Reported below.
        }

        throw new InvalidOperationException("The message is not a photo processing message.");
    }
}
