using System.Reflection;
using Reconciler.Schema.Loading;
using Reconciler.Schema.Validation.JsonSchema;
using Reconciler.Schema.Validation.Rules;

namespace Reconciler.Schema.Validation;

/// <summary>
/// The embedded manifest.schema.json, compiled once per file kind, with schema errors turned into diagnostics
/// that carry a stable code per kind of mistake.
/// </summary>
public sealed class ManifestSchema
{
    public const string ResourceName = "manifest.schema.json";

    private readonly Dictionary<SchemaPart, CompiledSchema> _compiled;

    public ManifestSchema(Node document)
    {
        Document = document;
        _compiled = new Dictionary<SchemaPart, CompiledSchema>
        {
            [SchemaPart.Domain] = Compile(document, "domain"),
            [SchemaPart.Template] = Compile(document, "template"),
            [SchemaPart.Config] = Compile(document, "config"),
        };
    }

    public Node Document { get; }

    /// <summary>The schema's text as shipped (for `reconciler schema` and editors).</summary>
    public static string Text()
    {
        using var stream = typeof(ManifestSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("manifest.schema.json is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static ManifestSchema LoadEmbedded() => new(NodeJson.Parse(Text(), ResourceName));

    public IReadOnlyList<Diagnostic> Validate(Node document, SchemaPart part)
    {
        var errors = _compiled[part].Validate(document);
        if (errors.Count == 0)
        {
            return [];
        }

        var result = new List<Diagnostic>(errors.Count);
        foreach (var e in errors)
        {
            var rule = e.Keyword switch
            {
                "type" => RuleCatalog.SchemaType,
                "required" or "dependentRequired" => RuleCatalog.SchemaRequired,
                "additionalProperties" or "propertyNames" or "unevaluatedProperties" => RuleCatalog.SchemaUnknownProperty,
                "enum" or "const" => RuleCatalog.SchemaValue,
                "pattern" or "format" => RuleCatalog.SchemaFormat,
                "minimum" or "maximum" or "exclusiveMinimum" or "exclusiveMaximum" or "multipleOf" or "minLength" or "maxLength"
                    or "minItems" or "maxItems" or "minProperties" or "maxProperties" or "uniqueItems" => RuleCatalog.SchemaRange,
                _ => RuleCatalog.SchemaOther,
            };
            var where = e.InstanceLocation.Length == 0 ? "" : $"{Readable(e.InstanceLocation)}: ";
            result.Add(rule.At(e.Position, where + e.Message) with { Hint = null });
        }

        return result;
    }

    /// <summary>/mail/mailboxes/2/local → mail.mailboxes[2].local, the way people read YAML paths.</summary>
    public static string Readable(string pointer)
    {
        var parts = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var sb = new System.Text.StringBuilder();
        foreach (var raw in parts)
        {
            var p = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (p.All(char.IsAsciiDigit))
            {
                sb.Append('[').Append(p).Append(']');
            }
            else
            {
                if (sb.Length > 0)
                {
                    sb.Append('.');
                }

                sb.Append(p);
            }
        }

        return sb.ToString();
    }

    private static CompiledSchema Compile(Node document, string definition)
    {
        // Same document with the root pointing at one definition, so local $refs resolve unchanged.
        var root = (MapNode)document;
        var entries = root.Entries
            .Where(e => e.Key is "$schema" or "$id" or "$defs")
            .Append(new MapEntry("$ref", SourcePosition.None, new StringNode("#/$defs/" + definition, SourcePosition.None)))
            .ToList();
        return CompiledSchema.Compile(new MapNode(entries, root.Position));
    }
}
