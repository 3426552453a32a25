using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Cases;

public sealed class CaseBundleTests(CaseApp fixture) : IClassFixture<CaseApp>
{
    private readonly HttpClient _supervisor = fixture.Supervisor;

    [Fact]
    public async Task ABundleVerifiesLeavesOutH1AndItsSignatureFailsAfterOneByteChanges()
    {
        var (caseId, exhibit) = await CustodyTests.ExhibitAsync(_supervisor);
        await _supervisor.PostJsonAsync($"/api/exhibits/{exhibit}/custody", CustodyTests.Event("seize", null, "officer-a", "2026-11-20T10:00:00Z"));
        var document = await _supervisor.UploadDocumentAsync(caseId, "Investigation report");
        await _supervisor.MoveStageAsync(caseId, "investigation-concluded", document);
        await _supervisor.PostJsonAsync($"/api/cases/{caseId}/journal", new JsonObject { ["kind"] = "note", ["text"] = "Courier admitted the route via Jebel Ali.", ["handlingCode"] = "H0" });
        await _supervisor.PostJsonAsync($"/api/cases/{caseId}/journal", new JsonObject { ["kind"] = "note", ["text"] = "SECRET-SOURCE-QX7 says the organiser is in Dubai.", ["handlingCode"] = "H1" });

        var conveyance = await Targeting.Targets.RecordVesselAsync(_supervisor, Targeting.Targets.Imo());
        Assert.Equal(HttpStatusCode.Created, (await _supervisor.PostJsonAsync($"/api/cases/{caseId}/links", new JsonObject { ["kind"] = "conveyance", ["targetId"] = conveyance })).StatusCode);
        var unknownConveyance = await _supervisor.PostJsonAsync($"/api/cases/{caseId}/links", new JsonObject { ["kind"] = "conveyance", ["targetId"] = "CV-000000000000000000" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownConveyance.StatusCode);
        Assert.Equal("targetId", await unknownConveyance.ErrorFieldAsync());
        var network = await (await _supervisor.GetAsync($"/api/cases/{caseId}/network")).ReadObjectAsync();
        Assert.Contains(network["nodes"]!.AsArray(), n => n!["id"]!.GetValue<string>() == conveyance && n["kind"]!.GetValue<string>() == "conveyance");
        Assert.Contains(network["nodes"]!.AsArray(), n => n!["kind"]!.GetValue<string>() == "seizure");

        var requested = await _supervisor.PostAsync($"/api/cases/{caseId}/bundle", null);
        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        var status = await SeizureSamples.EventuallyAsync(
            async () => await (await _supervisor.GetAsync(requested.Headers.Location)).ReadObjectAsync(),
            b => b["status"]!.GetValue<string>() == "ready", TimeSpan.FromSeconds(60));
        var zip = await _supervisor.GetByteArrayAsync($"{requested.Headers.Location}/zip");
        var signature = await _supervisor.GetByteArrayAsync($"{requested.Headers.Location}/signature");

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(zip)), status["sha256"]!.GetValue<string>());
        using (var archive = new ZipArchive(new MemoryStream(zip)))
        {
            var manifest = JsonNode.Parse(archive.GetEntry("manifest.json")!.Open())!;
            var files = manifest["files"]!.AsArray();
            Assert.Contains(files, f => f!["path"]!.GetValue<string>() == $"exhibits/{exhibit}.json");
            Assert.Contains(files, f => f!["path"]!.GetValue<string>() == $"documents/{document}.pdf");
            Assert.Contains(files, f => f!["path"]!.GetValue<string>() == "audit.json");
            Assert.Contains(files, f => f!["path"]!.GetValue<string>() == $"records/{conveyance}.json");
            foreach (var file in files)
            {
                using var content = archive.GetEntry(file!["path"]!.GetValue<string>())!.Open();
                using var copy = new MemoryStream();
                content.CopyTo(copy);
                Assert.Equal(file["sha256"]!.GetValue<string>(), Convert.ToHexStringLower(SHA256.HashData(copy.ToArray())));
                Assert.DoesNotContain("SECRET-SOURCE-QX7", System.Text.Encoding.UTF8.GetString(copy.ToArray()), StringComparison.Ordinal);
            }

            Assert.Contains("Jebel Ali", new StreamReader(archive.GetEntry("journal.json")!.Open()).ReadToEnd(), StringComparison.Ordinal);
        }

        var intact = await VerifyAsync(zip, signature);
        var tampered = (byte[])zip.Clone();
        tampered[tampered.Length / 2] ^= 0x01;
        var changed = await VerifyAsync(tampered, signature);

        Assert.True(intact["signatureValid"]!.GetValue<bool>());
        Assert.True(intact["manifestIntact"]!.GetValue<bool>());
        Assert.False(changed["signatureValid"]!.GetValue<bool>());

        using var key = ECDsa.Create();
        key.ImportFromPem(await _supervisor.GetStringAsync("/api/cases/bundle-signing-key"));
        Assert.True(key.VerifyData(zip, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        Assert.False(key.VerifyData(tampered, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    private async Task<JsonObject> VerifyAsync(byte[] zip, byte[] signature)
    {
        var content = new ByteArrayContent(zip);
        content.Headers.ContentType = new("application/zip");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases/bundles/verify") { Content = content };
        request.Headers.Add("Bundle-Signature", Convert.ToBase64String(signature));
        var response = await _supervisor.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadObjectAsync();
    }
}
