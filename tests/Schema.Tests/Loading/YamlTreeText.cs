using System.Globalization;
using System.Text;
using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Tests.Loading;

/// <summary>
/// A load result as text: every node's kind, exact value and line:col, every key's position, every diagnostic.
/// Two results that print the same are the same to everything downstream; a mismatch prints as a readable diff.
/// </summary>
internal static class YamlTreeText
{
    public static string Of(YamlLoadResult result)
    {
        var sb = new StringBuilder();
        Write(sb, result.Document);
        foreach (var d in result.Diagnostics)
        {
            sb.Append('\n').Append(d).Append(" | ").Append(d.Hint);
        }

        return sb.ToString();
    }

    public static string Of(Node? node)
    {
        var sb = new StringBuilder();
        Write(sb, node);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, Node? node)
    {
        if (node is null)
        {
            sb.Append("<none>");
            return;
        }

        switch (node)
        {
            case MapNode m:
                sb.Append('{');
                foreach (var e in m.Entries)
                {
                    sb.Append(Quote(e.Key)).Append('@').Append(At(e.KeyPosition)).Append(": ");
                    Write(sb, e.Value);
                    sb.Append(", ");
                }

                sb.Append('}');
                break;
            case ListNode l:
                sb.Append('[');
                foreach (var i in l.Items)
                {
                    Write(sb, i);
                    sb.Append(", ");
                }

                sb.Append(']');
                break;
            case StringNode s:
                sb.Append(Quote(s.Value));
                break;
            case NumberNode n:
                // Both representations: a decimal 1 and a double 1 must not pass for each other.
                sb.Append("num(").Append(n.Decimal?.ToString(CultureInfo.InvariantCulture) ?? "-")
                    .Append('|').Append(n.Double.ToString("R", CultureInfo.InvariantCulture)).Append(')');
                break;
            case BooleanNode b:
                sb.Append(b.Value ? "true" : "false");
                break;
            case NullNode:
                sb.Append("null");
                break;
            default:
                sb.Append(node.GetType().Name);
                break;
        }

        sb.Append('@').Append(At(node.Position));
    }

    private static string At(SourcePosition p) => $"{p.File}:{p.Line}:{p.Column}";

    private static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s);
}
