namespace Reconciler.Providers.PostfixDovecot;

/// <summary>Syntax checks for the keys of the state files: domains, addresses and catch-alls.</summary>
internal static class MailNames
{
    public static string NormalizeDomain(string domain) => domain.Trim().TrimEnd('.').ToLowerInvariant();

    public static bool IsDomain(string name)
    {
        if (name.Length is 0 or > 253)
        {
            return false;
        }

        foreach (var label in name.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The domain of <c>local@domain</c> (lower case), or null when the text is not such an address.</summary>
    public static string? DomainOfAddress(string address)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0 || !IsLocalPart(address.AsSpan(0, at)))
        {
            return null;
        }

        var domain = address[(at + 1)..].ToLowerInvariant();
        return IsDomain(domain) ? domain : null;
    }

    /// <summary>The domain of <c>@domain</c> (lower case), or null when the text is not a catch-all key.</summary>
    public static string? DomainOfCatchAll(string key)
    {
        if (key.Length < 2 || key[0] != '@')
        {
            return null;
        }

        var domain = key[1..].ToLowerInvariant();
        return IsDomain(domain) ? domain : null;
    }

    private static bool IsLocalPart(ReadOnlySpan<char> local)
    {
        foreach (var c in local)
        {
            if (c <= ' ' || c is ',' or ':' or '#' or '\u007f')
            {
                return false;
            }
        }

        return true;
    }
}
