using System.Text.Json;

namespace Reconciler.Tests.Shared.GitHub;

/// <summary>
/// A documented path such as <c>/repos/{owner}/{repo}/commits/{ref}/statuses</c>. A parameter takes one segment,
/// except those marked <c>x-multi-segment</c> (refs and SHAs such as <c>heads/feature/x</c>), which take one or more.
/// </summary>
internal sealed class PathTemplate
{
    private readonly Segment[] _segments;

    private PathTemplate(string text, Segment[] segments)
    {
        Text = text;
        _segments = segments;
    }

    public string Text { get; }

    public static PathTemplate Parse(string text, JsonElement pathItem)
    {
        var multi = new HashSet<string>(StringComparer.Ordinal);
        foreach (var method in pathItem.EnumerateObject())
        {
            if (method.Value.ValueKind == JsonValueKind.Object && method.Value.TryGetProperty("parameters", out var ps))
            {
                foreach (var p in ps.EnumerateArray())
                {
                    if (p.TryGetProperty("x-multi-segment", out var m) && m.ValueKind == JsonValueKind.True)
                    {
                        multi.Add(p.GetProperty("name").GetString()!);
                    }
                }
            }
        }

        var segments = text.Trim('/').Split('/')
            .Select(s => s.StartsWith('{') && s.EndsWith('}')
                ? new Segment(null, s[1..^1], multi.Contains(s[1..^1]))
                : new Segment(s, null, false))
            .ToArray();
        return new PathTemplate(text, segments);
    }

    /// <summary>Matches raw (still percent-encoded) segments; values are decoded. The score orders candidates:
    /// a literal segment ranks above a parameter at the same position.</summary>
    public bool TryMatch(string[] raw, out IReadOnlyDictionary<string, string> values, out string score)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var scoreChars = new char[_segments.Length];
        values = found;
        score = "";
        if (!Match(0, 0, raw, found, scoreChars))
        {
            return false;
        }

        score = new string(scoreChars);
        return true;
    }

    public override string ToString() => Text;

    private bool Match(int si, int ri, string[] raw, Dictionary<string, string> found, char[] score)
    {
        if (si == _segments.Length)
        {
            return ri == raw.Length;
        }

        if (ri >= raw.Length)
        {
            return false;
        }

        var s = _segments[si];
        if (s.Literal is not null)
        {
            score[si] = '1';
            return string.Equals(s.Literal, raw[ri], StringComparison.Ordinal) && Match(si + 1, ri + 1, raw, found, score);
        }

        score[si] = '0';
        var maxTake = s.MultiSegment ? raw.Length - ri - (_segments.Length - si - 1) : 1;
        for (var take = maxTake; take >= 1; take--)
        {
            var parts = raw[ri..(ri + take)];
            if (parts.Any(p => p.Length == 0))
            {
                continue;
            }

            found[s.Parameter!] = string.Join('/', parts.Select(Uri.UnescapeDataString));
            if (Match(si + 1, ri + take, raw, found, score))
            {
                return true;
            }
        }

        found.Remove(s.Parameter!);
        return false;
    }

    private sealed record Segment(string? Literal, string? Parameter, bool MultiSegment);
}
