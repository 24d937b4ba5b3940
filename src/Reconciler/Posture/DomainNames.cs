namespace Reconciler.Posture;

/// <summary>Small domain-name rules shared by the posture checks.</summary>
public static class DomainNames
{
    /// <summary>Lower case, without the trailing dot.</summary>
    public static string Normalize(string name) =>
        (name.EndsWith('.') ? name[..^1] : name).ToLowerInvariant();

    /// <summary>True when a DNS question can be formed: 1 to 253 octets, every label 1 to 63 octets.</summary>
    public static bool IsQueryable(string name)
    {
        var n = name.EndsWith('.') ? name[..^1] : name;
        if (n.Length is 0 or > 253)
        {
            return false;
        }

        foreach (var label in n.Split('.'))
        {
            if (label.Length is 0 or > 63)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Queryable, with at least two labels and not an address literal: what RFC 7208 §4.3 wants of the
    /// domain given to check_host().</summary>
    public static bool IsMultiLabelDomain(string name) =>
        IsQueryable(name) && !name.StartsWith('[') && Normalize(name).Contains('.');

    /// <summary>Equal to <paramref name="parent"/> or under it (case-insensitive, trailing dots ignored).</summary>
    public static bool IsAtOrBelow(string name, string parent)
    {
        var n = Normalize(name);
        var p = Normalize(parent);
        return n == p || n.EndsWith("." + p, StringComparison.Ordinal);
    }

    /// <summary>RFC 7208 §7.3: when an expanded name exceeds 253 characters, drop labels from the left.</summary>
    public static string TruncateLeft(string name)
    {
        var n = name;
        while (n.Length > 253)
        {
            var dot = n.IndexOf('.');
            if (dot < 0)
            {
                return n;
            }

            n = n[(dot + 1)..];
        }

        return n;
    }
}
