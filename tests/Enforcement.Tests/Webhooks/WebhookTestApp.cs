using Enforcement.Functions.Webhooks;
using Enforcement.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Enforcement.Tests.Webhooks;

/// <summary>
/// <see cref="EnforcementApp"/> whose host names resolve through <see cref="Resolver"/>, never through DNS, so no
/// webhook test ever reaches beyond this machine.
/// </summary>
public sealed class WebhookTestApp : EnforcementApp
{
    private WebhookTestApp(TestAzurite.Instance azurite, IDictionary<string, string?> settings, string environment)
        : base(azurite, settings, environment)
    {
    }

    public FakeHostResolver Resolver { get; } = new();

    public static async Task<WebhookTestApp> StartAsync(IDictionary<string, string?> settings, string environment = "Development") =>
        await StartServerAsync(new WebhookTestApp(await TestAzurite.GetAsync(), settings, environment));

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<IWebhookHostResolver>(Resolver);
}
