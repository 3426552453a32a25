using System.Net;
using System.Net.Http.Json;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Photos;

/// <summary>Upload sessions: a write-only SAS for one staging blob, block uploads that resume, and the same checks on completion.</summary>
public sealed class PhotoUploadSessionTests(PhotoApp fixture) : IClassFixture<PhotoApp>
{
    private readonly HttpClient _supervisor = fixture.Client;

    private async Task<(string UploadId, Uri UploadUrl, string CompleteUrl)> OpenAsync(string seizure, HttpClient? client = null)
    {
        var response = await (client ?? _supervisor).PostAsync($"/api/seizures/{seizure}/photos/uploads", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var session = await response.ReadObjectAsync();
        return (session["uploadId"]!.GetValue<string>(), new Uri(session["uploadUrl"]!.GetValue<string>()), session["completeUrl"]!.GetValue<string>());
    }

    private static async Task UploadInTwoBlocksAsync(Uri uploadUrl, byte[] bytes)
    {
        var blob = new BlockBlobClient(uploadUrl);
        var half = bytes.Length / 2;
        var blocks = new[] { Convert.ToBase64String("block-0001"u8), Convert.ToBase64String("block-0002"u8) };
        await blob.StageBlockAsync(blocks[0], new MemoryStream(bytes[..half]));
        // A resumed upload stages the same block again after a dropped connection; staging is idempotent per block id.
        await blob.StageBlockAsync(blocks[0], new MemoryStream(bytes[..half]));
        await blob.StageBlockAsync(blocks[1], new MemoryStream(bytes[half..]));
        await blob.CommitBlockListAsync(blocks);
    }

    [Fact]
    public async Task APhotoUploadedInBlocksThroughTheSasBecomesAPhotoOnCompletion()
    {
        var seizure = await fixture.NewSeizureAsync();
        var jpeg = TestPhotos.Jpeg(seed: 41, withExif: true);
        var opened = await _supervisor.PostAsync($"/api/seizures/{seizure}/photos/uploads", null);
        var session = await opened.ReadObjectAsync();
        var (uploadUrl, completeUrl) = (new Uri(session["uploadUrl"]!.GetValue<string>()), session["completeUrl"]!.GetValue<string>());
        await UploadInTwoBlocksAsync(uploadUrl, jpeg);

        var completed = await _supervisor.PostAsJsonAsync(completeUrl, new { caption = "Spare tyre", takenAt = SeizureSamples.At("09:00") });

        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        Assert.Equal(PhotoApp.MaxBytes, session["maxBytes"]!.GetValue<long>());
        var expiresAt = session["expiresAt"]!.GetValue<DateTimeOffset>();
        Assert.InRange(expiresAt, DateTimeOffset.UtcNow.AddMinutes(25), DateTimeOffset.UtcNow.AddMinutes(31));
        Assert.Equal(HttpStatusCode.Accepted, completed.StatusCode);
        var photo = await completed.ReadObjectAsync();
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(jpeg)), photo["sha256"]!.GetValue<string>());
        Assert.Equal("Spare tyre", photo["caption"]!.GetValue<string>());
        Assert.Equal(0, await fixture.CountBlobsAsync(StorageNames.Containers.PhotoUploads, $"{seizure}/"));
        var original = await fixture.Container(StorageNames.Containers.PhotosOriginal).GetBlobClient($"{seizure}/{photo["id"]}").DownloadContentAsync();
        Assert.Equal(jpeg, original.Value.Content.ToArray());
        var ready = await _supervisor.ReadyPhotoAsync(seizure, photo["id"]!.GetValue<string>());
        Assert.Equal("ready", ready["status"]!.GetValue<string>());
        Assert.True(ready["exif"]!["hasGps"]!.GetValue<bool>());

        var again = await _supervisor.PostAsync(completeUrl, null);

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(photo["id"]!.GetValue<string>(), (await again.ReadObjectAsync())["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheSasWritesOneBlobAndReadsNothing()
    {
        var seizure = await fixture.NewSeizureAsync();
        var (uploadId, uploadUrl, _) = await OpenAsync(seizure);
        var blob = new BlobClient(uploadUrl);
        await blob.UploadAsync(BinaryData.FromBytes(TestPhotos.Jpeg(seed: 42)));
        var other = new BlobUriBuilder(uploadUrl) { BlobName = $"{seizure}/someone-else" }.ToUri();

        var read = await Assert.ThrowsAsync<RequestFailedException>(() => blob.DownloadContentAsync());
        var elsewhere = await Assert.ThrowsAsync<RequestFailedException>(() => new BlobClient(other).UploadAsync(BinaryData.FromString("x")));

        Assert.Equal(403, read.Status);
        Assert.Equal(403, elsewhere.Status);
        Assert.Contains(uploadId, uploadUrl.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompletingBeforeAnythingWasUploadedIsAConflict()
    {
        var seizure = await fixture.NewSeizureAsync();
        var (_, _, completeUrl) = await OpenAsync(seizure);

        var response = await _supervisor.PostAsync(completeUrl, null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task AnUploadThatIsNotAnImageIsRefusedOnCompletionAndTheStagedBlobIsDeleted()
    {
        var seizure = await fixture.NewSeizureAsync();
        var (_, uploadUrl, completeUrl) = await OpenAsync(seizure);
        await UploadInTwoBlocksAsync(uploadUrl, TestPhotos.PolyglotWithZip(TestPhotos.Jpeg(seed: 43)));

        var response = await _supervisor.PostAsync(completeUrl, null);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(0, await fixture.CountBlobsAsync(StorageNames.Containers.PhotoUploads, $"{seizure}/"));
        Assert.Equal(0, await fixture.CountBlobsAsync(StorageNames.Containers.PhotosOriginal, $"{seizure}/"));
    }

    [Fact]
    public async Task AnUploadOverTheLimitIsRefusedOnCompletion()
    {
        var seizure = await fixture.NewSeizureAsync();
        var (_, uploadUrl, completeUrl) = await OpenAsync(seizure);
        await new BlobClient(uploadUrl).UploadAsync(BinaryData.FromBytes(new byte[PhotoApp.MaxBytes + 1]));

        var response = await _supervisor.PostAsync(completeUrl, null);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await fixture.CountBlobsAsync(StorageNames.Containers.PhotoUploads, $"{seizure}/"));
    }

    [Fact]
    public async Task OnlyTheCallerWhoOpenedTheSessionCanCompleteIt()
    {
        var seizure = await fixture.NewSeizureAsync();
        var (_, uploadUrl, completeUrl) = await OpenAsync(seizure);
        await new BlobClient(uploadUrl).UploadAsync(BinaryData.FromBytes(TestPhotos.Jpeg(seed: 44)));

        var response = await fixture.Analyst.PostAsync(completeUrl, null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task CompletionDetailsAreChecked()
    {
        var seizure = await fixture.NewSeizureAsync();
        var (_, uploadUrl, completeUrl) = await OpenAsync(seizure);
        await new BlobClient(uploadUrl).UploadAsync(BinaryData.FromBytes(TestPhotos.Jpeg(seed: 45)));

        var unknown = await _supervisor.PostAsync(completeUrl, new StringContent("{\"gps\":\"24.8,67.0\"}", Encoding.UTF8, "application/json"));
        var badTime = await _supervisor.PostAsJsonAsync(completeUrl, new { takenAt = "noon" });

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.NotNull((await unknown.ReadObjectAsync())["errors"]!["gps"]);
        Assert.Equal(HttpStatusCode.BadRequest, badTime.StatusCode);
        Assert.NotNull((await badTime.ReadObjectAsync())["errors"]!["takenAt"]);
    }
}
