using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Enforcement.WebhookBench;

/// <summary>
/// The real app on a loopback Kestrel socket through WebApplicationFactory, with its local queue listeners on, against
/// the benchmark's private Azurite. Development environment, because only
/// there may webhooks reach 127.0.0.1 over http (Webhooks:AllowPrivateNetworkTargets).
/// </summary>
internal sealed class BenchApp(string storageConnectionString) : WebApplicationFactory<Program>
{
    public Uri Address => new(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    public void Start()
    {
        UseKestrel(0);
        StartServer();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseEnvironment("Development");
        builder.UseSetting("AzureWebJobsStorage", storageConnectionString);
        builder.UseSetting("Storage:NamePrefix", "whbench");
        builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        builder.UseSetting("Diagnostics:ServerTiming", "false");
        builder.UseSetting("LocalTriggers:Enabled", "true");
        builder.UseSetting("LocalTriggers:MaxPollingInterval", "00:00:00.100");
        builder.UseSetting("Webhooks:AllowPrivateNetworkTargets", "true");
        builder.UseSetting("Webhooks:SecretEncryptionKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }
}
