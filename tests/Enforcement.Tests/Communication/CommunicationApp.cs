using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Enforcement.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Enforcement.Tests.Communication;

/// <summary>A clock the test moves: starts at the real time and only moves when told (timers and elapsed time stay real).</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

/// <summary><see cref="EnforcementApp"/> whose TimeProvider is a <see cref="ManualClock"/>.</summary>
public sealed class CommunicationApp : EnforcementApp
{
    private CommunicationApp(TestAzurite.Instance azurite, IDictionary<string, string?> settings)
        : base(azurite, settings)
    {
    }

    /// <summary>Communication tests stand the clock still (escalation windows, end dates) rather than following real time.</summary>
    public new ManualClock Clock { get; } = new();

    public static new async Task<CommunicationApp> StartAsync(IDictionary<string, string?>? settings = null) =>
        await StartServerAsync(new CommunicationApp(await TestAzurite.GetAsync(), settings ?? new Dictionary<string, string?>()));

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>One app per test class, with the callers the communication tests use (each a fixed subject).</summary>
public class CommunicationFixture : IAsyncLifetime
{
    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);
    private CommunicationApp? _app;

    public CommunicationApp App => _app ?? throw new InvalidOperationException("The app has not started.");

    public ManualClock Clock => App.Clock;

    /// <summary>A client for (role, office or region, subject), made once.</summary>
    public HttpClient As(string role, string? officeOrRegion, string subject)
    {
        lock (_clients)
        {
            var key = $"{role}|{officeOrRegion}|{subject}";
            if (!_clients.TryGetValue(key, out var client))
            {
                _clients[key] = client = role == "rilo" ? App.ClientAs(role, region: officeOrRegion, subject: subject) : App.ClientAs(role, officeOrRegion, subject: subject);
            }

            return client;
        }
    }

    /// <summary>Settings a test class needs on top of the defaults.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync() => _app = await CommunicationApp.StartAsync(Settings);

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

public static class CommunicationSamples
{
    public static JsonObject Alert(string title = "Cocaine in reefer floors", string handling = "H0", JsonObject? audience = null, string priority = "routine",
        bool requestAck = false, bool nonNominal = false) => new()
    {
        ["title"] = title,
        ["body"] = "Reefer containers from Guayaquil with cocaine in the floor's T-bars; check floor height against the manufacturer's.",
        ["kind"] = "concealment",
        ["facts"] = new JsonObject { ["categories"] = new JsonArray("drugs"), ["concealmentMethods"] = new JsonArray("container-structure"), ["routeCountries"] = new JsonArray("EC", "PK") },
        ["audience"] = audience ?? new JsonObject { ["offices"] = new JsonArray("PKKHI") },
        ["priority"] = priority,
        ["requestAck"] = requestAck,
        ["handling"] = handling,
        ["evaluation"] = new JsonObject { ["source"] = "B", ["accuracy"] = 2 },
        ["nonNominal"] = nonNominal,
    };

    public static JsonObject Group(string endsOn = "2099-12-31", JsonObject? members = null, string handling = "H1") => new()
    {
        ["name"] = "Operation Reefer",
        ["purpose"] = "Joint operation on cocaine in reefer containers from South America.",
        ["startsOn"] = "2026-01-01",
        ["endsOn"] = endsOn,
        ["defaultHandling"] = handling,
        ["languages"] = new JsonArray("en", "ur"),
        ["members"] = members ?? new JsonObject { ["offices"] = new JsonArray("PKKHI") },
    };

    public static JsonObject Message(string text = "Container CSQU3054383 flagged, please check.", string? handling = null, JsonArray? recipients = null,
        string priority = "routine", bool requestAck = false, JsonArray? references = null)
    {
        var message = new JsonObject { ["text"] = text, ["priority"] = priority, ["requestAck"] = requestAck, ["evaluation"] = new JsonObject { ["source"] = "A", ["accuracy"] = 1 } };
        if (handling is not null)
        {
            message["handling"] = handling;
        }

        if (recipients is not null)
        {
            message["recipients"] = recipients;
        }

        if (references is not null)
        {
            message["references"] = references;
        }

        return message;
    }

    public static Task<HttpResponseMessage> PublishAsync(this HttpClient client, JsonNode alert, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/alerts") { Content = JsonContent.Create(alert) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    public static async Task<string> CreateGroupAsync(this HttpClient client, JsonNode group)
    {
        var response = await client.PostAsJsonAsync("/api/groups", group);
        response.EnsureSuccessStatusCode();
        return (await response.ReadObjectAsync())["id"]!.GetValue<string>();
    }

    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, string groupId, string clientMessageId, JsonNode message) =>
        client.PutAsJsonAsync($"/api/groups/{groupId}/messages/{clientMessageId}", message);

    /// <summary>Polls until the condition holds on a fresh read, failing after the timeout.</summary>
    public static Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null) =>
        SeizureSamples.EventuallyAsync(read, done, timeout);
}
