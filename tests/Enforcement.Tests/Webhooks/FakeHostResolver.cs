using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Enforcement.Functions.Webhooks;

namespace Enforcement.Tests.Webhooks;

/// <summary>Answers for the names a test sets; every other name does not exist. Never asks DNS.</summary>
public sealed class FakeHostResolver : IWebhookHostResolver
{
    private readonly ConcurrentDictionary<string, IPAddress[]> _hosts = new(StringComparer.OrdinalIgnoreCase);

    public int Lookups => _lookups;

    private int _lookups;

    public void Set(string host, params IPAddress[] addresses) => _hosts[host] = addresses;

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lookups);
        return _hosts.TryGetValue(host, out var addresses)
            ? Task.FromResult(addresses)
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
    }
}
