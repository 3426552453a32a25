using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Enforcement.Functions.BulkImport;
using Enforcement.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Enforcement.Tests.BulkImport;

/// <summary>The app with small import chunks (3 rows), a host.json that retries a failed message at once, and an
/// import run that a test can make die, or hold, right after a chunk's records are committed.</summary>
public sealed class ImportApp : IAsyncLifetime
{
    public const int ChunkRows = 3;

    private readonly ImportHooks _hooks = new();
    private readonly string _root = CopyAppRoot();
    private ImportHost? _app;
    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    public EnforcementApp App => _app ?? throw new InvalidOperationException("The app has not started.");

    internal ImportHooks Hooks => _hooks;

    public HttpClient As(string role, string? office = null, string? subject = null)
    {
        var key = $"{role}|{office}|{subject}";
        lock (_clients)
        {
            if (!_clients.TryGetValue(key, out var client))
            {
                _clients[key] = client = App.ClientAs(role, office, subject: subject);
            }

            return client;
        }
    }

    public HttpClient Admin => As("admin", subject: "admin-1");

    public async Task InitializeAsync() => _app = await ImportHost.StartAsync(_root, _hooks);

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>Creates a job, uploads the bytes through its SAS URL and reports the upload; returns the job id.</summary>
    public static async Task<string> UploadAsync(HttpClient client, string format, byte[] file)
    {
        var created = await client.PostAsJsonAsync("/api/imports", new { format });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var job = await created.ReadObjectAsync();
        await new BlobClient(new Uri(job["uploadUrl"]!.GetValue<string>())).UploadAsync(BinaryData.FromBytes(file));
        var id = job["id"]!.GetValue<string>();
        var uploaded = await client.PostAsync($"/api/imports/{id}/uploaded", null);
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        return id;
    }

    public static async Task<JsonObject> RunAsync(HttpClient client, string id, bool dryRun)
    {
        var started = await client.PostAsJsonAsync($"/api/imports/{id}/start", new { dryRun });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        return await FinishedAsync(client, id);
    }

    public static Task<JsonObject> FinishedAsync(HttpClient client, string id) =>
        SeizureSamples.EventuallyAsync(
            async () => await (await client.GetAsync($"/api/imports/{id}")).ReadObjectAsync(),
            job => job["state"]!.GetValue<string>() is "completed" or "failed" or "aborted",
            TimeSpan.FromSeconds(60));

    public static async Task<string[]> ResultLinesAsync(HttpClient client, string id, string file)
    {
        var response = await client.GetAsync($"/api/imports/{id}/{file}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    private static string CopyAppRoot()
    {
        var root = Directory.CreateTempSubdirectory("enforcement-imports-approot-").FullName;
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")))!;
        host["extensions"]!["queues"]!["visibilityTimeout"] = "00:00:00";
        File.WriteAllText(Path.Combine(root, "host.json"), host.ToJsonString());
        return root;
    }

    private sealed class ImportHost : EnforcementApp
    {
        private readonly ImportHooks _hooks;

        private ImportHost(TestAzurite.Instance azurite, string root, ImportHooks hooks)
            : base(azurite, new Dictionary<string, string?>
            {
                ["FunctionApp:Root"] = root,
                ["Imports:ChunkRows"] = ChunkRows.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }) => _hooks = hooks;

        public static async Task<ImportHost> StartAsync(string root, ImportHooks hooks) =>
            await StartServerAsync(new ImportHost(await TestAzurite.GetAsync(), root, hooks));

        protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<ImportInterruption>(_hooks);
    }
}

/// <summary>Dies once (as a crashing process) or holds (until released) right after a chunk of an armed job is committed.</summary>
internal sealed class ImportHooks : ImportInterruption
{
    private readonly Dictionary<string, string> _armed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (TaskCompletionSource Reached, TaskCompletionSource Release)> _holds = new(StringComparer.Ordinal);

    private readonly Dictionary<string, int> _crashes = new(StringComparer.Ordinal);

    public int CrashesOf(string jobId)
    {
        lock (_armed)
        {
            return _crashes.GetValueOrDefault(jobId);
        }
    }

    public void DieAfterFirstChunk(string jobId)
    {
        lock (_armed)
        {
            _armed[jobId] = "die";
        }
    }

    public (Task Reached, Action Release) HoldAfterFirstChunk(string jobId)
    {
        var hold = (new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_armed)
        {
            _armed[jobId] = "hold";
            _holds[jobId] = hold;
        }

        return (hold.Item1.Task, () => hold.Item2.TrySetResult());
    }

    public override void AfterChunkWritten(string jobId, int lastRow)
    {
        string? action;
        lock (_armed)
        {
            if (_armed.Remove(jobId, out action) && action == "die")
            {
                _crashes[jobId] = _crashes.GetValueOrDefault(jobId) + 1;
            }
        }

        if (action == "die")
        {
            throw new InvalidOperationException($"Test: the process died after committing rows up to {lastRow} of {jobId}.");
        }

        if (action == "hold")
        {
            var (reached, release) = _holds[jobId];
            reached.TrySetResult();
            release.Task.Wait(TimeSpan.FromSeconds(30));
        }
    }
}
