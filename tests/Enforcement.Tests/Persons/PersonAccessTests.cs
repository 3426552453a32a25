using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;
using Enforcement.Tests.Security;

namespace Enforcement.Tests.Persons;

/// <summary>
/// Every role against every suspect, company, link and network endpoint. The suspect and company were recorded by
/// a third office (Port Qasim) and are linked to a seizure of PKKHI-APFT: officers and supervisors of that office
/// reach them through the link, others get 404 as if they did not exist; RILO, partner and admin roles never.
/// </summary>
public sealed class PersonAccessTests(PersonAccessTests.MatrixApp fixture) : IClassFixture<PersonAccessTests.MatrixApp>
{
    public const string Office = "PKKHI-APFT";

    public sealed class MatrixApp : AppFixture
    {
        public const string RecordingOfficer = "officer-recorder";

        public string SeizureId { get; private set; } = string.Empty;

        public string SuspectId { get; private set; } = string.Empty;

        public string CompanyId { get; private set; } = string.Empty;

        public HttpClient Recorder { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Recorder = App.ClientAs("officer", Office, subject: RecordingOfficer);
            var portQasim = SupervisorOf("PKBQM");
            SeizureId = await Recorder.RecordSeizureAsync(Office);
            SuspectId = await portQasim.RecordSuspectAsync();
            CompanyId = await portQasim.RecordCompanyAsync();
            await Recorder.LinkAsync(SeizureId, SuspectId, "driver");
            await Recorder.LinkAsync(SeizureId, CompanyId, "importer");
        }
    }

    private static readonly string[] Callers = ["anonymous", "officer", "officer-other", "officer-elsewhere", "supervisor", "supervisor-elsewhere", "analyst", "rilo", "partner", "admin"];

