using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Hosting.WorkerProcess;

/// <summary>Where the app the stand-in host launches lives, and the app settings it gets (as environment variables).</summary>
public static class WorkerApps
{
    /// <summary>The app's build output, as `func start` would run it: the functions project's bin folder of this configuration.</summary>
    public static string BuildOutput()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = testOutput.Parent!.Name;
        var output = Path.Combine(Repository.Root, "functions", "Enforcement.Functions", "bin", configuration, testOutput.Name);
        return File.Exists(Path.Combine(output, "functions.metadata"))
            ? output
            : throw new InvalidOperationException($"The app's build output is not at {output}.");
    }

    /// <summary>No name prefix: under the host the app uses the queue names the host listens on, as they are.</summary>
    public static async Task<IDictionary<string, string?>> SettingsAsync()
    {
        var azurite = await TestAzurite.GetAsync();
        return new Dictionary<string, string?>(TestTokens.AppSettings)
        {
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Logging:LogLevel:Default"] = "Warning",
        };
    }
}
