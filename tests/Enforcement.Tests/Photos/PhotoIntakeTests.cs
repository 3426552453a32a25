using System.Net;
using System.Security.Cryptography;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Photos;

/// <summary>Direct uploads: what is accepted, what is refused (and leaves nothing behind), and that nothing is stored twice.</summary>
public sealed class PhotoIntakeTests(PhotoApp fixture) : IClassFixture<PhotoApp>
{
    private readonly HttpClient _supervisor = fixture.Client;

    [Fact]
    public async Task AJpegBodyIsAcceptedWithItsHashAndProcessedToReady()
    {
        var seizure = await fixture.NewSeizureAsync();
        var jpeg = TestPhotos.Jpeg(seed: 11, withExif: true);

        var response = await _supervisor.PostPhotoAsync(seizure, jpeg, query: "caption=False%20floor%20of%20reefer&takenAt=" + Uri.EscapeDataString(SeizureSamples.At("14:35")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var photo = await response.ReadObjectAsync();
        var id = photo["id"]!.GetValue<string>();
        Assert.Equal($"/api/seizures/{seizure}/photos/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("processing", photo["status"]!.GetValue<string>());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(jpeg)), photo["sha256"]!.GetValue<string>());
        Assert.Equal(jpeg.Length, photo["size"]!.GetValue<long>());
        Assert.Equal("image/jpeg", photo["contentType"]!.GetValue<string>());
        Assert.Equal(640, photo["width"]!.GetValue<int>());
        Assert.Equal("False floor of reefer", photo["caption"]!.GetValue<string>());
        Assert.Equal(DateTimeOffset.Parse(SeizureSamples.At("14:35"), System.Globalization.CultureInfo.InvariantCulture), photo["takenAt"]!.GetValue<DateTimeOffset>());
        var stored = (await fixture.Container(StorageNames.Containers.PhotosOriginal).GetBlobClient($"{seizure}/{id}").DownloadContentAsync()).Value.Content.ToArray();
        Assert.Equal(jpeg, stored);

        var ready = await _supervisor.ReadyPhotoAsync(seizure, id);

        Assert.Equal("ready", ready["status"]!.GetValue<string>());
        var exif = ready["exif"]!;
        Assert.Equal("2026-11-20T14:30:00+05:00", exif["captureTime"]!.GetValue<string>());
        Assert.Equal(TestPhotos.CameraMake, exif["cameraMake"]!.GetValue<string>());
        Assert.Equal(TestPhotos.CameraModel, exif["cameraModel"]!.GetValue<string>());
        Assert.True(exif["hasGps"]!.GetValue<bool>());
        Assert.Null(exif["latitude"]);
        var forAnalyst = (await fixture.Analyst.PhotoAsync(seizure, id))["exif"]!;
        Assert.Equal(TestPhotos.Latitude, forAnalyst["latitude"]!.GetValue<double>(), 4);
        Assert.Equal(TestPhotos.Longitude, forAnalyst["longitude"]!.GetValue<double>(), 4);
    }

    [Fact]
    public async Task PhotoReadyTravelsThroughTheRecordEventPipelineWithoutBeingPoisoned()
    {
        var seizure = await fixture.NewSeizureAsync();
        var id = (await (await _supervisor.PostPhotoAsync(seizure, TestPhotos.Jpeg(seed: 25))).ReadObjectAsync())["id"]!.GetValue<string>();
        await _supervisor.ReadyPhotoAsync(seizure, id);
        var events = fixture.App.Queue(StorageNames.Queues.SeizureEvents);

        // The approximate count includes messages being processed (invisible): zero means handled or poisoned.
        var pending = await SeizureSamples.EventuallyAsync(async () => (await events.GetPropertiesAsync()).Value.ApproximateMessagesCount, count => count == 0);

        Assert.Equal(0, pending);
        var poisoned = (await fixture.App.Queue(StorageNames.Queues.SeizureEvents + "-poison").PeekMessagesAsync(32)).Value;
        Assert.DoesNotContain(poisoned, m => m.Body.ToString().Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMultipartPngWithCaptionAndTakenAtIsAccepted()
    {
        var seizure = await fixture.NewSeizureAsync();

        var response = await _supervisor.PostMultipartPhotoAsync(seizure, TestPhotos.Png(seed: 12), "IMG_0042.png", "image/png",
            new Dictionary<string, string> { ["caption"] = "Compartment behind the panel", ["takenAt"] = SeizureSamples.At("10:00") });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var photo = await response.ReadObjectAsync();
        Assert.Equal("image/png", photo["contentType"]!.GetValue<string>());
        Assert.Equal("Compartment behind the panel", photo["caption"]!.GetValue<string>());
        var ready = await _supervisor.ReadyPhotoAsync(seizure, photo["id"]!.GetValue<string>());
        Assert.Equal("ready", ready["status"]!.GetValue<string>());
        Assert.False(ready["exif"]!["hasGps"]!.GetValue<bool>());
    }

    public static TheoryData<string, string> RefusedFiles() => new()
    {
        { "truncated JPEG", "image/jpeg" },
        { "JPEG with a ZIP appended", "image/jpeg" },
        { "HTML named .jpg", "image/jpeg" },
        { "PNG declared as JPEG", "image/jpeg" },
        { "truncated PNG", "image/png" },
    };

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public async Task ABodyThatIsNotADecodableImageOfItsTypeIsRefusedAndNothingIsKept(string kind, string contentType)
    {
        var seizure = await fixture.NewSeizureAsync();
        var bytes = kind switch
        {
            "truncated JPEG" => TestPhotos.Truncated(TestPhotos.Jpeg(seed: 13)),
            "JPEG with a ZIP appended" => TestPhotos.PolyglotWithZip(TestPhotos.Jpeg(seed: 14)),
            "HTML named .jpg" => TestPhotos.NotAnImage(),
            "PNG declared as JPEG" => TestPhotos.Png(seed: 15),
            _ => TestPhotos.Truncated(TestPhotos.Png(seed: 16)),
        };

        var direct = await _supervisor.PostPhotoAsync(seizure, bytes, contentType);
        var multipart = await _supervisor.PostMultipartPhotoAsync(seizure, bytes, "photo.jpg", contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, direct.StatusCode);
        Assert.Equal("application/problem+json", direct.Content.Headers.ContentType!.MediaType);
        Assert.NotNull((await direct.ReadObjectAsync())["errors"]);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, multipart.StatusCode);
        Assert.Empty((await (await _supervisor.GetAsync($"/api/seizures/{seizure}/photos")).ReadObjectAsync())["items"]!.AsArray());
        Assert.Equal(0, await fixture.CountBlobsAsync(StorageNames.Containers.PhotosOriginal, seizure + "/"));
    }

    [Fact]
    public async Task ABodyOverTheLimitIsRefusedWith413()
    {
        var seizure = await fixture.NewSeizureAsync();
        var tooLarge = new byte[PhotoApp.MaxBytes + 1];
        TestPhotos.Jpeg().CopyTo(tooLarge, 0);

        var response = await _supervisor.PostPhotoAsync(seizure, tooLarge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(0, await fixture.CountBlobsAsync(StorageNames.Containers.PhotosOriginal, seizure + "/"));
    }

    [Fact]
    public async Task AChunkedBodyOverTheLimitIsRefusedWith413()
    {
        var seizure = await fixture.NewSeizureAsync();
        var content = new StreamContent(new MemoryStream(new byte[PhotoApp.MaxBytes + 100_000]));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/seizures/{seizure}/photos") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await _supervisor.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task TheSameBytesForTheSameSeizureAreStoredOnceEvenWhenSentConcurrently()
    {
        var seizure = await fixture.NewSeizureAsync();
        var jpeg = TestPhotos.Jpeg(seed: 17);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _supervisor.PostPhotoAsync(seizure, jpeg)));
        var again = await fixture.Analyst.PostPhotoAsync(seizure, jpeg);

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, r.StatusCode.ToString()));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.ReadObjectAsync())["id"]!.GetValue<string>()));
        Assert.Single(ids.Distinct());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(ids[0], (await again.ReadObjectAsync())["id"]!.GetValue<string>());
        Assert.Equal(1, await fixture.CountBlobsAsync(StorageNames.Containers.PhotosOriginal, seizure + "/"));
        Assert.Single((await (await _supervisor.GetAsync($"/api/seizures/{seizure}/photos")).ReadObjectAsync())["items"]!.AsArray());
    }

    [Fact]
    public async Task TheSameBytesForAnotherSeizureAreAnotherPhoto()
    {
        var (first, second) = (await fixture.NewSeizureAsync(), await fixture.NewSeizureAsync());
        var jpeg = TestPhotos.Jpeg(seed: 18);

        var a = await (await _supervisor.PostPhotoAsync(first, jpeg)).ReadObjectAsync();
        var b = await (await _supervisor.PostPhotoAsync(second, jpeg)).ReadObjectAsync();

        Assert.NotEqual(a["id"]!.GetValue<string>(), b["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnIdempotencyKeyReplaysTheSamePhotoAndRefusesAnother()
    {
        var seizure = await fixture.NewSeizureAsync();
        var key = Guid.NewGuid().ToString();

        var first = await _supervisor.PostPhotoAsync(seizure, TestPhotos.Jpeg(seed: 19), idempotencyKey: key);
        var replay = await _supervisor.PostPhotoAsync(seizure, TestPhotos.Jpeg(seed: 19), idempotencyKey: key);
        var other = await _supervisor.PostPhotoAsync(seizure, TestPhotos.Jpeg(seed: 20), idempotencyKey: key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal((await first.ReadObjectAsync())["id"]!.GetValue<string>(), (await replay.ReadObjectAsync())["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal(1, await fixture.CountBlobsAsync(StorageNames.Containers.PhotosOriginal, seizure + "/"));
    }

    [Theory]
    [InlineData("takenAt=yesterday", "takenAt")]
    [InlineData("takenAt=2026-11-20T10:00:00", "takenAt")]
    [InlineData("takenAt=2099-01-01T00:00:00Z", "takenAt")]
    public async Task BadDetailsAreNamed(string query, string field)
    {
        var seizure = await fixture.NewSeizureAsync();

        var response = await _supervisor.PostPhotoAsync(seizure, TestPhotos.Jpeg(seed: 21), query: query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadObjectAsync())["errors"]![field]);
    }

    [Fact]
    public async Task AnUnknownMultipartPartIsNamed()
    {
        var seizure = await fixture.NewSeizureAsync();

        var response = await _supervisor.PostMultipartPhotoAsync(seizure, TestPhotos.Jpeg(seed: 22), "a.jpg", "image/jpeg",
            new Dictionary<string, string> { ["location"] = "24.86,67.00" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadObjectAsync())["errors"]!["location"]);
    }

    [Fact]
    public async Task AnotherContentTypeIsRefusedWith415()
    {
        var seizure = await fixture.NewSeizureAsync();

        var response = await _supervisor.PostPhotoAsync(seizure, TestPhotos.Jpeg(seed: 23), "image/gif");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task APhotoOfAnUnknownSeizureIsNotFound()
    {
        var response = await _supervisor.PostPhotoAsync("SZ-202611-0000000000ZZZZZZZZ", TestPhotos.Jpeg(seed: 24));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
