using Enforcement.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Hosting.DevelopmentStorage;

/// <summary>
/// When the app runs standalone on development storage and nothing answers on Azurite's default ports,
/// starts the repository's pinned Azurite (data in the git-ignored .azurite folder) and stops it with the app.
/// </summary>
internal sealed class AzuriteLauncher(IOptions<StorageOptions> storage, IHostEnvironment environment, ILogger<AzuriteLauncher> logger) : IHostedService
{
    private AzuriteProcess? _azurite;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!storage.Value.UsesDevelopmentStorage)
        {
            return;
        }

        var options = new AzuriteStartOptions(environment.ContentRootPath) { DataFolder = ".azurite" };
        if (await AzuriteProcess.AllPortsAnswerAsync(options, cancellationToken))
        {
            logger.LogInformation("Development storage already answers on 127.0.0.1:10000-10002; using it");
            return;
        }

        logger.LogInformation("Starting Azurite for development storage (data in .azurite)");
        _azurite = await AzuriteProcess.StartAsync(options, cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
