using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Enforcement.Functions.BulkImport;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.BulkImport;

/// <summary>Import jobs end to end: SAS upload, queued chunked runs through the seizure write path, dry runs that
/// judge like the real thing, resumption after a crash, re-uploads, cancel, and the result files.</summary>
public sealed class ImportJobTests(ImportApp fixture) : IClassFixture<ImportApp>
{
    private readonly HttpClient _supervisor = fixture.As("supervisor", "PKKHI", "sup-khi");

    [Fact]
    public async Task ACenWorkbookWithGoodBadAndDuplicateRowsFailsTheSameRowsInADryRunAndInTheImport()
    {
        var workbook = ImportFiles.CenWorkbook(
        [
            ImportFiles.CenRow("KHI/2025/0001"),                              // row 2
            ImportFiles.CenRow("KHI/2025/0002", seizedAt: null),              // row 3: an Excel date cell
            ImportFiles.CenRow("KHI/2025/0003", office: "PK-KHI"),            // row 4: bad office
            ImportFiles.CenRow("KHI/2025/0001", quantity: 99),                // row 5: duplicate case number
            ImportFiles.CenRow("KHI/2025/0004", quantity: "lots"),            // row 6: not a number
            ImportFiles.CenRow("KHI/2025/0005", category: "spices"),          // row 7: not a category
            ImportFiles.CenRow("KHI/2025/0006", office: "PKLHE"),             // row 8: another port's office
            ImportFiles.CenRow("KHI/2025/0007", unit: "kg"),                  // row 9
        ]);
        var id = await ImportApp.UploadAsync(_supervisor, "cen-xlsx", workbook);

        var dry = await ImportApp.RunAsync(_supervisor, id, dryRun: true);
        var dryFailed = await ImportApp.ResultLinesAsync(_supervisor, id, "failed-rows.csv");
        var dryCreated = await ImportApp.ResultLinesAsync(_supervisor, id, "created-ids.csv");
        var real = await ImportApp.RunAsync(_supervisor, id, dryRun: false);
        var failed = await ImportApp.ResultLinesAsync(_supervisor, id, "failed-rows.csv");
        var created = await ImportApp.ResultLinesAsync(_supervisor, id, "created-ids.csv");

        Assert.Equal("completed", dry["state"]!.GetValue<string>());
        Assert.True(dry["dryRun"]!.GetValue<bool>());
        Assert.Equal("completed", real["state"]!.GetValue<string>());
        Assert.Equal(8, real["progress"]!["rowsRead"]!.GetValue<int>());
        Assert.Equal(3, real["progress"]!["imported"]!.GetValue<int>());
        Assert.Equal(5, real["progress"]!["failed"]!.GetValue<int>());
        Assert.Equal(dry["progress"]!.ToJsonString(), real["progress"]!.ToJsonString());
        Assert.Equal(dryFailed, failed);
        Assert.Equal(dryCreated, created);
        Assert.Equal("row,legacyCaseNumber,code,field,message", failed[0]);
        Assert.Contains(failed, l => l.StartsWith("4,KHI/2025/0003,invalid,office,", StringComparison.Ordinal));
        Assert.Contains(failed, l => l.StartsWith("5,KHI/2025/0001,duplicate-row,legacyCaseNumber,", StringComparison.Ordinal) && l.Contains("row 2", StringComparison.Ordinal));
        Assert.Contains(failed, l => l.StartsWith("6,KHI/2025/0004,unreadable,quantity,", StringComparison.Ordinal));
        Assert.Contains(failed, l => l.StartsWith("7,KHI/2025/0005,invalid,items[0].category,", StringComparison.Ordinal));
        Assert.Contains(failed, l => l.StartsWith("8,KHI/2025/0006,office-out-of-scope,office,", StringComparison.Ordinal));
        Assert.Equal(["2", "3", "9"], created.Skip(1).Select(l => l.Split(',')[0]));

        var seizureId = created[2].Split(',')[2];
        var seizure = await (await _supervisor.GetAsync($"/api/seizures/{seizureId}")).ReadObjectAsync();
        Assert.Equal("2025-03-14T00:00:00Z", seizure["seizedAt"]!.GetValue<string>());
        Assert.Equal("import", seizure["source"]!["kind"]!.GetValue<string>());
        Assert.Equal(id, seizure["source"]!["importJob"]!.GetValue<string>());
        Assert.Equal(3, seizure["source"]!["row"]!.GetValue<int>());
        Assert.Equal("KHI/2025/0002", seizure["source"]!["legacyCaseNumber"]!.GetValue<string>());
        Assert.Equal("Heroin bricks", seizure["items"]![0]!["description"]!.GetValue<string>()); // rich text, without its phonetic guide
        Assert.Equal("PKKHI-APFT", seizure["office"]!.GetValue<string>()); // one shared string, used by every row
    }

