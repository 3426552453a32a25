using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Enforcement.Functions.Hosting;
using Enforcement.Functions.Hosting.DevelopmentStorage;

namespace Enforcement.Functions.Storage;

internal static class StorageRegistration
{
    /// <summary>Registers the three storage service clients once (they are thread-safe), each counting its
    /// requests for Server-Timing; features derive their table, queue and container clients from them.</summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        // Read here rather than through AddValidatedOptions: the service clients are built from it at registration,
        // and it comes from the Functions host's AzureWebJobsStorage setting (a string or a section), not a section of ours.
        var options = StorageOptions.FromConfiguration(builder.Configuration);
        var problems = options.Problems(builder.Environment).ToList();
        if (HostMode.LaunchedByFunctionsHost(builder.Configuration) && options.NamePrefix.Length > 0)
        {
            problems.Add("Storage:NamePrefix cannot be used under the Functions host, which listens on the queue names of its app settings as they are.");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Storage configuration is invalid: " + string.Join(" ", problems));
        }

        var services = builder.Services;
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        services.AddSingleton(new StorageNames(options.NamePrefix));

        var counter = new StorageRequestCounter();
        var credential = options.UsesIdentity ? CreateCredential(options) : null;

        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        services.AddSingleton(credential is null
            ? new TableServiceClient(options.ConnectionString, tableOptions)
            : new TableServiceClient(options.TableServiceUri!, credential, tableOptions));

        var blobOptions = new BlobClientOptions();
        blobOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        services.AddSingleton(credential is null
            ? new BlobServiceClient(options.ConnectionString, blobOptions)
            : new BlobServiceClient(options.BlobServiceUri!, credential, blobOptions));

        // The Functions queue trigger expects base64 message text by default.
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        queueOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        services.AddSingleton(credential is null
            ? new QueueServiceClient(options.ConnectionString, queueOptions)
            : new QueueServiceClient(options.QueueServiceUri!, credential, queueOptions));
        services.AddSingleton<BlobUploadSas>();

        // Hosted services start in registration order: storage must be up and created before the trigger listeners poll it.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, StorageInitializer>());
        if (options.UsesDevelopmentStorage && !HostMode.LaunchedByFunctionsHost(builder.Configuration))
        {
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService, AzuriteLauncher>());
        }
        return builder;
    }

    private static TokenCredential CreateCredential(StorageOptions options) =>
        string.IsNullOrWhiteSpace(options.ClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ClientId));
}
