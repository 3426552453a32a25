using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Enforcement.Tests.HostileInput.Fuzzing;

/// <summary>
/// Walks every operation of the served OpenAPI document with hostile input, as a caller its authorization
/// metadata admits, and fails on any 5xx, transport failure, answer slower than the bound, 4xx that is not
/// problem+json, malformed credential not refused with 401, or record stored from a rejected request.
/// </summary>
public sealed class FuzzSuiteTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EveryOperationSurvivesTheHostileCorpus()
    {
        await using var app = await FuzzApp.StartAsync(crashingBodyReader: false);
        using var callers = new FuzzCallers(app);
        var (operations, requests) = await PlanAsync(app, callers);

        var report = await new Fuzzer(app, callers).RunAsync(requests);

        output.WriteLine(report.Summary);
        output.WriteLine("Operations: " + string.Join(", ", operations.Select(o => o.OperationId)));
        Assert.True(operations.Count >= 45, $"The document lists only {operations.Count} operations.");
        Assert.Equal(operations.Count, report.Operations);
        Assert.True(report.MarkersFound > 0, "No accepted request left its marker in storage: the stored-from-rejected check would see nothing.");
        Assert.True(report.Failures.Count == 0, $"{report.Failures.Count} failures ({report.Summary}):\n" + string.Join('\n', report.Failures.Take(40)));
    }

    [Fact]
    public async Task ACrashInTheBodyReaderFailsTheSuite()
    {
        await using var app = await FuzzApp.StartAsync(crashingBodyReader: true);
        using var callers = new FuzzCallers(app);
        var (_, requests) = await PlanAsync(app, callers);
        var surrogates = requests.Where(r => r.Kind.EndsWith("=lone-high-surrogate", StringComparison.Ordinal)).ToList();

        var report = await new Fuzzer(app, callers).RunAsync(surrogates);

        output.WriteLine(report.Summary);
        Assert.NotEmpty(surrogates);
        Assert.Contains(report.Failures, f => f.Contains("a server error", StringComparison.Ordinal));
        Assert.Contains(report.Results, r => r.Status == 500 && r.Request.Operation.OperationId == "CorrectSeizure");
    }

    private static async Task<(IReadOnlyList<OpenApiOperation> Operations, IReadOnlyList<FuzzRequest> Requests)> PlanAsync(FuzzApp app, FuzzCallers callers)
    {
        using var anonymous = app.Client();
        var document = (JsonNode.Parse(await anonymous.GetStringAsync("/api/openapi/v1.json")) as JsonObject)!;
        var operations = OpenApiOperation.Read(document);
        var plan = new FuzzPlan(document, app.Targets);
        var requests = new List<FuzzRequest>();
        foreach (var operation in operations)
        {
            var caller = await callers.CallerForAsync(operation) ?? throw new InvalidOperationException($"No test caller may call {operation}: add one to FuzzCallers.");
            requests.AddRange(plan.For(operation, caller));
        }

        return (operations, requests);
    }
}
