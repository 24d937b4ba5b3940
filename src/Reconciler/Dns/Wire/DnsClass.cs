using System.Globalization;

namespace Reconciler.Dns.Wire;

/// <summary>
/// A record or question class by its code. Zones are IN; CH carries server identity (<c>id.server</c>); NONE and
/// ANY have special meanings in UPDATE prerequisites and deletions (RFC 2136 §2.4, §2.5).
/// </summary>
public readonly record struct DnsClass(ushort Code)
{
    public static DnsClass IN => new(1);

    public static DnsClass CH => new(3);

    public static DnsClass None => new(254);

    public static DnsClass Any => new(255);

    public override string ToString() => Code switch
    {
        1 => "IN",
        3 => "CH",
        4 => "HS",
        254 => "NONE",
        255 => "ANY",
        _ => "CLASS" + Code.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>IN, CH, HS, NONE, ANY or CLASSnnn, case-insensitive.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DnsClass value)
    {
        foreach (var known in (ReadOnlySpan<ushort>)[1, 3, 4, 254, 255])
        {
            if (text.Equals(new DnsClass(known).ToString(), StringComparison.OrdinalIgnoreCase))
            {
                value = new DnsClass(known);
                return true;
            }
        }

        if (text.Length > 5 && text[..5].Equals("CLASS", StringComparison.OrdinalIgnoreCase)
            && ushort.TryParse(text[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            value = new DnsClass(code);
            return true;
        }

        value = default;
        return false;
    }
}
