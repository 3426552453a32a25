using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Enforcement.Tests.Webhooks;

/// <summary>Every role against every webhook endpoint: partners manage their own subscriptions (another's is 404),
/// admins all; nobody else gets past 403.</summary>
public sealed class WebhookRoleMatrixTests(WebhookRoleMatrixTests.MatrixFixture fixture) : IClassFixture<WebhookRoleMatrixTests.MatrixFixture>
{
    private const string Owner = "partner-matrix-owner";
    private const string UnknownDelivery = "msg_00000000000000000000";
    private const string UnknownSubscription = "wh_aaaaaaaaaaaaaaaa";

    /// <summary>Seeds one subscription of a known partner, at a name that never resolves (so pings go nowhere).</summary>
    public sealed class MatrixFixture : WebhookFixture
    {
        public string SubscriptionId { get; private set; } = string.Empty;

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Webhooks:RetrySchedule:0"] = "00:00:00",
        };

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            SubscriptionId = (await Partner(Owner).SubscribedAsync(new { url = "https://matrix.example.org/hooks", events = new[] { "webhook.ping" } })).Id();
        }
    }

    public static TheoryData<string, string, string, int> Matrix()
    {
        var data = new TheoryData<string, string, string, int>();
        string[] outsiders = ["officer", "supervisor", "analyst", "rilo"];
        void Rows(string method, string path, int owner, int otherPartner, int admin)
        {
            data.Add("anonymous", method, path, 401);
            foreach (var role in outsiders)
            {
                data.Add(role, method, path, 403);
            }

            data.Add("partner", method, path, owner);
            data.Add("partner-other", method, path, otherPartner);
            data.Add("admin", method, path, admin);
        }

        Rows("POST", "", 201, 201, 201);
        Rows("GET", "", 200, 200, 200);
        Rows("GET", "/{id}", 200, 404, 200);
        // If-Match "0" never matches: a caller who gets past authorisation and scope meets 412.
        Rows("PATCH", "/{id}", 412, 404, 412);
        Rows("POST", "/{id}/rotate-secret", 200, 404, 200);
        Rows("POST", "/{id}/ping", 202, 404, 202);
        Rows("GET", "/{id}/deliveries", 200, 404, 200);
        Rows("GET", $"/{{id}}/deliveries/{UnknownDelivery}", 404, 404, 404);
        Rows("POST", $"/{{id}}/deliveries/{UnknownDelivery}/redeliver", 404, 404, 404);
        Rows("DELETE", $"/{UnknownSubscription}", 404, 404, 404);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachRoleGetsExactlyWhatItIsAllowed(string caller, string method, string path, int expected)
    {
        using var client = caller switch
        {
            "anonymous" => fixture.App.Client(),
            "partner" => fixture.App.ClientAs("partner", subject: Owner),
            "partner-other" => fixture.App.ClientAs("partner", subject: "partner-matrix-other"),
            "officer" or "supervisor" => fixture.App.ClientAs(caller, office: "PKKHI"),
            "rilo" => fixture.App.ClientAs("rilo", region: "AP"),
            _ => fixture.App.ClientAs(caller),
        };
        var request = new HttpRequestMessage(new HttpMethod(method), WebhookRequests.Path + path.Replace("{id}", fixture.SubscriptionId, StringComparison.Ordinal));
        if (method == "POST" && path.Length == 0)
        {
            request.Content = JsonContent.Create(new { url = $"https://matrix.example.org/{caller}", events = new[] { "seizure.recorded" } });
        }
        else if (method == "PATCH")
        {
            request.Content = new StringContent(new JsonObject { ["description"] = "changed" }.ToJsonString(), Encoding.UTF8, "application/merge-patch+json");
            request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        }

        var response = await client.SendAsync(request);

        Assert.Equal(expected, (int)response.StatusCode);
        if (expected >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
