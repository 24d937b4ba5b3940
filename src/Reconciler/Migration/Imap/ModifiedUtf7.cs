using System.Text;

namespace Reconciler.Migration.Imap;

/// <summary>
/// IMAP's modified UTF-7 for mailbox names (RFC 3501 §5.1.3): printable ASCII stands for itself ("&amp;" becomes
/// "&amp;-"); any other run of characters becomes "&amp;" + base64 of its UTF-16BE with "," for "/" and no padding + "-".
/// </summary>
public static class ModifiedUtf7
{
    public static string Encode(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (IsPlainAscii(name))
        {
            return name;
        }

        var sb = new StringBuilder(name.Length + 8);
        var i = 0;
        while (i < name.Length)
        {
            var c = name[i];
            if (IsPrintable(c))
            {
                sb.Append(c == '&' ? "&-" : c);
                i++;
                continue;
            }

            var start = i;
            while (i < name.Length && !IsPrintable(name[i]))
            {
                i++;
            }

            var bytes = Encoding.BigEndianUnicode.GetBytes(name, start, i - start);
            var b64 = Convert.ToBase64String(bytes).TrimEnd('=').Replace('/', ',');
            sb.Append('&').Append(b64).Append('-');
        }

        return sb.ToString();
    }

    public static string Decode(string encoded) =>
        TryDecode(encoded, out var name)
            ? name
            : throw new FormatException($"'{encoded}' is not a valid modified UTF-7 mailbox name.");

    public static bool TryDecode(string encoded, out string name)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        name = encoded;
        if (encoded.IndexOf('&') < 0)
        {
            return IsPlainAscii(encoded);
        }

        var sb = new StringBuilder(encoded.Length);
        var i = 0;
        while (i < encoded.Length)
        {
            var c = encoded[i];
            if (!IsPrintable(c))
            {
                return false;
            }

            if (c != '&')
            {
                sb.Append(c);
                i++;
                continue;
            }

            var end = encoded.IndexOf('-', i + 1);
            if (end < 0)
            {
                return false;
            }

            if (end == i + 1)
            {
                sb.Append('&');
                i = end + 1;
                continue;
            }

            var b64 = encoded.AsSpan(i + 1, end - i - 1);
            if (!TryDecodeRun(b64, sb))
            {
                return false;
            }

            i = end + 1;
        }

        name = sb.ToString();
        return true;
    }

    private static bool TryDecodeRun(ReadOnlySpan<char> b64, StringBuilder sb)
    {
        // Padding back to a multiple of 4 and "/" for ",", then plain base64; the bytes must be whole UTF-16 units.
        var padded = new char[(b64.Length + 3) / 4 * 4];
        for (var k = 0; k < padded.Length; k++)
        {
            if (k < b64.Length)
            {
                var ch = b64[k];
                if (ch == '/' || ch == '=')
                {
                    return false;
                }

                padded[k] = ch == ',' ? '/' : ch;
            }
            else
            {
                padded[k] = '=';
            }
        }

        var bytes = new byte[padded.Length / 4 * 3];
        if (!Convert.TryFromBase64Chars(padded, bytes, out var count) || count % 2 != 0 || count == 0)
        {
            return false;
        }

        var text = Encoding.BigEndianUnicode.GetString(bytes, 0, count);
        foreach (var ch in text)
        {
            // A run that only holds printable ASCII should never have been encoded.
            if (IsPrintable(ch))
            {
                return false;
            }
        }

        sb.Append(text);
        return true;
    }

    private static bool IsPrintable(char c) => c >= 0x20 && c <= 0x7e;

    private static bool IsPlainAscii(string s)
    {
        foreach (var c in s)
        {
            if (!IsPrintable(c) || c == '&')
            {
                return false;
            }
        }

        return true;
    }
}
