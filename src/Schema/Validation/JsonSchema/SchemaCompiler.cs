using System.Globalization;
using System.Text.RegularExpressions;
using Reconciler.Schema.Loading;
using Reconciler.Schema.Validation.JsonSchema.Formats;
using Reconciler.Schema.Validation.JsonSchema.Keywords;

namespace Reconciler.Schema.Validation.JsonSchema;

/// <summary>
/// Turns schema documents into a graph of <see cref="SchemaNode"/>s: every <c>$ref</c> resolved to its target,
/// every pattern compiled once. Two passes: the scan finds every <c>$id</c> and <c>$anchor</c> (so references may
/// point forwards or into other registered documents), then compilation walks from the root.
/// </summary>
internal sealed class SchemaCompiler
{
    /// <summary>Base URI of a main document that has neither a caller-given URI nor an <c>$id</c>.</summary>
    public const string DefaultBaseUri = "https://reconciler.invalid/schema.json";

    public const string MetaSchemaUri = "https://json-schema.org/draft/2020-12/schema";

    private static readonly HashSet<string> SingleSubschema = new(StringComparer.Ordinal)
    {
        "additionalProperties", "propertyNames", "items", "contains", "not", "if", "then", "else",
        "unevaluatedItems", "unevaluatedProperties", "contentSchema",
    };

    private static readonly HashSet<string> SubschemaMaps = new(StringComparer.Ordinal)
    {
        "properties", "patternProperties", "$defs", "dependentSchemas",
    };

    private static readonly HashSet<string> SubschemaLists = new(StringComparer.Ordinal) { "allOf", "anyOf", "oneOf", "prefixItems" };

