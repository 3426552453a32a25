using System.Diagnostics;
using System.Reflection;

namespace Enforcement.Tests.Infrastructure;

/// <summary>The Bicep templates compile, lint and format cleanly with the CLI from its NuGet package.</summary>
public sealed class InfrastructureTemplateTests
{
    [Fact]
    public async Task TheBicepTemplatesPassCompileLintAndFormatChecks()
    {
        var bicep = typeof(InfrastructureTemplateTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepCli").Value!;
        var root = Enforcement.Functions.Hosting.DevelopmentStorage.AzuriteProcess.FindToolsRoot(AppContext.BaseDirectory)!;
        if (!OperatingSystem.IsWindows())
        {
            // NuGet does not keep the execute bit of the packaged CLI.
            File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute);
        }
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        start.ArgumentList.Add(Path.Combine(root, "infra", "check.sh"));
        start.Environment["BICEP"] = bicep;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, $"infra/check.sh failed:\n{await output}\n{await errors}");
        Assert.Contains("Bicep checks passed.", await output, StringComparison.Ordinal);
    }
}