    [Fact]
    public async Task AWorkbookWithInlineStringsImportsLikeOneWithSharedStrings()
    {
        var id = await ImportApp.UploadAsync(_supervisor, "cen-xlsx", ImportFiles.CenWorkbook(
            [ImportFiles.CenRow("KHI/2025/0101"), ImportFiles.CenRow("KHI/2025/0101", quantity: 3)], sharedStrings: false));

        var job = await ImportApp.RunAsync(_supervisor, id, dryRun: false);

        Assert.Equal("completed", job["state"]!.GetValue<string>());
        Assert.Equal(1, job["progress"]!["imported"]!.GetValue<int>());
        Assert.StartsWith("3,KHI/2025/0101,duplicate-row,", (await ImportApp.ResultLinesAsync(_supervisor, id, "failed-rows.csv"))[1], StringComparison.Ordinal);
        var seizureId = (await ImportApp.ResultLinesAsync(_supervisor, id, "created-ids.csv"))[1].Split(',')[2];
        var seizure = await (await _supervisor.GetAsync($"/api/seizures/{seizureId}")).ReadObjectAsync();
        Assert.Equal("Heroin bricks", seizure["items"]![0]!["description"]!.GetValue<string>());
        Assert.Equal(12.5, seizure["items"]![0]!["quantity"]!.GetValue<double>());
    }

