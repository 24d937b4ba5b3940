namespace Reconciler.Schema.Validation.JsonSchema.Formats;

/// <summary>
/// <c>ipv4</c>: RFC 2673 dotted-quad, four decimal octets without leading zeros (which some parsers read as octal).
/// <c>ipv6</c>: RFC 4291 §2.2 text forms, no zone index, no prefix length, no brackets.
/// </summary>
internal static class IpAddresses
{
    public static bool IsIpv4(ReadOnlySpan<char> s)
    {
        var parts = 0;
        while (true)
        {
            var dot = s.IndexOf('.');
            var part = dot < 0 ? s : s[..dot];
            if (!IsOctet(part) || ++parts > 4)
            {
                return false;
            }

            if (dot < 0)
            {
                return parts == 4;
            }

            s = s[(dot + 1)..];
        }
    }

    public static bool IsIpv6(ReadOnlySpan<char> s)
    {
        var gap = s.IndexOf("::");
        if (gap < 0)
        {
            return CountGroups(s, allowIpv4Tail: true) == 8;
        }

        var head = s[..gap];
        var tail = s[(gap + 2)..];
        if (tail.IndexOf("::") >= 0 || (tail.Length > 0 && tail[0] == ':'))
        {
            return false;
        }

        var h = head.IsEmpty ? 0 : CountGroups(head, allowIpv4Tail: false);
        var t = tail.IsEmpty ? 0 : CountGroups(tail, allowIpv4Tail: true);
        return h >= 0 && t >= 0 && h + t <= 7;
    }

    /// <summary>Number of 16-bit groups in a colon-separated run, or -1 if malformed.</summary>
    private static int CountGroups(ReadOnlySpan<char> s, bool allowIpv4Tail)
    {
        var groups = 0;
        while (true)
        {
            var colon = s.IndexOf(':');
            var part = colon < 0 ? s : s[..colon];
            if (colon < 0 && allowIpv4Tail && part.IndexOf('.') >= 0)
            {
                return IsIpv4(part) ? groups + 2 : -1;
            }

            if (part.Length is 0 or > 4)
            {
                return -1;
            }

            foreach (var c in part)
            {
                if (!char.IsAsciiHexDigit(c))
                {
                    return -1;
                }
            }

            groups++;
            if (colon < 0)
            {
                return groups;
            }

            s = s[(colon + 1)..];
        }
    }

    private static bool IsOctet(ReadOnlySpan<char> part)
    {
        if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0'))
        {
            return false;
        }

        var value = 0;
        foreach (var c in part)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return value <= 255;
    }
}
