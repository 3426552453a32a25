using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Enforcement.Tests.Infrastructure;

public static class SeizureSamples
{
    /// <summary>The sample month: last month by the machine's clock, so that every day of it (and of the month before)
    /// lies in the past wherever and whenever the tests run; the relay still scans it.</summary>
    public static readonly string Month = DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The month before <see cref="Month"/>.</summary>
    public static readonly string PreviousMonth = DateTime.UtcNow.AddMonths(-2).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The day the default sample seizure happened (the 20th of <see cref="Month"/>).</summary>
    public static readonly string Day = Month + "-20";

    /// <summary>The default sample seizure time, in Karachi time.</summary>
    public static readonly string SeizedAt = At("14:30");

    /// <summary>A time on <see cref="Day"/> in Karachi time, e.g. At("14:35") is "…-20T14:35:00+05:00".</summary>
    public static string At(string time) => $"{Day}T{time}:00+05:00";

    /// <summary>A time on the given day of a month in Karachi time.</summary>
    public static string On(string month, int day, string time = "09:00") => $"{month}-{day:00}T{time}:00+05:00";

    /// <summary>A complete, valid seizure report as a mobile app would send it.</summary>
    public static JsonObject Valid(string office = "PKKHI-APFT", string category = "drugs", string? seizedAt = null) => new()
    {
        ["seizedAt"] = seizedAt ?? SeizedAt,
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
