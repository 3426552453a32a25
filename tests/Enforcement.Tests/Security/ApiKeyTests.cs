using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Security;

public sealed class ApiKeyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly HttpClient _admin = fixture.App.ClientAs("admin");

    private async Task<JsonObject> IssueAsync(object request)
    {
        var response = await _admin.PostAsJsonAsync("/api/admin/api-keys", request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadObjectAsync();
    }

    private HttpClient WithKey(string key)
    {
        var client = fixture.App.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", key);
        return client;
    }

    [Fact]
    public async Task AnIssuedKeyIsShownOnceAndOnlyItsHashIsStored()
    {
        var issued = await IssueAsync(new { name = "RILO Asia/Pacific", role = "rilo", region = "ap" });
        var key = issued["key"]!.GetValue<string>();
        var id = issued["id"]!.GetValue<string>();

        var listing = await _admin.GetStringAsync("/api/admin/api-keys");
        var stored = await fixture.App.Table(StorageNames.Tables.ApiKeys).GetEntityAsync<Azure.Data.Tables.TableEntity>("apikey", id);

        Assert.Equal("AP", issued["region"]!.GetValue<string>());
        Assert.DoesNotContain(key.Split('.')[2], listing, StringComparison.Ordinal);
        Assert.Contains(id, listing, StringComparison.Ordinal);
        Assert.DoesNotContain(stored.Value, p => p.Value is string s && s.Contains(key.Split('.')[2], StringComparison.Ordinal));
    }

    [Fact]
    public async Task AKeyAuthenticatesAsItsRoleAndScope()
    {
        var key = (await IssueAsync(new { name = "Port authority", role = "partner" }))["key"]!.GetValue<string>();
        using var partner = WithKey(key);

        var seizures = await partner.GetAsync("/api/seizures?month=2025-01");
        var health = await partner.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.Forbidden, seizures.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task ARevokedKeyNoLongerAuthenticates()
    {
        var issued = await IssueAsync(new { name = "Old partner", role = "partner" });
        using var partner = WithKey(issued["key"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync("/api/seizures?month=2025-01")).StatusCode);

        var revoke = await _admin.DeleteAsync($"/api/admin/api-keys/{issued["id"]}");

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal("revoked", (await revoke.ReadObjectAsync())["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await partner.GetAsync("/api/seizures?month=2025-01")).StatusCode);
    }

    [Fact]
    public async Task RotatingAKeyRetiresTheOldSecretAndIssuesANewOne()
    {
        var issued = await IssueAsync(new { name = "RILO Europe", role = "rilo", region = "EUR" });
        var oldKey = issued["key"]!.GetValue<string>();

        var rotate = await _admin.PostAsync($"/api/admin/api-keys/{issued["id"]}/rotate", null);

        Assert.Equal(HttpStatusCode.OK, rotate.StatusCode);
        var newKey = (await rotate.ReadObjectAsync())["key"]!.GetValue<string>();
        Assert.NotEqual(oldKey, newKey);
        using var oldClient = WithKey(oldKey);
        using var newClient = WithKey(newKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await oldClient.GetAsync("/api/seizures?month=2025-01")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await newClient.GetAsync("/api/seizures?month=2025-01")).StatusCode);
    }

    [Fact]
    public async Task AnExpiredKeyNoLongerAuthenticates()
    {
        var expiresAt = fixture.App.Clock.GetUtcNow().AddHours(1);
        var issued = await IssueAsync(new { name = "Short-lived", role = "partner", expiresAt });
        using var partner = WithKey(issued["key"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync("/api/seizures?month=2025-01")).StatusCode);

        fixture.App.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Unauthorized, (await partner.GetAsync("/api/seizures?month=2025-01")).StatusCode);
    }

    [Theory]
    [InlineData("enf.aaaaaaaaaaaaaaaa.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-key")]
    [InlineData("")]
    public async Task UnknownOrMalformedKeysAreUnauthorized(string key)
    {
        using var client = fixture.App.Client();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "ApiKey " + key);

        var response = await client.GetAsync("/api/seizures?month=2025-01");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"name\":\"x\",\"role\":\"admin\"}", "role")]
    [InlineData("{\"name\":\"x\",\"role\":\"rilo\"}", "region")]
    [InlineData("{\"name\":\"x\",\"role\":\"rilo\",\"region\":\"MARS\"}", "region")]
    [InlineData("{\"name\":\"x\",\"role\":\"partner\",\"region\":\"AP\"}", "region")]
    [InlineData("{\"role\":\"partner\"}", "name")]
    [InlineData("{\"name\":\"x\",\"role\":\"partner\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}", "expiresAt")]
    [InlineData("{\"name\":\"x\",\"role\":\"partner\",\"secret\":\"mine\"}", "secret")]
    public async Task BadKeyRequestsNameTheField(string json, string field)
    {
        var response = await _admin.PostAsync("/api/admin/api-keys", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey(field));
    }
}
