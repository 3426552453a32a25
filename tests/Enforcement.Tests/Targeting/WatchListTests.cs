using System.Globalization;
using System.Text.Json.Nodes;
using Enforcement.Tests.Infrastructure;
using Enforcement.Tests.Persons;

namespace Enforcement.Tests.Targeting;

/// <summary>Watch lists: entries with reason, source, handling code, validity and owner, which expire by themselves.</summary>
public sealed class WatchListTests(TargetingFixture fixture) : IClassFixture<TargetingFixture>
{
    private readonly HttpClient _analyst = fixture.Analyst;

    [Fact]
    public async Task AnEntryStopsMatchingWhenItExpiresWithoutAnyoneTouchingIt()
    {
        var list = await _analyst.CreateWatchListAsync();
        var container = Targets.Container();
        var validTo = DateTimeOffset.UtcNow.AddSeconds(6);
        var entry = await _analyst.AddEntryAsync(list, new JsonObject
        {
            ["type"] = "container", ["identifier"] = container, ["validTo"] = validTo.ToString("O", CultureInfo.InvariantCulture),
        });
        var subject = new JsonObject { ["key"] = "c1", ["type"] = "container", ["containerNumber"] = container };

        var before = await _analyst.ScreenAsync(subject);

        Assert.True(DateTimeOffset.UtcNow < validTo, "the first screening must run before the entry expires");
        Assert.Contains(before.Result("c1").Hits("watchlist"), h => h["entryId"]!.GetValue<string>() == entry && h["match"]!.GetValue<bool>());
        var after = await SeizureSamples.EventuallyAsync(() => _analyst.ScreenAsync(subject), d => !d.Result("c1").Hits("watchlist").Any(), TimeSpan.FromSeconds(30));
        Assert.True(DateTimeOffset.UtcNow >= validTo);
        var entries = await _analyst.GetJsonAsync($"/api/watchlists/{list}/entries");
        Assert.True(entries["items"]![0]!["expired"]!.GetValue<bool>());
    }

    [Fact]
    public async Task EntriesKeepReasonSourceHandlingCodeOwnerAndRaiseTheListVersion()
    {
        var list = await _analyst.CreateWatchListAsync("Couriers");

        var entry = await _analyst.AddEntryAsync(list, new JsonObject
        {
            ["type"] = "person", ["name"] = $"Tariq {PersonSamples.UniqueWord()} Mehmood", ["dateOfBirth"] = "1979", ["country"] = "pk",
            ["documentNumber"] = "ab 123-4567", ["owner"] = "analyst-ntc-7", ["handlingCode"] = "H3",
        });
        var stored = (await _analyst.GetJsonAsync($"/api/watchlists/{list}/entries"))["items"]!.AsArray().Single()!;
        var version = (await _analyst.GetJsonAsync($"/api/watchlists/{list}"))["version"]!.GetValue<int>();

        Assert.Equal(entry, stored["id"]!.GetValue<string>());
        Assert.Equal("AB1234567", stored["facts"]!["documentNumber"]!.GetValue<string>());
        Assert.Equal("PK", stored["facts"]!["country"]!.GetValue<string>());
        Assert.Equal("H3", stored["facts"]!["handlingCode"]!.GetValue<string>());
        Assert.Equal("analyst-ntc-7", stored["owner"]!.GetValue<string>());
        Assert.False(stored["expired"]!.GetValue<bool>());
        Assert.Equal(1, version);
    }

    [Fact]
    public async Task BadEntriesNameTheirFieldsAndOnlyAnalystsKeepLists()
    {
        var list = await _analyst.CreateWatchListAsync();

        var bad = await _analyst.PostJsonAsync($"/api/watchlists/{list}/entries", new JsonObject
        {
            ["type"] = "container", ["identifier"] = "CSQU3054384", ["reason"] = "x", ["source"] = "y", ["handlingCode"] = "H9",
        });
        var byOfficer = await fixture.Officer.PostJsonAsync("/api/watchlists", new JsonObject { ["name"] = "Mine" });

        Assert.Equal(400, bad.Status());
        Assert.NotNull(bad["errors"]!["identifier"]);
        Assert.NotNull(bad["errors"]!["handlingCode"]);
        Assert.NotNull(bad["errors"]!["validTo"]);
        Assert.Equal(403, byOfficer.Status());
    }
}
