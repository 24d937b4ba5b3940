using Reconciler.Schema.Validation;

namespace Reconciler.Schema.Loading;

/// <summary>
/// Merges templates (<c>use:</c>) under a domain manifest. Maps merge deeply; lists of keyed items (records by name
/// and type, mailboxes and aliases by local part, …) merge item by item; any other value, including a list of plain
/// values, is replaced by the later one. The domain wins over its templates, later templates over earlier ones.
/// Merged nodes keep the position they were written at, so errors point into the template that said it.
/// </summary>
public sealed class TemplateMerger
{
    private static readonly Dictionary<string, string[]> ListKeys = new(StringComparer.Ordinal)
    {
        ["dns.records"] = ["name", "type"],
        ["mail.mx"] = ["host"],
        ["mail.dkim"] = ["selector"],
        ["mail.mailboxes"] = ["local"],
        ["mail.aliases"] = ["local"],
        ["mail.forwards"] = ["from", "to"],
        ["mail.admins"] = ["who", "role"],
    };

    private readonly IReadOnlyDictionary<string, TemplateSource> _templates;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, MapNode> _resolved = new(StringComparer.Ordinal);

    public TemplateMerger(IReadOnlyDictionary<string, TemplateSource> templates) => _templates = templates;

    /// <summary>A template as loaded: its name (file name without .yaml) and document.</summary>
    public sealed record TemplateSource(string Name, MapNode Document);

    /// <summary>
    /// The document with all its templates merged under it; problems go to <paramref name="diagnostics"/>. Safe to
    /// call from several threads: resolved templates are cached, and a template resolved twice at once yields the
    /// same result both times.
    /// </summary>
    public MapNode Merge(MapNode document, string domain, List<Diagnostic> diagnostics) =>
        MergeUses(document, domain, [], diagnostics);

    private MapNode MergeUses(MapNode document, string domain, List<string> chain, List<Diagnostic> diagnostics)
    {
        if (document["use"] is not ListNode uses || uses.Count == 0)
        {
            return document;
        }

        MapNode? merged = null;
        foreach (var use in uses.Items)
        {
            if (use is not StringNode { Value: var name })
            {
                continue; // the schema reports it
            }

            var template = Resolve(name, use.Position, domain, chain, diagnostics);
            if (template is not null)
            {
                merged = merged is null ? template : MergeMaps(merged, template, "", domain);
            }
        }

        return merged is null ? document : MergeMaps(merged, document, "", domain);
    }

    private MapNode? Resolve(string name, SourcePosition usedAt, string domain, List<string> chain, List<Diagnostic> diagnostics)
    {
        if (chain.Contains(name, StringComparer.Ordinal))
        {
            var cycle = string.Join(" → ", chain.SkipWhile(c => c != name).Append(name));
            diagnostics.Add(Diagnostic.Error(usedAt, "TPL002", $"template cycle: {cycle}", "remove one of the 'use:' entries that close the loop"));
            return null;
        }

        if (_resolved.TryGetValue(name, out var done))
        {
            return done;
        }

        if (!_templates.TryGetValue(name, out var source))
        {
            var via = chain.Count == 0 ? "" : $" (via {string.Join(" → ", chain)})";
            var known = _templates.Count == 0 ? "there are no templates" : "known: " + string.Join(", ", _templates.Keys.Order(StringComparer.Ordinal));
            diagnostics.Add(Diagnostic.Error(usedAt, "TPL001", $"template '{name}' not found{via}; {known}", $"create templates/{name}.yaml or fix the name"));
            return null;
        }

        chain.Add(name);
        var resolved = MergeUses(source.Document, domain, chain, diagnostics);
        chain.RemoveAt(chain.Count - 1);
        // Cached across domains: a template's own merge only depends on the domain through record names written as
        // absolute names, which a template shared by many domains has no reason to use. Problems report once, too.
        return _resolved.GetOrAdd(name, resolved);
    }

    private static MapNode MergeMaps(MapNode lower, MapNode upper, string path, string domain)
    {
        var entries = new List<MapEntry>(lower.Count + upper.Count);
        foreach (var e in lower.Entries)
        {
            // `use` is resolved already, and a template's `description` describes the template, not the domain.
            if (path.Length == 0 && e.Key is "use" or "description")
            {
                continue;
            }

            entries.Add(upper.TryGetEntry(e.Key, out var over)
                ? over with { Value = MergeValues(e.Value, over.Value, Join(path, e.Key), domain) }
                : e);
        }

        foreach (var e in upper.Entries)
        {
            if (!lower.ContainsKey(e.Key))
            {
                entries.Add(e);
            }
        }

        return new MapNode(entries, upper.Position);
    }

    private static Node MergeValues(Node lower, Node upper, string path, string domain)
    {
        if (lower is MapNode a && upper is MapNode b)
        {
            return MergeMaps(a, b, path, domain);
        }

        if (lower is ListNode x && upper is ListNode y && ListKeys.TryGetValue(path, out var keys))
        {
            return MergeKeyedLists(x, y, keys, path, domain);
        }

        return upper;
    }

    private static ListNode MergeKeyedLists(ListNode lower, ListNode upper, string[] keys, string path, string domain)
    {
        var items = new List<Node>(lower.Items);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (KeyOf(items[i], keys, domain) is { } k)
            {
                index.TryAdd(k, i);
            }
        }

        foreach (var item in upper.Items)
        {
            if (KeyOf(item, keys, domain) is { } k && index.TryGetValue(k, out var i))
            {
                items[i] = items[i] is MapNode m && item is MapNode n ? MergeMaps(m, n, path + "[]", domain) : item;
            }
            else
            {
                items.Add(item);
            }
        }

        return new ListNode(items, upper.Position);
    }

    private static string? KeyOf(Node item, string[] keys, string domain)
    {
        if (item is not MapNode map)
        {
            return null;
        }

        var parts = new string[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            if (map[keys[i]] is not StringNode { Value: var v })
            {
                return null;
            }

            parts[i] = keys[i] == "name" ? RelativeName(v, domain) : v.ToLowerInvariant();
        }

        return string.Join('\u0000', parts);
    }

    /// <summary>Record names compare the way DNS does: case-insensitive, and `@`, the domain and `domain.` are one name.</summary>
    internal static string RelativeName(string name, string domain)
    {
        var n = name.ToLowerInvariant();
        if (n.EndsWith('.'))
        {
            n = n[..^1];
            if (n == domain)
            {
                return "@";
            }

            return n.EndsWith("." + domain, StringComparison.Ordinal) ? n[..^(domain.Length + 1)] : n + ".";
        }

        return n;
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;
}
