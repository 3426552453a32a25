using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Enforcement.Functions.Hosting.DevelopmentStorage;
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
/// an in-memory Azurite of the benchmark's own (free ports, a random account). Development environment, because only
/// there may webhooks reach 127.0.0.1 over http (Webhooks:AllowPrivateNetworkTargets).
/// </summary>
internal sealed class BenchApp(string storageConnectionString) : WebApplicationFactory<Program>
{
    public Uri Address => new(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    public static async Task<(AzuriteProcess Azurite, string ConnectionString)> StartAzuriteAsync(CancellationToken cancellationToken)
    {
        var account = "whbench" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var ports = FreeLoopbackPorts(3);
        var azurite = await AzuriteProcess.StartAsync(
            new AzuriteStartOptions(AppContext.BaseDirectory, ports[0], ports[1], ports[2]) { Accounts = $"{account}:{key}" }, cancellationToken);
        var connectionString =
            $"DefaultEndpointsProtocol=http;AccountName={account};AccountKey={key};" +
            $"BlobEndpoint=http://127.0.0.1:{ports[0]}/{account};QueueEndpoint=http://127.0.0.1:{ports[1]}/{account};TableEndpoint=http://127.0.0.1:{ports[2]}/{account};";
        return (azurite, connectionString);
    }

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

    private static int[] FreeLoopbackPorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
            listeners.ForEach(l => l.Dispose());
        }
    }
}
