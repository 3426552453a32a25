using System.Net.Sockets;

namespace Enforcement.Functions.Webhooks;

/// <summary>
/// What a webhook URL must look like, checked when a subscription is saved and again before every attempt:
/// absolute https (plain http only with Webhooks:AllowPrivateNetworkTargets), no credentials, no fragment, and a host
/// that is not an internal address literal. DNS names are resolved and checked at connect time
/// (<see cref="WebhookTargetConnector"/>); at subscription time too, to give early feedback.
/// </summary>
internal static class WebhookUrlRules
{
    public const int MaxLength = 2048;

    /// <summary>Why the URL cannot be a webhook target, or null when its form is acceptable.</summary>
    public static string? Check(string? url, bool allowPrivateNetworkTargets)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxLength)
        {
            return $"Required: an absolute https URL of at most {MaxLength} characters.";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.IsFile || uri.IsUnc)
        {
            return "Must be an absolute https URL.";
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !(allowPrivateNetworkTargets && uri.Scheme == Uri.UriSchemeHttp))
        {
            return "Must use https.";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "Must not carry credentials (user:password@): authenticate deliveries by their signature.";
        }

        if (uri.Fragment.Length > 0)
        {
            return "Must not have a fragment (#...).";
        }

        if (uri.HostNameType == UriHostNameType.IPv4 && !url.Contains("//" + uri.Host, StringComparison.OrdinalIgnoreCase))
        {
            return "An IPv4 address must be written in dotted-decimal form (a.b.c.d).";
        }

        var host = uri.IdnHost;
        if (TargetAddressRules.TryParseLiteral(host, out var address))
        {
            return TargetAddressRules.WhyForbidden(address, allowPrivateNetworkTargets) is { } why ? $"Must not point at an internal address: {why}." : null;
        }

        if (uri.HostNameType != UriHostNameType.Dns || !host.Contains('.', StringComparison.Ordinal))
        {
            return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) && allowPrivateNetworkTargets
                ? null
                : "The host must be a fully qualified domain name or a public IP address.";
        }

        return host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) && !allowPrivateNetworkTargets
            ? "Must not point at an internal address: loopback (.localhost)."
            : null;
    }

    /// <summary>Resolves the host now and refuses a name that already points inward. A name that does not resolve
    /// (yet) is accepted: every delivery checks again.</summary>
    public static async Task<string?> CheckResolutionAsync(string url, WebhookTargetConnector connector, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            await connector.CheckedAddressesAsync(new Uri(url).IdnHost, timeout.Token);
            return null;
        }
        catch (WebhookTargetRefusedException ex)
        {
            return $"Must not point at an internal address: {ex.Message}.";
        }
        catch (Exception ex) when (ex is SocketException or ArgumentException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
