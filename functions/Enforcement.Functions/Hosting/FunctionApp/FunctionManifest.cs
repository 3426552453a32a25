using System.Text.Json;

namespace Enforcement.Functions.Hosting.FunctionApp;

/// <summary>
/// The function list as the Functions host sees it: host.json plus one folder per function with its function.json.
/// The standalone trigger runner reads the very same files, so queue names and schedules have one source of truth.
/// </summary>
internal sealed record FunctionManifest(string AppRoot, QueueTriggerSettings Queues, IReadOnlyList<FunctionDefinition> Functions)
{
    public const string HostFileName = "host.json";
    public const string FunctionFileName = "function.json";

    public IEnumerable<FunctionDefinition> OfKind(TriggerKind kind) => Functions.Where(f => f.Kind == kind);

    public static FunctionManifest Load(string appRoot)
    {
        var hostPath = Path.Combine(appRoot, HostFileName);
        if (!File.Exists(hostPath))
        {
            throw new InvalidOperationException($"The function app root '{appRoot}' has no {HostFileName}.");
        }

        using var host = JsonDocument.Parse(File.ReadAllText(hostPath), ReadOptions);
        var functions = Directory.EnumerateDirectories(appRoot)
            .Where(dir => File.Exists(Path.Combine(dir, FunctionFileName)))
            .Select(dir => FunctionDefinition.Parse(Path.GetFileName(dir), File.ReadAllText(Path.Combine(dir, FunctionFileName))))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        return new FunctionManifest(appRoot, QueueTriggerSettings.FromHostJson(host.RootElement), functions);
    }

    /// <summary>The app root is the build or publish output folder, where host.json is copied next to the executable.</summary>
    public static string DefaultAppRoot => AppContext.BaseDirectory;

    internal static readonly JsonDocumentOptions ReadOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };
}

internal enum TriggerKind
{
    Http,
    Queue,
    Timer,
}

internal sealed record FunctionDefinition(string Name, TriggerKind Kind, string BindingName, string? QueueName, string? Schedule)
{
    public static FunctionDefinition Parse(string name, string json)
    {
        using var doc = JsonDocument.Parse(json, FunctionManifest.ReadOptions);
        foreach (var binding in doc.RootElement.GetProperty("bindings").EnumerateArray())
        {
            var direction = binding.TryGetProperty("direction", out var d) ? d.GetString() : null;
            if (!string.Equals(direction, "in", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var bindingName = binding.GetProperty("name").GetString() ?? throw Invalid(name, "a trigger binding has no name");
            switch (binding.GetProperty("type").GetString())
            {
                case "httpTrigger":
                    return new FunctionDefinition(name, TriggerKind.Http, bindingName, null, null);
                case "queueTrigger":
                    var queue = binding.GetProperty("queueName").GetString();
                    if (string.IsNullOrWhiteSpace(queue) || queue.Length > 56)
                    {
                        throw Invalid(name, "queueName must be 1 to 56 characters so that '-poison' fits");
                    }

                    return new FunctionDefinition(name, TriggerKind.Queue, bindingName, queue, null);
                case "timerTrigger":
                    var schedule = binding.GetProperty("schedule").GetString();
                    return new FunctionDefinition(name, TriggerKind.Timer, bindingName, null,
                        string.IsNullOrWhiteSpace(schedule) ? throw Invalid(name, "the timer has no schedule") : schedule);
            }
        }

        throw Invalid(name, "no http, queue or timer trigger binding");
    }

    private static InvalidOperationException Invalid(string function, string why) =>
        new($"function.json of '{function}' is not usable: {why}.");
}

/// <summary>The queue trigger settings of host.json (extensions.queues), with the Functions defaults.</summary>
internal sealed record QueueTriggerSettings(int BatchSize, int MaxDequeueCount, TimeSpan VisibilityTimeout)
{
    public static QueueTriggerSettings FromHostJson(JsonElement host)
    {
        var settings = new QueueTriggerSettings(16, 5, TimeSpan.Zero);
        if (!host.TryGetProperty("extensions", out var extensions) || !extensions.TryGetProperty("queues", out var queues))
        {
            return settings;
        }

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
            settings = settings with { VisibilityTimeout = TimeSpan.Parse(visibility.GetString()!, System.Globalization.CultureInfo.InvariantCulture) };
        }

        return settings;
    }
}
