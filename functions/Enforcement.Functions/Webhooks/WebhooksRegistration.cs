using Enforcement.Functions.Events;
using Enforcement.Functions.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Webhooks;

internal static class WebhooksRegistration
{
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<WebhookOptions>(WebhookOptions.Section);
        services.AddWebhookSender();
        services.AddSingleton<WebhookSecretProtector>();
        services.AddSingleton<WebhookSubscriptionStore>();
        services.AddSingleton<WebhookDeliveryLog>();
        services.AddSingleton<WebhookPayloads>();

        return builder;
    }

    /// <summary>The sender and its SSRF-safe HttpClient: a resolver (DNS unless one is registered already), the
    /// connect-time check, and a handler that neither follows redirects nor uses a proxy.</summary>
    internal static IServiceCollection AddWebhookSender(this IServiceCollection services)
    {
        services.TryAddSingleton<IWebhookHostResolver, DnsHostResolver>();
        services.AddSingleton<WebhookTargetConnector>();
        services.AddSingleton<WebhookSender>();
        services.AddHttpClient(WebhookSender.HttpClientName, (provider, client) =>
                client.Timeout = provider.GetRequiredService<IOptions<WebhookOptions>>().Value.DeliveryTimeout)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                // Our own connect: resolve, check every address, connect to exactly those. A proxy would connect instead
                // of us, and a redirect would go where the check never looked.
                ConnectCallback = provider.GetRequiredService<WebhookTargetConnector>().ConnectAsync,
                UseProxy = false,
                AllowAutoRedirect = false,
                UseCookies = false,
                ConnectTimeout = TimeSpan.FromSeconds(10),
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            // The default handler logs every request URL, and partners sometimes put tokens in their URLs.
            .RemoveAllLoggers();
        return services;
    }
}
