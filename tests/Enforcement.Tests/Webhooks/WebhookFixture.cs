using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Webhooks;

/// <summary>One app and one receiver per test class. By default the app may reach loopback over http (the
/// receiver) and retries along a schedule of seconds: 0 s, 0.3 s, 0.6 s (three attempts), without jitter.</summary>
public class WebhookFixture : IAsyncLifetime
{
    private readonly Dictionary<string, HttpClient> _partners = new(StringComparer.Ordinal);
    private WebhookTestApp? _app;
    private TestReceiver? _receiver;

    public WebhookTestApp App => _app ?? throw new InvalidOperationException("The app has not started.");

    public TestReceiver Receiver => _receiver ?? throw new InvalidOperationException("The receiver has not started.");

    public HttpClient Admin { get; private set; } = null!;

    /// <summary>A supervisor of the port of Karachi: records seizures.</summary>
    public HttpClient Supervisor { get; private set; } = null!;

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Webhooks:AllowPrivateNetworkTargets"] = "true",
        ["Webhooks:RetrySchedule:0"] = "00:00:00",
        ["Webhooks:RetrySchedule:1"] = "00:00:01",
        ["Webhooks:RetrySchedule:2"] = "00:00:01",
        ["Webhooks:RetryJitter"] = "0",
        ["Webhooks:DeliveryTimeout"] = "00:00:05",
    };

    public HttpClient Partner(string subject)
    {
        lock (_partners)
        {
            if (!_partners.TryGetValue(subject, out var client))
            {
                _partners[subject] = client = App.ClientAs("partner", subject: subject);
            }

            return client;
        }
    }

    public virtual async Task InitializeAsync()
    {
        _receiver = await TestReceiver.StartAsync();
        _app = await WebhookTestApp.StartAsync(Settings);
        Admin = _app.ClientAs("admin", subject: "admin-1");
        Supervisor = _app.ClientAs("supervisor", "PKKHI", subject: "supervisor-1");
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _partners.Values.Append(Admin).Append(Supervisor))
        {
            client?.Dispose();
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
    }
}

public static class WebhookRequests
{
    public const string Path = "/api/webhooks/subscriptions";

    public static Task<HttpResponseMessage> SubscribeAsync(this HttpClient client, object body) =>
        client.PostAsync(Path, JsonContent.Create(body));

    /// <summary>Subscribes and returns the created subscription (with its secret), failing the test on anything but 201.</summary>
    public static async Task<JsonObject> SubscribedAsync(this HttpClient client, object body)
    {
        var response = await client.SubscribeAsync(body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadObjectAsync();
    }

    public static Task<HttpResponseMessage> PatchSubscriptionAsync(this HttpClient client, string id, JsonNode patch, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"{Path}/{id}")
        {
            Content = new StringContent(patch.ToJsonString(), Encoding.UTF8, "application/merge-patch+json"),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PingAsync(this HttpClient client, string id) => client.PostAsync($"{Path}/{id}/ping", null);

    public static async Task<JsonObject> DeliveryAsync(this HttpClient client, string id, string deliveryId) =>
        await (await client.GetAsync($"{Path}/{id}/deliveries/{deliveryId}")).ReadObjectAsync();

    /// <summary>Polls one delivery until its status is the one expected.</summary>
    public static Task<JsonObject> DeliveryWhenAsync(this HttpClient client, string id, string deliveryId, string status) =>
        SeizureSamples.EventuallyAsync(() => client.DeliveryAsync(id, deliveryId),
            d => d["status"] is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String && value.GetValue<string>() == status);

    public static async Task<JsonObject> SubscriptionAsync(this HttpClient client, string id) =>
        await (await client.GetAsync($"{Path}/{id}")).ReadObjectAsync();

    public static string Id(this JsonObject node) => node["id"]!.GetValue<string>();

    public static string Text(this JsonObject node, string property) => node[property]!.GetValue<string>();
}
