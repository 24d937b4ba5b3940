using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Reconciler.Schema.Validation.JsonSchema;

/// <summary>
/// JSON Schema patterns are ECMA-262 regular expressions (with Unicode semantics); .NET's dialect differs in
/// details that matter for validation. This rewrites a pattern so .NET gives the ECMA answer:
/// <c>\d \w \s</c> and their negations are ASCII/ECMA sets (.NET's are Unicode-wide), <c>$</c> does not match
/// before a trailing newline, <c>.</c> excludes all ECMA line terminators and takes a whole surrogate pair,
/// astral literals are quantified as one character, <c>\p{Letter}</c>-style long property names map to
/// .NET's short ones, and <c>\u{...}</c> escapes become literals.
/// </summary>
internal static class EcmaRegex
{
    private const string DigitSet = "0-9";
    private const string NotDigitSet = @"\u0000-\u002F\u003A-\uFFFF";
    private const string WordSet = "0-9A-Z_a-z";
    private const string NotWordSet = @"\u0000-\u002F\u003A-\u0040\u005B-\u005E\u0060\u007B-\uFFFF";
    private const string SpaceSet = @"\u0009-\u000D\u0020\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF";
    private const string NotSpaceSet = @"\u0000-\u0008\u000E-\u001F\u0021-\u009F\u00A1-\u167F\u1681-\u1FFF\u200B-\u2027\u202A-\u202E\u2030-\u205E\u2060-\u2FFF\u3001-\uFEFE\uFF00-\uFFFF";
    private const string AnyButLineTerminator = @"(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|[^\n\r\u2028\u2029])";
    private const string WordBoundary = "(?:(?<=[0-9A-Z_a-z])(?![0-9A-Z_a-z])|(?<![0-9A-Z_a-z])(?=[0-9A-Z_a-z]))";
    private const string NotWordBoundary = "(?:(?<=[0-9A-Z_a-z])(?=[0-9A-Z_a-z])|(?<![0-9A-Z_a-z])(?![0-9A-Z_a-z]))";

    private static readonly Dictionary<string, string> Categories = new(StringComparer.Ordinal)
    {
        ["L"] = "L", ["Letter"] = "L",
        ["Lu"] = "Lu", ["Uppercase_Letter"] = "Lu",
        ["Ll"] = "Ll", ["Lowercase_Letter"] = "Ll",
        ["Lt"] = "Lt", ["Titlecase_Letter"] = "Lt",
        ["Lm"] = "Lm", ["Modifier_Letter"] = "Lm",
        ["Lo"] = "Lo", ["Other_Letter"] = "Lo",
        ["M"] = "M", ["Mark"] = "M", ["Combining_Mark"] = "M",
        ["Mn"] = "Mn", ["Nonspacing_Mark"] = "Mn",
        ["Mc"] = "Mc", ["Spacing_Mark"] = "Mc",
        ["Me"] = "Me", ["Enclosing_Mark"] = "Me",
        ["N"] = "N", ["Number"] = "N",
        ["Nd"] = "Nd", ["Decimal_Number"] = "Nd", ["digit"] = "Nd",
        ["Nl"] = "Nl", ["Letter_Number"] = "Nl",
        ["No"] = "No", ["Other_Number"] = "No",
        ["P"] = "P", ["Punctuation"] = "P", ["punct"] = "P",
        ["Pc"] = "Pc", ["Connector_Punctuation"] = "Pc",
        ["Pd"] = "Pd", ["Dash_Punctuation"] = "Pd",
        ["Ps"] = "Ps", ["Open_Punctuation"] = "Ps",
        ["Pe"] = "Pe", ["Close_Punctuation"] = "Pe",
        ["Pi"] = "Pi", ["Initial_Punctuation"] = "Pi",
        ["Pf"] = "Pf", ["Final_Punctuation"] = "Pf",
        ["Po"] = "Po", ["Other_Punctuation"] = "Po",
        ["S"] = "S", ["Symbol"] = "S",
        ["Sm"] = "Sm", ["Math_Symbol"] = "Sm",
        ["Sc"] = "Sc", ["Currency_Symbol"] = "Sc",
        ["Sk"] = "Sk", ["Modifier_Symbol"] = "Sk",
        ["So"] = "So", ["Other_Symbol"] = "So",
        ["Z"] = "Z", ["Separator"] = "Z",
        ["Zs"] = "Zs", ["Space_Separator"] = "Zs",
        ["Zl"] = "Zl", ["Line_Separator"] = "Zl",
        ["Zp"] = "Zp", ["Paragraph_Separator"] = "Zp",
        ["C"] = "C", ["Other"] = "C",
        ["Cc"] = "Cc", ["Control"] = "Cc", ["cntrl"] = "Cc",
        ["Cf"] = "Cf", ["Format"] = "Cf",
        ["Cs"] = "Cs", ["Surrogate"] = "Cs",
        ["Co"] = "Co", ["Private_Use"] = "Co",
        ["Cn"] = "Cn", ["Unassigned"] = "Cn",
    };

    /// <summary>Compiles an ECMA-262 pattern. Throws <see cref="ArgumentException"/> for invalid patterns and
    /// <see cref="NotSupportedException"/> for ECMA features .NET cannot express (script properties).</summary>
    public static Regex Create(string pattern) =>
        new(Translate(pattern), RegexOptions.CultureInvariant | RegexOptions.Compiled, Regex.InfiniteMatchTimeout);

    public static string Translate(string pattern)
    {
        var sb = new StringBuilder(pattern.Length + 16);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                i = Escape(pattern, i, inClass, sb);
                continue;
            }

