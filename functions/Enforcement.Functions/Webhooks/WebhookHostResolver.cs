using System.Net;

namespace Enforcement.Functions.Webhooks;

/// <summary>Resolves a webhook target's host name. The connection is made to exactly the addresses returned here,
/// after they were checked, so a name that resolves inward (or rebinds between check and use) is refused.</summary>
internal interface IWebhookHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

internal sealed class DnsHostResolver : IWebhookHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);
}
