using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Enforcement.Tests.Infrastructure;

public static class SeizureSamples
{
    public const string Month = "2026-11";

    /// <summary>A complete, valid seizure report as a mobile app would send it.</summary>
    public static JsonObject Valid(string office = "PKKHI-APFT", string category = "drugs", string seizedAt = "2026-11-20T14:30:00+05:00") => new()
    {
        ["seizedAt"] = seizedAt,
        ["office"] = office,
        ["procedure"] = "import",
        ["detectionMethod"] = "nii-scan",
        ["items"] = new JsonArray(new JsonObject
        {
            ["category"] = category,
            ["description"] = "Brown powder in 20 bricks",
            ["hsCode"] = "2939",
            ["quantity"] = 24.5,
            ["unit"] = "kg",
            ["estimatedValue"] = new JsonObject { ["amount"] = 120000, ["currency"] = "USD" },
        }),
        ["concealment"] = new JsonObject { ["method"] = "container-structure", ["description"] = "Under the floor of a reefer" },
        ["conveyance"] = new JsonObject
        {
            ["mode"] = "sea",
            ["vesselImo"] = "9074729",
            ["containerNumbers"] = new JsonArray("CSQU3054383"),
            ["transportDocument"] = "BL-778812",
        },
        ["route"] = new JsonObject
        {
            ["departureCountry"] = "AE",
            ["transitCountries"] = new JsonArray("OM"),
            ["destinationCountry"] = "PK",
            ["departurePlace"] = "AEJEA",
            ["destinationPlace"] = "PKKHI",
        },
        ["narrative"] = "Found during a scan of a reefer container.",
    };

    public static Task<HttpResponseMessage> PostSeizureAsync(this HttpClient client, JsonNode body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/seizures") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PatchSeizureAsync(this HttpClient client, string id, JsonNode patch, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/seizures/{id}")
        {
            Content = new StringContent(patch.ToJsonString(), System.Text.Encoding.UTF8, "application/merge-patch+json"),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    public static async Task<JsonObject> ReadObjectAsync(this HttpResponseMessage response) =>
        (JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject)
        ?? throw new InvalidOperationException("The response body is not a JSON object.");

    /// <summary>Polls until the condition holds (background queue processing), failing after the timeout.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The condition did not hold in time; last value: {value}");
            }

            await Task.Delay(100);
        }
    }
}