    /// <summary>Accepted and ignored: identifiers handled by the scan, and annotations that assert nothing.</summary>
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "$id", "$anchor", "$dynamicAnchor", "$comment", "$vocabulary", "title", "description", "default", "examples",
        "deprecated", "readOnly", "writeOnly", "contentMediaType", "contentEncoding", "contentSchema",
    };

    private static readonly Dictionary<string, string> Unsupported = new(StringComparer.Ordinal)
    {
        ["unevaluatedProperties"] = "unevaluatedProperties is not supported; list the allowed properties with 'properties' and 'additionalProperties: false' instead",
        ["unevaluatedItems"] = "unevaluatedItems is not supported; use 'prefixItems' with 'items: false' instead",
        ["$dynamicRef"] = "$dynamicRef is not supported; use $ref",
        ["$recursiveRef"] = "$recursiveRef (draft 2019-09) is not supported; use $ref",
        ["$recursiveAnchor"] = "$recursiveAnchor (draft 2019-09) is not supported",
    };

    private readonly Dictionary<string, Node> _resources = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Resource, string Anchor), Node> _anchors = [];
    private readonly Dictionary<Node, Site> _sites = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Node, SchemaNode> _compiled = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, Regex> _regexes = new(StringComparer.Ordinal);
    private readonly List<(RefKeyword Keyword, Node Target)> _pendingRefs = [];
    private readonly List<IgnoredKeyword> _ignored = [];

    public IReadOnlyList<IgnoredKeyword> Ignored => _ignored;

    public SchemaNode Compile(Node document, Uri? baseUri, IReadOnlyDictionary<Uri, Node>? documents)
    {
        var rootBase = baseUri?.OriginalString ?? DefaultBaseUri;
        AddDocument(document, rootBase, baseUri?.OriginalString ?? "");
        foreach (var (uri, doc) in documents ?? new Dictionary<Uri, Node>())
        {
            AddDocument(doc, uri.OriginalString, uri.OriginalString);
        }

        var root = CompileSchema(document);

        // References are bound after their targets are compiled, which lets them form cycles.
        for (var i = 0; i < _pendingRefs.Count; i++)
        {
            var (keyword, target) = _pendingRefs[i];
            keyword.Target = CompileSchema(target);
        }

        CheckForEndlessLoops();
        return root;
    }

    private void AddDocument(Node document, string baseUri, string documentUri)
    {
        var (resource, _) = UriReference.SplitFragment(baseUri);
        Scan(document, resource, documentUri, "");
        _resources.TryAdd(resource, document);
    }

    // ---- pass 1: identifiers ------------------------------------------------------------------------------

    private void Scan(Node node, string baseUri, string documentUri, string pointer)
    {
        if (_sites.ContainsKey(node))
        {
            return;
        }

        if (node is not MapNode map)
        {
            // Booleans are schemas; anything else is an error that compilation reports with this location.
            _sites[node] = new Site(baseUri, documentUri, pointer);
            return;
        }

        if (map.TryGetEntry("$id", out var idEntry))
        {
            if (idEntry.Value is not StringNode id)
            {
                throw Invalid("$id", documentUri, pointer, idEntry.KeyPosition, "must be a string (a URI)");
            }

            var (resource, fragment) = UriReference.SplitFragment(UriReference.Resolve(baseUri, id.Value));
            if (!string.IsNullOrEmpty(fragment))
            {
                throw Invalid("$id", documentUri, pointer, idEntry.KeyPosition, $"'{id.Value}' has a fragment; name locations with $anchor instead");
            }

            if (_resources.TryGetValue(resource, out var existing) && !ReferenceEquals(existing, map))
            {
                throw Invalid("$id", documentUri, pointer, idEntry.KeyPosition, $"'{resource}' is already the $id of another schema");
            }

            _resources[resource] = map;
            baseUri = resource;
        }

        _sites[node] = new Site(baseUri, documentUri, pointer);
        foreach (var anchorKeyword in (ReadOnlySpan<string>)["$anchor", "$dynamicAnchor"])
        {
            if (!map.TryGetEntry(anchorKeyword, out var anchorEntry))
            {
                continue;
            }

            if (anchorEntry.Value is not StringNode anchor || !IsAnchorName(anchor.Value))
            {
                throw Invalid(anchorKeyword, documentUri, pointer, anchorEntry.KeyPosition, "must be a name: a letter or '_', then letters, digits, '-', '_' or '.'");
            }

            // Without $dynamicRef (unsupported), a $dynamicAnchor is an ordinary anchor.
            if (_anchors.TryGetValue((baseUri, anchor.Value), out var other) && !ReferenceEquals(other, map))
            {
                throw Invalid(anchorKeyword, documentUri, pointer, anchorEntry.KeyPosition, $"anchor '{anchor.Value}' is defined twice in {baseUri}");
            }

            _anchors[(baseUri, anchor.Value)] = map;
        }

        foreach (var entry in map.Entries)
        {
            var here = JsonPointer.Append(pointer, entry.Key);
            if (SingleSubschema.Contains(entry.Key))
            {
                Scan(entry.Value, baseUri, documentUri, here);
            }
            else if (SubschemaMaps.Contains(entry.Key) && entry.Value is MapNode children)
            {
                foreach (var child in children.Entries)
                {
                    Scan(child.Value, baseUri, documentUri, JsonPointer.Append(here, child.Key));
                }
            }
            else if (SubschemaLists.Contains(entry.Key) && entry.Value is ListNode list)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    Scan(list[i], baseUri, documentUri, JsonPointer.Append(here, i));
                }
            }
        }
    }

    private static bool IsAnchorName(string s) =>
        s.Length > 0 && (char.IsAsciiLetter(s[0]) || s[0] == '_') && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    // ---- pass 2: compilation ------------------------------------------------------------------------------

    private SchemaNode CompileSchema(Node node)
    {
        if (_compiled.TryGetValue(node, out var done))
        {
            return done;
        }

        var site = _sites[node];
        if (node is BooleanNode b)
        {
            var boolean = new SchemaNode(site.Location, node.Position, null);
            boolean.Seal(b.Value ? [] : [new FalseSchemaKeyword(site.Location)]);
            _compiled[node] = boolean;
            return boolean;
        }

        if (node is not MapNode map)
        {
            var keyword = JsonPointer.Parse(site.Pointer) is [.., var last] ? last : "";
            throw Invalid(keyword, site.DocumentUri, site.Pointer, node.Position, $"expected a schema (a map, true or false), got {Messages.Describe(node)}");
        }

        var title = map.TryGetValue("title", out var t) && t is StringNode ts ? ts.Value : null;
        var schema = new SchemaNode(site.Location, node.Position, title);
        _compiled[node] = schema;
        schema.Seal(CompileKeywords(map, site));
        return schema;
    }

    private List<Keyword> CompileKeywords(MapNode map, Site site)
    {
        var keywords = new List<Keyword>();
        PropertiesKeyword? properties = null;
        PatternPropertiesKeyword? patternProperties = null;

        // Keywords that others refer to come first.
        if (map.TryGetEntry("properties", out var p))
        {
            properties = new PropertiesKeyword(site.KeywordLocation("properties"), SubschemaMap(p, site).Select(x => KeyValuePair.Create(x.Name, x.Schema)));
            keywords.Add(properties);
        }

        if (map.TryGetEntry("patternProperties", out var pp))
        {
            var patterns = SubschemaMap(pp, site).Select(x => (x.Name, Pattern(x.Name, "patternProperties", pp.KeyPosition, site), x.Schema)).ToArray();
            patternProperties = new PatternPropertiesKeyword(site.KeywordLocation("patternProperties"), patterns);
            keywords.Add(patternProperties);
        }

        foreach (var entry in map.Entries)
        {
            var keyword = CompileKeyword(entry, map, site, properties, patternProperties);
            if (keyword is not null)
            {
                keywords.Add(keyword);
            }
        }

        return keywords;
    }

    private Keyword? CompileKeyword(MapEntry entry, MapNode map, Site site, PropertiesKeyword? properties, PatternPropertiesKeyword? patternProperties)
    {
        var name = entry.Key;
        var value = entry.Value;
        var location = site.KeywordLocation(name);
        switch (name)
        {
            case "properties" or "patternProperties":
                return null;
            case "$schema":
                CheckDialect(entry, site);
                return null;
            case "$defs":
                // Compiled although perhaps unused, so a broken definition is reported now, not when first used.
                _ = SubschemaMap(entry, site);
                return null;
            case "type":
                return new TypeKeyword(location, Types(entry, site));
            case "enum":
                return value is ListNode list
                    ? new EnumKeyword(location, list.Items)
                    : throw Invalid(name, site, entry, "must be a list of the allowed values");
            case "const":
                return new ConstKeyword(location, value);
            case "minimum" or "maximum" or "exclusiveMinimum" or "exclusiveMaximum":
            {
                var bound = name switch
                {
                    "minimum" => NumberBound.Minimum,
                    "maximum" => NumberBound.Maximum,
                    "exclusiveMinimum" => NumberBound.ExclusiveMinimum,
                    _ => NumberBound.ExclusiveMaximum,
                };
                return new NumberBoundKeyword(name, location, bound, Number(entry, site));
            }

            case "multipleOf":
            {
                var divisor = Number(entry, site);
                return divisor.Double > 0
                    ? new MultipleOfKeyword(location, divisor)
                    : throw Invalid(name, site, entry, "must be a number greater than 0");
            }

            case "minLength" or "maxLength":
                return new StringLengthKeyword(name, location, Count(entry, site), name == "minLength");
            case "minItems" or "maxItems":
                return new ItemCountKeyword(name, location, Count(entry, site), name == "minItems");
            case "minProperties" or "maxProperties":
                return new PropertyCountKeyword(name, location, Count(entry, site), name == "minProperties");
            case "pattern":
                return value is StringNode pattern
                    ? new PatternKeyword(location, pattern.Value, Pattern(pattern.Value, name, entry.KeyPosition, site))
                    : throw Invalid(name, site, entry, "must be a string (a regular expression)");
            case "format":
                if (value is not StringNode format)
                {
                    throw Invalid(name, site, entry, "must be a string");
                }

                if (StringFormats.TryGet(format.Value, out var checker))
                {
                    return new FormatKeyword(location, checker);
                }

                Ignore(name, location, entry, $"format '{format.Value}' is not checked (checked formats: {string.Join(", ", StringFormats.Names)})");
                return null;
            case "uniqueItems":
                return value is BooleanNode unique
                    ? (unique.Value ? new UniqueItemsKeyword(location) : null)
                    : throw Invalid(name, site, entry, "must be true or false");
            case "required":
                return new RequiredKeyword(location, Strings(entry, site));
            case "dependentRequired":
                if (value is not MapNode deps)
                {
                    throw Invalid(name, site, entry, "must be a map from property names to lists of property names");
                }

                return new DependentRequiredKeyword(location, deps.Entries.Select(d => (d.Key, Strings(d, site, name))).ToArray());
            case "dependentSchemas":
                return new DependentSchemasKeyword(location, SubschemaMap(entry, site).ToArray());
            case "additionalProperties":
                return new AdditionalPropertiesKeyword(location, Subschema(value), properties, patternProperties);
            case "propertyNames":
                return new PropertyNamesKeyword(location, Subschema(value));
            case "prefixItems":
                return new PrefixItemsKeyword(location, SubschemaList(entry, site));
            case "items":
            {
                if (value is ListNode)
                {
                    throw Invalid(name, site, entry, "a list of schemas is the draft 2019-09 form; in 2020-12 use 'prefixItems' for per-position schemas");
                }

                var start = map.TryGetValue("prefixItems", out var prefix) && prefix is ListNode prefixList ? prefixList.Count : 0;
                return new ItemsKeyword(location, Subschema(value), start);
            }

            case "contains":
            {
                var min = map.TryGetEntry("minContains", out var minEntry) ? Count(minEntry, site) : 1;
                long? max = map.TryGetEntry("maxContains", out var maxEntry) ? Count(maxEntry, site) : null;
                return new ContainsKeyword(location, Subschema(value), min, max);
            }

            case "minContains" or "maxContains":
                if (!map.ContainsKey("contains"))
                {
                    Ignore(name, location, entry, "has no effect without 'contains' beside it");
                }

                return null;
            case "allOf":
                return new AllOfKeyword(location, SubschemaList(entry, site));
            case "anyOf":
                return new AnyOfKeyword(location, SubschemaList(entry, site));
            case "oneOf":
                return new OneOfKeyword(location, SubschemaList(entry, site));
            case "not":
                return new NotKeyword(location, Subschema(value));
            case "if":
            {
                var then = map.TryGetValue("then", out var thenNode) ? Subschema(thenNode) : null;
                var otherwise = map.TryGetValue("else", out var elseNode) ? Subschema(elseNode) : null;
                return new IfThenElseKeyword(location, Subschema(value), then, otherwise);
            }

            case "then" or "else":
                if (!map.ContainsKey("if"))
                {
                    Ignore(name, location, entry, "has no effect without 'if' beside it");
                }

                return null;
            case "$ref":
                return Reference(entry, site);
        }

        if (Annotations.Contains(name))
        {
            return null;
        }

        if (Unsupported.TryGetValue(name, out var why))
        {
            throw new UnsupportedSchemaException(name, location, entry.KeyPosition, why);
        }

        // JSON Schema 2020-12 (§6.5) says unknown keywords are ignored; we follow it, and list them in
        // JsonSchema.IgnoredKeywords so a test can still catch a misspelt keyword in our own schemas.
        Ignore(name, location, entry, "unknown keyword; ignored");
        return null;
    }

    private void CheckDialect(MapEntry entry, Site site)
    {
        if (entry.Value is not StringNode dialect)
        {
            throw Invalid("$schema", site, entry, "must be a string (a URI)");
        }

        if (dialect.Value.TrimEnd('#') != MetaSchemaUri)
        {
            throw new UnsupportedSchemaException("$schema", site.KeywordLocation("$schema"), entry.KeyPosition,
                $"dialect '{dialect.Value}' is not supported; only JSON Schema 2020-12 ({MetaSchemaUri}) is");
        }
    }

    private RefKeyword Reference(MapEntry entry, Site site)
    {
        if (entry.Value is not StringNode reference)
        {
            throw Invalid("$ref", site, entry, "must be a string (a URI reference)");
        }

        var location = site.KeywordLocation("$ref");
        var target = UriReference.Resolve(site.BaseUri, reference.Value);
        var (resourceUri, fragment) = UriReference.SplitFragment(target);
        if (!_resources.TryGetValue(resourceUri, out var resource))
        {
            var why = resourceUri == MetaSchemaUri
                ? "the JSON Schema meta-schema is not bundled (it relies on $dynamicRef, which is not supported)"
                : $"'{resourceUri}' is not a known document; remote schemas are never fetched, so pass it to CompiledSchema.Compile(..., documents)";
            throw new UnsupportedSchemaException("$ref", location, entry.KeyPosition, why);
        }

        Node? node;
        if (string.IsNullOrEmpty(fragment))
        {
            node = resource;
        }
        else if (fragment.StartsWith('/'))
        {
            node = Follow(resource, JsonPointer.DecodeFragment(fragment));
        }
        else
        {
            node = _anchors.GetValueOrDefault((resourceUri, JsonPointer.DecodeFragment(fragment)));
        }

        if (node is null)
        {
            throw Invalid("$ref", site, entry, $"'{reference.Value}' points to nothing (resolved to {target})");
        }

        var keyword = new RefKeyword(location, reference.Value);
        _pendingRefs.Add((keyword, node));
        return keyword;
    }

    /// <summary>Walks a JSON pointer from a resource; nodes outside known schema positions are scanned on arrival.</summary>
    private Node? Follow(Node resource, string pointer)
    {
        var tokens = JsonPointer.Parse(pointer);
        if (tokens is null)
        {
            return null;
        }

        var current = resource;
        var site = _sites[resource];
        var path = site.Pointer;
        foreach (var token in tokens)
        {
            Node? next = current switch
            {
                MapNode m => m.TryGetValue(token, out var v) ? v : null,
                ListNode l when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < l.Count && (token == "0" || token[0] != '0') => l[i],
                _ => null,
            };
            if (next is null)
            {
                return null;
            }

            current = next;
            path = JsonPointer.Append(path, token);
            if (_sites.TryGetValue(current, out var known))
            {
                site = known;
                path = known.Pointer;
            }
        }

        Scan(current, site.BaseUri, site.DocumentUri, path);
        return current;
    }

    private SchemaNode Subschema(Node node)
    {
        if (!_sites.ContainsKey(node))
        {
            throw new InvalidOperationException("subschema was not scanned");
        }

        return CompileSchema(node);
    }

    private IEnumerable<(string Name, SchemaNode Schema)> SubschemaMap(MapEntry entry, Site site)
    {
        if (entry.Value is not MapNode map)
        {
            throw Invalid(entry.Key, site, entry, "must be a map of names to schemas");
        }

        return map.Entries.Select(e => (e.Key, Subschema(e.Value))).ToList();
    }

    private SchemaNode[] SubschemaList(MapEntry entry, Site site)
    {
        if (entry.Value is not ListNode { Count: > 0 } list)
        {
            throw Invalid(entry.Key, site, entry, "must be a non-empty list of schemas");
        }

        return list.Items.Select(Subschema).ToArray();
    }

    private Regex Pattern(string pattern, string keyword, SourcePosition position, Site site)
    {
        if (_regexes.TryGetValue(pattern, out var cached))
        {
            return cached;
        }

        try
        {
            var regex = EcmaRegex.Create(pattern);
            _regexes[pattern] = regex;
            return regex;
        }
        catch (NotSupportedException e)
        {
            throw new UnsupportedSchemaException(keyword, site.KeywordLocation(keyword), position, $"pattern {pattern} uses {e.Message}, which is not supported");
        }
        catch (ArgumentException e)
        {
            throw new InvalidSchemaException(keyword, site.KeywordLocation(keyword), position, $"{pattern} is not a valid regular expression: {e.Message}", e);
        }
    }

    private static JsonTypes Types(MapEntry entry, Site site)
    {
        var names = entry.Value switch
        {
            StringNode s => [s],
            ListNode l when l.Items.All(i => i is StringNode) => l.Items.Cast<StringNode>().ToList(),
            _ => null,
        };
        var types = JsonTypes.None;
        foreach (var n in names ?? [])
        {
            var t = TypeKeyword.Parse(n.Value);
            if (t == JsonTypes.None)
            {
                throw Invalid("type", site, entry, $"'{n.Value}' is not a type; use object, array, string, number, integer, boolean or null");
            }

            types |= t;
        }

        return names is null ? throw Invalid("type", site, entry, "must be a type name or a list of type names") : types;
    }

    private static NumberNode Number(MapEntry entry, Site site) =>
        entry.Value as NumberNode ?? throw Invalid(entry.Key, site, entry, "must be a number");

    private static long Count(MapEntry entry, Site site) =>
        entry.Value is NumberNode { IsInteger: true } n && n.Double >= 0
            ? (n.TryGetInt64(out var v) ? v : long.MaxValue)
            : throw Invalid(entry.Key, site, entry, "must be a non-negative integer");

    private static string[] Strings(MapEntry entry, Site site, string? keyword = null)
    {
        if (entry.Value is ListNode list && list.Items.All(i => i is StringNode))
        {
            return list.Items.Cast<StringNode>().Select(s => s.Value).ToArray();
        }

        throw Invalid(keyword ?? entry.Key, site, entry, "must be a list of property names");
    }

    private void Ignore(string keyword, string location, MapEntry entry, string reason) =>
        _ignored.Add(new IgnoredKeyword(keyword, location, entry.KeyPosition, reason));

    private static InvalidSchemaException Invalid(string keyword, Site site, MapEntry entry, string reason) =>
        new(keyword, site.KeywordLocation(keyword), entry.KeyPosition, reason);

    private static InvalidSchemaException Invalid(string keyword, string documentUri, string pointer, SourcePosition position, string reason) =>
        new(keyword, documentUri + "#" + JsonPointer.Append(pointer, keyword), position, reason);

    // ---- endless loops ------------------------------------------------------------------------------------

    /// <summary>
    /// A cycle of references that never moves into a child value ({"$ref": "#"} at the root, or two definitions
    /// referring to each other through allOf) would recurse forever on any instance; reject it up front.
    /// </summary>
    private void CheckForEndlessLoops()
    {
        var state = new Dictionary<SchemaNode, int>(ReferenceEqualityComparer.Instance);
        var stack = new List<SchemaNode>();
        foreach (var schema in _compiled.Values)
        {
            Visit(schema);
        }

        void Visit(SchemaNode schema)
        {
            var s = state.GetValueOrDefault(schema);
            if (s == 2)
            {
                return;
            }

            if (s == 1)
            {
                var cycle = stack.Skip(stack.IndexOf(schema)).Append(schema).Select(n => n.Location);
                var refKeyword = schema.Keywords.OfType<RefKeyword>().FirstOrDefault();
                throw new InvalidSchemaException(refKeyword?.Name ?? "$ref", refKeyword?.SchemaLocation ?? schema.Location, schema.Position,
                    $"references loop without ever moving into a nested value, so validation would never end: {string.Join(" -> ", cycle)}");
            }

            state[schema] = 1;
            stack.Add(schema);
            foreach (var keyword in schema.Keywords)
            {
                foreach (var next in keyword.InPlaceSubschemas)
                {
                    Visit(next);
                }
            }

            stack.RemoveAt(stack.Count - 1);
            state[schema] = 2;
        }
    }

    /// <summary>Where a schema node sits: its base URI for resolving references, and its document location.</summary>
    private sealed record Site(string BaseUri, string DocumentUri, string Pointer)
    {
        public string Location => DocumentUri + "#" + Pointer;

        public string KeywordLocation(string keyword) => DocumentUri + "#" + JsonPointer.Append(Pointer, keyword);
    }
}
