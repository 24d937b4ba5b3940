using System.Text;

namespace Reconciler.Dns.Presentation;

/// <summary>
/// The one place that decides how octets look in presentation format, so a record prints the same in plans, zone
/// files and dig-like output. Escapes follow BIND's master-file style, which keeps our output and
/// <c>named-compilezone</c>'s comparable.
/// </summary>
internal static class PresentationText
{
    /// <summary>Characters a name label escapes with a backslash: they delimit or mean something in zone files.</summary>
    public static bool IsNameSpecial(byte b) =>
        b is (byte)'"' or (byte)'(' or (byte)')' or (byte)'.' or (byte)';' or (byte)'\\' or (byte)'@' or (byte)'$';

    /// <summary>Writes one label octet in canonical form; returns the number of chars written (1, 2 or 4).</summary>
    public static int WriteNameOctet(Span<char> destination, byte b)
    {
        if (b is > 0x20 and < 0x7F)
        {
            if (IsNameSpecial(b))
            {
                destination[0] = '\\';
                destination[1] = (char)b;
                return 2;
            }

            destination[0] = (char)b;
            return 1;
        }

        WriteDecimalEscape(destination, b);
        return 4;
    }

    public static void WriteDecimalEscape(Span<char> destination, byte b)
    {
        destination[0] = '\\';
        destination[1] = (char)('0' + (b / 100));
        destination[2] = (char)('0' + (b / 10 % 10));
        destination[3] = (char)('0' + (b % 10));
    }

    /// <summary>A character-string in double quotes: <c>"</c> and <c>\</c> escaped, non-printable octets as \DDD.</summary>
    public static void AppendQuoted(StringBuilder sb, ReadOnlySpan<byte> octets)
    {
        Span<char> esc = stackalloc char[4];
        sb.Append('"');
        var runStart = 0;
        for (var i = 0; i < octets.Length; i++)
        {
            var b = octets[i];
            if (b is >= 0x20 and < 0x7F and not (byte)'"' and not (byte)'\\')
            {
                continue;
            }

            AppendAscii(sb, octets[runStart..i]);
            if (b is (byte)'"' or (byte)'\\')
            {
                sb.Append('\\').Append((char)b);
            }
            else
            {
                WriteDecimalEscape(esc, b);
                sb.Append(esc);
            }

            runStart = i + 1;
        }

        AppendAscii(sb, octets[runStart..]);
        sb.Append('"');
    }

    public static void AppendHex(StringBuilder sb, ReadOnlySpan<byte> octets)
    {
        const string digits = "0123456789ABCDEF";
        foreach (var b in octets)
        {
            sb.Append(digits[b >> 4]).Append(digits[b & 0xF]);
        }
    }

    /// <summary>Text quoted for an error message, shortened so one bad 2,000-character line does not flood a log.</summary>
    public static string Describe(ReadOnlySpan<char> text)
    {
        const int max = 80;
        return text.Length <= max ? $"'{text}'" : $"'{text[..max]}…'";
    }

    private static void AppendAscii(StringBuilder sb, ReadOnlySpan<byte> ascii)
    {
        if (ascii.IsEmpty)
        {
            return;
        }

        Span<char> chars = ascii.Length <= 256 ? stackalloc char[ascii.Length] : new char[ascii.Length];
        for (var i = 0; i < ascii.Length; i++)
        {
            chars[i] = (char)ascii[i];
        }

        sb.Append(chars);
    }
}
