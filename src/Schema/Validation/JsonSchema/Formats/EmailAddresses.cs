using System.Text;

namespace Reconciler.Schema.Validation.JsonSchema.Formats;

/// <summary>
/// <c>email</c>: an RFC 5321 Mailbox (dot-string or quoted-string local part; a host name or an [IPv4] /
/// [IPv6:...] address literal). <c>idn-email</c>: RFC 6531, which also allows non-ASCII characters in the
/// local part and an internationalized host name.
/// </summary>
internal static class EmailAddresses
{
    private const int MaxLocalPartOctets = 64;

    public static bool IsEmail(string s, out string? reason) => Check(s, international: false, out reason);

    public static bool IsIdnEmail(string s, out string? reason) => Check(s, international: true, out reason);

    private static bool Check(string s, bool international, out string? reason)
    {
        int at;
        if (s.StartsWith('"'))
        {
            var close = QuotedEnd(s, international);
            if (close < 0)
            {
                reason = "the quoted local part is not closed or contains characters that are not allowed";
                return false;
            }

            at = close + 1;
            if (at >= s.Length || s[at] != '@')
            {
                reason = "a quoted local part must be followed by '@'";
                return false;
            }
        }
        else
        {
            at = s.IndexOf('@', StringComparison.Ordinal);
            if (at < 0)
            {
                reason = "it has no '@'";
                return false;
            }

            if (!IsDotString(s.AsSpan(0, at), international, out reason))
            {
                return false;
            }
        }

        if (Encoding.UTF8.GetByteCount(s.AsSpan(0, at)) > MaxLocalPartOctets)
        {
            reason = $"the part before '@' is longer than {MaxLocalPartOctets} octets";
            return false;
        }

        var domain = s.AsSpan(at + 1);
        if (domain.Length == 0)
        {
            reason = "the domain after '@' is missing";
            return false;
        }

        if (domain is ['[', .., ']'])
        {
            var literal = domain[1..^1];
            var ok = literal.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase)
                ? IpAddresses.IsIpv6(literal[5..])
                : IpAddresses.IsIpv4(literal);
            reason = ok ? null : "the address literal after '@' is not a valid IP address";
            return ok;
        }

        var hostOk = international ? Hostnames.IsIdnHostname(domain.ToString(), out var why) : Hostnames.IsHostname(domain, out why);
        reason = hostOk ? null : $"the domain after '@' is not a valid host name: {why}";
        return hostOk;
    }

    private static bool IsDotString(ReadOnlySpan<char> local, bool international, out string? reason)
    {
        reason = null;
        if (local.IsEmpty)
        {
            reason = "the part before '@' is empty";
            return false;
        }

        if (local[0] == '.' || local[^1] == '.' || local.IndexOf("..") >= 0)
        {
            reason = "the part before '@' has a leading, trailing or doubled dot";
            return false;
        }

        foreach (var c in local)
        {
            if (c != '.' && !IsAtext(c, international))
            {
                reason = c == ' ' ? "the part before '@' contains a space (quote it, or remove it)" : $"the part before '@' contains '{c}'";
                return false;
            }
        }

        return true;
    }

    private static bool IsAtext(char c, bool international) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~".Contains(c, StringComparison.Ordinal) || (international && c >= 0x80);

    /// <summary>Index of the closing quote of a quoted-string local part, or -1.</summary>
    private static int QuotedEnd(string s, bool international)
    {
        for (var i = 1; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '"')
            {
                return i;
            }

            if (c == '\\')
            {
                if (++i >= s.Length || !(s[i] is >= ' ' and <= '~' || (international && s[i] >= 0x80)))
                {
                    return -1;
                }

                continue;
            }

            var qtext = c is ' ' or '!' or (>= '#' and <= '[') or (>= ']' and <= '~') || (international && c >= 0x80);
            if (!qtext)
            {
                return -1;
            }
        }

        return -1;
    }
}
