using System.Security.Cryptography;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Enforcement.Functions.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Enforcement.Tests.Infrastructure;

/// <summary>
/// The real app on a real Kestrel socket (127.0.0.1, free port) against the test Azurite, with a storage name prefix
/// of its own so that test classes running in parallel never see each other's tables, queues or containers.
/// </summary>
public class EnforcementApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;

    protected EnforcementApp(TestAzurite.Instance azurite, IDictionary<string, string?> settings, string environment = "Development")
    {
        Azurite = azurite;
        _environment = environment;
        Prefix = "t" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Storage:NamePrefix"] = Prefix,
            ["LocalTriggers:MaxPollingInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Enforcement"] = "Information",
        };
        foreach (var (key, value) in TestTokens.AppSettings)
        {
            _settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }

        UseKestrel(0);
    }

    public TestAzurite.Instance Azurite { get; }

    public string Prefix { get; }

    /// <summary>The app's <see cref="TimeProvider"/>: advance it to test anything that depends on time passing.</summary>
    public TestClock Clock { get; } = new();

    internal StorageNames Names => Services.GetRequiredService<StorageNames>();

    public static async Task<EnforcementApp> StartAsync(IDictionary<string, string?>? settings = null) =>
        await StartServerAsync(new EnforcementApp(await TestAzurite.GetAsync(), settings ?? new Dictionary<string, string?>()));

    /// <summary>Starts the server; an app that fails to start is disposed, not leaked.</summary>
    protected static Task<T> StartServerAsync<T>(T app)
        where T : EnforcementApp
    {
        try
        {
            app.StartServer();
        }
        catch
        {
            app.Dispose();
            throw;
        }

        return Task.FromResult(app);
    }

    /// <summary>Services a test app replaces (e.g. a fake DNS resolver).</summary>
    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    /// <summary>The address Kestrel actually bound (port 0 picks a free one).</summary>
    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    /// <summary>An anonymous client.</summary>
    public HttpClient Client() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = BaseAddress });

    /// <summary>A client with a bearer token for this role (and office or region claim).</summary>
    public HttpClient ClientAs(string role, string? office = null, string? region = null, string? subject = null) =>
        Client().WithBearer(TestTokens.Create(role, office, region, subject));

    public TableClient Table(string name) => Services.GetRequiredService<TableServiceClient>().GetTableClient(Names.Table(name));

    public QueueClient Queue(string name) => Services.GetRequiredService<QueueServiceClient>().GetQueueClient(Names.Queue(name));

    /// <summary>
    /// Waits until none of these queues holds a message, visible or in flight (a message is only deleted once its
    /// function has finished): from then on nothing they carry can still arrive, so a test may assert "nothing more".
    /// </summary>
    public Task QueuesDrainedAsync(params string[] queues) =>
        SeizureSamples.EventuallyAsync(
            async () =>
            {
                var waiting = 0;
                foreach (var queue in queues)
                {
                    waiting += (await Queue(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount;
                }

                return waiting;
            },
            waiting => waiting == 0);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            ConfigureTestServices(services);
        });
    }
}
