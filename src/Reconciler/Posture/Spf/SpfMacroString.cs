using System.Globalization;
using System.Text;

namespace Reconciler.Posture.Spf;

/// <summary>
/// A parsed macro-string (RFC 7208 §7.1): literals and <c>%{letter transformers delimiters}</c> expansions.
/// </summary>
internal sealed class SpfMacroString
{
    private const string Delimiters = ".-+,/_=";

    private SpfMacroString(string text, IReadOnlyList<Part> parts)
    {
        Text = text;
        Parts = parts;
    }

    public string Text { get; }

    public IReadOnlyList<Part> Parts { get; }

    public bool HasMacros => Parts.Any(p => p is Expand);

    /// <summary>Parses a macro-string. <paramref name="explanation"/> allows SP and the c, r, t letters (exp text).</summary>
    public static SpfMacroString Parse(string text, bool explanation)
    {
        var parts = new List<Part>();
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '%')
            {
                if ((c < 0x21 || c > 0x7E) && !(explanation && c == ' '))
                {
                    throw new SpfSyntaxException(
                        $"'{Printable(text)}' contains character U+{(int)c:X4}, which is not allowed there");
                }

                literal.Append(c);
                continue;
            }

            if (i + 1 >= text.Length)
            {
                throw new SpfSyntaxException($"'{Printable(text)}' ends with a lone '%'; write '%%' for a percent sign");
            }

            var next = text[++i];
            switch (next)
            {
                case '%':
                    literal.Append('%');
                    continue;
                case '_':
                    literal.Append(' ');
                    continue;
                case '-':
                    literal.Append("%20");
                    continue;
                case '{':
                    break;
                default:
                    throw new SpfSyntaxException(
                        $"'{Printable(text)}': '%' must be followed by '{{', '%', '_' or '-', not '{next}'");
            }

            var close = text.IndexOf('}', i);
            if (close < 0)
            {
                throw new SpfSyntaxException($"'{Printable(text)}': macro '%{{' is not closed with '}}'");
            }

            var body = text.Substring(i + 1, close - i - 1);
            if (literal.Length > 0)
            {
                parts.Add(new Literal(literal.ToString()));
                literal.Clear();
            }

            parts.Add(ParseExpand(text, body, explanation));
            i = close;
        }

        if (literal.Length > 0)
        {
            parts.Add(new Literal(literal.ToString()));
        }

        return new SpfMacroString(text, parts);
    }

    /// <summary>Expands the string; each expansion's value comes from <paramref name="context"/>.</summary>
    public async Task<string> ExpandAsync(SpfMacroContext context, CancellationToken cancellationToken)
    {
        var sb = new StringBuilder();
        foreach (var part in Parts)
        {
            switch (part)
            {
                case Literal l:
                    sb.Append(l.Value);
                    break;
                case Expand e:
                    var value = await context.ValueOfAsync(e.Letter, cancellationToken).ConfigureAwait(false);
                    sb.Append(e.Apply(value));
                    break;
            }
        }

        return sb.ToString();
    }

    private static Expand ParseExpand(string text, string body, bool explanation)
    {
        if (body.Length == 0)
        {
            throw new SpfSyntaxException($"'{Printable(text)}': empty macro '%{{}}'");
        }

        var letterChar = body[0];
        var letter = char.ToLowerInvariant(letterChar);
        var allowed = explanation ? "slodipvhcrt" : "slodipvh";
        if (!allowed.Contains(letter) || letterChar > 0x7E)
        {
            var hint = "crt".Contains(letter) ? " (c, r and t are only allowed in explanation text)" : "";
            throw new SpfSyntaxException($"'{Printable(text)}': unknown macro letter '{letterChar}'{hint}");
        }

        var pos = 1;
        var digitsStart = pos;
        while (pos < body.Length && char.IsAsciiDigit(body[pos]))
        {
            pos++;
        }

        int? keep = null;
        if (pos > digitsStart)
        {
            var digits = body[digitsStart..pos];
            var number = digits.Length > 3 ? 999 : int.Parse(digits, CultureInfo.InvariantCulture);
            if (number == 0)
            {
                throw new SpfSyntaxException($"'{Printable(text)}': the number of labels to keep must not be zero");
            }

            keep = number;
        }

        var reverse = false;
        if (pos < body.Length && (body[pos] == 'r' || body[pos] == 'R'))
        {
            reverse = true;
            pos++;
        }

        var delimiters = body[pos..];
        foreach (var d in delimiters)
        {
            if (!Delimiters.Contains(d))
            {
                throw new SpfSyntaxException(
                    $"'{Printable(text)}': '{d}' is not a macro delimiter (allowed: {Delimiters})");
            }
        }

        return new Expand(letter, char.IsUpper(letterChar), keep, reverse, delimiters.Length == 0 ? "." : delimiters);
    }

    internal static string Printable(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            sb.Append(c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString());
        }

        return sb.ToString();
    }

    internal abstract record Part;

    internal sealed record Literal(string Value) : Part;

    internal sealed record Expand(char Letter, bool UrlEscape, int? Keep, bool Reverse, string Delimiters) : Part
    {
        public string Apply(string value)
        {
            IEnumerable<string> labels = value.Split(Delimiters.ToCharArray());
            if (Reverse)
            {
                labels = labels.Reverse();
            }

            var list = labels.ToList();
            if (Keep is { } keep && keep < list.Count)
            {
                list = list.GetRange(list.Count - keep, keep);
            }

            var joined = string.Join('.', list);
            return UrlEscape ? Escape(joined) : joined;
        }

        private static string Escape(string value)
        {
            var sb = new StringBuilder();
            foreach (var b in Encoding.UTF8.GetBytes(value))
            {
                var c = (char)b;
                if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~')
                {
                    sb.Append(c);
                }
                else
                {
                    sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }

            return sb.ToString();
        }
    }
}
