using System.Net;
using System.Net.Http.Json;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Photos;

/// <summary>Every role against every photo endpoint (401 without credentials, 403 for a role without the right, 404 for
/// a seizure outside the caller's office), then what withdrawal does.</summary>
public sealed class PhotoAccessTests(PhotoAccessTests.MatrixApp fixture) : IClassFixture<PhotoAccessTests.MatrixApp>
{
    public const string Office = "PKKHI-APFT";

    /// <summary>A seizure of PKKHI-APFT with a processed photo carrying GPS, and a second photo for the withdrawal rows.</summary>
    public sealed class MatrixApp : PhotoApp
    {
        public string SeizureId { get; private set; } = string.Empty;

        public string PhotoId { get; private set; } = string.Empty;

        public string WithdrawnPhotoId { get; private set; } = string.Empty;

        private int _seed = 1000;

        public int NextSeed() => Interlocked.Increment(ref _seed);

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            SeizureId = await NewSeizureAsync(Office);
            var officer = App.ClientAs("officer", Office);
            PhotoId = (await (await officer.PostPhotoAsync(SeizureId, TestPhotos.Jpeg(seed: 71, withExif: true))).ReadObjectAsync())["id"]!.GetValue<string>();
            WithdrawnPhotoId = (await (await officer.PostPhotoAsync(SeizureId, TestPhotos.Jpeg(seed: 72))).ReadObjectAsync())["id"]!.GetValue<string>();
            await Client.ReadyPhotoAsync(SeizureId, PhotoId);
            await Client.ReadyPhotoAsync(SeizureId, WithdrawnPhotoId);
        }
    }

    public static TheoryData<string, string, string, int> Matrix()
    {
        var data = new TheoryData<string, string, string, int>();
        var callers = new[] { "anonymous", "officer", "officer-elsewhere", "supervisor", "supervisor-elsewhere", "analyst", "rilo", "partner", "admin" };
        void Rows(string method, string path, params int[] statuses)
        {
            for (var i = 0; i < callers.Length; i++)
            {
                data.Add(callers[i], method, path, statuses[i]);
            }
        }

        //                                                                         anon officer elsewhere superv. s-elsewh. analyst rilo partner admin
        Rows("POST", "/api/seizures/{id}/photos", 401, 202, 404, 202, 404, 202, 403, 403, 403);
        Rows("GET", "/api/seizures/{id}/photos", 401, 200, 404, 200, 404, 200, 403, 403, 403);
        Rows("GET", "/api/seizures/{id}/photos/{photoId}", 401, 200, 404, 200, 404, 200, 403, 403, 403);
        Rows("GET", "/api/seizures/{id}/photos/{photoId}/content?variant=original", 401, 200, 404, 200, 404, 200, 403, 403, 403);
        Rows("GET", "/api/seizures/{id}/photos/{photoId}/content?variant=sanitized", 401, 200, 404, 200, 404, 200, 403, 403, 403);
        Rows("GET", "/api/seizures/{id}/photos/{photoId}/content?variant=thumbnail", 401, 200, 404, 200, 404, 200, 403, 403, 403);
        Rows("POST", "/api/seizures/{id}/photos/uploads", 401, 201, 404, 201, 404, 201, 403, 403, 403);
        // An unknown session proves the caller got past authorisation and the seizure scope.
        Rows("POST", "/api/seizures/{id}/photos/uploads/00000000000000000000000000000000/complete", 401, 404, 404, 404, 404, 404, 403, 403, 403);
        Rows("POST", "/api/seizures/{id}/photos/{withdrawnId}/withdraw", 401, 403, 403, 200, 404, 403, 403, 403, 403);
        Rows("DELETE", "/api/seizures/{id}/photos/{photoId}", 401, 405, 405, 405, 405, 405, 405, 405, 405);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachRoleGetsExactlyWhatItIsAllowed(string caller, string method, string path, int expected)
    {
        using var client = ClientFor(caller);
        var url = path.Replace("{id}", fixture.SeizureId, StringComparison.Ordinal)
            .Replace("{photoId}", fixture.PhotoId, StringComparison.Ordinal)
            .Replace("{withdrawnId}", fixture.WithdrawnPhotoId, StringComparison.Ordinal);
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (path.EndsWith("/photos", StringComparison.Ordinal) && method == "POST")
        {
            request.Content = new ByteArrayContent(TestPhotos.Png(64, 64, seed: fixture.NextSeed()));
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        }
        else if (path.EndsWith("/withdraw", StringComparison.Ordinal))
        {
            request.Content = JsonContent.Create(new { reason = "Shows a bystander's face" });
        }

        var response = await client.SendAsync(request);

        Assert.Equal(expected, (int)response.StatusCode);
        if (expected >= 400 && expected != 405)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task GpsCoordinatesAreShownToAnalystsOnly()
    {
        var forOfficer = await fixture.App.ClientAs("officer", Office).PhotoAsync(fixture.SeizureId, fixture.PhotoId);
        var forAnalyst = await fixture.Analyst.PhotoAsync(fixture.SeizureId, fixture.PhotoId);

        Assert.True(forOfficer["exif"]!["hasGps"]!.GetValue<bool>());
        Assert.Null(forOfficer["exif"]!["latitude"]);
        Assert.Null(forOfficer["exif"]!["longitude"]);
        Assert.Equal(TestPhotos.Latitude, forAnalyst["exif"]!["latitude"]!.GetValue<double>(), 4);
    }

    [Fact]
    public async Task AWithdrawnPhotoIsKeptAsEvidenceButItsCopiesAreNoLongerServed()
    {
        var id = (await (await fixture.Client.PostPhotoAsync(fixture.SeizureId, TestPhotos.Jpeg(seed: 73))).ReadObjectAsync())["id"]!.GetValue<string>();
        await fixture.Client.ReadyPhotoAsync(fixture.SeizureId, id);
        var withdraw = $"/api/seizures/{fixture.SeizureId}/photos/{id}/withdraw";

        var withdrawn = await fixture.Client.PostAsJsonAsync(withdraw, new { reason = "Wrong seizure" });
        var repeated = await fixture.Client.PostAsJsonAsync(withdraw, new { reason = "Wrong seizure" });
        var otherReason = await fixture.Client.PostAsJsonAsync(withdraw, new { reason = "Blurred" });
        var noReason = await fixture.Client.PostAsJsonAsync(withdraw, new { reason = " " });

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        var photo = await withdrawn.ReadObjectAsync();
        Assert.Equal("withdrawn", photo["status"]!.GetValue<string>());
        Assert.Equal("Wrong seizure", photo["withdrawal"]!["reason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, otherReason.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var content = $"/api/seizures/{fixture.SeizureId}/photos/{id}/content?variant=";
        Assert.Equal(HttpStatusCode.Gone, (await fixture.Client.GetAsync(content + "sanitized")).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await fixture.Client.GetAsync(content + "thumbnail")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Analyst.GetAsync(content + "original")).StatusCode);
        var listed = (await (await fixture.Analyst.GetAsync($"/api/seizures/{fixture.SeizureId}/photos")).ReadObjectAsync())["items"]!.AsArray();
        Assert.Equal("withdrawn", listed.Single(p => p!["id"]!.GetValue<string>() == id)!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task WithdrawalAndUploadsAreInTheAuditTrail()
    {
        var id = (await (await fixture.Client.PostPhotoAsync(fixture.SeizureId, TestPhotos.Jpeg(seed: 74))).ReadObjectAsync())["id"]!.GetValue<string>();
        await fixture.Client.PostAsJsonAsync($"/api/seizures/{fixture.SeizureId}/photos/{id}/withdraw", new { reason = "Duplicate angle" });
        using var admin = fixture.App.ClientAs("admin");

        var entries = new List<(string Operation, List<string> Records)>();
        string? token = null;
        do
        {
            var page = await (await admin.GetAsync($"/api/admin/audit?date={DateTime.UtcNow:yyyy-MM-dd}&limit=1000" + (token is null ? "" : $"&continuationToken={token}"))).ReadObjectAsync();
            entries.AddRange(page["items"]!.AsArray().Select(e => (e!["operation"]!.GetValue<string>(), e["records"]!.AsArray().Select(r => r!.GetValue<string>()).ToList())));
            token = page["continuationToken"]?.GetValue<string>();
        }
        while (token is not null);

        Assert.Contains(entries, e => e.Operation == "photo.upload" && e.Records.Contains($"{fixture.SeizureId}/{id}"));
        Assert.Contains(entries, e => e.Operation == "photo.withdraw" && e.Records.Contains($"{fixture.SeizureId}/{id}"));
    }

    private HttpClient ClientFor(string caller) => caller switch
    {
        "anonymous" => fixture.App.Client(),
        "officer" => fixture.App.ClientAs("officer", Office),
        "officer-elsewhere" => fixture.App.ClientAs("officer", "PKLHE"),
        "supervisor" => fixture.App.ClientAs("supervisor", "PKKHI"),
        "supervisor-elsewhere" => fixture.App.ClientAs("supervisor", "PKLHE"),
        "rilo" => fixture.App.ClientAs("rilo", region: "AP"),
        _ => fixture.App.ClientAs(caller),
    };
}
