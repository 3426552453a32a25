using System.Buffers.Binary;
using SkiaSharp;

namespace Enforcement.Functions.Photos;

internal enum PhotoFormat
{
    Jpeg,
    Png,
}

internal static class PhotoFormats
{
    public const string JpegMediaType = "image/jpeg";
    public const string PngMediaType = "image/png";

    public static readonly string[] MediaTypes = [JpegMediaType, PngMediaType];

    public static string MediaType(this PhotoFormat format) => format == PhotoFormat.Jpeg ? JpegMediaType : PngMediaType;

    public static string Extension(this PhotoFormat format) => format == PhotoFormat.Jpeg ? "jpg" : "png";

    public static PhotoFormat? FromMediaType(string? mediaType) => mediaType?.Split(';')[0].Trim().ToLowerInvariant() switch
    {
        JpegMediaType or "image/jpg" or "image/pjpeg" => PhotoFormat.Jpeg,
        PngMediaType => PhotoFormat.Png,
        _ => null,
    };
}

/// <summary>What the bytes turned out to be, or why they are refused.</summary>
internal sealed record ImageInspection(PhotoFormat Format, int Width, int Height)
{
    /// <summary>
    /// Decides by the bytes alone: the signature, a walk of the file's structure to its end marker (nothing but
    /// further embedded JPEG images may follow: gain maps and multi-picture frames; a ZIP, script or video appended
    /// to an image makes a polyglot and is refused), the declared size against <paramref name="maxPixels"/>, and a
    /// real decode of all the image data (scaled down for JPEG), so that truncated or corrupt files are refused.
    /// </summary>
    public static InspectionResult Inspect(ReadOnlySpan<byte> bytes, long maxPixels)
    {
        var format = Sniff(bytes);
        if (format is null)
        {
            return InspectionResult.Refused("The content is not a JPEG or PNG image.");
        }

        var end = format == PhotoFormat.Jpeg ? JpegEnd(bytes, 0) : PngEnd(bytes);
        if (end < 0)
        {
            return InspectionResult.Refused($"The {Name(format.Value)} is truncated or malformed: it has no complete image structure.");
        }

        if (!OnlyEmbeddedImagesFollow(bytes[end..]))
        {
            return InspectionResult.Refused($"Other data follows the end of the {Name(format.Value)} (another file or a motion-photo video appended to it). Send the still photo only.");
        }

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat != (format == PhotoFormat.Jpeg ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Png))
        {
            return InspectionResult.Refused($"The {Name(format.Value)} cannot be decoded.");
        }

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0)
        {
            return InspectionResult.Refused($"The {Name(format.Value)} has no pixels.");
        }

        if ((long)width * height > maxPixels)
        {
            return InspectionResult.TooLarge($"The image is {width}x{height} pixels; at most {maxPixels:N0} pixels are accepted.");
        }

        // Decoding every scan proves the data is complete; JPEG decodes at 1/8 scale (the DCT scaling of libjpeg
        // still reads all the entropy-coded data), PNG at full size (it has no cheaper complete decode).
        var size = format == PhotoFormat.Jpeg ? codec.GetScaledDimensions(0.125f) : codec.Info.Size;
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        return result == SKCodecResult.Success
            ? InspectionResult.Accepted(new ImageInspection(format.Value, width, height))
            : InspectionResult.Refused($"The {Name(format.Value)} cannot be decoded completely ({result}).");
    }

    public static PhotoFormat? Sniff(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? PhotoFormat.Jpeg
        : bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? PhotoFormat.Png
        : null;

    private static string Name(PhotoFormat format) => format == PhotoFormat.Jpeg ? "JPEG" : "PNG";

    private static bool OnlyEmbeddedImagesFollow(ReadOnlySpan<byte> rest)
    {
        while (true)
        {
            var padding = rest.IndexOfAnyExcept((byte)0);
            if (padding < 0)
            {
                return true;
            }

            rest = rest[padding..];
            var end = Sniff(rest) == PhotoFormat.Jpeg ? JpegEnd(rest, 0) : -1;
            if (end < 0)
            {
                return false;
            }

            rest = rest[end..];
        }
    }

    /// <summary>The offset just after the EOI marker that closes the JPEG starting at <paramref name="start"/>,
    /// walking segments by their lengths and the entropy-coded data of each scan; -1 if it never closes.</summary>
    internal static int JpegEnd(ReadOnlySpan<byte> data, int start)
    {
        var i = start + 2;
        while (i < data.Length)
        {
            if (data[i] != 0xFF)
            {
                return -1;
            }

            while (i < data.Length && data[i] == 0xFF)
            {
                i++;
            }

            if (i >= data.Length)
            {
                return -1;
            }

            var marker = data[i++];
            if (marker == 0xD9)
            {
                return i;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue;
            }

            if (i + 2 > data.Length)
            {
                return -1;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
            if (length < 2 || i + length > data.Length)
            {
                return -1;
            }

            i += length;
            if (marker == 0xDA)
            {
                i = SkipEntropyCodedData(data, i);
            }
        }

        return -1;
    }

    /// <summary>Entropy-coded data ends at the first marker that is not a stuffed 0xFF00, a restart marker or fill.</summary>
    private static int SkipEntropyCodedData(ReadOnlySpan<byte> data, int i)
    {
        while (i < data.Length)
        {
            var next = data[i..].IndexOf((byte)0xFF);
            if (next < 0 || i + next + 1 >= data.Length)
            {
                return data.Length;
            }

            i += next;
            var following = data[i + 1];
            if (following == 0x00 || following is >= 0xD0 and <= 0xD7)
            {
                i += 2;
            }
            else if (following == 0xFF)
            {
                i += 1;
            }
            else
            {
                return i;
            }
        }

        return i;
    }

    /// <summary>The offset just after the IEND chunk, walking chunks by their lengths; -1 if there is none.</summary>
    internal static int PngEnd(ReadOnlySpan<byte> data)
    {
        var i = 8;
        while (i + 12 <= data.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(data[i..]);
            if (length > int.MaxValue || i + 12L + length > data.Length)
            {
                return -1;
            }

            var type = data.Slice(i + 4, 4);
            i += 12 + (int)length;
            if (type.SequenceEqual("IEND"u8))
            {
                return i;
            }
        }

        return -1;
    }
}

internal sealed record InspectionResult(ImageInspection? Image, string? Problem, bool IsTooLarge)
{
    public static InspectionResult Accepted(ImageInspection image) => new(image, null, false);

    public static InspectionResult Refused(string problem) => new(null, problem, false);

    public static InspectionResult TooLarge(string problem) => new(null, problem, true);
}
