using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Cases;
using Enforcement.Tests.Infrastructure;
using Enforcement.Tests.Persons;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Enforcement.Tests.Security;

/// <summary>
/// Every role against every case, exhibit and custody endpoint (the callers of <see cref="RoleMatrixTests"/>, plus the
/// case's named team member and lead investigator, both officers of another office). The expectations are the
/// documented rules: policies in PolicyGrants (cases are worked by analysts, officers and supervisors; opened by
/// analysts and supervisors; metrics for analysts and supervisors); CaseAccess (a case is seen by analysts, the owning
/// office's officers and supervisors, the lead and the team, and is a 404 to anyone else; status, stage, assignment
/// and legal holds are steered by analysts, the office's supervisors and the lead); the journal (only its author meets
/// 409 on an edit, everyone else 403). A mutating call that gets past authorisation meets a cheap domain answer
/// (409 for an illegal move, 200 for an unchanged assignment) or does its real work on a record seeded for it.
/// </summary>
public sealed class CaseRoleMatrixTests(CaseRoleMatrixTests.MatrixApp fixture) : IClassFixture<CaseRoleMatrixTests.MatrixApp>
{
    public const string Office = "PKKHI-APFT";
    public const string Lead = "matrix-lead";
    public const string Member = "matrix-member";
    public const string JournalAuthor = "matrix-officer";

    private static readonly string[] Callers =
        ["anonymous", "officer", "officer-other", "officer-elsewhere", "member", "lead", "supervisor", "supervisor-elsewhere", "analyst", "rilo", "partner", "admin"];

    /// <summary>The callers who may see the seeded case.</summary>
    private static readonly string[] Readers = ["officer", "officer-other", "member", "lead", "supervisor", "analyst"];

    /// <summary>
    /// Seeds, as a supervisor of the port: a case owned by PKKHI-APFT opened from a seizure, with a lead and one team
    /// member (officers of PKLHE), a document, a journal entry written by the office's officer, a task, an exhibit
    /// seized into custody, a ready court bundle, and one more linked seizure per reader for that reader to unlink.
    /// </summary>
    public sealed class MatrixApp : CaseApp
    {
        public string CaseId { get; private set; } = string.Empty;

        public string SeizureId { get; private set; } = string.Empty;

        public string DocumentId { get; private set; } = string.Empty;

        public string EntryId { get; private set; } = string.Empty;

        public string TaskId { get; private set; } = string.Empty;

        public string ExhibitId { get; private set; } = string.Empty;

        public string BundleId { get; private set; } = string.Empty;

        public Dictionary<string, string> UnlinkTargets { get; } = new(StringComparer.Ordinal);

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var seeder = Supervisor;
            SeizureId = await seeder.RecordSeizureAsync(Office);
            CaseId = (await CreatedAsync(seeder.PostJsonAsync("/api/cases", CaseSamples.OpenBody(SeizureId, Office, Lead, Member)))).Id();
            DocumentId = await seeder.UploadDocumentAsync(CaseId);
            EntryId = (await CreatedAsync(ClientFor("officer").PostJsonAsync($"/api/cases/{CaseId}/journal", JournalEntry()))).Id();
            TaskId = (await CreatedAsync(seeder.PostJsonAsync($"/api/cases/{CaseId}/tasks", NewTask()))).Id();
            ExhibitId = (await CreatedAsync(seeder.PostJsonAsync($"/api/cases/{CaseId}/exhibits", CaseSamples.ExhibitBody(SeizureId)))).Id();
            await CreatedAsync(seeder.PostJsonAsync($"/api/exhibits/{ExhibitId}/custody",
                CustodyTests.Event("seize", null, "matrix-custodian", Clock.GetUtcNow().AddHours(-2).ToString("O"))));
            foreach (var reader in Readers)
            {
                var seizure = await seeder.RecordSeizureAsync(Office);
                await CreatedAsync(seeder.PostJsonAsync($"/api/cases/{CaseId}/links", new JsonObject { ["kind"] = "seizure", ["targetId"] = seizure }));
                UnlinkTargets[reader] = seizure;
            }

