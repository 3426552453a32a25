using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Enforcement.Functions.Events;
using Enforcement.Functions.ReferenceData;
using Enforcement.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Enforcement.Tests.Targeting;

/// <summary>Counts the watchlist.hit events the record event pipeline delivers, as the inbox will receive them.</summary>
internal sealed class HitEventCounter : IRecordEventHandler
{
    public ConcurrentDictionary<string, int> Deliveries { get; } = new(StringComparer.Ordinal);

    public bool Handles(string eventType) => eventType == "watchlist.hit";

    public Task HandleAsync(RecordEvent recordEvent, CancellationToken cancellationToken)
    {
        Deliveries.AddOrUpdate(recordEvent.RecordId, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}

public sealed class TargetingApp : EnforcementApp
{
    private TargetingApp(TestAzurite.Instance azurite)
        : base(azurite, new Dictionary<string, string?> { ["Screening:RandomSeed"] = TargetingFixture.Seed, ["Screening:MinimumRandomRate"] = "0" })
    {
    }

    internal HitEventCounter Hits { get; } = new();

    public static async Task<TargetingApp> StartAsync() => await StartServerAsync(new TargetingApp(await TestAzurite.GetAsync()));

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<IRecordEventHandler>(Hits);
}

/// <summary>One app per test class, with an officer, a supervisor and an analyst, and helpers for targeting.</summary>
public sealed class TargetingFixture : IAsyncLifetime
{
    public const string Seed = "targeting-tests-random-seed-0001";

    public TargetingApp App { get; private set; } = null!;

    public HttpClient Analyst { get; private set; } = null!;

    public HttpClient Supervisor { get; private set; } = null!;

    public HttpClient Officer { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await TargetingApp.StartAsync();
        Analyst = App.ClientAs("analyst");
        Supervisor = App.ClientAs("supervisor", "PKKHI");
        Officer = App.ClientAs("officer", "PKKHI-APFT");
    }

    public async Task DisposeAsync()
    {
        Analyst.Dispose();
        Supervisor.Dispose();
        Officer.Dispose();
        await App.DisposeAsync();
    }
}

internal static class Targets
{
    /// <summary>A random IMO number with a valid check digit.</summary>
    public static string Imo()
    {
        var digits = Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var sum = 0;
        for (var i = 0; i < 6; i++)
        {
            sum += (digits[i] - '0') * (7 - i);
        }

        return digits + (sum % 10).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A random ISO 6346 container number with a valid check digit.</summary>
    public static string Container()
    {
        var first10 = "TGU" + "U" + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        return first10 + ContainerNumber.ComputeCheckDigit(first10);
    }

    public static string Plate() => "LE" + Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture) + (char)('A' + Random.Shared.Next(26));

    public static async Task<JsonObject> PostJsonAsync(this HttpClient client, string path, JsonNode body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? new JsonObject() : JsonNode.Parse(text) as JsonObject ?? new JsonObject();
        json["$status"] = (int)response.StatusCode;
        json["$replayed"] = response.Headers.Contains("Idempotent-Replayed");
        return json;
    }

    public static async Task<JsonObject> GetJsonAsync(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject ?? new JsonObject();
        json["$status"] = (int)response.StatusCode;
        return json;
    }

    public static int Status(this JsonObject json) => json["$status"]!.GetValue<int>();

    public static async Task<string> RecordVesselAsync(this HttpClient client, string imo, string? name = null, string? mmsi = null)
    {
        var created = await client.PostJsonAsync("/api/conveyances", new JsonObject { ["kind"] = "vessel", ["imo"] = imo, ["name"] = name, ["mmsi"] = mmsi });
        return created["id"]?.GetValue<string>() ?? throw new InvalidOperationException(created.ToJsonString());
    }

    public static async Task<string> RecordSeizureAsync(this HttpClient client, Action<JsonObject> change)
    {
        var body = SeizureSamples.Valid();
        change(body);
        var response = await client.PostSeizureAsync(body);
        var created = await response.ReadObjectAsync();
        return created["id"]?.GetValue<string>() ?? throw new InvalidOperationException($"{(int)response.StatusCode} {created}");
    }

    public static async Task<string> CreateWatchListAsync(this HttpClient analyst, string name = "Targets")
    {
        var created = await analyst.PostJsonAsync("/api/watchlists", new JsonObject { ["name"] = name });
        return created["id"]?.GetValue<string>() ?? throw new InvalidOperationException(created.ToJsonString());
    }

    public static async Task<string> AddEntryAsync(this HttpClient analyst, string listId, JsonObject entry)
    {
        entry["reason"] ??= "Intelligence report 2026/114";
        entry["source"] ??= "RILO AP";
        entry["handlingCode"] ??= "H2";
        entry["validTo"] ??= DateTimeOffset.UtcNow.AddDays(30).ToString("O", CultureInfo.InvariantCulture);
        var created = await analyst.PostJsonAsync($"/api/watchlists/{listId}/entries", entry);
        return created["id"]?.GetValue<string>() ?? throw new InvalidOperationException(created.ToJsonString());
    }

    public static Task<JsonObject> ScreenAsync(this HttpClient client, params JsonObject[] subjects) =>
        client.PostJsonAsync("/api/screening", new JsonObject { ["context"] = new JsonObject { ["flight"] = "PK301", ["direction"] = "inbound", ["port"] = "PKKHI" }, ["subjects"] = new JsonArray(subjects.Select(s => (JsonNode)s.DeepClone()).ToArray()) });

    public static JsonObject Result(this JsonObject decision, string key) =>
        decision["results"]!.AsArray().Single(r => r!["key"]!.GetValue<string>() == key)!.AsObject();

    public static IEnumerable<JsonObject> Hits(this JsonObject result, string source) =>
        result["hits"]!.AsArray().Select(h => h!.AsObject()).Where(h => h["source"]!.GetValue<string>() == source);
}