    [Fact]
    public async Task ReuploadingTheSameFileCreatesNothingTwice()
    {
        var csv = ImportFiles.Csv([ImportFiles.CsvRow(null), ImportFiles.CsvRow(null, quantity: "20"), ImportFiles.CsvRow("LHE-77", office: "PKKHI")]);
        var first = await ImportApp.RunAsync(_supervisor, await ImportApp.UploadAsync(_supervisor, "csv", csv), dryRun: false);
        var secondId = await ImportApp.UploadAsync(_supervisor, "csv", csv);

        var second = await ImportApp.RunAsync(_supervisor, secondId, dryRun: false);

        Assert.Equal(3, first["progress"]!["imported"]!.GetValue<int>());
        Assert.Equal("completed", second["state"]!.GetValue<string>());
        Assert.Equal(0, second["progress"]!["imported"]!.GetValue<int>());
        Assert.Equal(3, second["progress"]!["skipped"]!.GetValue<int>());
        Assert.Single(await ImportApp.ResultLinesAsync(_supervisor, secondId, "created-ids.csv"));
        Assert.Equal(first["fileSha256"]!.GetValue<string>(), second["fileSha256"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnImportThatDiesAfterACommittedChunkResumesWithoutDuplicates()
    {
        var rows = Enumerable.Range(1, 8).Select(i => ImportFiles.CsvRow($"CR-{i}", seizedAt: $"2025-0{1 + (i % 3)}-1{i}T08:00:00+05:00")).ToList();
        var id = await ImportApp.UploadAsync(_supervisor, "csv", ImportFiles.Csv(rows));
        fixture.Hooks.DieAfterFirstChunk(id);

        var job = await ImportApp.RunAsync(_supervisor, id, dryRun: false);

        Assert.Equal("completed", job["state"]!.GetValue<string>());
        Assert.Equal(1, fixture.Hooks.CrashesOf(id));
        Assert.Equal(8, job["progress"]!["imported"]!.GetValue<int>());
        Assert.Equal(0, job["progress"]!["skipped"]!.GetValue<int>());
        var created = (await ImportApp.ResultLinesAsync(_supervisor, id, "created-ids.csv")).Skip(1).ToList();
        Assert.Equal(8, created.Count);
        Assert.Equal(8, created.Select(l => l.Split(',')[2]).Distinct().Count());
        var stored = fixture.App.Table(StorageNames.Tables.Seizures).QueryAsync<TableEntity>($"SourceImportJob eq '{id}'", select: ["RowKey"]);
        var storedIds = new List<string>();
        await foreach (var row in stored)
        {
            storedIds.Add(row.RowKey);
        }

        Assert.Equal(created.Select(l => l.Split(',')[2]).Order(), storedIds.Order());
    }

    [Fact]
    public async Task ACaseNumberClaimedBeforeACrashIsStillADuplicateAfterTheResume()
    {
        var id = await ImportApp.UploadAsync(_supervisor, "csv", ImportFiles.Csv(
        [
            ImportFiles.CsvRow("DC-1"),                  // row 2, first chunk
            ImportFiles.CsvRow("DC-2"),                  // row 3
            ImportFiles.CsvRow("DC-3"),                  // row 4; the process dies after this chunk
            ImportFiles.CsvRow("DC-1", quantity: "7"),   // row 5: duplicate of row 2, after the crash
            ImportFiles.CsvRow("DC-4"),                  // row 6
            ImportFiles.CsvRow("DC-4", quantity: "8"),   // row 7: duplicate of row 6, in the same chunk
            ImportFiles.CsvRow("DC-2", seizedAt: "2025-07-02T08:00:00+05:00"), // row 8: same number, another month
        ]));
        fixture.Hooks.DieAfterFirstChunk(id);

        var job = await ImportApp.RunAsync(_supervisor, id, dryRun: false);

        Assert.Equal(1, fixture.Hooks.CrashesOf(id));
        Assert.Equal("completed", job["state"]!.GetValue<string>());
        Assert.Equal(5, job["progress"]!["imported"]!.GetValue<int>());
        Assert.Equal(2, job["progress"]!["failed"]!.GetValue<int>());
        var failed = (await ImportApp.ResultLinesAsync(_supervisor, id, "failed-rows.csv")).Skip(1).ToList();
        Assert.Equal(2, failed.Count);
        Assert.StartsWith("5,DC-1,duplicate-row,legacyCaseNumber,", failed[0], StringComparison.Ordinal);
        Assert.Contains("as row 2.", failed[0], StringComparison.Ordinal);
        Assert.StartsWith("7,DC-4,duplicate-row,legacyCaseNumber,", failed[1], StringComparison.Ordinal);
        Assert.Contains("as row 6.", failed[1], StringComparison.Ordinal);
        var created = (await ImportApp.ResultLinesAsync(_supervisor, id, "created-ids.csv")).Skip(1).Select(l => l.Split(',')[0]);
        Assert.Equal(["2", "3", "4", "6", "8"], created);
    }

    [Fact]
    public async Task ACancelledJobStopsAfterItsCurrentChunkAndKeepsItsResults()
    {
        var rows = Enumerable.Range(1, 9).Select(i => ImportFiles.CsvRow($"CX-{i}")).ToList();
        var id = await ImportApp.UploadAsync(_supervisor, "csv", ImportFiles.Csv(rows));
        var (reached, release) = fixture.Hooks.HoldAfterFirstChunk(id);
        var started = await _supervisor.PostAsJsonAsync($"/api/imports/{id}/start", new { dryRun = false });
        await reached.WaitAsync(TimeSpan.FromSeconds(30));

        var cancel = await _supervisor.PostAsync($"/api/imports/{id}/cancel", null);
        release();
        var job = await ImportApp.FinishedAsync(_supervisor, id);

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.True((await cancel.ReadObjectAsync())["cancelRequested"]!.GetValue<bool>());
        Assert.Equal("aborted", job["state"]!.GetValue<string>());
        Assert.Equal(ImportApp.ChunkRows, job["progress"]!["imported"]!.GetValue<int>());
        Assert.Equal(ImportApp.ChunkRows + 1, (await ImportApp.ResultLinesAsync(_supervisor, id, "created-ids.csv")).Length);
        var again = await _supervisor.PostAsJsonAsync($"/api/imports/{id}/start", new { dryRun = false });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task AJobNotStartedIsAbortedAtOnce()
    {
        var id = await ImportApp.UploadAsync(_supervisor, "csv", ImportFiles.Csv([ImportFiles.CsvRow("AB-1")]));

        var cancel = await _supervisor.PostAsync($"/api/imports/{id}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("aborted", (await cancel.ReadObjectAsync())["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task JsonLinesImportReportsUnreadableLinesByFieldAndImportsTheRest()
    {
        var good = SeizureSamples.Valid(seizedAt: "2025-09-01T09:00:00+05:00");
        good["legacyCaseNumber"] = "JL-1";
        var unknownField = SeizureSamples.Valid(seizedAt: "2025-09-02T09:00:00+05:00");
        unknownField["colour"] = "red";
        var lines = string.Join("\n", good.ToJsonString(), "{not json", unknownField.ToJsonString(), string.Empty);
        var id = await ImportApp.UploadAsync(fixture.Admin, "jsonl", System.Text.Encoding.UTF8.GetBytes(lines));

        var job = await ImportApp.RunAsync(fixture.Admin, id, dryRun: false);
        var failed = await ImportApp.ResultLinesAsync(fixture.Admin, id, "failed-rows.csv");

        Assert.Equal(1, job["progress"]!["imported"]!.GetValue<int>());
        Assert.Equal(2, job["progress"]!["failed"]!.GetValue<int>());
        Assert.StartsWith("2,,unreadable,", failed[1], StringComparison.Ordinal);
        Assert.StartsWith("3,,unreadable,colour,", failed[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jsonl", "Line 2 is longer than")]
    [InlineData("csv", "(a quote never closed?)")]
    public async Task AFileWithALineOrAQuotedFieldBeyondTheLimitFailsWithoutBeingHeldWhole(string format, string expected)
    {
        var good = SeizureSamples.Valid(seizedAt: "2025-09-03T09:00:00+05:00").ToJsonString();
        var endless = format == "jsonl"
            ? good + "\n{\"narrative\":\"" + new string('x', ImportLineReader.MaxLineChars) + "\"}\n"
            : ImportFiles.CsvHeader + "\r\n" + ImportFiles.CsvRow("LL-1", description: "\"never closed") + string.Concat(Enumerable.Repeat("\r\n" + new string('y', 1000), 1100));
        var id = await ImportApp.UploadAsync(fixture.Admin, format, System.Text.Encoding.UTF8.GetBytes(endless));

        var job = await ImportApp.RunAsync(fixture.Admin, id, dryRun: false);

        Assert.Equal("failed", job["state"]!.GetValue<string>());
        Assert.Contains(expected, job["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinesEndAtLineFeedsCarriageReturnsOrBothAndAnEmptyLineIsKept()
    {
        var reader = new ImportLineReader(new StringReader("a\r\nb\rc\n\nd"));
        var lines = new List<string>();
        while (await reader.ReadLineAsync(CancellationToken.None) is { } line)
        {
            lines.Add(line);
        }

        Assert.Equal(["a", "b", "c", string.Empty, "d"], lines);
        Assert.Equal(5, reader.LinesRead);
    }

    [Fact]
    public async Task OnlyAdminsAndSupervisorsImportAndAJobIsVisibleToItsCreatorAlone()
    {
        var id = await ImportApp.UploadAsync(_supervisor, "csv", ImportFiles.Csv([ImportFiles.CsvRow("RM-1")]));

        foreach (var role in new[] { "officer", "analyst", "rilo", "partner" })
        {
            var client = role == "rilo" ? fixture.App.ClientAs(role, region: "AP") : fixture.As(role, role == "officer" ? "PKKHI" : null);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/imports", new { format = "csv" })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.App.Client().GetAsync($"/api/imports/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.As("supervisor", "PKLHE", "sup-lhe").GetAsync($"/api/imports/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Admin.GetAsync($"/api/imports/{id}")).StatusCode);
        var badFormat = await _supervisor.PostAsJsonAsync("/api/imports", new { format = "xls" });
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        Assert.NotNull((await badFormat.ReadObjectAsync())["errors"]!["format"]);
        var notUploaded = await _supervisor.PostAsJsonAsync("/api/imports", new { format = "csv" });
        var notUploadedId = (await notUploaded.ReadObjectAsync())["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Conflict, (await _supervisor.PostAsync($"/api/imports/{notUploadedId}/uploaded", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _supervisor.PostAsJsonAsync($"/api/imports/{notUploadedId}/start", new { dryRun = true })).StatusCode);
    }

    [Fact]
    public async Task EveryImportEndpointRefusesRolesThatDoNotImportAndAnonymousCallers()
    {
        var id = await ImportApp.UploadAsync(_supervisor, "csv", ImportFiles.Csv([ImportFiles.CsvRow("RM-MATRIX")]));
        var calls = new (HttpMethod Method, string Path)[]
        {
            (HttpMethod.Post, "/api/imports"), (HttpMethod.Get, $"/api/imports/{id}"), (HttpMethod.Post, $"/api/imports/{id}/uploaded"),
            (HttpMethod.Post, $"/api/imports/{id}/start"), (HttpMethod.Post, $"/api/imports/{id}/cancel"),
            (HttpMethod.Get, $"/api/imports/{id}/failed-rows.csv"), (HttpMethod.Get, $"/api/imports/{id}/created-ids.csv"),
        };
        var callers = new (string Name, HttpClient Client, HttpStatusCode Expected)[]
        {
            ("anonymous", fixture.App.Client(), HttpStatusCode.Unauthorized),
            ("officer", fixture.As("officer", "PKKHI"), HttpStatusCode.Forbidden),
            ("analyst", fixture.As("analyst", null), HttpStatusCode.Forbidden),
            ("rilo", fixture.App.ClientAs("rilo", region: "AP"), HttpStatusCode.Forbidden),
            ("partner", fixture.As("partner", null), HttpStatusCode.Forbidden),
        };

        foreach (var (name, client, expected) in callers)
        {
            foreach (var (method, path) in calls)
            {
                using var request = new HttpRequestMessage(method, path);
                if (method == HttpMethod.Post)
                {
                    request.Content = JsonContent.Create(new { format = "csv", dryRun = true });
                }

                Assert.True(expected == (await client.SendAsync(request)).StatusCode, $"{name} {method} {path}");
            }
        }

        Assert.Equal("uploaded", (await (await _supervisor.GetAsync($"/api/imports/{id}")).ReadObjectAsync())["state"]!.GetValue<string>());
    }
}
