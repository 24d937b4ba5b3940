using System.Globalization;
using System.Text;
using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema;

/// <summary>Wording shared by the keywords. Users edit YAML, so objects are "maps" and arrays are "lists".</summary>
internal static class Messages
{
    private const int MaxShown = 60;

    /// <summary>"string \"300s\"", "number 12", "a map" ... for "got ..." clauses.</summary>
    public static string Describe(Node node) => node switch
    {
        StringNode s => "string " + Quote(s.Value),
        NumberNode n => "number " + n.ToJsonText(),
        BooleanNode b => b.Value ? "true" : "false",
        NullNode => "null (an empty value)",
        MapNode => "a map",
        ListNode => "a list",
        _ => node.Kind.ToString(),
    };

    /// <summary>A value as it would be written: simple strings bare, anything else as (shortened) JSON.</summary>
    public static string Literal(Node node)
    {
        if (node is StringNode s && IsBare(s.Value))
        {
            return s.Value;
        }

        return Shorten(NodeJson.Write(node));
    }

    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        var shown = 0;
        foreach (var c in value)
        {
            if (shown++ == MaxShown)
            {
                sb.Append('…');
                break;
            }

            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                default:
                    if (char.IsControl(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    public static string Count(long n, string singular, string? plural = null) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? singular : plural ?? singular + "s");

    /// <summary>"a", "a or b", "a, b or c".</summary>
    public static string Or(IReadOnlyList<string> items) => Join(items, "or");

    public static string Join(IReadOnlyList<string> items, string conjunction) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " " + conjunction + " " + items[^1],
    };

    public static string DidYouMean(string? suggestion) => suggestion is null ? "" : $" (did you mean '{suggestion}'?)";

    private static bool IsBare(string s)
    {
        if (s.Length == 0 || s.Length > MaxShown || s is "true" or "false" or "null" || char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[^1]))
        {
            return false;
        }

        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (c is ',' or '"' or '\'' || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string Shorten(string text) => text.Length <= MaxShown ? text : text[..MaxShown] + "…";
}
