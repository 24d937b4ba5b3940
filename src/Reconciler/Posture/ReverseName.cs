using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Reconciler.Posture;

/// <summary>The in-addr.arpa / ip6.arpa name of an address, and the dotted forms the SPF macros use.</summary>
public static class ReverseName
{
    /// <summary><c>4.3.2.1.in-addr.arpa</c> or the 32-nibble <c>...ip6.arpa</c> name (lower case).</summary>
    public static string For(IPAddress address)
    {
        return address.AddressFamily == AddressFamily.InterNetwork
            ? string.Join('.', address.GetAddressBytes().Reverse()) + ".in-addr.arpa"
            : string.Join('.', Nibbles(address).Reverse()) + ".ip6.arpa";
    }

    /// <summary>IPv4 as dotted quad; IPv6 as 32 dot-separated lower-case nibbles (RFC 7208 §7.3 "i").</summary>
    public static string DottedForm(IPAddress address)
    {
        return address.AddressFamily == AddressFamily.InterNetwork
            ? address.ToString()
            : string.Join('.', Nibbles(address));
    }

    private static IEnumerable<string> Nibbles(IPAddress address)
    {
        var sb = new StringBuilder(32);
        foreach (var b in address.GetAddressBytes())
        {
            sb.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return sb.ToString().Select(c => c.ToString());
    }
}
