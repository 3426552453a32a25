using System.Diagnostics;
using System.IO.Compression;

namespace Enforcement.Tests.Packaging;

/// <summary>
/// Runs the README's package command once for the test class, writing the publish output and the zip into a temp folder
/// so it never touches a developer's artifacts/ or publish folder.
/// </summary>
[CollectionDefinition(Name)]
public sealed class FunctionPackageTestGroup : ICollectionFixture<FunctionPackage>
{
    public const string Name = "Function package";
}

public sealed class FunctionPackage : IAsyncLifetime
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);

    private readonly string _workFolder = Path.Combine(Path.GetTempPath(), "enforcement-package-" + Guid.NewGuid().ToString("N"));

    private ZipArchive? _zip;

    public string RepositoryRoot { get; } = Infrastructure.Repository.Root;

    public ZipArchive Zip => _zip ?? throw new InvalidOperationException("The package has not been built.");

    /// <summary>The publish output the zip was made from: what the Functions host runs.</summary>
    public string PublishFolder => Path.Combine(_workFolder, "publish");

    public async Task InitializeAsync()
    {
        var zipPath = Path.Combine(_workFolder, "enforcement-functions.zip");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Build servers and reused MSBuild nodes would outlive the test holding its output pipes open.
        foreach (var argument in new[]
        {
            "publish", "functions/Enforcement.Functions", "-c", "Release", "-r", "linux-x64", "-p:PackageFunctionApp=true",
            $"-p:FunctionAppPackagePath={zipPath}", "--output", PublishFolder, "--disable-build-servers",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(PublishTimeout))
        {
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"The package command did not finish within {PublishTimeout}.");
            }
        }

        if (process.ExitCode != 0 || !File.Exists(zipPath))
        {
            throw new InvalidOperationException($"The package command failed ({process.ExitCode}):\n{await output}\n{await errors}");
        }

        _zip = ZipFile.OpenRead(zipPath);
    }

    public Task DisposeAsync()
    {
        _zip?.Dispose();
        if (Directory.Exists(_workFolder))
        {
            Directory.Delete(_workFolder, recursive: true);
        }

        return Task.CompletedTask;
    }
}
