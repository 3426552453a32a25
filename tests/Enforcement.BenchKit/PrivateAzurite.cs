using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Enforcement.Functions.Hosting.DevelopmentStorage;

namespace Enforcement.BenchKit;

/// <summary>
/// An in-memory Azurite of the benchmark's own: free loopback ports (never the default ones, the machine is shared)
/// and a random account, so that an answer with that account's key can only come from this instance.
/// </summary>
public sealed class PrivateAzurite : IAsyncDisposable
{
    private const int StartAttempts = 3;

    private readonly AzuriteProcess _azurite;

    private PrivateAzurite(AzuriteProcess azurite, string accountName, string accountKey)
    {
        _azurite = azurite;
        AccountName = accountName;
        var options = azurite.Options;
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={accountName};AccountKey={accountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{options.BlobPort}/{accountName};" +
            $"QueueEndpoint=http://127.0.0.1:{options.QueuePort}/{accountName};" +
            $"TableEndpoint=http://127.0.0.1:{options.TablePort}/{accountName};";
        Tables = new TableServiceClient(ConnectionString);
        Blobs = new BlobServiceClient(ConnectionString);

        // The Functions queue trigger expects base64 message text, as the app's own client writes it.
        Queues = new QueueServiceClient(ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
    }

    public string AccountName { get; }

    public string ConnectionString { get; }

    public int BlobPort => _azurite.Options.BlobPort;

    public int QueuePort => _azurite.Options.QueuePort;

    public int TablePort => _azurite.Options.TablePort;

    public TableServiceClient Tables { get; }

    public BlobServiceClient Blobs { get; }

    public QueueServiceClient Queues { get; }

    /// <summary>A one-line description for the benchmark's output.</summary>
    public string Describe() =>
        $"Azurite (in memory) on 127.0.0.1:{BlobPort}/{QueuePort}/{TablePort} (blob/queue/table), account {AccountName}";

    /// <param name="accountPrefix">Lower-case letters naming the benchmark; a random suffix makes the account unique.</param>
    public static async Task<PrivateAzurite> StartAsync(string accountPrefix, CancellationToken cancellationToken)
    {
        var accountName = accountPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var accountKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        for (var attempt = 1; ; attempt++)
        {
            // Another program can take a port between our probe and Azurite's bind; the account check below notices.
            var ports = FreeLoopbackPorts(3);
            var options = new AzuriteStartOptions(AppContext.BaseDirectory, ports[0], ports[1], ports[2])
            {
                DataFolder = null,
                Accounts = $"{accountName}:{accountKey}",
            };
            var azurite = await AzuriteProcess.StartAsync(options, cancellationToken);
            var storage = new PrivateAzurite(azurite, accountName, accountKey);
            try
            {
                await storage.VerifyOwnInstanceAsync(cancellationToken);
                return storage;
            }
            catch (Azure.RequestFailedException) when (attempt < StartAttempts)
            {
                await storage.DisposeAsync();
            }
            catch
            {
                await storage.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Signed requests to all three services: only an Azurite started with our AZURITE_ACCOUNTS accepts them.</summary>
    private async Task VerifyOwnInstanceAsync(CancellationToken cancellationToken)
    {
        await Tables.GetPropertiesAsync(cancellationToken);
        await Blobs.GetPropertiesAsync(cancellationToken);
        await Queues.GetPropertiesAsync(cancellationToken);
    }

    private static int[] FreeLoopbackPorts(int count)
    {
        // Hold all listeners at once so that the ports differ from each other.
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

    public ValueTask DisposeAsync() => _azurite.DisposeAsync();
}
