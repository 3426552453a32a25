using System.Buffers.Binary;
using System.IO.Hashing;
using Enforcement.Functions.Photos;

namespace Enforcement.Tests.Photos;

/// <summary>The byte checks on their own: structure walks, appended data, decompression bombs.</summary>
public sealed class ImageInspectionTests
{
    private const long MaxPixels = 110_000_000;

    [Fact]
    public void AJpegAndAPngAreAcceptedWithTheirSize()
    {
        var jpeg = ImageInspection.Inspect(TestPhotos.Jpeg(640, 480), MaxPixels);
        var png = ImageInspection.Inspect(TestPhotos.Png(320, 200), MaxPixels);

        Assert.Equal(new ImageInspection(PhotoFormat.Jpeg, 640, 480), jpeg.Image);
        Assert.Equal(new ImageInspection(PhotoFormat.Png, 320, 200), png.Image);
    }

    [Fact]
    public void AJpegFollowedByFurtherJpegImagesIsAccepted()
    {
        // Multi-picture and Ultra HDR photos carry a second JPEG (a gain map or another frame) after the first.
        byte[] withGainMap = [.. TestPhotos.Jpeg(seed: 2), .. TestPhotos.Jpeg(160, 120, seed: 3)];
        byte[] withPadding = [.. TestPhotos.Jpeg(seed: 4), 0, 0, 0, 0];

        Assert.NotNull(ImageInspection.Inspect(withGainMap, MaxPixels).Image);
        Assert.NotNull(ImageInspection.Inspect(withPadding, MaxPixels).Image);
    }

    [Theory]
    [InlineData("zip")]
    [InlineData("html")]
    [InlineData("mp4")]
    public void AJpegFollowedByAnythingElseIsAPolyglotAndRefused(string appended)
    {
        var tail = appended switch
        {
            "zip" => TestPhotos.PolyglotWithZip([]),
            "html" => TestPhotos.NotAnImage(),
            _ => [0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'m', (byte)'p', (byte)'4', (byte)'2'],
        };
        byte[] polyglot = [.. TestPhotos.Jpeg(seed: 5), .. tail];

        var result = ImageInspection.Inspect(polyglot, MaxPixels);

        Assert.Null(result.Image);
        Assert.False(result.IsTooLarge);
        Assert.Contains("follows the end", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AJpegWhoseScanDataIsCorruptedIsRefused()
    {
        var jpeg = TestPhotos.Jpeg(seed: 6);
        var corrupt = jpeg.ToArray();
        // Keep the structure (markers) but replace the scan data with a marker that no decoder accepts there.
        var sos = IndexOfMarker(corrupt, 0xDA);
        corrupt[sos + 40] = 0xFF;
        corrupt[sos + 41] = 0xC8;

        var result = ImageInspection.Inspect(corrupt, MaxPixels);

        Assert.Null(result.Image);
    }

    [Fact]
    public void APngThatClaimsAHugeCanvasIsRefusedBeforeDecoding()
    {
        var bomb = Png(30_000, 30_000);

        var result = ImageInspection.Inspect(bomb, MaxPixels);

        Assert.Null(result.Image);
        Assert.True(result.IsTooLarge, result.Problem);
    }

    [Fact]
    public void EmptyAndTinyInputsAreRefused()
    {
        Assert.Null(ImageInspection.Inspect([], MaxPixels).Image);
        Assert.Null(ImageInspection.Inspect([0xFF, 0xD8, 0xFF], MaxPixels).Image);
        Assert.Null(ImageInspection.Inspect([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], MaxPixels).Image);
    }

    private static int IndexOfMarker(byte[] jpeg, byte marker)
    {
        for (var i = 0; i < jpeg.Length - 1; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] == marker)
            {
                return i;
            }
        }

        throw new InvalidOperationException("No such marker.");
    }

    /// <summary>A structurally valid PNG whose header claims <paramref name="width"/> x <paramref name="height"/> pixels.</summary>
    private static byte[] Png(int width, int height)
    {
        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 2;
        Chunk(output, "IHDR"u8, header);
        Chunk(output, "IDAT"u8, [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        Chunk(output, "IEND"u8, []);
        return output.ToArray();
    }

    private static void Chunk(MemoryStream output, ReadOnlySpan<byte> type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        output.Write(type);
        output.Write(data);
        var crc = new Crc32();
        crc.Append(type);
        crc.Append(data);
        Span<byte> sum = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(sum, crc.GetCurrentHashAsUInt32());
        output.Write(sum);
    }
}
