using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Enforcement.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Enforcement.Tests.Persons;

/// <summary>A lookup costs the same number of storage requests however many suspects are stored: it reads index
/// partitions and the records found, never the table.</summary>
public sealed partial class ConstantLookupCostTests(AppFixture fixture, ITestOutputHelper output) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task ADocumentOrNameLookupMakesAsManyStorageRequestsWith5000SuspectsAsWith100()
    {
        var number = PersonSamples.UniquePassport();
        var name = $"Zarif {PersonSamples.UniqueWord()} Khan";
        var target = await fixture.Client.RecordSuspectAsync(PersonSamples.Suspect(name, passport: number));
        await SuspectSeeder.SeedAsync(fixture.App, 99, 0);

        var documentWith100 = await LookupAsync($"/api/suspects?document={number}", target);
        var nameWith100 = await LookupAsync($"/api/suspects?name={Uri.EscapeDataString(name)}", target);
        var seeding = Stopwatch.StartNew();
        await SuspectSeeder.SeedAsync(fixture.App, 4900, 99);
        seeding.Stop();
        var documentWith5000 = await LookupAsync($"/api/suspects?document={number}", target);
        var nameWith5000 = await LookupAsync($"/api/suspects?name={Uri.EscapeDataString(name)}", target);

        output.WriteLine($"document lookup: {documentWith100} requests with 100 suspects, {documentWith5000} with 5,000; " +
            $"name lookup: {nameWith100} and {nameWith5000}; seeding 4,900 took {seeding.ElapsedMilliseconds} ms");
        Assert.Equal(documentWith100, documentWith5000);
        Assert.Equal(nameWith100, nameWith5000);
        Assert.InRange(documentWith5000, 1, 3);
    }

    [Fact]
    public async Task ASeededSuspectIsFoundLikeAnyOther()
    {
        await SuspectSeeder.SeedAsync(fixture.App, 30, 90_000);

        var found = await fixture.Analyst.ItemsAsync("/api/suspects?document=SD0090024");
        var byName = await fixture.Analyst.ItemsAsync("/api/suspects?name=Haris%20Khan&birthYear=1974");

        Assert.Equal("Haris", Assert.Single(found)!["suspect"]!["givenNames"]!.GetValue<string>());
        Assert.Contains(byName, m => m!["suspect"]!["documents"]![0]!["number"]!.GetValue<string>() == "SD0090024");
    }

    /// <summary>The storage requests one lookup made, from its Server-Timing header.</summary>
    private async Task<int> LookupAsync(string path, string expected)
    {
        var response = await fixture.Analyst.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await response.ReadObjectAsync())["items"]!.AsArray();
        Assert.Equal(expected, Assert.Single(items)!["suspect"]!["id"]!.GetValue<string>());
        var timing = Assert.Single(response.Headers.GetValues("Server-Timing"));
        return int.Parse(Requests().Match(timing).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("desc=\"(\\d+) requests\"")]
    private static partial Regex Requests();
}
