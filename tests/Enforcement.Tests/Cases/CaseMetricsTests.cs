using System.Net;
using Enforcement.Tests.Infrastructure;
using Enforcement.Tests.Persons;

namespace Enforcement.Tests.Cases;

public sealed class CaseMetricsTests(CaseApp fixture) : IClassFixture<CaseApp>
{
    [Fact]
    public async Task MetricsGiveCountsAndMedianAndP90DurationsBetweenStages()
    {
        var supervisor = fixture.Supervisor;
        string[] showCause = [$"{SeizureSamples.Month}-21T09:30:00Z", $"{SeizureSamples.Month}-23T09:30:00Z", $"{SeizureSamples.Month}-25T09:30:00Z"];
        foreach (var date in showCause)
        {
            var id = (await supervisor.OpenCaseAsync()).Id();
            var document = await supervisor.UploadDocumentAsync(id);
            await supervisor.MoveStageAsync(id, "investigation-concluded", document, $"{SeizureSamples.Month}-21T00:00:00Z");
            Assert.Equal(HttpStatusCode.OK, (await supervisor.MoveStageAsync(id, "show-cause-issued", document, date)).StatusCode);
            if (date == showCause[0])
            {
                await supervisor.MoveStageAsync(id, "adjudicated", document, $"{SeizureSamples.Month}-25T09:30:00Z");
            }
        }

        await fixture.As("supervisor", "PKLHE", "sup-lhe").OpenCaseAsync("PKLHE");

        var byOffice = await (await fixture.Analyst.GetAsync($"/api/cases/metrics?from={SeizureSamples.PreviousMonth}&to={SeizureSamples.Month}&groupBy=office")).ReadObjectAsync();
        var byStage = await (await fixture.Analyst.GetAsync($"/api/cases/metrics?from={SeizureSamples.Month}&to={SeizureSamples.Month}&groupBy=stage")).ReadObjectAsync();
        var ownOffice = await (await supervisor.GetAsync($"/api/cases/metrics?from={SeizureSamples.Month}&to={SeizureSamples.Month}")).ReadObjectAsync();
        var badRange = await fixture.Analyst.GetAsync($"/api/cases/metrics?from={SeizureSamples.Month}&to={SeizureSamples.PreviousMonth}");

        var karachi = byOffice["groups"]!.AsArray().Single(g => g!["key"]!.GetValue<string>() == "PKKHI")!;
        Assert.Equal(3, karachi["cases"]!.GetValue<int>());
        Assert.Equal(72, karachi["seizureToShowCause"]!["medianHours"]!.GetValue<double>());
        Assert.Equal(120, karachi["seizureToShowCause"]!["p90Hours"]!.GetValue<double>());
        Assert.Equal(96, karachi["showCauseToAdjudication"]!["medianHours"]!.GetValue<double>());
        Assert.Equal(1, karachi["showCauseToAdjudication"]!["count"]!.GetValue<int>());
        Assert.Equal(3, karachi["detectionToSeizureReport"]!["count"]!.GetValue<int>());
        Assert.Equal(["adjudicated", "seized", "show-cause-issued"], byStage["groups"]!.AsArray().Select(g => g!["key"]!.GetValue<string>()));
        Assert.Equal(["PKKHI"], ownOffice["groups"]!.AsArray().Select(g => g!["key"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.BadRequest, badRange.StatusCode);
        Assert.Equal("to", await badRange.ErrorFieldAsync());
    }
}
