using System.Text;

namespace Reconciler.Schema.Validation.JsonSchema;

/// <summary>RFC 6901 helpers.</summary>
internal static class JsonPointer
{
    public static string Escape(string token) =>
        token.AsSpan().IndexOfAny('~', '/') < 0 ? token : token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Append(string pointer, string token) => pointer + "/" + Escape(token);

    public static string Append(string pointer, int index) => pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Splits a pointer (already percent-decoded) into unescaped tokens; null when it is not a pointer.</summary>
    public static string[]? Parse(string pointer)
    {
        if (pointer.Length == 0)
        {
            return [];
        }

        if (pointer[0] != '/')
        {
            return null;
        }

        var parts = pointer[1..].Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = parts[i].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
        }

        return parts;
    }

    /// <summary>Percent-decodes a URI fragment (UTF-8); $ref fragments may escape characters such as '%' and '"'.</summary>
    public static string DecodeFragment(string fragment)
    {
        if (!fragment.Contains('%', StringComparison.Ordinal))
        {
            return fragment;
        }

        var sb = new StringBuilder(fragment.Length);
        var bytes = new List<byte>();
        for (var i = 0; i < fragment.Length; i++)
        {
            if (fragment[i] == '%' && i + 2 < fragment.Length && Uri.IsHexDigit(fragment[i + 1]) && Uri.IsHexDigit(fragment[i + 2]))
            {
                bytes.Add((byte)Convert.ToInt32(fragment.Substring(i + 1, 2), 16));
                i += 2;
                continue;
            }

            Flush();
            sb.Append(fragment[i]);
        }

        Flush();
        return sb.ToString();

        void Flush()
        {
            if (bytes.Count > 0)
            {
                sb.Append(Encoding.UTF8.GetString(bytes.ToArray()));
                bytes.Clear();
            }
        }
    }
}
