using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Enforcement.Tests.Infrastructure;
using Enforcement.Tests.Persons;

namespace Enforcement.Tests.Cases;

public static class CaseSamples
{
    public static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    public static JsonObject OpenBody(string seizureId, string office = "PKKHI", string? lead = null, params string[] team) => new()
    {
        ["title"] = "Heroin in reefer CSQU3054383",
        ["summary"] = "Twenty bricks found under the floor.",
        ["owningOffice"] = office,
        ["seizureIds"] = new JsonArray(seizureId),
        ["leadInvestigator"] = lead,
        ["team"] = new JsonArray([.. team.Select(t => JsonValue.Create(t))]),
        ["priority"] = "high",
        ["handlingCode"] = "H0",
    };

    /// <summary>Item 0 of a sample seizure (twenty bricks of heroin) as an exhibit.</summary>
    public static JsonObject ExhibitBody(string seizureId) => new()
    {
        ["seizureId"] = seizureId,
        ["itemIndex"] = 0,
        ["description"] = "Brick 1 of 20, brown powder",
        ["quantity"] = 1.2,
        ["unit"] = "kg",
        ["packaging"] = "Plastic wrap in evidence bag",
        ["sealNumbers"] = new JsonArray("S-1001"),
        ["storageSite"] = "Karachi customs warehouse, cage 3",
        ["condition"] = "intact",
    };

    /// <summary>Records a seizure in the office and opens a case from it; returns the case.</summary>
    public static async Task<JsonObject> OpenCaseAsync(this HttpClient client, string office = "PKKHI-APFT", string? lead = null, params string[] team)
    {
        var seizure = await client.RecordSeizureAsync(office);
        var response = await client.PostAsync("/api/cases", JsonContent.Create(OpenBody(seizure, office.Split('-')[0], lead, team)));
        var body = await response.ReadObjectAsync();
        return response.IsSuccessStatusCode ? body : throw new InvalidOperationException($"Opening a case failed: {(int)response.StatusCode} {body}");
    }

    public static async Task<string> UploadDocumentAsync(this HttpClient client, string caseId, string title = "Seizure memo", byte[]? bytes = null, string contentType = "application/pdf")
    {
        var content = new ByteArrayContent(bytes ?? Pdf);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        var response = await client.PostAsync($"/api/cases/{caseId}/documents?title={Uri.EscapeDataString(title)}", content);
        var body = await response.ReadObjectAsync();
        return body["id"]?.GetValue<string>() ?? throw new InvalidOperationException($"Upload failed: {(int)response.StatusCode} {body}");
    }

    public static Task<HttpResponseMessage> MoveStageAsync(this HttpClient client, string caseId, string stage, string documentId, string? date = null) =>
        client.PostAsync($"/api/cases/{caseId}/stage", JsonContent.Create(new JsonObject { ["stage"] = stage, ["documentId"] = documentId, ["date"] = date ?? $"{SeizureSamples.Month}-21" }));

    public static Task<HttpResponseMessage> MoveStatusAsync(this HttpClient client, string caseId, string status, string? resolution = null, string? closingSummary = null) =>
        client.PostAsync($"/api/cases/{caseId}/status", JsonContent.Create(new JsonObject { ["status"] = status, ["resolution"] = resolution, ["closingSummary"] = closingSummary }));

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, JsonNode body) => client.PostAsync(path, JsonContent.Create(body));

    public static async Task<string> ErrorFieldAsync(this HttpResponseMessage response) =>
        string.Join(",", ((await response.ReadObjectAsync())["errors"]?.AsObject() ?? []).Select(e => e.Key));

    public static string Id(this JsonObject record) => record["id"]!.GetValue<string>();
}
