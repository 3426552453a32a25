using System.Text.Json.Nodes;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Targeting;

/// <summary>Conveyance records, identifier lookups, automatic resolution of seizures, candidates and reversible judgements.</summary>
public sealed class ConveyanceTests(TargetingFixture fixture) : IClassFixture<TargetingFixture>
{
    private readonly HttpClient _analyst = fixture.Analyst;
    private readonly HttpClient _officer = fixture.Officer;

    private Task<JsonArray> SeizuresOfAsync(string conveyanceId, Func<JsonArray, bool> done) =>
        SeizureSamples.EventuallyAsync(async () => (await _analyst.GetJsonAsync($"/api/conveyances/{conveyanceId}/seizures"))["items"]!.AsArray(), done);

    [Fact]
    public async Task AVesselIsFoundByEveryIdentifierInOneIndexLookup()
    {
        var imo = Targets.Imo();
        var mmsi = "463" + Random.Shared.Next(100_000, 999_999);
        var word = Persons.PersonSamples.UniqueWord();
        var callSign = "AP" + Random.Shared.Next(10_000, 99_999);
        var created = await _officer.PostJsonAsync("/api/conveyances", new JsonObject
        {
            ["kind"] = "vessel", ["imo"] = $"IMO {imo}", ["mmsi"] = mmsi, ["callSign"] = callSign, ["name"] = $"MV Sea {word}", ["flag"] = "pa",
            ["history"] = new JsonArray(new JsonObject { ["name"] = $"Ocean {word} Glory", ["flag"] = "KM", ["from"] = "2015-01-01", ["to"] = "2021-06-30" }),
        });

        Assert.Equal(201, created.Status());
        Assert.Equal(imo, created["imo"]!.GetValue<string>());
        Assert.Equal("PA", created["flag"]!.GetValue<string>());
        var id = created["id"]!.GetValue<string>();
        foreach (var (scheme, value) in new[] { ("imo", imo), ("mmsi", mmsi), ("call-sign", callSign.ToLowerInvariant()), ("name", $"Ocean {word} Glory"), ("name", $"SEA {word.ToUpperInvariant()}") })
        {
            var response = await _officer.GetAsync($"/api/conveyances?scheme={scheme}&value={Uri.EscapeDataString(value)}");
            var found = await response.ReadObjectAsync();
            Assert.Equal(id, Assert.Single(found["items"]!.AsArray())!["id"]!.GetValue<string>());
            Assert.Contains("desc=\"2 requests\"", response.Headers.GetValues("Server-Timing").Single(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AStrongIdentifierAlreadyRecordedIsAConflictAndABadCheckDigitNamesTheField()
    {
        var imo = Targets.Imo();
        var first = await _officer.RecordVesselAsync(imo);

        var second = await _officer.PostJsonAsync("/api/conveyances", new JsonObject { ["kind"] = "vessel", ["imo"] = imo });
        var bad = await _officer.PostJsonAsync("/api/conveyances", new JsonObject { ["kind"] = "vessel", ["imo"] = imo[..6] + (char)('0' + ((imo[6] - '0' + 1) % 10)) });

        Assert.Equal(409, second.Status());
        Assert.Equal(first, second["candidates"]![0]!.GetValue<string>());
        Assert.Equal(400, bad.Status());
        Assert.NotNull(bad["errors"]!["imo"]);
    }

    [Fact]
    public async Task VehiclesAndContainersCarryTheirIdentifiers()
    {
        var vin = "WVWZZZ1JZXW000001".ToCharArray();
        var expected = Enforcement.Functions.ReferenceData.VinNumber.ExpectedCheckDigit(new string(vin));
        vin[8] = expected == '7' ? '8' : '7';
        var container = Targets.Container();

        var vehicle = await _officer.PostJsonAsync("/api/conveyances", new JsonObject { ["kind"] = "vehicle", ["plate"] = "LEA-1234", ["registrationCountry"] = "PK", ["vin"] = new string(vin) });
        var box = await _officer.PostJsonAsync("/api/conveyances", new JsonObject { ["kind"] = "container", ["containerNumber"] = container.ToLowerInvariant() });
        var aircraft = await _officer.PostJsonAsync("/api/conveyances", new JsonObject { ["kind"] = "aircraft", ["registration"] = "AP-BHA", ["icaoAddress"] = "76cda3", ["operator"] = "PIA" });
        var plateWithoutCountry = await _officer.PostJsonAsync("/api/conveyances", new JsonObject { ["kind"] = "vehicle", ["plate"] = "LEA-1234" });

        Assert.Equal(201, vehicle.Status());
        Assert.Contains("not mandatory", vehicle["warnings"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(201, box.Status());
        Assert.Equal(container[..3], box["ownerCode"]!.GetValue<string>());
        Assert.Equal("76CDA3", aircraft["icaoAddress"]!.GetValue<string>());
        Assert.Equal(400, plateWithoutCountry.Status());
        Assert.NotNull(plateWithoutCountry["errors"]!["registrationCountry"]);
    }

    [Fact]
    public async Task ASeizureNamingAValidImoOrContainerIsResolvedAutomatically()
    {
        var imo = Targets.Imo();
        var container = Targets.Container();
        var vessel = await _officer.RecordVesselAsync(imo);
        var box = (await _officer.PostJsonAsync("/api/conveyances", new JsonObject { ["kind"] = "container", ["containerNumber"] = container }))["id"]!.GetValue<string>();

        var seizure = await _officer.RecordSeizureAsync(s => s["conveyance"] = new JsonObject { ["mode"] = "sea", ["vesselImo"] = imo, ["containerNumbers"] = new JsonArray(container) });

        var onVessel = await SeizuresOfAsync(vessel, items => items.Count > 0);
        var inBox = await SeizuresOfAsync(box, items => items.Count > 0);
        var item = Assert.Single(onVessel)!;
        Assert.Equal(seizure, item["seizureId"]!.GetValue<string>());
        Assert.Equal("resolved", item["status"]!.GetValue<string>());
        Assert.Equal("imo", item["scheme"]!.GetValue<string>());
        Assert.Equal("container-structure", item["concealment"]!.GetValue<string>());
        Assert.Equal(seizure, Assert.Single(inBox)!["seizureId"]!.GetValue<string>());
    }

    [Fact]
    public async Task AWeakIdentifierOnlyOffersACandidateWhichAJudgementResolvesAndAnotherReverses()
    {
        var plate = Targets.Plate();
        var vehicle = (await _officer.PostJsonAsync("/api/conveyances", new JsonObject { ["kind"] = "vehicle", ["plate"] = plate, ["registrationCountry"] = "PK" }))["id"]!.GetValue<string>();

        var seizure = await _officer.RecordSeizureAsync(s => s["conveyance"] = new JsonObject { ["mode"] = "road", ["vehicleRegistration"] = plate });
        var candidates = await SeizureSamples.EventuallyAsync(
            async () => (await _analyst.GetJsonAsync($"/api/conveyances/{vehicle}/candidates"))["seizures"]!.AsArray(), a => a.Count > 0);

        Assert.Equal(seizure, Assert.Single(candidates)!["seizureId"]!.GetValue<string>());
        Assert.Empty((await _analyst.GetJsonAsync($"/api/conveyances/{vehicle}/seizures"))["items"]!.AsArray());

        var same = await _analyst.PostJsonAsync($"/api/conveyances/{vehicle}/judgements", new JsonObject { ["targetId"] = seizure, ["judgement"] = "same", ["reason"] = "Plate and owner checked" });
        Assert.Equal(200, same.Status());
        Assert.Equal(seizure, Assert.Single((await _analyst.GetJsonAsync($"/api/conveyances/{vehicle}/seizures"))["items"]!.AsArray())!["seizureId"]!.GetValue<string>());

        var different = await _analyst.PostJsonAsync($"/api/conveyances/{vehicle}/judgements", new JsonObject { ["targetId"] = seizure, ["judgement"] = "different" });
        Assert.Equal(200, different.Status());
        Assert.Empty((await _analyst.GetJsonAsync($"/api/conveyances/{vehicle}/seizures"))["items"]!.AsArray());
        Assert.Empty((await _analyst.GetJsonAsync($"/api/conveyances/{vehicle}/candidates"))["seizures"]!.AsArray());

        var audit = await _analyst.GetJsonAsync($"/api/conveyances/{vehicle}");
        Assert.Equal(200, audit.Status());
    }

    [Fact]
    public async Task JudgingTwoRecordsTheSameMergesTheirSeizuresUnderOneCanonicalIdUntilReversed()
    {
        var (imoA, imoB) = (Targets.Imo(), Targets.Imo());
        var mmsi = "538" + Random.Shared.Next(100_000, 999_999);
        var a = await _officer.RecordVesselAsync(imoA, "Sea Falcon", mmsi);
        var b = await _officer.RecordVesselAsync(imoB, "Falcon Star", mmsi);
        var seizureA = await _officer.RecordSeizureAsync(s => s["conveyance"] = new JsonObject { ["mode"] = "sea", ["vesselImo"] = imoA });
        var seizureB = await _officer.RecordSeizureAsync(s => s["conveyance"] = new JsonObject { ["mode"] = "sea", ["vesselImo"] = imoB });
        await SeizuresOfAsync(a, items => items.Count == 1);
        await SeizuresOfAsync(b, items => items.Count == 1);

        var offered = await _analyst.GetJsonAsync($"/api/conveyances/{a}/candidates");
        Assert.Contains(offered["conveyances"]!.AsArray(), c => c!["conveyanceId"]!.GetValue<string>() == b && c["scheme"]!.GetValue<string>() == "mmsi");

        var same = await _analyst.PostJsonAsync($"/api/conveyances/{b}/judgements", new JsonObject { ["targetId"] = a, ["judgement"] = "same" });
        var canonical = string.CompareOrdinal(a, b) < 0 ? a : b;

        Assert.Equal(canonical, same["canonicalId"]!.GetValue<string>());
        Assert.Equal(canonical, (await _officer.GetJsonAsync($"/api/conveyances/{a}"))["canonicalId"]!.GetValue<string>());
        var merged = (await _officer.GetJsonAsync($"/api/conveyances/{b}/seizures"))["items"]!.AsArray();
        Assert.Equal(new[] { seizureA, seizureB }.Order(), merged.Select(i => i!["seizureId"]!.GetValue<string>()).Order());

        var unsure = await _analyst.PostJsonAsync($"/api/conveyances/{a}/judgements", new JsonObject { ["targetId"] = b, ["judgement"] = "unsure" });

        Assert.Equal(a, unsure["canonicalId"]!.GetValue<string>());
        Assert.Single((await _officer.GetJsonAsync($"/api/conveyances/{b}/seizures"))["items"]!.AsArray());
    }

    [Fact]
    public async Task OnlyAnalystsJudgeAndBadJudgementsNameTheField()
    {
        var a = await _officer.RecordVesselAsync(Targets.Imo());

        var byOfficer = await _officer.PostJsonAsync($"/api/conveyances/{a}/judgements", new JsonObject { ["targetId"] = a, ["judgement"] = "same" });
        var bad = await _analyst.PostJsonAsync($"/api/conveyances/{a}/judgements", new JsonObject { ["targetId"] = "CV-X", ["judgement"] = "maybe" });
        var missing = await _analyst.GetJsonAsync("/api/conveyances/CV-01JZZZZZZZZZZZZZZZZZ");

        Assert.Equal(403, byOfficer.Status());
        Assert.Equal(400, bad.Status());
        Assert.NotNull(bad["errors"]!["judgement"]);
        Assert.Equal(404, missing.Status());
    }

    [Fact]
    public async Task EveryReadOfAConveyanceRecordIsAuditedWithTheRecordsItShowed()
    {
        var plate = Targets.Plate();
        var created = await _officer.PostJsonAsync("/api/conveyances", new JsonObject
        {
            ["kind"] = "vehicle", ["plate"] = plate, ["registrationCountry"] = "PK", ["operator"] = "Owner-driver",
        });
        Assert.Equal(201, created.Status());
        var id = created["id"]!.GetValue<string>();

        Assert.Equal(200, (await _officer.GetJsonAsync($"/api/conveyances/{id}")).Status());
        Assert.Equal(200, (await _officer.GetJsonAsync($"/api/conveyances?scheme=plate&value={plate}")).Status());
        Assert.Equal(200, (await _officer.GetJsonAsync($"/api/conveyances/{id}/seizures")).Status());
        Assert.Equal(200, (await _analyst.GetJsonAsync($"/api/conveyances/{id}/candidates")).Status());

        var entries = await AuditEntriesAsync();
        foreach (var operation in new[] { "conveyance.read", "conveyance.lookup", "conveyance.seizures.read", "conveyance.candidates.read" })
        {
            Assert.Contains(entries, e => e["operation"]!.GetValue<string>() == operation && e["outcome"]!.GetValue<string>() == "read"
                && e["records"]!.AsArray().Any(r => r!.GetValue<string>() == id));
        }
    }

    private async Task<List<JsonObject>> AuditEntriesAsync()
    {
        using var admin = fixture.App.ClientAs("admin");
        var day = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var entries = new List<JsonObject>();
        string? token = null;
        do
        {
            var page = await admin.GetJsonAsync($"/api/admin/audit?date={day}&limit=1000" + (token is null ? string.Empty : $"&continuationToken={token}"));
            Assert.Equal(200, page.Status());
            entries.AddRange(page["items"]!.AsArray().Select(e => e!.AsObject()));
            token = page["continuationToken"]?.GetValue<string>();
        }
        while (token is not null);

        return entries;
    }
}
