using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SkiaSharp;

namespace Enforcement.Tests.Photos;

/// <summary>Real images made on the spot: JPEGs (optionally with an EXIF block carrying camera, time and GPS),
/// PNGs, and the broken and hostile files intake must refuse.</summary>
public static class TestPhotos
{
    public const double Latitude = 24.8607;
    public const double Longitude = 67.0011;
    public const string CameraMake = "TestCam";
    public const string CameraModel = "Evidence 9";

    /// <summary>A gradient with a seed-dependent pattern, so that each seed gives different bytes.</summary>
    public static SKBitmap Picture(int width, int height, int seed)
    {
        var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var canvas = new SKCanvas(bitmap);
        using var gradient = new SKPaint
        {
            Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height),
                [new SKColor((byte)(seed * 37), 80, 160), new SKColor(240, (byte)(seed * 11), 40)], SKShaderTileMode.Clamp),
        };
        canvas.DrawRect(0, 0, width, height, gradient);
        var random = new Random(seed);
        using var dot = new SKPaint { Color = SKColors.Black };
        for (var i = 0; i < 40; i++)
        {
            canvas.DrawCircle(random.Next(width), random.Next(height), 2 + random.Next(8), dot);
        }

        return bitmap;
    }

    public static byte[] Jpeg(int width = 640, int height = 480, int seed = 1, bool withExif = false, ushort orientation = 1)
    {
        using var bitmap = Picture(width, height, seed);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        var jpeg = data.ToArray();
        return withExif || orientation != 1 ? SpliceExif(jpeg, Exif(withExif, orientation)) : jpeg;
    }

    public static byte[] Png(int width = 320, int height = 200, int seed = 1)
    {
        using var bitmap = Picture(width, height, seed);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    public static byte[] Truncated(byte[] image) => image[..(image.Length * 6 / 10)];

    /// <summary>A JPEG with a ZIP archive appended: both an image viewer and an unzip tool open it.</summary>
    public static byte[] PolyglotWithZip(byte[] jpeg)
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = new StreamWriter(archive.CreateEntry("payload.html").Open());
            entry.Write("<script>alert(1)</script>");
        }

        return [.. jpeg, .. zip.ToArray()];
    }

    public static byte[] NotAnImage() => Encoding.UTF8.GetBytes("<html><body><script>alert('not a photo')</script></body></html>");

    /// <summary>Inserts an APP1 "Exif" segment right after the JPEG's SOI marker.</summary>
    public static byte[] SpliceExif(byte[] jpeg, byte[] tiff)
    {
        var app1 = new byte[4 + 6 + tiff.Length];
        app1[0] = 0xFF;
        app1[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(app1.AsSpan(2), (ushort)(2 + 6 + tiff.Length));
        "Exif\0\0"u8.CopyTo(app1.AsSpan(4));
        tiff.CopyTo(app1.AsSpan(10));
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    /// <summary>A little-endian TIFF block: IFD0 (make, model, orientation, pointers), the Exif IFD (DateTimeOriginal
    /// and OffsetTimeOriginal) and the GPS IFD (version, latitude and longitude as degree/minute/second rationals).</summary>
    public static byte[] Exif(bool withFacts, ushort orientation)
    {
        var ifd0 = new List<TiffEntry> { TiffEntry.Number(0x0112, orientation) };
        var exif = new List<TiffEntry>();
        var gps = new List<TiffEntry>();
        if (withFacts)
        {
            ifd0.Insert(0, TiffEntry.Ascii(0x010F, CameraMake));
            ifd0.Insert(1, TiffEntry.Ascii(0x0110, CameraModel));
            exif.Add(TiffEntry.Ascii(0x9003, "2026:11:20 14:30:00"));
            exif.Add(TiffEntry.Ascii(0x9011, "+05:00"));
            gps.Add(new TiffEntry(0x0000, 1, 4, [2, 3, 0, 0]));
            gps.Add(TiffEntry.Ascii(0x0001, "N"));
            gps.Add(TiffEntry.Rationals(0x0002, (24, 1), (51, 1), (3852, 100)));
            gps.Add(TiffEntry.Ascii(0x0003, "E"));
            gps.Add(TiffEntry.Rationals(0x0004, (67, 1), (0, 1), (396, 100)));
        }

        // Offsets: header (8), IFD0, then the Exif IFD and the GPS IFD, each followed by its out-of-line values.
        var pointers = withFacts ? 2 : 0;
        var ifd0Size = IfdSize(ifd0, pointers);
        var exifOffset = 8 + ifd0Size;
        var gpsOffset = exifOffset + IfdSize(exif, 0);
        if (withFacts)
        {
            ifd0.Add(TiffEntry.Offset(0x8769, (uint)exifOffset));
            ifd0.Add(TiffEntry.Offset(0x8825, (uint)gpsOffset));
        }

        using var output = new MemoryStream();
        output.Write("II*\0"u8);
        output.Write(BitConverter.GetBytes(8u));
        WriteIfd(output, ifd0);
        if (withFacts)
        {
            WriteIfd(output, exif);
            WriteIfd(output, gps);
        }

        return output.ToArray();
    }

    private static int IfdSize(List<TiffEntry> entries, int extraEntries) =>
        2 + (12 * (entries.Count + extraEntries)) + 4 + entries.Where(e => e.Value.Length > 4).Sum(e => e.Value.Length + (e.Value.Length % 2));

    private static void WriteIfd(MemoryStream output, List<TiffEntry> entries)
    {
        var start = (int)output.Position;
        var dataOffset = start + 2 + (12 * entries.Count) + 4;
        var data = new MemoryStream();
        output.Write(BitConverter.GetBytes((ushort)entries.Count));
        foreach (var entry in entries.OrderBy(e => e.Tag))
        {
            output.Write(BitConverter.GetBytes(entry.Tag));
            output.Write(BitConverter.GetBytes(entry.Type));
            output.Write(BitConverter.GetBytes(entry.Count));
            if (entry.Value.Length <= 4)
            {
                var inline = new byte[4];
                entry.Value.CopyTo(inline, 0);
                output.Write(inline);
            }
            else
            {
                output.Write(BitConverter.GetBytes((uint)(dataOffset + data.Length)));
                data.Write(entry.Value);
                if (entry.Value.Length % 2 == 1)
                {
                    data.WriteByte(0);
                }
            }
        }

        output.Write(BitConverter.GetBytes(0u));
        data.Position = 0;
        data.CopyTo(output);
    }

    public sealed record TiffEntry(ushort Tag, ushort Type, uint Count, byte[] Value)
    {
        public static TiffEntry Ascii(ushort tag, string text)
        {
            var bytes = Encoding.ASCII.GetBytes(text + "\0");
            return new TiffEntry(tag, 2, (uint)bytes.Length, bytes);
        }

        public static TiffEntry Number(ushort tag, ushort value) => new(tag, 3, 1, BitConverter.GetBytes(value));

        public static TiffEntry Offset(ushort tag, uint value) => new(tag, 4, 1, BitConverter.GetBytes(value));

        public static TiffEntry Rationals(ushort tag, params (uint Numerator, uint Denominator)[] values) =>
            new(tag, 5, (uint)values.Length, values.SelectMany(v => BitConverter.GetBytes(v.Numerator).Concat(BitConverter.GetBytes(v.Denominator))).ToArray());
    }
}
