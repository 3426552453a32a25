using Enforcement.Functions.Hosting;
namespace Enforcement.Functions.Photos;

internal sealed class PhotoOptions : IValidatedOptions
{
    public IEnumerable<string> Problems(IHostEnvironment environment)
    {
        if (MaxBytes is <= 0 or > int.MaxValue / 2)
        {
            yield return "Photos:MaxBytes must be between 1 byte and 1 GiB.";
        }

        if (MaxPixels <= 0 || ThumbnailSize is < 16 or > 2048)
        {
            yield return "Photos:MaxPixels and Photos:ThumbnailSize must be positive (thumbnail 16 to 2048).";
        }

        if (JpegQuality is < 50 or > 100 || ThumbnailJpegQuality is < 30 or > 100)
        {
            yield return "Photos JPEG qualities must be 50 to 100 (thumbnail 30 to 100).";
        }

        if (UploadSessionLifetime <= TimeSpan.Zero || UploadSessionLifetime > TimeSpan.FromHours(6))
        {
            yield return "Photos:UploadSessionLifetime must be at most 6 hours.";
        }

        if (MaxConcurrentImageWork < 0)
        {
            yield return "Photos:MaxConcurrentImageWork must be 0 (one per core) or more.";
        }
    }

    public const string Section = "Photos";

    /// <summary>The largest photo accepted, in bytes (413 beyond it). Phones write 2 to 12 MB; 108-megapixel modes more.</summary>
    public long MaxBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>
    /// The request body a photo upload may send: the photo plus a multipart form's overhead. Behind the Functions host's
    /// proxy an upload refused early must still be read to its end (<see cref="Http.UnreadBody"/>), or the proxy, still
    /// sending, turns the 413 into a 502; so there the limit leaves room for a body up to twice the photo limit.
    /// </summary>
    public long RequestBodyLimit(bool behindFunctionsProxy) =>
        (behindFunctionsProxy ? 2 * MaxBytes : MaxBytes) + PhotoBody.MultipartOverhead + 1;

    /// <summary>The most pixels a photo may declare: decoding allocates 4 bytes a pixel, so a tiny file that claims
    /// a huge canvas (a decompression bomb) is refused before anything is decoded.</summary>
    public long MaxPixels { get; set; } = 110_000_000;

    /// <summary>How long an upload session's SAS URL lets the app write its blob.</summary>
    public TimeSpan UploadSessionLifetime { get; set; } = TimeSpan.FromMinutes(30);

    public int MaxCaptionLength { get; set; } = 500;

    public int JpegQuality { get; set; } = 90;

    /// <summary>The thumbnail's longest side in pixels.</summary>
    public int ThumbnailSize { get; set; } = 320;

    public int ThumbnailJpegQuality { get; set; } = 80;

    /// <summary>How many photos one instance decodes at a time (intake checks and processing); 0 means one per core.</summary>
    public int MaxConcurrentImageWork { get; set; }
}
