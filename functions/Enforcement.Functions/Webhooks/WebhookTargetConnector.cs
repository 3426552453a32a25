using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Webhooks;

/// <summary>
/// The SSRF defence at connect time: the ConnectCallback of the webhook HttpClient. It resolves the host itself,
/// refuses the connection if any address is not a permitted target, and connects to exactly the checked addresses.
/// </summary>
internal sealed class WebhookTargetConnector(IWebhookHostResolver resolver, IOptions<WebhookOptions> options)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await CheckedAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The host's addresses when every one of them is a permitted target; throws otherwise.</summary>
    public async Task<IPAddress[]> CheckedAddressesAsync(string host, CancellationToken cancellationToken)
    {
        var addresses = TargetAddressRules.TryParseLiteral(host, out var literal)
            ? [literal]
            : await resolver.ResolveAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new WebhookTargetRefusedException("the host has no addresses");
        }

        // One inward address is enough to refuse: a name that mixes public and internal answers is an attack or a mistake.
        foreach (var address in addresses)
        {
            if (TargetAddressRules.WhyForbidden(address, options.Value.AllowPrivateNetworkTargets) is { } why)
            {
                throw new WebhookTargetRefusedException($"the host resolves to a forbidden address: {why}");
            }
        }

        return addresses;
    }
}

/// <summary>The target is not one a webhook may reach. The message names the rule, never the address.</summary>
internal sealed class WebhookTargetRefusedException(string message) : Exception(message);