            var requested = await seeder.PostAsync($"/api/cases/{CaseId}/bundle", null);
            BundleId = (await requested.ReadObjectAsync()).Id();
            await SeizureSamples.EventuallyAsync(
                async () => await (await seeder.GetAsync(requested.Headers.Location)).ReadObjectAsync(),
                b => b["status"]?.GetValue<string>() == "ready", TimeSpan.FromSeconds(60));
        }

        /// <summary>The bundles the matrix requested are built before the app stops.</summary>
        public override async Task DisposeAsync()
        {
            await App.QueuesDrainedAsync(StorageNames.Queues.CaseBundles);
            await base.DisposeAsync();
        }

        public HttpClient ClientFor(string caller) => caller switch
        {
            "anonymous" => App.Client(),
            "officer" => As("officer", Office, JournalAuthor),
            "officer-other" => As("officer", Office, "matrix-officer-colleague"),
            "officer-elsewhere" => As("officer", "PKLHE", "matrix-officer-lhe"),
            "member" => As("officer", "PKLHE", Member),
            "lead" => As("officer", "PKLHE", Lead),
            "supervisor" => As("supervisor", "PKKHI", "matrix-supervisor"),
            "supervisor-elsewhere" => As("supervisor", "PKLHE", "matrix-supervisor-lhe"),
            "analyst" => As("analyst", null, "matrix-analyst"),
            "rilo" => App.ClientAs("rilo", region: "AP", subject: "matrix-rilo"),
            "partner" => As("partner", null, "matrix-partner"),
            "admin" => As("admin", null, "matrix-admin"),
            _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, "Not a caller of the matrix."),
        };

        private static async Task<JsonObject> CreatedAsync(Task<HttpResponseMessage> sending)
        {
            var response = await sending;
            var body = await response.ReadObjectAsync();
            return response.IsSuccessStatusCode ? body : throw new InvalidOperationException($"Seeding failed: {(int)response.StatusCode} {body}");
        }
    }

    public static TheoryData<string, string, string, int> Matrix()
    {
        var data = new TheoryData<string, string, string, int>();
        void Rows(string method, string path, params int[] statuses) => data.AddRow(Callers, method, path, statuses);

        // Anyone with a case role, whatever the case: the columns of CaseAccess do not apply.
        int[] Worker(int ok) => [401, ok, ok, ok, ok, ok, ok, ok, ok, 403, 403, 403];

        // Whoever may see the case; the other offices are told it does not exist.
        int[] Reader(int ok) => [401, ok, ok, 404, ok, ok, ok, 404, ok, 403, 403, 403];

        // Whoever may steer the case: the owning office's supervisors, analysts and the lead; other readers are refused.
        int[] Steerer(int ok) => [401, 403, 403, 404, 403, ok, ok, 404, ok, 403, 403, 403];

        // Columns: anonymous, officer (PKKHI-APFT, author of the journal entry), officer-other (PKKHI-APFT), officer-elsewhere (PKLHE),
        //          member (PKLHE, on the team), lead (PKLHE, lead investigator), supervisor (PKKHI), supervisor-elsewhere (PKLHE),
        //          analyst, rilo (AP), partner, admin. The case is owned by PKKHI-APFT.
        Rows("POST", "/api/cases", 401, 403, 403, 403, 403, 403, 201, 403, 201, 403, 403, 403);
        Rows("GET", "/api/cases?record={seizure}", Worker(200));
        Rows("GET", "/api/cases/metrics?from={month}&to={month}", 401, 403, 403, 403, 403, 403, 200, 200, 200, 403, 403, 403);
        Rows("GET", "/api/cases/bundle-signing-key", Worker(200));
        Rows("POST", "/api/cases/bundles/verify", Worker(200));

        Rows("GET", "/api/cases/{id}", Reader(200));
        Rows("POST", "/api/cases/{id}/status", Steerer(409));
        Rows("POST", "/api/cases/{id}/stage", Steerer(409));
        Rows("PUT", "/api/cases/{id}/assignment", Steerer(200));

        Rows("POST", "/api/cases/{id}/documents", Reader(201));
        Rows("GET", "/api/cases/{id}/documents", Reader(200));
        Rows("GET", "/api/cases/{id}/documents/{documentId}/content", Reader(200));

        Rows("POST", "/api/cases/{id}/journal", Reader(201));
        Rows("GET", "/api/cases/{id}/journal", Reader(200));
        Rows("PATCH", "/api/cases/{id}/journal/{entryId}", 401, 409, 403, 404, 403, 403, 403, 404, 403, 403, 403, 403);
        Rows("DELETE", "/api/cases/{id}/journal/{entryId}", 401, 409, 403, 404, 403, 403, 403, 404, 403, 403, 403, 403);
        Rows("GET", "/api/cases/{id}/timeline", Reader(200));

        Rows("POST", "/api/cases/{id}/tasks", Reader(201));
        Rows("GET", "/api/cases/{id}/tasks", Reader(200));
        Rows("PATCH", "/api/cases/{id}/tasks/{taskId}", Reader(200));

        // The linked seizure is PKKHI-APFT's: the team of another office may not link what it may not read (422).
        Rows("POST", "/api/cases/{id}/links", 401, 200, 200, 404, 422, 422, 200, 404, 200, 403, 403, 403);
        Rows("GET", "/api/cases/{id}/links", Reader(200));
        Rows("DELETE", "/api/cases/{id}/links/{targetId}", Reader(204));
        Rows("GET", "/api/cases/{id}/network", Reader(200));

        Rows("POST", "/api/cases/{id}/bundle", Reader(202));
        Rows("GET", "/api/cases/{id}/bundles/{bundleId}", Reader(200));
        Rows("GET", "/api/cases/{id}/bundles/{bundleId}/zip", Reader(200));
        Rows("GET", "/api/cases/{id}/bundles/{bundleId}/signature", Reader(200));

        Rows("POST", "/api/cases/{id}/exhibits", Reader(201));
        Rows("GET", "/api/cases/{id}/exhibits", Reader(200));
        Rows("GET", "/api/exhibits/{id}", Reader(200));
        Rows("POST", "/api/exhibits/{id}/custody", Reader(409));
        Rows("GET", "/api/exhibits/{id}/custody", Reader(200));
        Rows("PUT", "/api/exhibits/{id}/legal-hold", Steerer(200));
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachRoleGetsExactlyWhatItIsAllowed(string caller, string method, string path, int expected)
    {
        var client = fixture.ClientFor(caller);
        var request = new HttpRequestMessage(new HttpMethod(method), Url(caller, path)) { Content = BodyFor(method, path) };
        if (path == "/api/cases/bundles/verify")
        {
            request.Headers.Add("Bundle-Signature", Convert.ToBase64String("not a signature"u8.ToArray()));
        }

        var response = await client.SendAsync(request);

        await RoleMatrix.AssertCellAsync(response, caller, method, path, expected);
        if (path.StartsWith("/api/cases?record=", StringComparison.Ordinal) && expected == 200)
        {
            // The list answers everyone with a case role; only the case's readers find the case in it.
            var listed = (await response.ReadObjectAsync())["items"]!.AsArray().Any(i => i!["id"]!.GetValue<string>() == fixture.CaseId);
            Assert.True(Readers.Contains(caller) == listed, $"{caller} GET {path}: the case is {(listed ? string.Empty : "not ")}listed");
        }
    }

    [Fact]
    public void TheMatrixHoldsEveryCaseAndExhibitOperationForEveryCaller()
    {
        var cells = Matrix().Select(row => (Caller: (string)row[0], Method: (string)row[1], Route: ((string)row[2]).Split('?')[0])).ToList();
        var mapped = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Route: "/" + e.RoutePattern.RawText!.Trim('/'), Methods: e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []))
            .Where(e => e.Route == "/api/cases" || e.Route.StartsWith("/api/cases/", StringComparison.Ordinal) || e.Route.StartsWith("/api/exhibits/", StringComparison.Ordinal))
            .SelectMany(e => e.Methods.Select(m => $"{m} {e.Route}"))
            .ToHashSet(StringComparer.Ordinal);
        var operations = cells.Select(c => $"{c.Method} {c.Route}").ToHashSet(StringComparer.Ordinal);

        Assert.Equal(mapped.Order(StringComparer.Ordinal), operations.Order(StringComparer.Ordinal));
        Assert.Equal(34, operations.Count);
        Assert.Equal(operations.Count * Callers.Length, cells.Count);
        Assert.All(operations, o => Assert.Equal(Callers.Length, cells.Where(c => $"{c.Method} {c.Route}" == o).Select(c => c.Caller).Distinct().Count()));
    }

    private string Url(string caller, string path)
    {
        var id = path.StartsWith("/api/exhibits/", StringComparison.Ordinal) ? fixture.ExhibitId : fixture.CaseId;

        // A caller who may not see the case is pointed at the real records: were the check missing, the call would succeed.
        var unlink = fixture.UnlinkTargets.GetValueOrDefault(caller, fixture.SeizureId);
        return path.Replace("{id}", id, StringComparison.Ordinal).Replace("{seizure}", fixture.SeizureId, StringComparison.Ordinal)
            .Replace("{month}", SeizureSamples.Month, StringComparison.Ordinal).Replace("{documentId}", fixture.DocumentId, StringComparison.Ordinal)
            .Replace("{entryId}", fixture.EntryId, StringComparison.Ordinal).Replace("{taskId}", fixture.TaskId, StringComparison.Ordinal)
            .Replace("{targetId}", unlink, StringComparison.Ordinal).Replace("{bundleId}", fixture.BundleId, StringComparison.Ordinal)
            + (path.EndsWith("/documents", StringComparison.Ordinal) ? "?title=Matrix%20memo" : string.Empty);
    }

    private HttpContent? BodyFor(string method, string path)
    {
        var yesterday = fixture.Clock.GetUtcNow().AddDays(-1);
        return (method, path) switch
        {
            ("POST", "/api/cases") => JsonContent.Create(CaseSamples.OpenBody(fixture.SeizureId, Office)),
            ("POST", "/api/cases/bundles/verify") => Bytes("not a zip"u8.ToArray(), "application/zip"),
            ("POST", "/api/cases/{id}/status") => JsonContent.Create(new JsonObject { ["status"] = "closed", ["resolution"] = "duplicate", ["closingSummary"] = "Matrix" }),
            ("POST", "/api/cases/{id}/stage") => JsonContent.Create(new JsonObject { ["stage"] = "adjudicated", ["documentId"] = fixture.DocumentId, ["date"] = yesterday.ToString("yyyy-MM-dd") }),
            ("PUT", "/api/cases/{id}/assignment") => JsonContent.Create(new JsonObject { ["leadInvestigator"] = Lead, ["team"] = new JsonArray(Member) }),
            ("POST", "/api/cases/{id}/documents") => Bytes(CaseSamples.Pdf, "application/pdf"),
            ("POST", "/api/cases/{id}/journal") => JsonContent.Create(JournalEntry()),
            ("PATCH", "/api/cases/{id}/journal/{entryId}") => JsonContent.Create(new JsonObject { ["text"] = "Rewritten" }),
            ("POST", "/api/cases/{id}/tasks") => JsonContent.Create(NewTask()),
            ("PATCH", "/api/cases/{id}/tasks/{taskId}") => JsonContent.Create(new JsonObject { ["status"] = "in-progress" }),
            ("POST", "/api/cases/{id}/links") => JsonContent.Create(new JsonObject { ["kind"] = "seizure", ["targetId"] = fixture.SeizureId }),
            ("POST", "/api/cases/{id}/exhibits") => JsonContent.Create(CaseSamples.ExhibitBody(fixture.SeizureId)),
            ("POST", "/api/exhibits/{id}/custody") => JsonContent.Create(CustodyTests.Event("transfer", "not-the-custodian", "store-keeper", yesterday.AddHours(23).ToString("O"))),
            ("PUT", "/api/exhibits/{id}/legal-hold") => JsonContent.Create(new JsonObject { ["hold"] = false }),
            _ => null,
        };
    }

    private static ByteArrayContent Bytes(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    private static JsonObject JournalEntry() => new() { ["kind"] = "note", ["text"] = "Interviewed the driver at the port.", ["handlingCode"] = "H0" };

    private static JsonObject NewTask() => new() { ["title"] = "Request the bill of lading", ["assignee"] = JournalAuthor };
}
