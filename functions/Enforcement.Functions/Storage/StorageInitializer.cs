using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Enforcement.Functions.Storage;

/// <summary>Creates the tables, queues (with their poison queues) and containers once at start-up, not per request.</summary>
internal sealed class StorageInitializer(
    TableServiceClient tables,
    QueueServiceClient queues,
    BlobServiceClient blobs,
    StorageNames names,
    ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var creations = new List<Task>();
        creations.AddRange(StorageNames.Tables.All.Select(t => tables.CreateTableIfNotExistsAsync(names.Table(t), cancellationToken)));
        foreach (var queue in StorageNames.Queues.All)
        {
            creations.Add(queues.GetQueueClient(names.Queue(queue)).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
            creations.Add(queues.GetQueueClient(names.Queue(queue) + "-poison").CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        }

        creations.AddRange(StorageNames.Containers.All.Select(c => blobs.GetBlobContainerClient(names.Container(c)).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        await Task.WhenAll(creations);
        logger.LogInformation("Storage ready: {Tables} tables, {Queues} queues, {Containers} containers",
            StorageNames.Tables.All.Length, StorageNames.Queues.All.Length, StorageNames.Containers.All.Length);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
