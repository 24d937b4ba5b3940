using Reconciler.Schema.Validation;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Reconciler.Schema.Loading;

/// <summary>
/// Reads one YAML file into a <see cref="Node"/> tree that keeps the line and column of every value. Stricter than
/// YAML itself where laxness hides mistakes: duplicate keys, several documents in one file, tab indentation and
/// unknown tags are errors. Scalars resolve by the YAML 1.2 core schema, so <c>no</c> stays a string and dates stay
/// strings (the schema checks their format).
/// </summary>
public static class YamlLoader
{
    private const string TagPrefix = YamlScalars.TagPrefix;

    /// <summary>
    /// Most manifests are in <see cref="FastYamlReader"/>'s subset and are read by it (a fraction of YamlDotNet's
    /// cost, which dominated validating large portfolios); the rest, including every file with a problem to report,
    /// go through <see cref="LoadWithYamlDotNet"/>.
    /// </summary>
    public static YamlLoadResult Load(string text, string file) =>
        FastYamlReader.TryRead(text, file) is { } document
            ? new YamlLoadResult(document, [])
            : LoadWithYamlDotNet(text, file);

    /// <summary>
    /// The full YAML reader: every construct, and every diagnostic. <see cref="Load"/> uses it for whatever the fast
    /// reader declines, so this path is the one definition of what a manifest file means.
    /// </summary>
    internal static YamlLoadResult LoadWithYamlDotNet(string text, string file)
    {
        var diagnostics = new List<Diagnostic>();
        FindTabIndentation(text, file, diagnostics);
        if (diagnostics.Count > 0)
        {
            return new YamlLoadResult(null, diagnostics);
        }

        Parser? parser = null;
        try
        {
            parser = new Parser(new StringReader(text));
            var reader = new Reader(parser, file, diagnostics);
            var document = reader.ReadStream();
            return new YamlLoadResult(diagnostics.Any(d => d.IsError) ? null : document, diagnostics);
        }
        catch (YamlException e)
        {
            diagnostics.Add(Diagnostic.Error(
                new SourcePosition(file, (int)e.Start.Line, (int)e.Start.Column),
                "YAML001",
                "YAML syntax error: " + CleanMessage(e),
                "check indentation and quoting around this position"));
            return new YamlLoadResult(null, diagnostics);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, not a YamlException, on some broken flow collections (a '[' or '{'
            // whose items continue on a less indented line); it is still the user's syntax error, not a crash.
            var at = parser?.Current?.Start ?? Mark.Empty;
            diagnostics.Add(Diagnostic.Error(
                new SourcePosition(file, Math.Max(1, (int)at.Line), Math.Max(1, (int)at.Column)),
                "YAML001",
                "YAML syntax error: a flow collection ('[' or '{') is not closed where its indentation requires",
                "check indentation and quoting around this position"));
            return new YamlLoadResult(null, diagnostics);
        }
    }

    private static string CleanMessage(YamlException e)
    {
        var message = e.InnerException?.Message ?? e.Message;
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 40) - (Line: ...): " which duplicates our position.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return (cut >= 0 ? message[(cut + 3)..] : message).TrimEnd('.');
    }

    private static void FindTabIndentation(string text, string file, List<Diagnostic> diagnostics)
    {
        var line = 1;
        var atLineStart = true;
        var column = 1;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                line++;
                column = 1;
                atLineStart = true;
                continue;
            }

            if (atLineStart && c == '\t')
            {
                diagnostics.Add(Diagnostic.Error(
                    new SourcePosition(file, line, column),
                    "YAML004",
                    "tab character in indentation; YAML indents with spaces only",
                    "replace the tab with spaces"));
                return;
            }

            if (c != ' ')
            {
                atLineStart = false;
            }

