using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Security;

/// <summary>Every role against every endpoint: who may do what (401 without credentials, 403 for a role without the
/// right, 404 for a record outside the caller's office).</summary>
public sealed class RoleMatrixTests(RoleMatrixTests.MatrixApp fixture) : IClassFixture<RoleMatrixTests.MatrixApp>
{
    public const string Office = "PKKHI-APFT";

    /// <summary>Seeds one seizure recorded by a known officer of PKKHI-APFT.</summary>
    public sealed class MatrixApp : AppFixture
    {
        public const string RecordingOfficer = "officer-recorder";

        public string SeizureId { get; private set; } = string.Empty;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var officer = App.ClientAs("officer", Office, subject: RecordingOfficer);
            var created = await officer.PostSeizureAsync(SeizureSamples.Valid(office: Office, seizedAt: "2025-09-01T08:00:00Z"));
            SeizureId = (await created.ReadObjectAsync())["id"]!.GetValue<string>();
        }
    }

    public static TheoryData<string, string, string, int> Matrix()
    {
        var data = new TheoryData<string, string, string, int>();
        void Row(string caller, string method, string path, int status) => data.Add(caller, method, path, status);

        // caller: anonymous | officer (PKKHI-APFT, recorded the seizure) | officer-other (same office) | officer-elsewhere (PKLHE)
        //         | supervisor (PKKHI) | supervisor-elsewhere (PKLHE) | analyst | rilo | partner | admin
        foreach (var (caller, status) in new[] { ("anonymous", 401), ("officer", 201), ("officer-other", 201), ("officer-elsewhere", 403), ("supervisor", 201), ("supervisor-elsewhere", 403), ("analyst", 403), ("rilo", 403), ("partner", 403), ("admin", 403) })
        {
            Row(caller, "POST", "/api/seizures", status);
        }

        foreach (var (caller, status) in new[] { ("anonymous", 401), ("officer", 200), ("officer-other", 200), ("officer-elsewhere", 404), ("supervisor", 200), ("supervisor-elsewhere", 404), ("analyst", 200), ("rilo", 403), ("partner", 403), ("admin", 403) })
        {
            Row(caller, "GET", "/api/seizures/{id}", status);
            Row(caller, "GET", "/api/seizures/{id}/history", status);
        }

        foreach (var (caller, status) in new[] { ("anonymous", 401), ("officer", 200), ("officer-other", 200), ("officer-elsewhere", 200), ("supervisor", 200), ("supervisor-elsewhere", 200), ("analyst", 200), ("rilo", 403), ("partner", 403), ("admin", 403) })
        {
            Row(caller, "GET", "/api/seizures?month=2025-09", status);
        }

        foreach (var (caller, status) in new[] { ("anonymous", 401), ("officer", 412), ("officer-other", 403), ("officer-elsewhere", 404), ("supervisor", 412), ("supervisor-elsewhere", 404), ("analyst", 403), ("rilo", 403), ("partner", 403), ("admin", 403) })
        {
            // If-Match "0" never matches: a caller who gets past authorisation meets 412, proving the checks before it passed.
            Row(caller, "PATCH", "/api/seizures/{id}", status);
        }

        foreach (var (caller, status) in new[] { ("anonymous", 401), ("officer", 403), ("officer-other", 403), ("officer-elsewhere", 403), ("supervisor", 403), ("supervisor-elsewhere", 403), ("analyst", 403), ("rilo", 403), ("partner", 403), ("admin", 0) })
        {
            Row(caller, "POST", "/api/admin/api-keys", status == 0 ? 201 : status);
            Row(caller, "GET", "/api/admin/api-keys", status == 0 ? 200 : status);
            Row(caller, "DELETE", "/api/admin/api-keys/unknownkey0000000", status == 0 ? 404 : status);
            Row(caller, "POST", "/api/admin/api-keys/unknownkey0000000/rotate", status == 0 ? 404 : status);
            Row(caller, "GET", "/api/admin/audit?date=2025-09-01", status == 0 ? 200 : status);
            Row(caller, "GET", "/api/admin/audit/verify?date=2025-09-01", status == 0 ? 200 : status);
            Row(caller, "POST", "/api/admin/audit/anchor?date=2025-09-01", status == 0 ? 404 : status);
        }

        foreach (var caller in new[] { "anonymous", "officer", "analyst", "rilo", "partner", "admin" })
        {
            Row(caller, "GET", "/api/health", 200);
            Row(caller, "GET", "/api/openapi/v1.json", 200);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachRoleGetsExactlyWhatItIsAllowed(string caller, string method, string path, int expected)
    {
        using var client = ClientFor(caller);
        var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", fixture.SeizureId, StringComparison.Ordinal));
        if (method == "POST" && path == "/api/seizures")
        {
            request.Content = JsonContent.Create(SeizureSamples.Valid(office: Office, seizedAt: "2025-09-02T08:00:00Z"));
        }
        else if (method == "POST" && path == "/api/admin/api-keys")
        {
            request.Content = JsonContent.Create(new { name = "RILO Asia/Pacific", role = "rilo", region = "AP" });
        }
        else if (method == "PATCH")
        {
            request.Content = new StringContent(new JsonObject { ["detectionMethod"] = "canine" }.ToJsonString(), Encoding.UTF8, "application/merge-patch+json");
            request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        }

        var response = await client.SendAsync(request);

        await RoleMatrix.AssertCellAsync(response, caller, method, path, expected);
    }

    private HttpClient ClientFor(string caller) => caller switch
    {
        "anonymous" => fixture.App.Client(),
        "officer" => fixture.App.ClientAs("officer", Office, subject: MatrixApp.RecordingOfficer),
        "officer-other" => fixture.App.ClientAs("officer", Office, subject: "officer-colleague"),
        "officer-elsewhere" => fixture.App.ClientAs("officer", "PKLHE"),
        "supervisor" => fixture.App.ClientAs("supervisor", "PKKHI"),
        "supervisor-elsewhere" => fixture.App.ClientAs("supervisor", "PKLHE"),
        "rilo" => fixture.App.ClientAs("rilo", region: "AP"),
        _ => fixture.App.ClientAs(caller),
    };
}
