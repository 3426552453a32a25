using System.Diagnostics;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.ApiDocs;

/// <summary>
/// Generates a C# client from the served document with the pinned Kiota tool (.config/dotnet-tools.json), compiles it
/// with the mobile path in KiotaMobilePath/Program.cs and runs that against the app: the client is produced here, at
/// test time, never committed.
/// </summary>
public sealed class GeneratedClientTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly string[] KiotaPackages =
    [
        "Microsoft.Kiota.Abstractions", "Microsoft.Kiota.Http.HttpClientLibrary", "Microsoft.Kiota.Serialization.Json",
        "Microsoft.Kiota.Serialization.Text", "Microsoft.Kiota.Serialization.Form", "Microsoft.Kiota.Serialization.Multipart",
    ];

    [Fact]
    public async Task AKiotaClientRunsTheMobilePathWithTypedProblems()
    {
        var root = Enforcement.Tests.Infrastructure.Repository.Root;
        var work = Directory.CreateTempSubdirectory("enforcement-kiota-");
        try
        {
            var document = Path.Combine(work.FullName, "openapi.json");
            await File.WriteAllTextAsync(document, await fixture.App.Client().GetStringAsync("/api/openapi/v1.json"));
            await Run(root, "dotnet", "tool", "restore");
            await Run(root, "dotnet", "tool", "run", "kiota", "generate", "--language", "CSharp", "--openapi", document,
                "--output", Path.Combine(work.FullName, "Client"), "--namespace-name", "Enforcement.Client", "--class-name", "EnforcementClient",
                "--exclude-backward-compatible", "--clean-output", "--log-level", "Error");
            WriteProject(work.FullName, root);

            var output = await Run(work.FullName, "dotnet", "run", "--project", "MobilePath.csproj", "--", fixture.App.BaseAddress.ToString().TrimEnd('/'));

            var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(' ')).ToDictionary(p => p[0] == "problem" ? p[1] : p[0], p => p.Skip(1).Select(kv => kv.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]));
            var recorded = lines["recorded"];
            Assert.StartsWith("SZ-", recorded["id"], StringComparison.Ordinal);
            Assert.Equal(recorded["id"], lines["replayed"]["id"]);
            Assert.Equal(recorded["id"], lines["read"]["id"]);
            Assert.Equal("Drugs", lines["read"]["category"]);
            Assert.Equal("CSQU3054383", lines["read"]["container"]);
            Assert.Equal("2", lines["corrected"]["version"]);
            Assert.NotEqual(recorded["etag"], lines["corrected"]["etag"]);
            AssertProblem(lines["expected=400"], "400", "ValidationProblem");
            Assert.Contains("seizedAt", lines["expected=400"]["fields"].Split(','));
            AssertProblem(lines["expected=404"], "404", "Problem");
            AssertProblem(lines["expected=412"], "412", "Problem");
            AssertProblem(lines["expected=422"], "422", "ValidationProblem");
            Assert.Equal("Idempotency-Key", lines["expected=422"]["fields"]);
            AssertProblem(lines["expected=428"], "428", "Problem");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static void AssertProblem(Dictionary<string, string> line, string status, string type)
    {
        Assert.Equal(status, line["status"]);
        Assert.Equal(type, line["type"]);
        Assert.False(string.IsNullOrEmpty(line["title"]));
    }

    private static void WriteProject(string directory, string root)
    {
        var references = string.Join("\n", KiotaPackages.Select(p => $"    <PackageReference Include=\"{p}\" Version=\"2.1.6\" />"));
        File.WriteAllText(Path.Combine(directory, "MobilePath.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <NoWarn>$(NoWarn);CS1591</NoWarn>
              </PropertyGroup>
              <ItemGroup>
            {references}
              </ItemGroup>
            </Project>
            """);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "ApiDocs", "KiotaMobilePath", "Program.cs"), Path.Combine(directory, "Program.cs"));
        File.Copy(Path.Combine(root, "global.json"), Path.Combine(directory, "global.json"));
    }

    private static async Task<string> Run(string directory, string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ENFORCEMENT_TOKEN"] = TestTokens.Create("supervisor", "PKKHI");
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_DO_NOT_USE_MSBUILD_SERVER"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{await stdout}\n{await stderr}");
        return await stdout;
    }
}