    public static TheoryData<string, string, string, int> Matrix()
    {
        var data = new TheoryData<string, string, string, int>();
        void Rows(string method, string path, params int[] statuses) => data.AddRow(Callers, method, path, statuses);

        //                                                          anon officer other elsewhere superv sup-else analyst rilo partner admin
        Rows("POST", "/api/suspects", /*                        */ 401, 201, 201, 201, 201, 201, 403, 403, 403, 403);
        Rows("POST", "/api/companies", /*                       */ 401, 201, 201, 201, 201, 201, 403, 403, 403, 403);
        Rows("GET", "/api/suspects/{U}", /*                     */ 401, 200, 200, 404, 200, 404, 200, 403, 403, 403);
        Rows("GET", "/api/companies/{C}", /*                    */ 401, 200, 200, 404, 200, 404, 200, 403, 403, 403);
        // If-Match "0" never matches: a caller who gets past authorisation and scope meets 412.
        Rows("PATCH", "/api/suspects/{U}", /*                   */ 401, 412, 412, 404, 412, 404, 403, 403, 403, 403);
        Rows("PATCH", "/api/companies/{C}", /*                  */ 401, 412, 412, 404, 412, 404, 403, 403, 403, 403);
        Rows("GET", "/api/suspects?name=Imran", /*              */ 401, 200, 200, 200, 200, 200, 200, 403, 403, 403);
        Rows("GET", "/api/suspects?document=AB1234567", /*      */ 401, 200, 200, 200, 200, 200, 200, 403, 403, 403);
        Rows("GET", "/api/companies?name=Noor", /*              */ 401, 200, 200, 200, 200, 200, 200, 403, 403, 403);
        Rows("GET", "/api/companies?registration=12345678", /*  */ 401, 200, 200, 200, 200, 200, 200, 403, 403, 403);
        Rows("GET", "/api/suspects/{U}/seizures", /*            */ 401, 200, 200, 404, 200, 404, 200, 403, 403, 403);
        Rows("GET", "/api/companies/{C}/seizures", /*           */ 401, 200, 200, 404, 200, 404, 200, 403, 403, 403);
        Rows("GET", "/api/seizures/{S}/links", /*               */ 401, 200, 200, 404, 200, 404, 200, 403, 403, 403);
        Rows("POST", "/api/seizures/{S}/links", /*              */ 401, 201, 201, 404, 201, 404, 403, 403, 403, 403);
        Rows("DELETE", "/api/seizures/{S}/links/{linked}", /*   */ 401, 204, 204, 404, 204, 404, 403, 403, 403, 403);
        Rows("GET", "/api/network?suspect={U}", /*              */ 401, 200, 200, 404, 200, 404, 200, 403, 403, 403);
        Rows("GET", "/api/network?company={C}&depth=3", /*      */ 401, 200, 200, 404, 200, 404, 200, 403, 403, 403);
        Rows("GET", "/api/network?seizure={S}&depth=1", /*      */ 401, 200, 200, 404, 200, 404, 200, 403, 403, 403);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachRoleGetsExactlyWhatItIsAllowed(string caller, string method, string path, int expected)
    {
        using var client = ClientFor(caller);
        var target = path.Contains("{linked}", StringComparison.Ordinal) || (method == "POST" && path.EndsWith("/links", StringComparison.Ordinal))
            ? await fixture.Recorder.RecordSuspectAsync()
            : null;
        if (path.Contains("{linked}", StringComparison.Ordinal))
        {
            await fixture.Recorder.LinkAsync(fixture.SeizureId, target!);
        }

        var request = new HttpRequestMessage(new HttpMethod(method), path
            .Replace("{S}", fixture.SeizureId, StringComparison.Ordinal)
            .Replace("{U}", fixture.SuspectId, StringComparison.Ordinal)
            .Replace("{C}", fixture.CompanyId, StringComparison.Ordinal)
            .Replace("{linked}", target, StringComparison.Ordinal));
        request.Content = (method, path) switch
        {
            ("POST", "/api/suspects") => JsonContent.Create(PersonSamples.Suspect()),
            ("POST", "/api/companies") => JsonContent.Create(PersonSamples.Company()),
            ("POST", _) => JsonContent.Create(new JsonObject { ["kind"] = "suspect", ["targetId"] = target, ["role"] = "passenger" }),
            ("PATCH", _) => new StringContent(new JsonObject { ["notes"] = "corrected" }.ToJsonString(), Encoding.UTF8, "application/merge-patch+json"),
            _ => null,
        };
        if (method == "PATCH")
        {
            request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        }

        var response = await client.SendAsync(request);

        await RoleMatrix.AssertCellAsync(response, caller, method, path, expected);
    }

    [Fact]
    public async Task EveryReadOfASuspectIsAuditedWithWhoWhatAndOutcome()
    {
        using var analyst = fixture.App.ClientAs("analyst", subject: "analyst-audited");
        using var elsewhere = fixture.App.ClientAs("officer", "PKLHE", subject: "officer-elsewhere-audited");
        using var admin = fixture.App.ClientAs("admin");
        var suspect = fixture.SuspectId;

        await analyst.GetAsync($"/api/suspects/{suspect}");
        await elsewhere.GetAsync($"/api/suspects/{suspect}");
        await analyst.GetAsync($"/api/suspects/{suspect}/seizures");
        await analyst.GetAsync($"/api/network?suspect={suspect}");
        var number = (await (await analyst.GetAsync($"/api/suspects/{suspect}")).ReadObjectAsync())["documents"]![0]!["number"]!.GetValue<string>();
        await analyst.GetAsync($"/api/suspects?document={number}");

        var entries = await AuditEntriesAsync(admin);
        bool Has(string subject, string operation, string outcome) => entries.Any(e =>
            e["subject"]!.GetValue<string>() == subject && e["operation"]!.GetValue<string>() == operation
            && e["outcome"]!.GetValue<string>() == outcome && e["records"]!.AsArray().Any(r => r!.GetValue<string>() == suspect));
        Assert.True(Has("analyst-audited", "suspect.read", "read"));
        Assert.True(Has("officer-elsewhere-audited", "suspect.read", "out-of-scope"));
        Assert.True(Has("analyst-audited", "suspect.seizures", "read"));
        Assert.True(Has("analyst-audited", "network.read", "read"));
        Assert.True(Has("analyst-audited", "suspect.search", "read"));
        Assert.DoesNotContain(entries, e => e.ToJsonString().Contains(number, StringComparison.Ordinal));
    }

    private static async Task<List<JsonObject>> AuditEntriesAsync(HttpClient admin)
    {
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var entries = new List<JsonObject>();
        string? token = null;
        do
        {
            var page = await (await admin.GetAsync($"/api/admin/audit?date={today}&limit=1000" + (token is null ? "" : $"&continuationToken={token}"))).ReadObjectAsync();
            entries.AddRange(page["items"]!.AsArray().Select(e => e!.AsObject()));
            token = page["continuationToken"]?.GetValue<string>();
        }
        while (token is not null);

        return entries;
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

/// <summary>If the audit entry cannot be written, neither a record nor a read of a person happens.</summary>
public sealed class PersonAuditUnavailableTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task ARecordingAndAReadAreRefusedWhenTheAuditTrailCannotBeWritten()
    {
        var existing = await fixture.Client.RecordSuspectAsync();
        var number = PersonSamples.UniquePassport();
        await fixture.App.Table(StorageNames.Tables.Audit).DeleteAsync();

        var recording = await fixture.Client.PostSuspectAsync(PersonSamples.Suspect(passport: number));
        var reading = await fixture.Analyst.GetAsync($"/api/suspects/{existing}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, recording.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, reading.StatusCode);
        Assert.Equal("application/problem+json", reading.Content.Headers.ContentType!.MediaType);
        var index = fixture.App.Table(StorageNames.Tables.SuspectIndex);
        Assert.Empty(await index.QueryAsync<TableEntity>(e => e.PartitionKey == $"doc|{number}").ToListAsync());
    }
}
