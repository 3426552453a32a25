using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Enforcement.Tests.Photos;

/// <summary>The app with a 1 MiB photo limit and a host.json that retries at once and poisons after three tries.</summary>
public class PhotoApp : AppFixture
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxDequeueCount = 3;

    private string? _root;

    protected virtual IEnumerable<string> DisabledFunctions => [];

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["FunctionApp:Root"] = _root ??= FastRetryAppRoot(MaxDequeueCount),
                ["Photos:MaxBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            foreach (var (function, i) in DisabledFunctions.Select((f, i) => (f, i)))
            {
                settings[$"LocalTriggers:DisabledFunctions:{i}"] = function;
            }

            return settings;
        }
    }

    public BlobContainerClient Container(string name) =>
        App.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(App.Names.Container(name));

    public async Task<int> CountBlobsAsync(string container, string prefix)
    {
        var count = 0;
        await foreach (var _ in Container(container).GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, CancellationToken.None))
        {
            count++;
        }

        return count;
    }

    /// <summary>A new seizure of PKKHI-APFT (recorded by the supervisor of PKKHI), so each test has its own photos.</summary>
    public async Task<string> NewSeizureAsync(string office = "PKKHI-APFT")
    {
        var response = await SupervisorOf(office).PostSeizureAsync(SeizureSamples.Valid(office: office));
        return (await response.ReadObjectAsync())["id"]!.GetValue<string>();
    }

}

public static class PhotoRequests
{
    public static Task<HttpResponseMessage> PostPhotoAsync(this HttpClient client, string seizureId, byte[] bytes, string contentType = "image/jpeg",
        string? query = null, string? idempotencyKey = null)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/seizures/{seizureId}/photos{(query is null ? "" : "?" + query)}") { Content = content };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostMultipartPhotoAsync(this HttpClient client, string seizureId, byte[] bytes, string fileName, string? partType,
        IDictionary<string, string>? fields = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        if (partType is not null)
        {
            file.Headers.ContentType = new MediaTypeHeaderValue(partType);
        }

        form.Add(file, "file", fileName);
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            form.Add(new StringContent(value), name);
        }

        return client.PostAsync($"/api/seizures/{seizureId}/photos", form);
    }

    public static async Task<JsonObject> PhotoAsync(this HttpClient client, string seizureId, string photoId) =>
        await (await client.GetAsync($"/api/seizures/{seizureId}/photos/{photoId}")).ReadObjectAsync();

    public static Task<JsonObject> ReadyPhotoAsync(this HttpClient client, string seizureId, string photoId) =>
        SeizureSamples.EventuallyAsync(() => client.PhotoAsync(seizureId, photoId), p => p["status"]!.GetValue<string>() != "processing");
}
