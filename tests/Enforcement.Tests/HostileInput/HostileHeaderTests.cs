using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Enforcement.Tests.Infrastructure;
using Enforcement.Tests.Persons;

namespace Enforcement.Tests.HostileInput;

/// <summary>Malformed conditional, idempotency, range and authorization headers, and broken multipart bodies, are
/// 400 or 401 problems, never 500.</summary>
public sealed class HostileHeaderTests(HostileInputApp fixture) : IClassFixture<HostileInputApp>
{
    [Theory]
    [InlineData("1")]
    [InlineData("\"1")]
    [InlineData("\"1\" \"2\"")]
    [InlineData("W/")]
    [InlineData(",,,")]
    public async Task AMalformedIfMatchIsABadRequestNamingTheHeader(string ifMatch)
    {
        var response = await fixture.Client.PatchSeizureAsync(fixture.SeizureId, new JsonObject { ["narrative"] = "changed" }, ifMatch);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "If-Match");
    }

    [Theory]
    [InlineData("seizures")]
    [InlineData("suspects")]
    [InlineData("companies")]
    public async Task AMalformedIfNoneMatchIsABadRequestNamingTheHeader(string collection)
    {
        var id = collection switch { "seizures" => fixture.SeizureId, "suspects" => fixture.SuspectId, _ => fixture.CompanyId };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/{collection}/{id}");
        request.Headers.TryAddWithoutValidation("If-None-Match", "\"1\" garbage");

        var response = await fixture.Client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "If-None-Match");
    }

    [Theory]
    [InlineData("/api/seizures")]
    [InlineData("/api/suspects")]
    public async Task AnOverlongIdempotencyKeyIsABadRequestNamingTheHeader(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", new string('k', 5_000));

        var response = await fixture.Client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "Idempotency-Key");
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer !!!")]
    [InlineData("Bearer a.b.c")]
    [InlineData("ApiKey ")]
    [InlineData("ApiKey enf_0000000000000000.x")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")]
    public async Task AMalformedAuthorizationIsAnUnauthorizedProblem(string authorization)
    {
        using var client = fixture.App.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/seizures/{fixture.SeizureId}");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("bytes=abc")]
    [InlineData("bytes=99999999999999999999999-")]
    [InlineData("bytes=-0")]
    [InlineData("items=0-1")]
    public async Task AMalformedRangeIsNeverAServerError(string range)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/seizures/{fixture.SeizureId}/photos/PH-0000000000000000/content");
        request.Headers.TryAddWithoutValidation("Range", range);

        var response = await fixture.Client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.NotFound, null);
    }

    [Fact]
    public async Task AMultipartPhotoCutOffInsideAPartIsABadRequest()
    {
        var jpeg = Photos.TestPhotos.Jpeg();
        var body = Encoding.ASCII.GetBytes("--b0\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
            .Concat(jpeg[..(jpeg.Length / 2)]).ToArray();
        using var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b0");

        var response = await fixture.Client.PostAsync($"/api/seizures/{fixture.SeizureId}/photos", content);
        var photos = await fixture.Client.ItemsAsync($"/api/seizures/{fixture.SeizureId}/photos");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "$");
        Assert.Empty(photos);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null)
        {
            Assert.True((JsonNode.Parse(text)?["errors"] as JsonObject)?.ContainsKey(field) == true, $"Expected an error for {field}: {text}");
        }
    }
}
