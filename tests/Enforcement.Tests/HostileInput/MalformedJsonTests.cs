using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.HostileInput;

/// <summary>Every JSON endpoint reads its body through one strict reader: each malformed input is a 400 problem
/// naming the field or position, on POST and PATCH alike, never a 500.</summary>
public sealed class MalformedJsonTests(HostileInputApp fixture) : IClassFixture<HostileInputApp>
{
    /// <summary>Every endpoint that takes a JSON body: (name, role, method, path, media type).</summary>
    public static TheoryData<string> JsonEndpoints() => new(Endpoints.Keys);

    private static readonly Dictionary<string, (string Role, string Method, string Path, string MediaType)> Endpoints = new()
    {
        ["RecordSeizure"] = ("supervisor", "POST", "/api/seizures", "application/json"),
        ["CorrectSeizure"] = ("supervisor", "PATCH", "/api/seizures/{seizure}", "application/merge-patch+json"),
        ["RecordSuspect"] = ("supervisor", "POST", "/api/suspects", "application/json"),
        ["CorrectSuspect"] = ("supervisor", "PATCH", "/api/suspects/{suspect}", "application/merge-patch+json"),
        ["RecordCompany"] = ("supervisor", "POST", "/api/companies", "application/json"),
        ["CorrectCompany"] = ("supervisor", "PATCH", "/api/companies/{company}", "application/merge-patch+json"),
        ["LinkPerson"] = ("supervisor", "POST", "/api/seizures/{seizure}/links", "application/json"),
        ["WithdrawPhoto"] = ("supervisor", "POST", "/api/seizures/{seizure}/photos/PH-0000000000000000/withdraw", "application/json"),
        ["CompleteUploadSession"] = ("supervisor", "POST", "/api/seizures/{seizure}/photos/uploads/0000000000000000/complete", "application/json"),
        ["CreateApiKey"] = ("admin", "POST", "/api/admin/api-keys", "application/json"),
        ["CreateWebhookSubscription"] = ("admin", "POST", "/api/webhooks/subscriptions", "application/json"),
        ["UpdateWebhookSubscription"] = ("admin", "PATCH", "/api/webhooks/subscriptions/WH0000000000000000", "application/merge-patch+json"),
    };

    [Theory]
    [MemberData(nameof(JsonEndpoints))]
    public async Task ALoneSurrogateInAStringIsABadRequestNamingTheField(string endpoint)
    {
        var response = await SendAsync(endpoint, """{"note":"x\udc00y"}"""u8.ToArray());

        await AssertBadRequestNamingAsync(response, "note");
    }

    [Theory]
    [MemberData(nameof(JsonEndpoints))]
    public async Task ALoneSurrogateInAMemberNameIsABadRequest(string endpoint)
    {
        var response = await SendAsync(endpoint, """{"items":[{"\ud800":1}]}"""u8.ToArray());

        await AssertBadRequestNamingAsync(response, "items[0]");
    }

    [Theory]
    [MemberData(nameof(JsonEndpoints))]
    public async Task DuplicateKeysAreABadRequestOnPostAndPatchAlike(string endpoint)
    {
        var response = await SendAsync(endpoint, """{"narrative":"one","narrative":"two"}"""u8.ToArray());

        await AssertBadRequestNamingAsync(response, "narrative");
    }

    [Theory]
    [InlineData("{} {}", "$")]
    [InlineData("{\"a\":1}x", "$")]
    [InlineData("[]", "$")]
    [InlineData("\"text\"", "$")]
    [InlineData("null", "$")]
    [InlineData("", "$")]
    [InlineData("{\"a\":1,}", "$")]
    [InlineData("{\"a\":1 /* comment */}", "$")]
    [InlineData("{\"narrative\":", "$")]
    [InlineData("{\"items\":[{\"quantity\":1e400}]}", "items[0].quantity")]
    [InlineData("{\"items\":[{\"quantity\":true}]}", "items[0].quantity")]
    [InlineData("{\"items\":{\"category\":\"drugs\"}}", "items")]
    public async Task MalformedBodiesAreBadRequestsNamingWhereTheyFail(string body, string field)
    {
        var response = await SendAsync("RecordSeizure", Encoding.UTF8.GetBytes(body));

        await AssertBadRequestNamingAsync(response, field);
    }

    [Fact]
    public async Task InvalidUtf8IsABadRequestGivingTheByteOffset()
    {
        var response = await SendAsync("CorrectSeizure", [.. "{\"narrative\":\"ab"u8, 0xC3, 0x28, .. "\"}"u8]);

        var problem = await AssertBadRequestNamingAsync(response, "$");
        Assert.Contains("UTF-8 (byte 16)", problem["errors"]!["$"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NestingDeeperThanTheLimitIsABadRequestSayingSo()
    {
        var body = "{\"a\":" + string.Concat(Enumerable.Repeat("[", 40)) + string.Concat(Enumerable.Repeat("]", 40)) + "}";

        var response = await SendAsync("RecordSuspect", Encoding.UTF8.GetBytes(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadObjectAsync())["errors"]!.AsObject();
        var (field, messages) = Assert.Single(errors);
        Assert.StartsWith("a[0][0]", field, StringComparison.Ordinal);
        Assert.Contains("deeper than 32", messages![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedCorrectionLeavesTheRecordAsItWas()
    {
        var before = await fixture.Client.GetAsync($"/api/seizures/{fixture.SeizureId}");

        var response = await SendAsync("CorrectSeizure", """{"narrative":"changed","narrative":"\ud800"}"""u8.ToArray());
        var after = await fixture.Client.GetAsync($"/api/seizures/{fixture.SeizureId}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before.Headers.ETag, after.Headers.ETag);
        Assert.Equal(await before.Content.ReadAsStringAsync(), await after.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> SendAsync(string endpoint, byte[] body)
    {
        var (role, method, path, mediaType) = Endpoints[endpoint];
        var request = new HttpRequestMessage(new HttpMethod(method), path
            .Replace("{seizure}", fixture.SeizureId, StringComparison.Ordinal)
            .Replace("{suspect}", fixture.SuspectId, StringComparison.Ordinal)
            .Replace("{company}", fixture.CompanyId, StringComparison.Ordinal))
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        if (method == "PATCH")
        {
            request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        }

        return await fixture.ClientFor(role).SendAsync(request);
    }

    private static async Task<JsonObject> AssertBadRequestNamingAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (JsonNode.Parse(text) as JsonObject)!;
        Assert.True(problem["errors"]?.AsObject().ContainsKey(field) == true, $"Expected an error for {field}: {text}");
        return problem;
    }
}
