using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Enforcement.Tests.Infrastructure;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Jpeg;
using MetadataExtractor.Formats.Xmp;
using SkiaSharp;

namespace Enforcement.Tests.Photos;

/// <summary>Reading a processed photo: the original with its digests, ranges and validators; the sanitized copy without
/// metadata; the thumbnail.</summary>
public sealed class PhotoContentTests(PhotoContentTests.ReadyPhotoApp fixture) : IClassFixture<PhotoContentTests.ReadyPhotoApp>
{
    /// <summary>One seizure with a processed JPEG that carries GPS EXIF, and a processed PNG.</summary>
    public sealed class ReadyPhotoApp : PhotoApp
    {
        public string SeizureId { get; private set; } = string.Empty;

        public string JpegId { get; private set; } = string.Empty;

        public string PngId { get; private set; } = string.Empty;

        public byte[] Jpeg { get; } = TestPhotos.Jpeg(800, 600, seed: 31, withExif: true);

        public byte[] Png { get; } = TestPhotos.Png(500, 300, seed: 32);

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            SeizureId = await NewSeizureAsync();
            JpegId = (await (await Client.PostPhotoAsync(SeizureId, Jpeg)).ReadObjectAsync())["id"]!.GetValue<string>();
            PngId = (await (await Client.PostPhotoAsync(SeizureId, Png, "image/png")).ReadObjectAsync())["id"]!.GetValue<string>();
            await Client.ReadyPhotoAsync(SeizureId, JpegId);
            await Client.ReadyPhotoAsync(SeizureId, PngId);
        }
    }

    private string Content(string photoId, string variant) => $"/api/seizures/{fixture.SeizureId}/photos/{photoId}/content?variant={variant}";

    [Fact]
    public async Task TheOriginalIsTheExactBytesWithTheirDigestAndValidators()
    {
        var response = await fixture.Analyst.GetAsync(Content(fixture.JpegId, "original"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(fixture.Jpeg, body);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(fixture.Jpeg.Length, response.Content.Headers.ContentLength);
        Assert.NotNull(response.Headers.ETag);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Equal("bytes", response.Headers.AcceptRanges.Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var digest = Convert.ToBase64String(SHA256.HashData(body));
        Assert.Equal($"sha-256=:{digest}:", response.Headers.GetValues("Repr-Digest").Single());
        Assert.Equal($"sha-256={digest}", response.Headers.GetValues("Digest").Single());
    }

    [Fact]
    public async Task ARangeOfTheOriginalIsPartialContentWithTheWholeRepresentationsDigest()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Content(fixture.JpegId, "original"));
        request.Headers.Range = new RangeHeaderValue(100, 1099);

        var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(fixture.Jpeg[100..1100], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(1000, response.Content.Headers.ContentLength);
        Assert.Equal($"bytes 100-1099/{fixture.Jpeg.Length}", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal($"sha-256=:{Convert.ToBase64String(SHA256.HashData(fixture.Jpeg))}:", response.Headers.GetValues("Repr-Digest").Single());
    }

    [Fact]
    public async Task ASuffixRangeAndAnUnsatisfiableRangeAreAnsweredAsHttpSays()
    {
        var suffix = new HttpRequestMessage(HttpMethod.Get, Content(fixture.JpegId, "original"));
        suffix.Headers.Range = new RangeHeaderValue(null, 50);
        var beyond = new HttpRequestMessage(HttpMethod.Get, Content(fixture.JpegId, "original"));
        beyond.Headers.Range = new RangeHeaderValue(fixture.Jpeg.Length + 10, null);

        var tail = await fixture.Client.SendAsync(suffix);
        var unsatisfiable = await fixture.Client.SendAsync(beyond);

        Assert.Equal(HttpStatusCode.PartialContent, tail.StatusCode);
        Assert.Equal(fixture.Jpeg[^50..], await tail.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, unsatisfiable.StatusCode);
    }

    [Fact]
    public async Task IfNoneMatchWithTheETagIsNotModified()
    {
        var first = await fixture.Client.GetAsync(Content(fixture.JpegId, "thumbnail"));
        var request = new HttpRequestMessage(HttpMethod.Get, Content(fixture.JpegId, "thumbnail"));
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var second = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task TheSanitizedCopyIsTheSameImageWithoutExifXmpOrGps()
    {
        var response = await fixture.Client.GetAsync(Content(fixture.JpegId, "sanitized"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        Assert.False(response.Headers.Contains("Repr-Digest"));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using (var original = SKBitmap.Decode(fixture.Jpeg))
        using (var sanitized = SKBitmap.Decode(bytes))
        {
            Assert.Equal((original.Width, original.Height), (sanitized.Width, sanitized.Height));
        }

        var directories = JpegMetadataReader.ReadMetadata(new MemoryStream(bytes));
        Assert.Empty(directories.OfType<GpsDirectory>());
        Assert.Empty(directories.OfType<ExifIfd0Directory>());
        Assert.Empty(directories.OfType<ExifSubIfdDirectory>());
        Assert.Empty(directories.OfType<XmpDirectory>());
        Assert.NotEmpty(JpegMetadataReader.ReadMetadata(new MemoryStream(fixture.Jpeg)).OfType<GpsDirectory>());
        Assert.DoesNotContain(TestPhotos.CameraModel, System.Text.Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APngStaysAPngAndItsThumbnailIsAJpegOf320PixelsAtMost()
    {
        var sanitized = await fixture.Client.GetAsync(Content(fixture.PngId, "sanitized"));
        var thumbnail = await fixture.Client.GetAsync(Content(fixture.PngId, "thumbnail"));

        Assert.Equal(HttpStatusCode.OK, sanitized.StatusCode);
        Assert.Equal("image/png", sanitized.Content.Headers.ContentType!.MediaType);
        using var codec = SKCodec.Create(new MemoryStream(await sanitized.Content.ReadAsByteArrayAsync()));
        Assert.Equal(SKEncodedImageFormat.Png, codec.EncodedFormat);
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType!.MediaType);
        using var small = SKBitmap.Decode(await thumbnail.Content.ReadAsByteArrayAsync());
        Assert.Equal((320, 192), (small.Width, small.Height));
    }

    [Fact]
    public async Task TheThumbnailsLongestSideIs320Pixels()
    {
        var response = await fixture.Client.GetAsync(Content(fixture.JpegId, "thumbnail"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var thumbnail = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((320, 240), (thumbnail.Width, thumbnail.Height));
    }

    [Fact]
    public async Task TheExifOrientationIsAppliedToThePixelsOfTheCopies()
    {
        var jpeg = TestPhotos.Jpeg(400, 200, seed: 33, orientation: 6);
        var id = (await (await fixture.Client.PostPhotoAsync(fixture.SeizureId, jpeg)).ReadObjectAsync())["id"]!.GetValue<string>();
        await fixture.Client.ReadyPhotoAsync(fixture.SeizureId, id);

        var sanitized = await fixture.Client.GetByteArrayAsync(Content(id, "sanitized"));
        var thumbnail = await fixture.Client.GetByteArrayAsync(Content(id, "thumbnail"));

        using var upright = SKBitmap.Decode(sanitized);
        Assert.Equal((200, 400), (upright.Width, upright.Height));
        using var small = SKBitmap.Decode(thumbnail);
        Assert.Equal((160, 320), (small.Width, small.Height));
    }

    [Fact]
    public async Task AnUnknownVariantIsNamed()
    {
        var response = await fixture.Client.GetAsync(Content(fixture.JpegId, "raw"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadObjectAsync())["errors"]!["variant"]);
    }

    [Fact]
    public async Task ListingGivesEveryPhotoOfTheSeizureWithLinks()
    {
        var response = await fixture.Client.GetAsync($"/api/seizures/{fixture.SeizureId}/photos");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await response.ReadObjectAsync())["items"]!.AsArray();
        Assert.Contains(items, p => p!["id"]!.GetValue<string>() == fixture.JpegId);
        Assert.Contains(items, p => p!["id"]!.GetValue<string>() == fixture.PngId);
        var jpeg = items.Single(p => p!["id"]!.GetValue<string>() == fixture.JpegId)!;
        Assert.Equal(Content(fixture.JpegId, "thumbnail"), jpeg["links"]!["thumbnail"]!.GetValue<string>());
        Assert.Null(jpeg["exif"]!["latitude"]);
    }
}
