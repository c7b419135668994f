using System.Net;
using System.Net.Sockets;

namespace BffPlatform.PublicApi.Webhooks.Http;

/// <summary>
/// Which addresses a webhook may reach: public unicast only. Loopback only when explicitly allowed
/// (development and tests); private, shared (CGNAT), link-local (cloud metadata at 169.254.169.254
/// and fd00:ec2::254 included), multicast, documentation and reserved ranges never. IPv4 carried in
/// IPv6 (mapped, NAT64, 6to4) is judged as the IPv4 address it carries.
/// </summary>
public static class AddressPolicy
{
    private static readonly (IPAddress Network, int Prefix, string Why)[] RefusedV4 =
    [
        (IPAddress.Parse("0.0.0.0"), 8, "a 'this network' address"),
        (IPAddress.Parse("10.0.0.0"), 8, "a private address"),
        (IPAddress.Parse("100.64.0.0"), 10, "a shared (carrier-grade NAT) address"),
        (IPAddress.Parse("169.254.0.0"), 16, "a link-local address (cloud metadata lives there)"),
        (IPAddress.Parse("172.16.0.0"), 12, "a private address"),
        (IPAddress.Parse("192.0.0.0"), 24, "an IETF protocol address"),
        (IPAddress.Parse("192.0.2.0"), 24, "a documentation address"),
        (IPAddress.Parse("192.88.99.0"), 24, "a 6to4 relay address"),
        (IPAddress.Parse("192.168.0.0"), 16, "a private address"),
        (IPAddress.Parse("198.18.0.0"), 15, "a benchmarking address"),
        (IPAddress.Parse("198.51.100.0"), 24, "a documentation address"),
        (IPAddress.Parse("203.0.113.0"), 24, "a documentation address"),
        (IPAddress.Parse("224.0.0.0"), 4, "a multicast address"),
        (IPAddress.Parse("240.0.0.0"), 4, "a reserved address"),
    ];

    private static readonly (IPAddress Network, int Prefix, string Why)[] RefusedV6 =
    [
        (IPAddress.Parse("::"), 128, "the unspecified address"),
        (IPAddress.Parse("100::"), 64, "a discard-only address"),
        (IPAddress.Parse("2001:db8::"), 32, "a documentation address"),
        (IPAddress.Parse("fc00::"), 7, "a private (unique local) address"),
        (IPAddress.Parse("fe80::"), 10, "a link-local address"),
        (IPAddress.Parse("fec0::"), 10, "a site-local address"),
        (IPAddress.Parse("ff00::"), 8, "a multicast address"),
    ];

    private static readonly IPAddress Nat64 = IPAddress.Parse("64:ff9b::");
    private static readonly IPAddress SixToFour = IPAddress.Parse("2002::");

    /// <summary>Null when a webhook may connect to <paramref name="address"/>; otherwise why not.</summary>
    public static string? Refusal(IPAddress address, bool allowLoopback)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.IsIPv4MappedToIPv6)
            {
                return Refusal(address.MapToIPv4(), allowLoopback);
            }
            var bytes = address.GetAddressBytes();
            if (InPrefix(address, Nat64, 96))
            {
                return Refusal(new IPAddress(bytes.AsSpan(12, 4)), allowLoopback);
            }
            if (InPrefix(address, SixToFour, 16))
            {
                return Refusal(new IPAddress(bytes.AsSpan(2, 4)), allowLoopback);
            }
            if (IPAddress.IPv6Loopback.Equals(address))
            {
                return allowLoopback ? null : "a loopback address";
            }
            // ::a.b.c.d (IPv4-compatible, deprecated) reaches IPv4 hosts on some stacks.
            if (bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
            {
                return Refusal(new IPAddress(bytes.AsSpan(12, 4)), allowLoopback);
            }
            return RefusedV6.FirstOrDefault(r => InPrefix(address, r.Network, r.Prefix)).Why;
        }
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            return "not an IP address";
        }
        if (address.GetAddressBytes()[0] == 127)
        {
            return allowLoopback ? null : "a loopback address";
        }
        if (address.Equals(IPAddress.Broadcast))
        {
            return "the broadcast address";
        }
        return RefusedV4.FirstOrDefault(r => InPrefix(address, r.Network, r.Prefix)).Why;
    }

    private static bool InPrefix(IPAddress address, IPAddress network, int prefix)
    {
        if (address.AddressFamily != network.AddressFamily)
        {
            return false;
        }
        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        var whole = prefix / 8;
        if (!a.AsSpan(0, whole).SequenceEqual(n.AsSpan(0, whole)))
        {
            return false;
        }
        var rest = prefix % 8;
        if (rest == 0)
        {
            return true;
        }
        var mask = (byte)(0xFF << (8 - rest));
        return (a[whole] & mask) == (n[whole] & mask);
    }
}
