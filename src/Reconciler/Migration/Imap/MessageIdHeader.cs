using System.Text;

namespace Reconciler.Migration.Imap;

/// <summary>Finds the Message-ID value in a header block (from HEADER.FIELDS), unfolding continuation lines.</summary>
internal static class MessageIdHeader
{
    public static string? Extract(ReadOnlySpan<byte> headers)
    {
        while (!headers.IsEmpty)
        {
            var lineEnd = headers.IndexOf((byte)'\n');
            var line = lineEnd < 0 ? headers : headers[..lineEnd];
            headers = lineEnd < 0 ? [] : headers[(lineEnd + 1)..];
            if (line.Length > 11 && Ascii.EqualsIgnoreCase(line[..11], "MESSAGE-ID:"u8))
            {
                var value = new StringBuilder(Encoding.UTF8.GetString(line[11..]).Trim());
                // Folded value: following lines that start with white space belong to it.
                while (!headers.IsEmpty && headers[0] is (byte)' ' or (byte)'\t')
                {
                    lineEnd = headers.IndexOf((byte)'\n');
                    var cont = lineEnd < 0 ? headers : headers[..lineEnd];
                    headers = lineEnd < 0 ? [] : headers[(lineEnd + 1)..];
                    value.Append(Encoding.UTF8.GetString(cont).Trim());
                }

                var text = value.ToString().Trim();
                return text.Length == 0 ? null : text;
            }
        }

        return null;
    }
}
