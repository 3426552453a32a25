namespace Enforcement.Functions.Photos;

/// <summary>A concealment photo as the API shows it. GPS coordinates are filled in for analysts only.</summary>
public sealed record Photo
{
    public required string Id { get; init; }

    public required string SeizureId { get; init; }

    public required string Status { get; init; }

    /// <summary>SHA-256 of the original's exact bytes, lower-case hex.</summary>
    public required string Sha256 { get; init; }

    public required long Size { get; init; }

    public required string ContentType { get; init; }

    public required int Width { get; init; }

    public required int Height { get; init; }

    public required string UploadedBy { get; init; }

    public required DateTimeOffset UploadedAt { get; init; }

    public DateTimeOffset? TakenAt { get; init; }

    public string? Caption { get; init; }

    public string? FailureReason { get; init; }

    public PhotoExif? Exif { get; init; }

    public PhotoWithdrawal? Withdrawal { get; init; }

    public required PhotoLinks Links { get; init; }
}

/// <summary>What the camera recorded. <see cref="Latitude"/> and <see cref="Longitude"/> are for analysts only.</summary>
public sealed record PhotoExif(string? CaptureTime, string? CameraMake, string? CameraModel, bool HasGps, double? Latitude, double? Longitude);

public sealed record PhotoWithdrawal(string Reason, string By, DateTimeOffset At);

public sealed record PhotoLinks(string Self, string Original, string Sanitized, string Thumbnail);

public sealed record PhotoList(IReadOnlyList<Photo> Items);

/// <summary>Optional details sent with an upload session's completion, or as query parameters of a direct upload.</summary>
public sealed record PhotoDetails
{
    public string? Caption { get; init; }

    public string? TakenAt { get; init; }
}

/// <summary>A write-only URL for one blob: PUT the photo there (or Put Block + Put Block List to resume), then complete.</summary>
public sealed record PhotoUploadSession(string UploadId, Uri UploadUrl, DateTimeOffset ExpiresAt, long MaxBytes, string CompleteUrl);

public sealed record WithdrawPhotoRequest
{
    public string? Reason { get; init; }
}
