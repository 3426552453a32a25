using System.Diagnostics;
using System.Globalization;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Jpeg;
using MetadataExtractor.Formats.Png;
using SkiaSharp;

namespace Enforcement.Functions.Photos;

/// <summary>What the camera recorded about a photo.</summary>
internal sealed record ExifFacts(string? CaptureTime, string? CameraMake, string? CameraModel, bool HasGps, double? Latitude, double? Longitude)
{
    public static readonly ExifFacts None = new(null, null, null, false, null, null);
}

/// <summary>Where the time of one rendering went (the benchmark reports these).</summary>
internal sealed record RenderTimings(TimeSpan Metadata, TimeSpan Decode, TimeSpan Resize, TimeSpan Encode);

internal sealed record RenderedPhoto(ExifFacts Exif, byte[] Sanitized, byte[] Thumbnail, int Width, int Height, RenderTimings Timings);

/// <summary>
/// Reads the EXIF facts, then re-encodes the pixels: a sanitized copy in the original's format (JPEG stays JPEG,
/// PNG stays PNG) and a JPEG thumbnail. Re-encoding writes pixels only, so no EXIF, XMP, GPS, maker notes or
/// appended data survive; the EXIF orientation is applied to the pixels first, because the tag that carried it is gone.
/// </summary>
internal static class PhotoRendering
{
    private const int MaxTextLength = 100;
    private const int TimeZoneOriginalTag = 0x9011;

    public static RenderedPhoto Render(ReadOnlyMemory<byte> original, PhotoFormat format, PhotoOptions options)
    {
        var started = Stopwatch.GetTimestamp();
        var exif = ReadExif(original, format);
        var metadata = Stopwatch.GetElapsedTime(started);

        started = Stopwatch.GetTimestamp();
        using var data = SKData.CreateCopy(original.Span);
        using var codec = SKCodec.Create(data) ?? throw new PhotoProcessingException("The original cannot be decoded.");
        var info = codec.Info.WithColorType(SKImageInfo.PlatformColorType)
            .WithAlphaType(codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul);
        using var decoded = new SKBitmap(info);
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result != SKCodecResult.Success)
        {
            throw new PhotoProcessingException($"The original cannot be decoded completely ({result}).");
        }

        using var rotated = codec.EncodedOrigin == SKEncodedOrigin.TopLeft ? null : Orient(decoded, codec.EncodedOrigin);
        var upright = rotated ?? decoded;
        var decode = Stopwatch.GetElapsedTime(started);

        started = Stopwatch.GetTimestamp();
        var scale = Math.Min(1.0, (double)options.ThumbnailSize / Math.Max(upright.Width, upright.Height));
        var thumbnailInfo = new SKImageInfo(
            Math.Max(1, (int)Math.Round(upright.Width * scale)),
            Math.Max(1, (int)Math.Round(upright.Height * scale)),
            SKImageInfo.PlatformColorType, SKAlphaType.Premul, upright.ColorSpace);
        using var thumbnail = upright.Resize(thumbnailInfo, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear))
            ?? throw new PhotoProcessingException("The thumbnail could not be made.");
        var resize = Stopwatch.GetElapsedTime(started);

        started = Stopwatch.GetTimestamp();
        var sanitized = Encode(upright, format == PhotoFormat.Jpeg ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Png, options.JpegQuality);
        using var flattened = thumbnail.AlphaType == SKAlphaType.Opaque ? null : Flatten(thumbnail);
        var thumbnailBytes = Encode(flattened ?? thumbnail, SKEncodedImageFormat.Jpeg, options.ThumbnailJpegQuality);
        var encode = Stopwatch.GetElapsedTime(started);

        return new RenderedPhoto(exif, sanitized, thumbnailBytes, upright.Width, upright.Height, new RenderTimings(metadata, decode, resize, encode));
    }

    public static ExifFacts ReadExif(ReadOnlyMemory<byte> original, PhotoFormat format)
    {
        IReadOnlyList<MetadataExtractor.Directory> directories;
        try
        {
            using var stream = new MemoryStream(original.ToArray(), writable: false);
            directories = format == PhotoFormat.Jpeg ? JpegMetadataReader.ReadMetadata(stream) : PngMetadataReader.ReadMetadata(stream);
        }
        catch (Exception ex) when (ex is ImageProcessingException or IOException)
        {
            // Unreadable metadata is not a reason to refuse evidence whose pixels decode.
            return ExifFacts.None;
        }

        var ifd0 = directories.OfType<ExifIfd0Directory>().FirstOrDefault();
        var subIfd = directories.OfType<ExifSubIfdDirectory>().FirstOrDefault();
        var gps = directories.OfType<GpsDirectory>().FirstOrDefault();
        var location = gps?.GetGeoLocation();
        var hasGps = gps is not null && gps.Tags.Any(t => t.Type != GpsDirectory.TagVersionId);
        return new ExifFacts(
            CaptureTime(subIfd),
            Text(ifd0?.GetDescription(ExifDirectoryBase.TagMake)),
            Text(ifd0?.GetDescription(ExifDirectoryBase.TagModel)),
            hasGps,
            location is { } l && !double.IsNaN(l.Latitude) ? Math.Round(l.Latitude, 7) : null,
            location is { } m && !double.IsNaN(m.Longitude) ? Math.Round(m.Longitude, 7) : null);
    }

    /// <summary>DateTimeOriginal ("2026:11:20 14:30:00") as ISO 8601, with OffsetTimeOriginal when the camera wrote it.</summary>
    private static string? CaptureTime(ExifSubIfdDirectory? directory)
    {
        var text = directory?.GetString(ExifDirectoryBase.TagDateTimeOriginal)?.Trim();
        if (text is null || !DateTime.TryParseExact(text, "yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        var iso = local.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
        var offset = directory!.GetString(TimeZoneOriginalTag)?.Trim();
        return offset is { Length: 6 } && offset[0] is '+' or '-' && TimeSpan.TryParse(offset.TrimStart('+'), CultureInfo.InvariantCulture, out _)
            ? iso + offset
            : iso;
    }

    private static string? Text(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var clean = new string(value.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return clean.Length == 0 ? null : clean.Length > MaxTextLength ? clean[..MaxTextLength] : clean;
    }

    /// <summary>Applies the EXIF orientation to the pixels (the sanitized copy no longer carries the tag).</summary>
    internal static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        var swaps = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var info = source.Info.WithSize(swaps ? source.Height : source.Width, swaps ? source.Width : source.Height);
        var target = new SKBitmap(info);
        using var canvas = new SKCanvas(target);
        var (w, h) = (source.Width, source.Height);
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            _ => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
        };
        canvas.SetMatrix(matrix);
        canvas.DrawBitmap(source, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), null);
        canvas.Flush();
        return target;
    }

    /// <summary>JPEG has no alpha: a transparent PNG's thumbnail is drawn on white rather than on black.</summary>
    private static SKBitmap Flatten(SKBitmap bitmap)
    {
        var flat = new SKBitmap(bitmap.Info.WithAlphaType(SKAlphaType.Opaque));
        using var canvas = new SKCanvas(flat);
        canvas.Clear(SKColors.White);
        canvas.DrawBitmap(bitmap, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), null);
        return flat;
    }

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality)
    {
        using var data = bitmap.Encode(format, quality) ?? throw new PhotoProcessingException($"The {format} copy could not be encoded.");
        return data.ToArray();
    }
}

/// <summary>A processing failure whose message is safe to keep in the photo record and show (no personal data).</summary>
internal sealed class PhotoProcessingException(string message) : Exception(message);
