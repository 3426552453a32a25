using System.Net;
using System.Text.Json.Nodes;
using Enforcement.Tests.Infrastructure;
using Enforcement.Tests.Persons;

namespace Enforcement.Tests.Links;

/// <summary>
/// The link network for analysis. The fixture builds one small network:
/// seizure S1 (PKKHI) — suspect A (courier), company C (consignee);
/// seizure S2 (PKLHE) — suspect A (passenger), suspect B (organiser);
/// seizure S3 (PKLHE) — suspect B (financier).
/// </summary>
public sealed class NetworkTests(NetworkTests.NetworkApp fixture) : IClassFixture<NetworkTests.NetworkApp>
{
    public class NetworkApp : AppFixture
    {
        public string S1 { get; private set; } = string.Empty;

        public string S2 { get; private set; } = string.Empty;

        public string S3 { get; private set; } = string.Empty;

        public string A { get; private set; } = string.Empty;

        public string B { get; private set; } = string.Empty;

        public string C { get; private set; } = string.Empty;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var karachi = Client;
            var lahore = SupervisorOf("PKLHE");
            S1 = await karachi.RecordSeizureAsync("PKKHI-APFT");
            S2 = await lahore.RecordSeizureAsync("PKLHE");
            S3 = await lahore.RecordSeizureAsync("PKLHE");
            A = await karachi.RecordSuspectAsync(PersonSamples.Suspect($"Asif {PersonSamples.UniqueWord()}"));
            B = await lahore.RecordSuspectAsync(PersonSamples.Suspect($"Bilal {PersonSamples.UniqueWord()}"));
            C = await karachi.RecordCompanyAsync(PersonSamples.Company($"Crescent {PersonSamples.UniqueWord()} Traders"));
            await karachi.LinkAsync(S1, A, "courier");
            await karachi.LinkAsync(S1, C, "consignee");
            await lahore.LinkAsync(S2, A, "passenger");
            await lahore.LinkAsync(S2, B, "organiser");
            await lahore.LinkAsync(S3, B, "financier");
        }
    }

    public sealed class SmallNetworkApp : NetworkApp
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Network:MaxNodes"] = "4" };
    }

    private async Task<JsonObject> NetworkAsync(string query, HttpClient? client = null)
    {
        var response = await (client ?? fixture.Analyst).GetAsync($"/api/network?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadObjectAsync();
    }

    private static IEnumerable<string> NodeIds(JsonObject network) => network["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal);

    [Fact]
    public async Task EachLevelOfDepthReachesOneLinkFurther()
    {
        var f = fixture;

        var one = await NetworkAsync($"suspect={f.A}&depth=1");
        var two = await NetworkAsync($"suspect={f.A}&depth=2");
        var three = await NetworkAsync($"suspect={f.A}&depth=3");

        Assert.Equal(new[] { f.A, f.S1, f.S2 }.Order(StringComparer.Ordinal), NodeIds(one));
        Assert.Equal(new[] { f.A, f.S1, f.S2, f.B, f.C }.Order(StringComparer.Ordinal), NodeIds(two));
        Assert.Equal(new[] { f.A, f.S1, f.S2, f.B, f.C, f.S3 }.Order(StringComparer.Ordinal), NodeIds(three));
        Assert.Equal(5, three["edges"]!.AsArray().Count);
        Assert.False(three["truncated"]!.GetValue<bool>());
    }

    [Fact]
    public async Task NodesCarryTheirKindLabelAndDistanceAndEdgesTheRole()
    {
        var network = await NetworkAsync($"seizure={fixture.S2}&depth=1");

        var nodes = network["nodes"]!.AsArray().ToDictionary(n => n!["id"]!.GetValue<string>(), n => n!.AsObject());
        Assert.Equal("seizure", nodes[fixture.S2]["kind"]!.GetValue<string>());
        Assert.Equal(0, nodes[fixture.S2]["depth"]!.GetValue<int>());
        Assert.StartsWith($"PKLHE {SeizureSamples.Day}", nodes[fixture.S2]["label"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("suspect", nodes[fixture.B]["kind"]!.GetValue<string>());
        Assert.StartsWith("Bilal ", nodes[fixture.B]["label"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, nodes[fixture.B]["depth"]!.GetValue<int>());
        var edge = Assert.Single(network["edges"]!.AsArray(), e => e!["targetId"]!.GetValue<string>() == fixture.B)!;
        Assert.Equal("organiser", edge["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task ACompanyStartsANetworkToo()
    {
        var network = await NetworkAsync($"company={fixture.C}&depth=2");

        Assert.Equal(new[] { fixture.C, fixture.S1, fixture.A }.Order(StringComparer.Ordinal), NodeIds(network));
    }

    [Fact]
    public async Task AnOfficerWalksOnlyThroughTheSeizuresOfTheirOffice()
    {
        var network = await NetworkAsync($"suspect={fixture.A}&depth=3", fixture.Client);

        Assert.Equal(new[] { fixture.A, fixture.S1, fixture.C }.Order(StringComparer.Ordinal), NodeIds(network));
        Assert.All(network["edges"]!.AsArray(), e => Assert.Equal(fixture.S1, e!["seizureId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AnOfficerCannotStartFromAPersonOutsideTheirOffice()
    {
        var response = await fixture.Client.GetAsync($"/api/network?suspect={fixture.B}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("", "suspect")]
    [InlineData("suspect={A}&company={C}", "suspect")]
    [InlineData("suspect={A}&depth=4", "depth")]
    [InlineData("suspect={A}&depth=0", "depth")]
    public async Task AQueryWithoutOneStartOrWithABadDepthNamesTheField(string query, string field)
    {
        var response = await fixture.Analyst.GetAsync("/api/network?" + query.Replace("{A}", fixture.A, StringComparison.Ordinal).Replace("{C}", fixture.C, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey(field));
    }

    [Theory]
    [InlineData("suspect=SU-01KAKJ6Q8X00000000")]
    [InlineData("seizure=SZ-202611-01KAKJ6Q8X00000000")]
    [InlineData("company=SU-01KAKJ6Q8X00000000")]
    public async Task AnUnknownStartIsNotFound(string query)
    {
        var response = await fixture.Analyst.GetAsync("/api/network?" + query);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

/// <summary>A network larger than one answer holds is cut at the node limit and says so.</summary>
public sealed class BoundedNetworkTests(NetworkTests.SmallNetworkApp fixture) : IClassFixture<NetworkTests.SmallNetworkApp>
{
    [Fact]
    public async Task ANetworkBeyondTheNodeLimitIsTruncatedAndSaysSo()
    {
        var response = await fixture.Analyst.GetAsync($"/api/network?suspect={fixture.A}&depth=3");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var network = await response.ReadObjectAsync();
        Assert.True(network["truncated"]!.GetValue<bool>());
        var nodes = network["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ToHashSet();
        Assert.Equal(4, nodes.Count);
        Assert.All(network["edges"]!.AsArray(), e =>
        {
            Assert.Contains(e!["seizureId"]!.GetValue<string>(), nodes);
            Assert.Contains(e["targetId"]!.GetValue<string>(), nodes);
        });
    }
}
