using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Reconciler.Dns.Client;

/// <summary>
/// A DNS server as configured: <c>host</c>, <c>host:port</c>, <c>[v6]:port</c> or a bare IPv6 address; port 53
/// unless given. Host names are resolved when the client connects.
/// </summary>
public sealed record DnsServerAddress(string Host, int Port)
{
    public const int DefaultPort = 53;

    /// <exception cref="FormatException">Not a host with an optional port 1-65535.</exception>
    public static DnsServerAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (t.Length == 0)
        {
            throw new FormatException("a DNS server address is empty; write host:port, e.g. 127.0.0.1:53 or [::1]:53");
        }

        if (t.StartsWith('['))
        {
            var close = t.IndexOf(']');
            if (close < 0)
            {
                throw new FormatException($"the DNS server address '{t}' opens '[' without closing it; write [v6-address]:port");
            }

            var host = t[1..close];
            var rest = t[(close + 1)..];
            if (!IPAddress.TryParse(host, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                throw new FormatException($"'{host}' in '{t}' is not an IPv6 address");
            }

            return rest.Length == 0 ? new(host, DefaultPort)
                : rest.StartsWith(':') ? new(host, ParsePort(rest[1..], t))
                : throw new FormatException($"unexpected '{rest}' after ']' in the DNS server address '{t}'; write [v6-address]:port");
        }

        if (IPAddress.TryParse(t, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return new(t, DefaultPort);
        }

        var colon = t.LastIndexOf(':');
        if (colon < 0)
        {
            return new(t, DefaultPort);
        }

        if (t.IndexOf(':') != colon)
        {
            throw new FormatException($"the DNS server address '{t}' is ambiguous; write an IPv6 address with a port as [v6-address]:port");
        }

        var name = t[..colon];
        if (name.Length == 0)
        {
            throw new FormatException($"the DNS server address '{t}' has no host before the port");
        }

        return new(name, ParsePort(t[(colon + 1)..], t));
    }

    /// <summary>The addresses to try, in order: the literal address, or what the host name resolves to.</summary>
    public async Task<IReadOnlyList<IPEndPoint>> ResolveAsync(CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(Host, out var address))
        {
            return [new IPEndPoint(address, Port)];
        }

        IPAddress[] addresses;
        try
        {
            addresses = await System.Net.Dns.GetHostAddressesAsync(Host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            throw new DnsException($"cannot resolve the DNS server name '{Host}': {ex.Message}; use an IP address or fix the name", ToString(), ex);
        }

        if (addresses.Length == 0)
        {
            throw new DnsException($"the DNS server name '{Host}' has no addresses; use an IP address or fix the name", ToString());
        }

        return addresses.Select(a => new IPEndPoint(a, Port)).ToArray();
    }

    public override string ToString() =>
        Host.Contains(':') ? $"[{Host}]:{Port.ToString(CultureInfo.InvariantCulture)}" : $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    private static int ParsePort(string text, string whole) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new FormatException($"the port in the DNS server address '{whole}' must be a number from 1 to 65535");
}
