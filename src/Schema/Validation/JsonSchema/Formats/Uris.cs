namespace Reconciler.Schema.Validation.JsonSchema.Formats;

/// <summary><c>uri</c>: an absolute RFC 3986 URI (scheme required), checked against the RFC's grammar.</summary>
internal static class Uris
{
    private const string SubDelims = "!$&'()*+,;=";

    public static bool IsUri(string s, out string? reason)
    {
        reason = null;
        var colon = s.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !char.IsAsciiLetter(s[0]))
        {
            reason = "it has no scheme (such as https:)";
            return false;
        }

        foreach (var c in s.AsSpan(0, colon))
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                reason = "the scheme contains characters that are not allowed";
                return false;
            }
        }

        var rest = s.AsSpan(colon + 1);
        var hash = rest.IndexOf('#');
        if (hash >= 0)
        {
            if (!AllOf(rest[(hash + 1)..], "/?"))
            {
                reason = "the fragment contains characters that must be percent-encoded";
                return false;
            }

            rest = rest[..hash];
        }

        var question = rest.IndexOf('?');
        if (question >= 0)
        {
            if (!AllOf(rest[(question + 1)..], "/?"))
            {
                reason = "the query contains characters that must be percent-encoded";
                return false;
            }

            rest = rest[..question];
        }

        if (rest.StartsWith("//"))
        {
            rest = rest[2..];
            var slash = rest.IndexOf('/');
            var authority = slash < 0 ? rest : rest[..slash];
            rest = slash < 0 ? [] : rest[slash..];
            if (!IsAuthority(authority))
            {
                reason = "the host or port part is not valid";
                return false;
            }
        }

        if (!AllOf(rest, "/"))
        {
            reason = "the path contains characters that must be percent-encoded";
            return false;
        }

        return true;
    }

    private static bool IsAuthority(ReadOnlySpan<char> authority)
    {
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            if (!All(authority[..at], ":"))
            {
                return false;
            }

            authority = authority[(at + 1)..];
        }

        ReadOnlySpan<char> port = [];
        if (authority.StartsWith("["))
        {
            var close = authority.IndexOf(']');
            if (close < 0)
            {
                return false;
            }

            var literal = authority[1..close];
            var ok = literal.StartsWith("v") || literal.StartsWith("V") ? IsIpvFuture(literal) : IpAddresses.IsIpv6(literal);
            if (!ok)
            {
                return false;
            }

            var after = authority[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':')
                {
                    return false;
                }

                port = after[1..];
            }
        }
        else
        {
            var colon = authority.IndexOf(':');
            if (colon >= 0)
            {
                port = authority[(colon + 1)..];
                authority = authority[..colon];
            }

            if (!All(authority, ""))
            {
                return false;
            }
        }

        foreach (var c in port)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIpvFuture(ReadOnlySpan<char> s)
    {
        var dot = s.IndexOf('.');
        if (dot < 2 || dot == s.Length - 1)
        {
            return false;
        }

        foreach (var c in s[1..dot])
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        foreach (var c in s[(dot + 1)..])
        {
            if (!IsUnreserved(c) && !SubDelims.Contains(c, StringComparison.Ordinal) && c != ':')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>pchar (unreserved, pct-encoded, sub-delims, ':' and '@') plus the extra characters given.</summary>
    private static bool AllOf(ReadOnlySpan<char> s, string extra) => All(s, ":@" + extra);

    private static bool All(ReadOnlySpan<char> s, string extra)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '%')
            {
                if (i + 2 >= s.Length || !char.IsAsciiHexDigit(s[i + 1]) || !char.IsAsciiHexDigit(s[i + 2]))
                {
                    return false;
                }

                i += 2;
                continue;
            }

            if (!IsUnreserved(c) && !SubDelims.Contains(c, StringComparison.Ordinal) && !extra.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';
}
