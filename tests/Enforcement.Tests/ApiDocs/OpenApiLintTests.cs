using System.Diagnostics;
using System.Text.Json.Nodes;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.ApiDocs;

/// <summary>
/// Lints the served document with the pinned npm packages: Redocly CLI's recommended ruleset (redocly.yaml) and
/// Spectral with the OWASP ruleset (.spectral.yaml, whose switched-off rules the README justifies).
/// </summary>
public sealed class OpenApiLintTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task RedoclyRecommendedRulesetFindsNoErrors()
    {
        var root = Enforcement.Tests.Infrastructure.Repository.Root;
        var document = await WriteDocumentAsync();
        try
        {
            var (exit, output, log) = await NodeTool.RunAsync(root, "redocly", "lint", document, "--format=json");

            var report = JsonNode.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..]) ?? throw new InvalidOperationException(log);
            var errors = report["problems"]!.AsArray().Where(p => p!["severity"]!.GetValue<string>() == "error")
                .Select(p => $"{p!["ruleId"]}: {p["message"]} at {p["location"]?[0]?["pointer"]}").ToList();
            Assert.True(errors.Count == 0, string.Join('\n', errors));
            Assert.Equal(0, exit);
        }
        finally
        {
            File.Delete(document);
        }
    }

    [Fact]
    public async Task SpectralWithTheOwaspRulesetFindsNoErrorsBeyondTheDocumentedExceptions()
    {
        var root = Enforcement.Tests.Infrastructure.Repository.Root;
        var document = await WriteDocumentAsync();
        try
        {
            var (_, output, log) = await NodeTool.RunAsync(root, "spectral", "lint", document, "--ruleset", Path.Combine(root, ".spectral.yaml"), "--format", "json", "--quiet");

            var results = (JsonNode.Parse(output[output.IndexOf('[', StringComparison.Ordinal)..]) ?? throw new InvalidOperationException(log)).AsArray();
            var errors = results.Where(r => r!["severity"]!.GetValue<int>() == 0).Where(r => !IsDocumentedException(r!))
                .Select(r => $"{r!["code"]}: {r["message"]} at {string.Join('.', r["path"]!.AsArray())}").ToList();
            Assert.True(errors.Count == 0, string.Join('\n', errors));
            Assert.Contains(results, r => r!["code"]!.GetValue<string>().StartsWith("owasp:", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(document);
        }
    }

    /// <summary>README, "API contract": paging tokens are not credentials; the test server is plain HTTP on loopback.</summary>
    private static bool IsDocumentedException(JsonNode result) => result["code"]!.GetValue<string>() switch
    {
        "owasp:api2:2023-no-credentials-in-url" => result["message"]!.GetValue<string>().EndsWith(": continuationToken.", StringComparison.Ordinal),
        "owasp:api8:2023-no-server-http" => true,
        _ => false,
    };

    private async Task<string> WriteDocumentAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"enforcement-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, await fixture.App.Client().GetStringAsync("/api/openapi/v1.json"));
        return path;
    }
}

/// <summary>Runs a tool from the repository's node_modules/.bin, installing the pinned packages first if they are missing.</summary>
internal static class NodeTool
{
    private static readonly SemaphoreSlim Install = new(1, 1);

    public static async Task<(int ExitCode, string Output, string Log)> RunAsync(string root, string tool, params string[] arguments)
    {
        var executable = Path.Combine(root, "node_modules", ".bin", tool);
        await Install.WaitAsync();
        try
        {
            if (!File.Exists(executable))
            {
                var (exit, output, log) = await StartAsync(root, "npm", ["ci", "--no-audit", "--no-fund"]);
                Assert.True(exit == 0, "npm ci failed:\n" + output + log);
            }
        }
        finally
        {
            Install.Release();
        }

        return await StartAsync(root, executable, arguments);
    }

    private static async Task<(int, string, string)> StartAsync(string directory, string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
