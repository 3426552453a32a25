using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Communication;

public sealed class OperationReportTests(CommunicationFixture fixture) : IClassFixture<CommunicationFixture>
{
    private HttpClient Owner => fixture.As("analyst", null, "analyst-report-owner");

    private HttpClient Officer(string office) => fixture.As("officer", office, $"officer-report-{office}");

    [Fact]
    public async Task OnItsEndDateTheGroupFreezesAndItsFinalReportCountsTheSeizuresRecordedWithItsOperationId()
    {
        var today = fixture.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var members = new JsonObject { ["offices"] = new JsonArray("PKKHI", "PKLHE") };
        var group = CommunicationSamples.Group(endsOn: today, members: members);
        var id = await Owner.CreateGroupAsync(group);

        await RecordAsync(Officer("PKKHI-APFT"), SeizureSamples.Valid("PKKHI-APFT", "drugs"), id);
        await RecordAsync(Officer("PKKHI-APFT"), SeizureSamples.Valid("PKKHI-APFT", "drugs"), id);
        var tobacco = SeizureSamples.Valid("PKLHE", "tobacco");
        tobacco["concealment"] = new JsonObject { ["method"] = "vehicle-compartment" };
        tobacco["route"] = new JsonObject { ["departureCountry"] = "CN", ["destinationCountry"] = "PK" };
        await RecordAsync(Officer("PKLHE"), tobacco, id);
        await RecordAsync(Officer("PKKHI-APFT"), SeizureSamples.Valid("PKKHI-APFT", "drugs"), operationId: null);

        await CommunicationSamples.EventuallyAsync(
            async () => await (await Owner.GetAsync($"/api/groups/{id}/report")).ReadObjectAsync(),
            r => r["seizures"]!.GetValue<int>() == 3);

        fixture.Clock.Advance(TimeSpan.FromDays(1));
        var sweep = await fixture.App.InvokeTimerFunctionAsync("GroupSweep");
        Assert.True(sweep.Succeeded, sweep.ToString());

        var report = await (await Owner.GetAsync($"/api/groups/{id}/report")).ReadObjectAsync();
        Assert.True(report["final"]!.GetValue<bool>());
        Assert.Equal(3, report["seizures"]!.GetValue<int>());
        Assert.Equal(["drugs:2:49", "tobacco:1:24.5"], Keys(report["byCategory"]!));
        Assert.Equal(["AE>PK:2:49", "CN>PK:1:24.5"], Keys(report["byRoute"]!));
        Assert.Equal(["container-structure:2:49", "vehicle-compartment:1:24.5"], Keys(report["byConcealment"]!));
        Assert.Equal(["PKKHI-APFT:2:49", "PKLHE:1:24.5"], Keys(report["byOffice"]!));

        var frozen = await (await Owner.GetAsync($"/api/groups/{id}")).ReadObjectAsync();
        Assert.True(frozen["frozen"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Conflict, (await Owner.SendAsync(id, "after-end", CommunicationSamples.Message())).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Owner.PutAsync($"/api/groups/{id}/members/office:PKISB", null)).StatusCode);
    }

    private static async Task RecordAsync(HttpClient client, JsonObject seizure, string? operationId)
    {
        if (operationId is not null)
        {
            seizure["operationId"] = operationId;
        }

        var response = await client.PostSeizureAsync(seizure);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private static string[] Keys(JsonNode counts) => counts.AsArray()
        .Select(c => $"{c!["key"]}:{c["seizures"]}:{c["quantities"]![0]!["quantity"]!.GetValue<decimal>().ToString("0.###", CultureInfo.InvariantCulture)}")
        .ToArray();
}