            column++;
        }
    }

    private sealed class Reader(IParser parser, string file, List<Diagnostic> diagnostics)
    {
        private readonly Dictionary<string, Node> _anchors = new(StringComparer.Ordinal);

        public Node? ReadStream()
        {
            parser.Consume<StreamStart>();
            Node? document = null;
            var documents = 0;
            while (parser.TryConsume<DocumentStart>(out var start))
            {
                documents++;
                if (documents == 2)
                {
                    diagnostics.Add(Diagnostic.Error(
                        At(start.Start),
                        "YAML003",
                        "a second YAML document ('---') in one file; each file holds one manifest",
                        "move the second document into its own file"));
                }

                var node = ReadNode();
                parser.Consume<DocumentEnd>();
                document ??= node;
            }

            parser.Consume<StreamEnd>();
            return document ?? new NullNode(new SourcePosition(file, 1, 1));
        }

        private SourcePosition At(Mark mark) => new(file, (int)mark.Line, (int)mark.Column);

        private Node ReadNode()
        {
            var current = parser.Current ?? throw new YamlException("unexpected end of input");
            switch (current)
            {
                case AnchorAlias alias:
                    parser.MoveNext();
                    if (_anchors.TryGetValue(alias.Value.Value, out var target))
                    {
                        return target;
                    }

                    diagnostics.Add(Diagnostic.Error(At(alias.Start), "YAML006", $"alias '*{alias.Value}' refers to no anchor defined before it", $"define '&{alias.Value}' earlier in the file"));
                    return new NullNode(At(alias.Start));
                case Scalar scalar:
                    parser.MoveNext();
                    return Remember(scalar.Anchor, ReadScalar(scalar));
                case SequenceStart seq:
                {
                    parser.MoveNext();
                    CheckTag(seq.Tag, "seq", seq.Start);
                    var items = new List<Node>();
                    while (!parser.TryConsume<SequenceEnd>(out _))
                    {
                        items.Add(ReadNode());
                    }

                    return Remember(seq.Anchor, new ListNode(items, At(seq.Start)));
                }

                case MappingStart map:
                {
                    parser.MoveNext();
                    CheckTag(map.Tag, "map", map.Start);
                    return Remember(map.Anchor, ReadMapping(map));
                }

                default:
                    throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}");
            }
        }

        private Node ReadMapping(MappingStart map)
        {
            var entries = new List<MapEntry>();
            var seen = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
            var merged = new List<MapEntry>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyEvent = parser.Current!;
                var keyNode = ReadNode();
                var keyPosition = At(keyEvent.Start);
                var value = ReadNode();
                if (keyEvent is Scalar { Style: ScalarStyle.Plain, Value: "<<" })
                {
                    CollectMerge(value, keyPosition, merged);
                    continue;
                }

                if (keyNode is MapNode or ListNode)
                {
                    diagnostics.Add(Diagnostic.Error(keyPosition, "YAML001", "a map or list used as a key; keys must be plain text"));
                    continue;
                }

                var key = YamlScalars.KeyText(keyNode);
                if (seen.TryGetValue(key, out var first))
                {
                    diagnostics.Add(Diagnostic.Error(
                        keyPosition,
                        "YAML002",
                        $"duplicate key '{key}' (first at line {first.Line}); the second would silently replace the first",
                        "remove one of them or merge their contents"));
                    continue;
                }

                seen.Add(key, keyPosition);
                entries.Add(new MapEntry(key, keyPosition, value));
            }

            // Merge keys (`<<: *base`) give defaults: keys written in this map win.
            foreach (var m in merged)
            {
                if (seen.TryAdd(m.Key, m.KeyPosition))
                {
                    entries.Add(m);
                }
            }

            return new MapNode(entries, At(map.Start));
        }

        private void CollectMerge(Node value, SourcePosition position, List<MapEntry> merged)
        {
            var sources = value switch
            {
                MapNode m => [m],
                ListNode l when l.Items.All(i => i is MapNode) => l.Items.Cast<MapNode>().ToList(),
                _ => null,
            };
            if (sources is null)
            {
                diagnostics.Add(Diagnostic.Error(position, "YAML001", "'<<' merges maps only: give an alias to a map or a list of them"));
                return;
            }

            foreach (var source in sources)
            {
                foreach (var e in source.Entries)
                {
                    if (!merged.Any(x => x.Key == e.Key))
                    {
                        merged.Add(e);
                    }
                }
            }
        }

        private Node Remember(AnchorName anchor, Node node)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = node;
            }

            return node;
        }

        private void CheckTag(TagName tag, string expected, Mark start)
        {
            if (!tag.IsEmpty && !tag.IsNonSpecific && tag.Value != TagPrefix + expected)
            {
                UnknownTag(tag, start);
            }
        }

        private void UnknownTag(TagName tag, Mark start) =>
            diagnostics.Add(Diagnostic.Error(
                At(start),
                "YAML005",
                $"unknown YAML tag '{tag.Value}'; manifests use plain YAML",
                "remove the tag"));

        private Node ReadScalar(Scalar scalar)
        {
            var position = At(scalar.Start);
            var value = scalar.Value;
            if (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific)
            {
                switch (scalar.Tag.Value)
                {
                    case TagPrefix + "str":
                        return new StringNode(value, position);
                    case TagPrefix + "null":
                        return new NullNode(position);
                    case TagPrefix + "bool" when YamlScalars.TryBool(value, out var b):
                        return new BooleanNode(b, position);
                    case TagPrefix + "int" or TagPrefix + "float" when YamlScalars.TryNumber(value, position) is { } n:
                        return n;
                    default:
                        UnknownTag(scalar.Tag, scalar.Start);
                        return new StringNode(value, position);
                }
            }

            return YamlScalars.Resolve(value, scalar.Style == ScalarStyle.Plain && !scalar.Tag.IsNonSpecific, position);
        }
    }
}
