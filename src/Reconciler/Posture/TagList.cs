namespace Reconciler.Posture;

/// <summary>
/// The "tag=value; tag=value" syntax of DKIM (RFC 6376 §3.2), also used by DMARC, MTA-STS and TLS-RPT TXT records.
/// Whitespace around names and values is dropped; names keep their case (they are case-sensitive).
/// </summary>
internal sealed class TagList
{
    private TagList(IReadOnlyList<Tag> tags, IReadOnlyList<string> problems)
    {
        Tags = tags;
        Problems = problems;
    }

    public IReadOnlyList<Tag> Tags { get; }

    /// <summary>Malformed specs and duplicate names; any of these makes the tag-list invalid.</summary>
    public IReadOnlyList<string> Problems { get; }

    public string? this[string name] => Tags.FirstOrDefault(t => t.Name == name)?.Value;

    public bool Has(string name) => Tags.Any(t => t.Name == name);

    /// <param name="text">The record text.</param>
    /// <param name="caseInsensitiveNames">Lower-case the names (DMARC's ABNF uses case-insensitive tag names;
    /// DKIM, MTA-STS and TLS-RPT names are case-sensitive).</param>
    public static TagList Parse(string text, bool caseInsensitiveNames = false)
    {
        var tags = new List<Tag>();
        var problems = new List<string>();
        foreach (var raw in text.Split(';'))
        {
            var spec = raw.Trim(' ', '\t', '\r', '\n');
            if (spec.Length == 0)
            {
                continue; // an empty spec, as in a trailing ";", carries nothing
            }

            var eq = spec.IndexOf('=');
            if (eq <= 0)
            {
                problems.Add($"'{spec}' is not name=value");
                continue;
            }

            var name = spec[..eq].TrimEnd(' ', '\t', '\r', '\n');
            if (caseInsensitiveNames)
            {
                name = name.ToLowerInvariant();
            }

            var value = spec[(eq + 1)..].Trim(' ', '\t', '\r', '\n');
            if (!IsTagName(name))
            {
                problems.Add($"'{name}' is not a valid tag name");
                continue;
            }

            if (tags.Any(t => t.Name == name))
            {
                problems.Add($"tag '{name}' appears more than once");
                continue;
            }

            tags.Add(new Tag(name, value));
        }

        return new TagList(tags, problems);
    }

    private static bool IsTagName(string name) =>
        name.Length > 0 && char.IsAsciiLetter(name[0]) &&
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    internal sealed record Tag(string Name, string Value);
}
