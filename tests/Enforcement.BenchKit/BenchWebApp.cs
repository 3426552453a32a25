using System.Net.Http.Headers;
using System.Security.Cryptography;
using Azure.Data.Tables;
using Enforcement.Functions.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Enforcement.BenchKit;

/// <summary>
/// The real app for a benchmark: on a loopback Kestrel socket (a free port) through WebApplicationFactory, pointed at
/// the benchmark's private Azurite and checked to write there, answering its health check before the benchmark
/// starts. The keys production requires are made for the run; callers use <see cref="BenchTokens"/>. Each benchmark
/// adds its own settings (Server-Timing, local queue listeners, webhook targets on loopback...).
/// </summary>
public sealed class BenchWebApp(PrivateAzurite storage, string namePrefix, string environment, IReadOnlyDictionary<string, string> settings)
    : WebApplicationFactory<Program>
{
    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    public string NamePrefix => namePrefix;

    public HttpClient ClientAs(string subject, string role, string? office, TimeSpan timeout)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = timeout };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BenchTokens.For(subject, role, office));
        return client;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // WebApplicationFactory looks for its content-root manifest in the working directory, which `dotnet run` does not
        // set to the output folder. The output folder is also where the published app runs: host.json is copied there.
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseEnvironment(environment);
        builder.UseSetting(StorageOptions.Section, storage.ConnectionString);
        builder.UseSetting("Storage:NamePrefix", namePrefix);
        // Otherwise the app falls back to its standalone default address, 127.0.0.1:7071, which Kestrel would then override.
        builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Production requires these keys; throwaway ones per run.
        builder.UseSetting("Webhooks:SecretEncryptionKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("Feeds:PseudonymKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        using (var bundleKey = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            builder.UseSetting("Cases:BundleSigningKey", bundleKey.ExportPkcs8PrivateKeyPem());
        }

        foreach (var (key, value) in BenchTokens.AppSettings.Concat(settings))
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }
}
