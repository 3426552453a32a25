using System.Net;
using System.Net.Sockets;

namespace Enforcement.Functions.Webhooks;

/// <summary>
/// Which addresses a webhook may connect to: only globally routable unicast ones. Everything that reaches inside our
/// own network or host (loopback, RFC 1918, carrier-grade NAT, link-local and the metadata service at 169.254.169.254,
/// unique-local, multicast, broadcast, unspecified, reserved and documentation ranges) is refused, also when an IPv6
/// address carries such an IPv4 address inside it (IPv4-mapped, IPv4-compatible, NAT64, 6to4).
/// </summary>
internal static class TargetAddressRules
{
    private static readonly (uint Network, int Bits, string Name)[] ForbiddenV4 =
    [
        (0x00000000, 8, "this network (0.0.0.0/8)"),
        (0x0A000000, 8, "private (10.0.0.0/8)"),
        (0x64400000, 10, "carrier-grade NAT (100.64.0.0/10)"),
        (0x7F000000, 8, "loopback (127.0.0.0/8)"),
        (0xA9FE0000, 16, "link-local (169.254.0.0/16)"),
        (0xAC100000, 12, "private (172.16.0.0/12)"),
        (0xC0000000, 24, "IETF protocol assignments (192.0.0.0/24)"),
        (0xC0000200, 24, "documentation (192.0.2.0/24)"),
        (0xC0586300, 24, "6to4 relay anycast (192.88.99.0/24)"),
        (0xC0A80000, 16, "private (192.168.0.0/16)"),
        (0xC6120000, 15, "benchmarking (198.18.0.0/15)"),
        (0xC6336400, 24, "documentation (198.51.100.0/24)"),
        (0xCB007100, 24, "documentation (203.0.113.0/24)"),
        (0xE0000000, 4, "multicast (224.0.0.0/4)"),
        (0xF0000000, 4, "reserved or broadcast (240.0.0.0/4)"),
    ];

    /// <summary>Why the address may not be a webhook target, or null when it may.</summary>
    public static string? WhyForbidden(IPAddress address, bool allowLoopback)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return WhyForbiddenV4(address, allowLoopback);
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "not an IP address";
        }

        if (EmbeddedV4(address) is { } embedded)
        {
            return WhyForbiddenV4(embedded, allowLoopback) is { } inner ? $"{inner}, inside an IPv6 address" : null;
        }

        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return allowLoopback ? null : "loopback (::1)";
        }

        var bytes = address.GetAddressBytes();
        return bytes switch
        {
            _ when address.Equals(IPAddress.IPv6Any) => "unspecified (::)",
            [0xFF, ..] => "multicast (ff00::/8)",
            [var b0, ..] when (b0 & 0xFE) == 0xFC => "unique-local (fc00::/7)",
            [0xFE, var b1, ..] when (b1 & 0xC0) == 0x80 => "link-local (fe80::/10)",
            [0xFE, var b1, ..] when (b1 & 0xC0) == 0xC0 => "site-local (fec0::/10)",
            [0x01, 0x00, 0, 0, 0, 0, 0, 0, ..] => "discard-only (100::/64)",
            [0x20, 0x01, 0x0D, 0xB8, ..] => "documentation (2001:db8::/32)",
            [0x20, 0x01, 0x00, 0x00, ..] => "Teredo (2001::/32)",
            [var b0, ..] when (b0 & 0xE0) != 0x20 => "outside global unicast (2000::/3)",
            _ => null,
        };
    }

    private static string? WhyForbiddenV4(IPAddress address, bool allowLoopback)
    {
        var bytes = address.GetAddressBytes();
        var value = ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
        foreach (var (network, bits, name) in ForbiddenV4)
        {
            var mask = uint.MaxValue << (32 - bits);
            if ((value & mask) == network)
            {
                return allowLoopback && network == 0x7F000000 ? null : name;
            }
        }

        return null;
    }

    /// <summary>The IPv4 address an IPv6 address stands for: IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible
    /// (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d and 64:ff9b:1::/48) and 6to4 (2002:aabb:ccdd::).</summary>
    private static IPAddress? EmbeddedV4(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        var b = address.GetAddressBytes();
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && b[15] <= 1))
        {
            return new IPAddress(b.AsSpan(12, 4));
        }

        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && (b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0 || (b[4] == 0 && b[5] == 1)))
        {
            return new IPAddress(b.AsSpan(12, 4));
        }

        return b[0] == 0x20 && b[1] == 0x02 ? new IPAddress(b.AsSpan(2, 4)) : null;
    }

    /// <summary>
    /// A host that is an IP address literal, in any spelling a resolver would accept: dotted decimal, but also the
    /// inet_aton forms (one to four parts, each decimal, octal with a leading 0 or hex with 0x: 2130706433,
    /// 0177.0.0.1, 0x7f.1, 127.1), bracketed IPv6 and IPv6 with a zone. Such hosts are never sent to DNS.
    /// </summary>
    public static bool TryParseLiteral(string host, out IPAddress address)
    {
        var text = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        var zone = text.IndexOf('%', StringComparison.Ordinal);
        if (zone >= 0 && text.Contains(':', StringComparison.Ordinal))
        {
            text = text[..zone];
        }

        if (text.Length > 0 && (text.Contains(':', StringComparison.Ordinal) || text.All(c => char.IsAsciiHexDigit(c) || c is '.' or 'x' or 'X'))
            && IPAddress.TryParse(text, out var parsed))
        {
            address = parsed;
            return true;
        }

        address = IPAddress.None;
        return false;
    }
}
