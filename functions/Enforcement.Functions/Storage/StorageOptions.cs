using Enforcement.Functions.Hosting;

namespace Enforcement.Functions.Storage;

/// <summary>
/// Where the records live. Read from the Functions host's own setting, AzureWebJobsStorage, so the app and the host
/// always use the same account: either a connection string (Azurite, default "UseDevelopmentStorage=true") or,
/// in Azure, the identity form AzureWebJobsStorage__blobServiceUri/__queueServiceUri/__tableServiceUri
/// (+ __credential=managedidentity and __clientId for a user-assigned identity).
/// </summary>
internal sealed class StorageOptions : IValidatedOptions
{
    public const string Section = "AzureWebJobsStorage";
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    public string? ConnectionString { get; set; }

    public Uri? BlobServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    public Uri? TableServiceUri { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Prefix for every table, queue and container name, so that test classes never share data.
    /// Lower-case letters and digits; empty in production (the host uses function.json's names as they are).</summary>
    public string NamePrefix { get; set; } = string.Empty;

    public bool UsesIdentity => string.IsNullOrWhiteSpace(ConnectionString) && TableServiceUri is not null;

    public bool UsesDevelopmentStorage =>
        !UsesIdentity && (ConnectionString ?? DevelopmentStorage).Replace(" ", "", StringComparison.Ordinal)
            .Contains(DevelopmentStorage, StringComparison.OrdinalIgnoreCase);

    public static StorageOptions FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var options = new StorageOptions
        {
            ConnectionString = section.Value,
            BlobServiceUri = Uri(section["blobServiceUri"]),
            QueueServiceUri = Uri(section["queueServiceUri"]),
            TableServiceUri = Uri(section["tableServiceUri"]),
            ClientId = section["clientId"],
            NamePrefix = configuration["Storage:NamePrefix"] ?? string.Empty,
        };
        if (string.IsNullOrWhiteSpace(options.ConnectionString) && options.TableServiceUri is null)
        {
            options.ConnectionString = DevelopmentStorage;
        }

        return options;
    }

    public IEnumerable<string> Problems(IHostEnvironment environment)
    {
        if (UsesIdentity && (BlobServiceUri is null || QueueServiceUri is null))
        {
            yield return "AzureWebJobsStorage__blobServiceUri, __queueServiceUri and __tableServiceUri must all be set for identity-based access.";
        }

        if (NamePrefix.Length > 12 || NamePrefix.Any(c => !char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c)) || (NamePrefix.Length > 0 && !char.IsAsciiLetterLower(NamePrefix[0])))
        {
            yield return "Storage:NamePrefix must be at most 12 lower-case letters or digits, starting with a letter.";
        }
    }

    private static Uri? Uri(string? value) => string.IsNullOrWhiteSpace(value) ? null : new Uri(value, UriKind.Absolute);
}
