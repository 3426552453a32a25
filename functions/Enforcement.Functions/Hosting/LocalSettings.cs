using System.Text.Json;

namespace Enforcement.Functions.Hosting;

/// <summary>
/// Reads the "Values" of local.settings.json the way the Functions tools do (names with "__" are nested keys),
/// below environment variables and the command line so that those still override.
/// </summary>
internal static class LocalSettings
{
    public const string FileName = "local.settings.json";

    public static IConfigurationBuilder AddLocalSettings(this IConfigurationManager configuration, string contentRoot)
    {
        var path = FindFile(contentRoot);
        if (path is null)
        {
            return configuration;
        }

        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        using (var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }))
        {
            if (document.RootElement.TryGetProperty("Values", out var section) && section.ValueKind == JsonValueKind.Object)
            {
                foreach (var value in section.EnumerateObject())
                {
                    values[value.Name.Replace("__", ":", StringComparison.Ordinal)] = value.Value.ValueKind == JsonValueKind.String
                        ? value.Value.GetString()
                        : value.Value.GetRawText();
                }
            }
        }

        var sources = configuration.Sources;
        var firstEnvironmentSource = sources
            .Select((source, index) => (source, index))
            .FirstOrDefault(s => s.source is Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource env && string.IsNullOrEmpty(env.Prefix));
        var insertAt = firstEnvironmentSource.source is null ? sources.Count : firstEnvironmentSource.index;
        sources.Insert(insertAt, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = values });
        return configuration;
    }

    /// <summary>The project folder first (Functions tools' convention), then the repository root next to the sample.</summary>
    private static string? FindFile(string contentRoot)
    {
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }

            if (File.Exists(Path.Combine(dir.FullName, "Enforcement.sln")))
            {
                return null;
            }
        }

        return null;
    }
}
