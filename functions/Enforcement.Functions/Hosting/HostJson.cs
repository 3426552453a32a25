using System.Globalization;
using System.Text.Json;

namespace Enforcement.Functions.Hosting;

/// <summary>
/// The settings of host.json that the app itself needs, read from the very file the Functions host reads (next to the
/// executable), so that the standalone trigger runner retries and poisons messages exactly as the host does and the
/// photo function knows which attempt is the last. FunctionApp:Root points tests at a host.json of their own.
/// </summary>
internal sealed record HostJson(string RoutePrefix, QueueTriggerSettings Queues)
{
    public const string FileName = "host.json";
    public const string RootSetting = "FunctionApp:Root";

    public static HostJson Load(IConfiguration configuration) => Load(configuration[RootSetting] ?? AppContext.BaseDirectory);

    public static HostJson Load(string appRoot)
    {
        var path = Path.Combine(appRoot, FileName);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The function app root '{appRoot}' has no {FileName}.");
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var extensions = document.RootElement.TryGetProperty("extensions", out var e) ? e : default;
        var routePrefix = extensions.ValueKind == JsonValueKind.Object && extensions.TryGetProperty("http", out var http)
                          && http.TryGetProperty("routePrefix", out var prefix) ? prefix.GetString() ?? "api" : "api";
        var queues = extensions.ValueKind == JsonValueKind.Object && extensions.TryGetProperty("queues", out var q)
            ? QueueTriggerSettings.From(q)
            : QueueTriggerSettings.Defaults;
        return new HostJson(routePrefix, queues);
    }
}

/// <summary>host.json's extensions.queues, with the Functions defaults for what it leaves out.</summary>
internal sealed record QueueTriggerSettings(int BatchSize, int MaxDequeueCount, TimeSpan VisibilityTimeout)
{
    public static readonly QueueTriggerSettings Defaults = new(16, 5, TimeSpan.Zero);

    public static QueueTriggerSettings From(JsonElement queues)
    {
        var settings = Defaults;
        if (queues.TryGetProperty("batchSize", out var batch))
        {
            settings = settings with { BatchSize = Math.Clamp(batch.GetInt32(), 1, 32) };
        }

        if (queues.TryGetProperty("maxDequeueCount", out var max))
        {
            settings = settings with { MaxDequeueCount = Math.Max(1, max.GetInt32()) };
        }

        if (queues.TryGetProperty("visibilityTimeout", out var visibility))
        {
            settings = settings with { VisibilityTimeout = TimeSpan.Parse(visibility.GetString()!, CultureInfo.InvariantCulture) };
        }

        return settings;
    }
}
