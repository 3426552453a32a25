using System.Security.Cryptography;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Enforcement.Functions.Storage;
using Enforcement.Functions.Webhooks;
using Enforcement.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Enforcement.Tests.Webhooks;

/// <summary>
/// The real app on Kestrel against the test Azurite, like <see cref="EnforcementApp"/>, with one difference: host
/// names resolve through <see cref="Resolver"/>, never through DNS, so no webhook test ever reaches beyond this machine.
/// </summary>
public sealed class WebhookTestApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;

    private WebhookTestApp(TestAzurite.Instance azurite, IDictionary<string, string?> settings, string environment)
    {
        _environment = environment;
        Prefix = "w" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Storage:NamePrefix"] = Prefix,
            ["LocalTriggers:MaxPollingInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Enforcement"] = "Warning",
        };
        foreach (var (key, value) in TestTokens.AppSettings.Concat(settings))
        {
            _settings[key] = value;
        }

        UseKestrel(0);
    }

    public FakeHostResolver Resolver { get; } = new();

    public string Prefix { get; }

    public static async Task<WebhookTestApp> StartAsync(IDictionary<string, string?> settings, string environment = "Development")
    {
        var app = new WebhookTestApp(await TestAzurite.GetAsync(), settings, environment);
        try
        {
            app.StartServer();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    public HttpClient Client() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = BaseAddress });

    public HttpClient ClientAs(string role, string? subject = null, string? office = null, string? region = null) =>
        Client().WithBearer(TestTokens.Create(role, office, region, subject));

    public TableClient Table(string name) =>
        Services.GetRequiredService<TableServiceClient>().GetTableClient(Services.GetRequiredService<StorageNames>().Table(name));

    public QueueClient Queue(string name) =>
        Services.GetRequiredService<QueueServiceClient>().GetQueueClient(Services.GetRequiredService<StorageNames>().Queue(name));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<IWebhookHostResolver>(Resolver));
    }
}
