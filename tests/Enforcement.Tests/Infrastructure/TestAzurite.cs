using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Enforcement.Functions.Hosting.DevelopmentStorage;

namespace Enforcement.Tests.Infrastructure;

/// <summary>
/// One in-memory Azurite for the whole test run, on free loopback ports and with an account of its own (random name
/// and key), so the tests can never write into another program's Azurite: a stranger would refuse the account.
/// </summary>
public static class TestAzurite
{
    private static readonly Lazy<Task<Instance>> Started = new(StartAsync);

    public static Task<Instance> GetAsync() => Started.Value;

    private static async Task<Instance> StartAsync()
    {
        var ports = FreePorts(3);
        var account = "enf" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var options = new AzuriteStartOptions(AppContext.BaseDirectory, ports[0], ports[1], ports[2]) { Accounts = $"{account}:{key}" };
        var process = await AzuriteProcess.StartAsync(options, CancellationToken.None);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => process.DisposeAsync().AsTask().GetAwaiter().GetResult();
        var connectionString =
            $"DefaultEndpointsProtocol=http;AccountName={account};AccountKey={key};" +
            $"BlobEndpoint=http://127.0.0.1:{ports[0]}/{account};QueueEndpoint=http://127.0.0.1:{ports[1]}/{account};TableEndpoint=http://127.0.0.1:{ports[2]}/{account};";
        return new Instance(connectionString, account, ports[0], ports[1], ports[2]);
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    public sealed record Instance(string ConnectionString, string Account, int BlobPort, int QueuePort, int TablePort);
}