            if (inClass)
            {
                if (c == ']')
                {
                    inClass = false;
                    sb.Append(c);
                }
                else if (c == '[')
                {
                    // ECMA: a literal '['. .NET would read "-[" as class subtraction.
                    sb.Append(@"\[");
                }
                else
                {
                    sb.Append(c);
                }

                continue;
            }

            switch (c)
            {
                // ECMA's "[]" matches nothing and "[^]" anything; .NET would read the ']' as a literal member.
                case '[' when pattern.AsSpan(i).StartsWith("[]"):
                    sb.Append("(?!)");
                    i++;
                    break;
                case '[' when pattern.AsSpan(i).StartsWith("[^]"):
                    sb.Append(@"[\s\S]");
                    i += 2;
                    break;
                case '[':
                    inClass = true;
                    sb.Append('[');
                    if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                    {
                        sb.Append('^');
                        i++;
                    }

                    break;
                case '.':
                    sb.Append(AnyButLineTerminator);
                    break;
                case '$':
                    sb.Append(@"\z");
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < pattern.Length && char.IsLowSurrogate(pattern[i + 1]))
                    {
                        sb.Append("(?:").Append(c).Append(pattern[i + 1]).Append(')');
                        i++;
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Translates the escape starting at <paramref name="i"/> (a backslash); returns the index of its last character.</summary>
    private static int Escape(string p, int i, bool inClass, StringBuilder sb)
    {
        var e = p[i + 1];
        switch (e)
        {
            case 'd':
                Set(sb, DigitSet, inClass);
                return i + 1;
            case 'D':
                Set(sb, NotDigitSet, inClass);
                return i + 1;
            case 'w':
                Set(sb, WordSet, inClass);
                return i + 1;
            case 'W':
                Set(sb, NotWordSet, inClass);
                return i + 1;
            case 's':
                Set(sb, SpaceSet, inClass);
                return i + 1;
            case 'S':
                Set(sb, NotSpaceSet, inClass);
                return i + 1;
            case 'b' when !inClass:
                sb.Append(WordBoundary);
                return i + 1;
            case 'B' when !inClass:
                sb.Append(NotWordBoundary);
                return i + 1;
            case 'p' or 'P':
                return Property(p, i, e == 'P', sb);
            case 'u' when i + 2 < p.Length && p[i + 2] == '{':
            {
                var close = p.IndexOf('}', i + 3);
                if (close < 0 || !int.TryParse(p.AsSpan(i + 3, close - i - 3), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var cp) || cp > 0x10FFFF)
                {
                    throw new ArgumentException($"bad \\u{{...}} escape in pattern {p}");
                }

                AppendCodePoint(sb, cp, inClass);
                return close;
            }

            case 'u' when !inClass && i + 11 < p.Length && IsHexEscape(p, i) && IsHexEscape(p, i + 6):
            {
                // An escaped surrogate pair is one character in ECMA's Unicode mode.
                var hi = Convert.ToInt32(p.Substring(i + 2, 4), 16);
                var lo = Convert.ToInt32(p.Substring(i + 8, 4), 16);
                if (char.IsHighSurrogate((char)hi) && char.IsLowSurrogate((char)lo))
                {
                    sb.Append("(?:").Append(p, i, 12).Append(')');
                    return i + 11;
                }

                sb.Append(p, i, 2);
                return i + 1;
            }

            default:
                sb.Append('\\').Append(e);
                return i + 1;
        }
    }

    private static bool IsHexEscape(string p, int i) =>
        i + 5 < p.Length && p[i] == '\\' && p[i + 1] == 'u' && p.AsSpan(i + 2, 4).ContainsAnyExcept("0123456789abcdefABCDEF") is false;

    private static void Set(StringBuilder sb, string set, bool inClass)
    {
        if (inClass)
        {
            sb.Append(set);
        }
        else
        {
            sb.Append('[').Append(set).Append(']');
        }
    }

    private static int Property(string p, int i, bool negated, StringBuilder sb)
    {
        if (i + 2 >= p.Length || p[i + 2] != '{')
        {
            throw new ArgumentException($"\\{p[i + 1]} without {{name}} in pattern {p}");
        }

        var close = p.IndexOf('}', i + 3);
        if (close < 0)
        {
            throw new ArgumentException($"unterminated \\{p[i + 1]}{{ in pattern {p}");
        }

        var name = p[(i + 3)..close];
        var eq = name.IndexOf('=', StringComparison.Ordinal);
        if (eq >= 0)
        {
            var key = name[..eq];
            if (key is not ("General_Category" or "gc"))
            {
                throw new NotSupportedException($"Unicode property {name} (only general categories such as \\p{{L}} or \\p{{Letter}} are supported)");
            }

            name = name[(eq + 1)..];
        }

        if (!Categories.TryGetValue(name, out var shortName))
        {
            throw new NotSupportedException($"Unicode property \\p{{{name}}} (only general categories such as \\p{{L}} or \\p{{Letter}} are supported)");
        }

        sb.Append('\\').Append(negated ? 'P' : 'p').Append('{').Append(shortName).Append('}');
        return close;
    }

    private static void AppendCodePoint(StringBuilder sb, int cp, bool inClass)
    {
        if (cp <= 0xFFFF)
        {
            sb.Append(@"\u").Append(cp.ToString("X4", CultureInfo.InvariantCulture));
            return;
        }

        if (inClass)
        {
            throw new NotSupportedException("characters outside the Basic Multilingual Plane inside [...] classes");
        }

        var s = char.ConvertFromUtf32(cp);
        sb.Append(@"(?:\u").Append(((int)s[0]).ToString("X4", CultureInfo.InvariantCulture))
          .Append(@"\u").Append(((int)s[1]).ToString("X4", CultureInfo.InvariantCulture)).Append(')');
    }
}
