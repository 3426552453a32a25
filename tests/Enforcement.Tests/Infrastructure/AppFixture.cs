using System.Text.Json.Nodes;

namespace Enforcement.Tests.Infrastructure;

/// <summary>One app (and storage prefix) per test class; subclasses add settings.</summary>
public class AppFixture : IAsyncLifetime
{
    private EnforcementApp? _app;

    public EnforcementApp App => _app ?? throw new InvalidOperationException("The app has not started.");

    /// <summary>A supervisor of the port of Karachi (office PKKHI covers every PKKHI-* unit).</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>An analyst: reads every national record.</summary>
    public HttpClient Analyst { get; private set; } = null!;

    private readonly Dictionary<string, HttpClient> _supervisors = new(StringComparer.Ordinal);

    /// <summary>A supervisor whose office is the port (UN/LOCODE) of the given office code.</summary>
    public HttpClient SupervisorOf(string office)
    {
        var port = office.Split('-')[0];
        lock (_supervisors)
        {
            if (!_supervisors.TryGetValue(port, out var client))
            {
                _supervisors[port] = client = App.ClientAs("supervisor", port);
            }

            return client;
        }
    }

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    private readonly List<DirectoryInfo> _temporaryFolders = [];

    /// <summary>
    /// An app root (for the <c>FunctionApp:Root</c> setting) whose host.json retries a failed queue message at once
    /// and poisons it after <paramref name="maxDequeueCount"/> tries; deleted with the app.
    /// </summary>
    protected string FastRetryAppRoot(int maxDequeueCount)
    {
        var root = Directory.CreateTempSubdirectory("enforcement-approot-");
        lock (_temporaryFolders)
        {
            _temporaryFolders.Add(root);
        }

        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")))!;
        host["extensions"]!["queues"]!["maxDequeueCount"] = maxDequeueCount;
        host["extensions"]!["queues"]!["visibilityTimeout"] = "00:00:00";
        File.WriteAllText(Path.Combine(root.FullName, "host.json"), host.ToJsonString());
        return root.FullName;
    }

    public virtual async Task InitializeAsync()
    {
        _app = await EnforcementApp.StartAsync(Settings);
        Client = SupervisorOf("PKKHI");
        Analyst = _app.ClientAs("analyst");
    }

    public async Task DisposeAsync()
    {
        Analyst.Dispose();
        foreach (var client in _supervisors.Values)
        {
            client.Dispose();
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        foreach (var folder in _temporaryFolders)
        {
            folder.Delete(recursive: true);
        }
    }
}
