using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Enforcement.Functions.Events;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Photos;

/// <summary>
/// The photo records and their blobs: intake that stores each original once (by content hash and Idempotency-Key),
/// the processing queue, optimistic updates of the record, and withdrawal.
/// Originals live at "photos-original/{seizure id}/{photo id}" and are written once (If-None-Match: *).
/// </summary>
internal sealed class PhotoStore(
    TableServiceClient tables,
    BlobServiceClient blobs,
    QueueServiceClient queues,
    StorageNames names,
    EventOutbox events,
    TimeProvider time)
{
    private readonly TableClient _photos = tables.GetTableClient(names.Table(StorageNames.Tables.Photos));
    private readonly BlobContainerClient _originals = blobs.GetBlobContainerClient(names.Container(StorageNames.Containers.PhotosOriginal));
    private readonly BlobContainerClient _derived = blobs.GetBlobContainerClient(names.Container(StorageNames.Containers.PhotosDerived));
    private readonly QueueClient _processing = queues.GetQueueClient(names.Queue(StorageNames.Queues.PhotoProcessing));

    public BlobClient Original(string seizureId, string photoId) => _originals.GetBlobClient($"{seizureId}/{photoId}");

    public BlobClient Derived(string seizureId, string photoId, string fileName) => _derived.GetBlobClient($"{seizureId}/{photoId}/{fileName}");

    public async Task<PhotoEntity?> GetAsync(string seizureId, string photoId, CancellationToken cancellationToken)
    {
        var response = await _photos.GetEntityIfExistsAsync<PhotoEntity>(seizureId, photoId, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>One partition query over the photo rows of the seizure (ids sort between "PH-" and "PH.").</summary>
    public async Task<IReadOnlyList<PhotoEntity>> ListAsync(string seizureId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter<PhotoEntity>(e =>
            e.PartitionKey == seizureId && e.RowKey.CompareTo(PhotoId.Prefix) >= 0 && e.RowKey.CompareTo(PhotoId.RangeEnd) < 0);
        var photos = new List<PhotoEntity>();
        await foreach (var photo in _photos.QueryAsync<PhotoEntity>(filter, cancellationToken: cancellationToken))
        {
            photos.Add(photo);
        }

        return photos;
    }

    /// <summary>
    /// Stores a checked photo once. Identical bytes for the same seizure (or a replayed Idempotency-Key) answer with
    /// the photo already stored. <paramref name="beforeWrite"/> (the audit entry) runs before the original or the
    /// record is written, with the photo id and the operation; if it throws, neither is.
    /// </summary>
    public async Task<IntakeOutcome> AddAsync(NewPhoto photo, string? idempotencyKey, Func<string, string, Task> beforeWrite, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var photoId = PhotoId.New(now);
        if (idempotencyKey is not null)
        {
            var reservation = new PhotoIdempotencyEntity
            {
                PartitionKey = photo.SeizureId,
                RowKey = PhotoIdempotencyEntity.RowKeyPrefix + Sha256Hex.Of(photo.UploadedBy + "\n" + idempotencyKey),
                RequestHash = Sha256Hex.Of($"{photo.Received.Sha256}\n{photo.Caption}\n{photo.TakenAt:O}"),
                PhotoId = photoId,
            };
            try
            {
                await _photos.AddEntityAsync(reservation, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status409Conflict)
            {
                var existing = (await _photos.GetEntityAsync<PhotoIdempotencyEntity>(reservation.PartitionKey, reservation.RowKey, cancellationToken: cancellationToken)).Value;
                if (existing.RequestHash != reservation.RequestHash)
                {
                    return new IntakeOutcome.KeyReused();
                }

                photoId = existing.PhotoId;
                if (await GetAsync(photo.SeizureId, photoId, cancellationToken) is { } earlier)
                {
                    await beforeWrite(photoId, "photo.upload.replay");
                    await EnsureProcessingAsync(earlier, cancellationToken);
                    return new IntakeOutcome.Accepted(earlier, Replayed: true);
                }
            }
        }

        // The hash row goes first: of concurrent uploads of the same bytes exactly one inserts it, and the others
        // take its photo id, so the original is stored once.
        var hashRow = new PhotoHashEntity { PartitionKey = photo.SeizureId, RowKey = PhotoHashEntity.RowKeyFor(photo.Received.Sha256), PhotoId = photoId };
        try
        {
            await _photos.AddEntityAsync(hashRow, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status409Conflict)
        {
            var holder = (await _photos.GetEntityAsync<PhotoHashEntity>(hashRow.PartitionKey, hashRow.RowKey, cancellationToken: cancellationToken)).Value;
            if (await GetAsync(photo.SeizureId, holder.PhotoId, cancellationToken) is { } stored)
            {
                await beforeWrite(holder.PhotoId, "photo.upload.duplicate");
                await EnsureProcessingAsync(stored, cancellationToken);
                return holder.PhotoId == photoId ? new IntakeOutcome.Accepted(stored, Replayed: true) : new IntakeOutcome.Duplicate(stored);
            }

            // The first upload of these bytes is still running or died before its record: finish it under its id.
            photoId = holder.PhotoId;
        }

        await beforeWrite(photoId, "photo.upload");
        await StoreOriginalAsync(photo, photoId, cancellationToken);

        // Staged before the record: if the process dies between the record and the enqueue, the outbox relay
        // finds the record and queues its processing, so no photo stays "processing" for ever.
        var pending = ProcessingWork(photo.SeizureId, photoId);
        await events.StageAsync(pending, cancellationToken);
        var entity = new PhotoEntity
        {
            PartitionKey = photo.SeizureId,
            RowKey = photoId,
            Version = 1,
            Sha256 = photo.Received.Sha256,
            Size = photo.Received.Size,
            ContentType = photo.Image.Format.MediaType(),
            Width = photo.Image.Width,
            Height = photo.Image.Height,
            UploadedBy = photo.UploadedBy,
            UploadedAt = now,
            TakenAt = photo.TakenAt,
            Caption = photo.Caption,
            Status = PhotoStatus.Processing,
        };
        try
        {
            var added = await _photos.AddEntityAsync(entity, cancellationToken);
            entity.ETag = added.Headers.ETag ?? default;
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status409Conflict)
        {
            var winner = await GetAsync(photo.SeizureId, photoId, cancellationToken)
                ?? throw new InvalidOperationException($"Photo {photoId} conflicted but cannot be read.", ex);
            return new IntakeOutcome.Accepted(winner, Replayed: true);
        }

        await events.TryPublishAsync(pending, cancellationToken);
        return new IntakeOutcome.Accepted(entity, Replayed: false);
    }

    /// <summary>Writes the original once. If a takeover finds it already written, it must hold the same bytes.</summary>
    private async Task StoreOriginalAsync(NewPhoto photo, string photoId, CancellationToken cancellationToken)
    {
        var blob = Original(photo.SeizureId, photoId);
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = photo.Image.Format.MediaType() },
            Metadata = new Dictionary<string, string> { ["sha256"] = photo.Received.Sha256 },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            TransferValidation = new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5 },
        };
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(photo.Received.Bytes), options, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status409Conflict)
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            if (!properties.Metadata.TryGetValue("sha256", out var stored) || stored != photo.Received.Sha256)
            {
                throw new InvalidOperationException($"The original of photo {photoId} exists with other content.", ex);
            }
        }
    }

    /// <summary>A photo still processing when its upload is repeated may have lost its queue message (the process
    /// died between the record and the enqueue): enqueue again; processing is idempotent.</summary>
    private Task EnsureProcessingAsync(PhotoEntity photo, CancellationToken cancellationToken) =>
        photo.Status == PhotoStatus.Processing ? EnqueueProcessingAsync(photo.PartitionKey, photo.RowKey, cancellationToken) : Task.CompletedTask;

    public Task EnqueueProcessingAsync(string seizureId, string photoId, CancellationToken cancellationToken) =>
        _processing.SendMessageAsync(ProcessingMessage(seizureId, photoId), cancellationToken);

    private OutboxEntry ProcessingWork(string seizureId, string photoId) => new()
    {
        RowKey = $"photo|{seizureId}|{photoId}",
        Type = "photo.process",
        RecordId = $"{seizureId}/{photoId}",
        Version = 1,
        OccurredAt = time.GetUtcNow(),
        Table = _photos.Name,
        EventPartitionKey = seizureId,
        EventRowKey = photoId,
        Queue = StorageNames.Queues.PhotoProcessing,
        Message = ProcessingMessage(seizureId, photoId),
    };

    private static string ProcessingMessage(string seizureId, string photoId) =>
        JsonSerializer.Serialize(new PhotoProcessingMessage(seizureId, photoId), PhotoJsonContext.Default.PhotoProcessingMessage);

    /// <summary>Replaces the record if it is still the version read; false when someone else changed it first.</summary>
    public async Task<bool> TryReplaceAsync(PhotoEntity photo, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _photos.UpdateEntityAsync(photo, photo.ETag, TableUpdateMode.Replace, cancellationToken);
            photo.ETag = response.Headers.ETag ?? default;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status412PreconditionFailed)
        {
            return false;
        }
    }

    public async Task<WithdrawOutcome> WithdrawAsync(string seizureId, string photoId, string reason, string actor, Func<Task> beforeWrite, CancellationToken cancellationToken)
    {
        var audited = false;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await GetAsync(seizureId, photoId, cancellationToken) is not { } photo)
            {
                return new WithdrawOutcome.NotFound();
            }

            if (photo.Status == PhotoStatus.Withdrawn)
            {
                if (photo.WithdrawalReason != reason)
                {
                    return new WithdrawOutcome.AlreadyWithdrawn(photo);
                }

                // A repeated request (the first reply was lost): publish again in case the first died before it.
                await PublishAsync(photo, RecordEventTypes.PhotoWithdrawn, cancellationToken);
                return new WithdrawOutcome.Withdrawn(photo);
            }

            if (!audited)
            {
                await beforeWrite();
                audited = true;
            }

            photo.Status = PhotoStatus.Withdrawn;
            photo.Version++;
            photo.WithdrawalReason = reason;
            photo.WithdrawnBy = actor;
            photo.WithdrawnAt = time.GetUtcNow();
            if (await TryReplaceAsync(photo, cancellationToken))
            {
                await PublishAsync(photo, RecordEventTypes.PhotoWithdrawn, cancellationToken);
                return new WithdrawOutcome.Withdrawn(photo);
            }
        }

        throw new InvalidOperationException($"Photo {photoId} kept changing while it was being withdrawn.");
    }

    /// <summary>Publishes a photo event through the record event pipeline; the event id names the record version,
    /// so a repeat after a crash is recognisable as the same event.</summary>
    public Task PublishAsync(PhotoEntity photo, string type, CancellationToken cancellationToken)
    {
        var recordId = RecordIdOf(photo);
        return events.EnqueueAsync(new RecordEvent(RecordEvent.IdFor(recordId, photo.Version), type, recordId, photo.Version, time.GetUtcNow()), cancellationToken);
    }

    public static string RecordIdOf(PhotoEntity photo) => $"{photo.PartitionKey}/{photo.RowKey}";

}

/// <summary>A checked photo on its way in.</summary>
internal sealed record NewPhoto(string SeizureId, ReceivedPhoto Received, ImageInspection Image, string? Caption, DateTimeOffset? TakenAt, string UploadedBy);

internal abstract record IntakeOutcome
{
    public sealed record Accepted(PhotoEntity Photo, bool Replayed) : IntakeOutcome;

    /// <summary>The seizure already has a photo with exactly these bytes.</summary>
    public sealed record Duplicate(PhotoEntity Photo) : IntakeOutcome;

    public sealed record KeyReused : IntakeOutcome;
}

internal abstract record WithdrawOutcome
{
    public sealed record Withdrawn(PhotoEntity Photo) : WithdrawOutcome;

    public sealed record AlreadyWithdrawn(PhotoEntity Photo) : WithdrawOutcome;

    public sealed record NotFound : WithdrawOutcome;
}

/// <summary>The queue message: a pointer to the photo, never its bytes.</summary>
internal sealed record PhotoProcessingMessage(string SeizureId, string PhotoId);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PhotoProcessingMessage))]
internal sealed partial class PhotoJsonContext : JsonSerializerContext;
