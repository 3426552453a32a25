using Azure;
using Azure.Data.Tables;

namespace Enforcement.Functions.Photos;

/// <summary>
/// Table "photos", one partition per seizure: PartitionKey = seizure id, so listing a seizure's photos is one
/// partition query, and the rows that keep intake idempotent live beside the photos they point at:
/// <list type="bullet">
/// <item>RowKey = photo id ("PH-..."): the photo record (this class).</item>
/// <item>RowKey = "sha256|{hex}": <see cref="PhotoHashEntity"/>, the content hash → photo id (duplicates).</item>
/// <item>RowKey = "idempotency|{hex}": <see cref="PhotoIdempotencyEntity"/>, a caller's Idempotency-Key → photo id.</item>
/// <item>RowKey = "upload|{upload id}": <see cref="PhotoUploadEntity"/>, an upload session.</item>
/// </list>
/// Photo ids sort between "PH-" and "PH.", apart from the other rows.
/// </summary>
internal sealed class PhotoEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>1 when received, +1 on every change (ready, failed, withdrawn); event ids carry it.</summary>
    public int Version { get; set; }

    /// <summary>SHA-256 of the exact bytes received, lower-case hex.</summary>
    public string Sha256 { get; set; } = string.Empty;

    public long Size { get; set; }

    /// <summary>The type the bytes are (image/jpeg or image/png), not merely the type declared.</summary>
    public string ContentType { get; set; } = string.Empty;

    public int Width { get; set; }

    public int Height { get; set; }

    public string UploadedBy { get; set; } = string.Empty;

    public DateTimeOffset UploadedAt { get; set; }

    /// <summary>When the officer says the photo was taken (the app's clock), as sent.</summary>
    public DateTimeOffset? TakenAt { get; set; }

    public string? Caption { get; set; }

    public string Status { get; set; } = PhotoStatus.Processing;

    public string? FailureReason { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    /// <summary>EXIF DateTimeOriginal as the camera wrote it (local time, offset only when the camera recorded one).</summary>
    public string? CaptureTime { get; set; }

    public string? CameraMake { get; set; }

    public string? CameraModel { get; set; }

    public bool? HasGps { get; set; }

    public double? GpsLatitude { get; set; }

    public double? GpsLongitude { get; set; }

    public long? SanitizedSize { get; set; }

    public long? ThumbnailSize { get; set; }

    public string? WithdrawalReason { get; set; }

    public string? WithdrawnBy { get; set; }

    public DateTimeOffset? WithdrawnAt { get; set; }
}

internal static class PhotoStatus
{
    public const string Processing = "processing";
    public const string Ready = "ready";
    public const string Failed = "failed";
    public const string Withdrawn = "withdrawn";
}

/// <summary>RowKey "sha256|{hex}" in the seizure's partition: the photo that holds these exact bytes. Inserted before
/// the original is stored, so concurrent uploads of the same bytes converge on one photo id.</summary>
internal sealed class PhotoHashEntity : ITableEntity
{
    public const string RowKeyPrefix = "sha256|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string PhotoId { get; set; } = string.Empty;

    public static string RowKeyFor(string sha256Hex) => RowKeyPrefix + sha256Hex;
}

/// <summary>RowKey "idempotency|{SHA-256 of caller and key}" in the seizure's partition: the photo an Idempotency-Key
/// produced and a hash of the request (bytes, caption, takenAt), so a reused key with another photo is refused.</summary>
internal sealed class PhotoIdempotencyEntity : ITableEntity
{
    public const string RowKeyPrefix = "idempotency|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string RequestHash { get; set; } = string.Empty;

    public string PhotoId { get; set; } = string.Empty;
}

/// <summary>RowKey "upload|{upload id}" in the seizure's partition: an upload session, its staging blob
/// "photo-uploads/{seizure id}/{upload id}", who opened it, and the photo it became once completed.</summary>
internal sealed class PhotoUploadEntity : ITableEntity
{
    public const string RowKeyPrefix = "upload|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string OpenedBy { get; set; } = string.Empty;

    public DateTimeOffset OpenedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public string? PhotoId { get; set; }

    public string UploadId => RowKey[RowKeyPrefix.Length..];

    public static string RowKeyFor(string uploadId) => RowKeyPrefix + uploadId;
}
