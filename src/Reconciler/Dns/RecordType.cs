using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Reconciler.Dns;

/// <summary>
/// A record type by its 16-bit code. The types this tool manages have mnemonics; any other prints and parses as
/// <c>TYPEnnn</c> (RFC 3597), and <c>TYPE1</c> reads as <c>A</c>.
/// </summary>
public readonly record struct RecordType(ushort Code) : IComparable<RecordType>
{
    public static RecordType A => new(1);
    public static RecordType NS => new(2);
    public static RecordType CNAME => new(5);
    public static RecordType SOA => new(6);
    public static RecordType PTR => new(12);
    public static RecordType MX => new(15);
    public static RecordType TXT => new(16);
    public static RecordType AAAA => new(28);
    public static RecordType SRV => new(33);
    public static RecordType TLSA => new(52);
    public static RecordType CAA => new(257);

    /// <summary>The types with their own record data class, in code order.</summary>
    public static IReadOnlyList<RecordType> Known { get; } = [A, NS, CNAME, SOA, PTR, MX, TXT, AAAA, SRV, TLSA, CAA];

    /// <summary>True for the types with a mnemonic and their own record data class.</summary>
    public bool IsKnown => Mnemonic(Code) is not null;

    /// <summary>The mnemonic (<c>MX</c>) or, for other types, <c>TYPEnnn</c>.</summary>
    public override string ToString() => Mnemonic(Code) ?? "TYPE" + Code.ToString(CultureInfo.InvariantCulture);

    public int CompareTo(RecordType other) => Code.CompareTo(other.Code);

    /// <exception cref="DnsFormatException">Neither a known mnemonic nor TYPEnnn.</exception>
    public static RecordType Parse(string text) =>
        TryParse(text, out var type)
            ? type
            : throw new DnsFormatException($"unknown record type '{text}'; {SupportedHint}");

    /// <summary>Case-insensitive: a known mnemonic, or <c>TYPEnnn</c> with nnn from 0 to 65535.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out RecordType type)
    {
        foreach (var known in Known)
        {
            if (text.Equals(Mnemonic(known.Code), StringComparison.OrdinalIgnoreCase))
            {
                type = known;
                return true;
            }
        }

        if (text.Length > 4 && text[..4].Equals("TYPE", StringComparison.OrdinalIgnoreCase)
            && char.IsAsciiDigit(text[4])
            && ushort.TryParse(text[4..], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            type = new RecordType(code);
            return true;
        }

        type = default;
        return false;
    }

    public static bool TryParse([NotNullWhen(true)] string? text, out RecordType type)
    {
        if (text is null)
        {
            type = default;
            return false;
        }

        return TryParse(text.AsSpan(), out type);
    }

    internal const string SupportedHint =
        "supported: A, AAAA, CAA, CNAME, MX, NS, PTR, SOA, SRV, TLSA, TXT; write any other type as TYPEnnn with \\# data (RFC 3597)";

    private static string? Mnemonic(ushort code) => code switch
    {
        1 => "A",
        2 => "NS",
        5 => "CNAME",
        6 => "SOA",
        12 => "PTR",
        15 => "MX",
        16 => "TXT",
        28 => "AAAA",
        33 => "SRV",
        52 => "TLSA",
        257 => "CAA",
        _ => null,
    };
}
