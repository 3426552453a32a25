using Enforcement.BenchKit;
using Azure.Data.Tables;
using Enforcement.Functions.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Enforcement.Bench;

/// <summary>The real app on a real Kestrel socket (a free loopback port), pointed at the benchmark's Azurite.</summary>
internal sealed class BenchApp(PrivateAzurite storage, BenchOptions options) : WebApplicationFactory<Program>
{
    public const string NamePrefix = "bench";

    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // WebApplicationFactory looks for its content-root manifest in the working directory, which `dotnet run` does not
        // set to the output folder. The output folder is also where the published app runs: host.json is copied there.
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseEnvironment("Production");
        builder.UseSetting(StorageOptions.Section, storage.ConnectionString);
        builder.UseSetting("Storage:NamePrefix", NamePrefix);
        builder.UseSetting("Diagnostics:ServerTiming", options.ServerTiming ? "true" : "false");
        builder.UseSetting("LocalTriggers:Enabled", options.LocalTriggers ? "true" : "false");
        // Otherwise the app falls back to its standalone default address, 127.0.0.1:7071, which Kestrel would then override.
        builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Production requires the key that encrypts webhook secrets; a throwaway one per run.
        builder.UseSetting("Webhooks:SecretEncryptionKey", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("Feeds:PseudonymKey", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        using (var bundleKey = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256))
        {
            builder.UseSetting("Cases:BundleSigningKey", bundleKey.ExportPkcs8PrivateKeyPem());
        }

        foreach (var (key, value) in BenchTokens.AppSettings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        UseKestrel(0);
        StartServer();

        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        Address = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));

        // The app must write to the benchmark's Azurite, never to a development storage someone else runs.
        var tables = Services.GetRequiredService<TableServiceClient>();
        if (tables.AccountName != storage.AccountName || tables.Uri.Port != storage.TablePort)
        {
            throw new InvalidOperationException($"The app uses storage account '{tables.AccountName}' at {tables.Uri}, not the benchmark's Azurite.");
        }

        using var client = new HttpClient { BaseAddress = Address };
        using var health = await client.GetAsync(new Uri("/api/health", UriKind.Relative), cancellationToken);
        if (!health.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET /api/health answered {(int)health.StatusCode}: {await health.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
